/**
 * The record of the sheets CoordLab wrote, in the document settings under "coordlab.sheets":
 * their ids and names (a later run replaces only recorded sheets), and the temporary sheets of
 * a run in progress (cleaned up by the next run when the pane was closed meanwhile).
 */

/** Settings key of the record of sheets written by CoordLab. */
export const SETTINGS_KEY = "coordlab.sheets";

/** A sheet, by id when known, else by name. */
export interface SheetRef {
  id?: string;
  name: string;
}

export interface SheetRecord {
  version: 1;
  sheets: SheetRef[];
  /** Temporary sheets of a run in progress. */
  pending: SheetRef[];
}

/** Office.context.document.settings, when there are settings. */
export function settingsObject(): Office.Settings | undefined {
  try {
    const s = typeof Office !== "undefined" ? Office.context?.document?.settings : undefined;
    return s && typeof s.get === "function" && typeof s.set === "function" ? s : undefined;
  } catch {
    return undefined;
  }
}

/** The record (an empty one when there is none or it cannot be read); older plain name lists are accepted. */
export function readRecord(): SheetRecord {
  const s = settingsObject();
  const empty: SheetRecord = { version: 1, sheets: [], pending: [] };
  if (!s) return empty;
  let raw: unknown;
  try {
    raw = s.get(SETTINGS_KEY);
    if (typeof raw === "string") raw = JSON.parse(raw);
  } catch {
    return empty;
  }
  const refs = (x: unknown): SheetRef[] =>
    Array.isArray(x)
      ? x
          .map((e) =>
            typeof e === "string"
              ? { name: e }
              : e && typeof e === "object" && typeof (e as SheetRef).name === "string"
                ? { name: (e as SheetRef).name, ...(typeof (e as SheetRef).id === "string" ? { id: (e as SheetRef).id } : {}) }
                : undefined,
          )
          .filter((e): e is SheetRef => e !== undefined)
      : [];
  if (Array.isArray(raw)) return { version: 1, sheets: refs(raw), pending: [] };
  if (raw && typeof raw === "object") return { version: 1, sheets: refs((raw as SheetRecord).sheets), pending: refs((raw as SheetRecord).pending) };
  return empty;
}

/** Store the record and save the settings. */
export async function saveRecord(record: SheetRecord): Promise<void> {
  const s = settingsObject();
  if (!s) throw new Error("no document settings");
  s.set(SETTINGS_KEY, record);
  await new Promise<void>((resolve, reject) => {
    try {
      s.saveAsync((r: Office.AsyncResult<void>) => {
        if (r && (r.status as unknown) === "failed") reject(new Error(r.error?.message ?? "the settings were not saved"));
        else resolve();
      });
    } catch (e) {
      reject(e);
    }
  });
}

/** The same sheet: by id when both have one, else by name (case-insensitively, as Excel compares). */
export function sameSheet(a: SheetRef, b: SheetRef): boolean {
  return a.id !== undefined && b.id !== undefined ? a.id === b.id : a.name.toLowerCase() === b.name.toLowerCase();
}

/** Is the sheet among the refs? */
export function recorded(refs: SheetRef[], sheet: SheetRef): boolean {
  return refs.some((r) => sameSheet(r, sheet));
}
