/** Errors of the Office.js writer. */

/** Thrown when writing fails; nothing of the report is left in the workbook. */
export class ReportWriteError extends Error {
  readonly cause: unknown;
  readonly cancelled: boolean;
  constructor(message: string, cause?: unknown, cancelled = false) {
    super(message);
    this.name = "ReportWriteError";
    this.cause = cause;
    this.cancelled = cancelled;
    Object.setPrototypeOf(this, ReportWriteError.prototype);
  }
}

/** The message of an error, with its Office error code when the message does not name it. */
export function errorText(e: unknown): string {
  if (e instanceof Error) {
    const code = (e as { code?: string }).code;
    return code && !e.message.includes(code) ? `${e.message} (${code})` : e.message;
  }
  return String(e);
}
