/**
 * The edge to the Office runtime: turning thrown errors into Excel error values, and the display
 * language. `CustomFunctions` and `Office` are globals only inside Office, so every access goes
 * through a guard and falls back to a local stand-in (Node tests, the standalone page).
 */
import { CoordError } from "../../engine/errors";
import { isExcelErrorObject } from "./cells";

/** The parts of the CustomFunctions global this layer uses. */
export interface CustomFunctionsApi {
  Error: new (code: CustomFunctions.ErrorCode, message?: string) => CustomFunctions.Error;
  ErrorCode: { invalidValue: CustomFunctions.ErrorCode; notAvailable: CustomFunctions.ErrorCode };
}

/** Stand-in for CustomFunctions.Error outside Excel: same shape, { code, message }. */
export class ExcelErrorStandIn {
  constructor(
    public code: CustomFunctions.ErrorCode,
    public message?: string,
  ) {}
}

const LOCAL_CODES = {
  invalidValue: "#VALUE!" as CustomFunctions.ErrorCode,
  notAvailable: "#N/A" as CustomFunctions.ErrorCode,
};

/** The CustomFunctions global when Excel provides it, else the local stand-in. */
export function getCustomFunctionsApi(): CustomFunctionsApi {
  try {
    const cf = (globalThis as { CustomFunctions?: Partial<typeof CustomFunctions> }).CustomFunctions;
    if (cf && typeof cf.Error === "function") {
      return {
        Error: cf.Error as CustomFunctionsApi["Error"],
        ErrorCode: {
          invalidValue: cf.ErrorCode?.invalidValue ?? LOCAL_CODES.invalidValue,
          notAvailable: cf.ErrorCode?.notAvailable ?? LOCAL_CODES.notAvailable,
        },
      };
    }
  } catch {
    // a hostile or half-initialised global: use the stand-in
  }
  return { Error: ExcelErrorStandIn as CustomFunctionsApi["Error"], ErrorCode: LOCAL_CODES };
}

function isCoordError(err: unknown): err is CoordError {
  if (err instanceof CoordError) return true;
  // a CoordError from another copy of the module (two bundles): recognise it by shape
  const e = err as { name?: unknown; code?: unknown; message?: unknown } | null;
  return typeof e === "object" && e !== null && e.name === "CoordError" && typeof e.code === "string" && typeof e.message === "string";
}

function messageOf(err: unknown): string {
  try {
    if (err instanceof Error) return err.message || err.name;
    return String(err);
  } catch {
    return "unknown error";
  }
}

/**
 * The Excel error value for anything thrown: a CoordError -> #VALUE! with its message, except
 * ALL_ZERO and UNDEFINED (a result that does not exist for this input) -> #N/A; an Excel error
 * object thrown on purpose -> itself; anything else -> #VALUE! "internal error: ...".
 * Never throws.
 */
export function toExcelError(err: unknown): CustomFunctions.Error {
  const api = getCustomFunctionsApi();
  if (isExcelErrorObject(err)) return err as CustomFunctions.Error;
  if (isCoordError(err)) {
    const code = err.code === "ALL_ZERO" || err.code === "UNDEFINED" ? api.ErrorCode.notAvailable : api.ErrorCode.invalidValue;
    return new api.Error(code, err.message);
  }
  return new api.Error(api.ErrorCode.invalidValue, `internal error: ${messageOf(err)}`);
}

/**
 * Wrap a custom function body: whatever it throws (or its promise rejects with) comes back as an
 * Excel error value instead of escaping. Custom functions may return or throw such a value.
 *
 * @example
 * import { readMatrix } from "./read";
 * const rows = excelFunction(async (data: unknown) => readMatrix(data, "data").values.length);
 * await rows([["GDP"], [1.5], [2.5]]); // => 2
 */
export function excelFunction<A extends unknown[], R>(fn: (...args: A) => Promise<R>): (...args: A) => Promise<R | CustomFunctions.Error>;
export function excelFunction<A extends unknown[], R>(fn: (...args: A) => R): (...args: A) => R | CustomFunctions.Error;
export function excelFunction<A extends unknown[], R>(fn: (...args: A) => R | Promise<R>) {
  return (...args: A): R | CustomFunctions.Error | Promise<R | CustomFunctions.Error> => {
    try {
      const result = fn(...args);
      if (result && typeof (result as Promise<R>).then === "function")
        return (result as Promise<R>).then(
          (r) => r,
          (e) => toExcelError(e),
        );
      return result as R;
    } catch (e) {
      return toExcelError(e);
    }
  };
}

/**
 * Run a body once, errors converted: `return excelCall(() => ...)` inside a JSDoc-annotated
 * `function` (the metadata generator needs plain function declarations).
 */
export function excelCall<R>(body: () => Promise<R>): Promise<R | CustomFunctions.Error>;
export function excelCall<R>(body: () => R): R | CustomFunctions.Error;
export function excelCall<R>(body: () => R | Promise<R>) {
  return excelFunction(body)();
}

/** "zh" when Office reports a Chinese display language (zh-CN, zh-TW, ...), else "en". */
export function displayLanguage(): "zh" | "en" {
  try {
    const office = (globalThis as { Office?: { context?: { displayLanguage?: unknown } } }).Office;
    const lang = office?.context?.displayLanguage;
    if (typeof lang === "string" && /^zh(?:[-_]|$)/i.test(lang.trim())) return "zh";
  } catch {
    // Office.context can throw before Office.onReady: fall back to English
  }
  return "en";
}
