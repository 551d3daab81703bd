/** Helpers of the writer tests: a written workbook read back with exceljs, and LibreOffice's command where installed. */
import { execFileSync } from "child_process";
import ExcelJS from "exceljs";

/** The bytes of a workbook, loaded with exceljs. */
export async function loadWorkbook(bytes: Uint8Array): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(Buffer.from(bytes) as unknown as ExcelJS.Buffer);
  return wb;
}

/** The path of soffice (or libreoffice), or undefined where neither is installed. */
export function officeCommand(): string | undefined {
  for (const cmd of ["soffice", "libreoffice"]) {
    try {
      return execFileSync("which", [cmd], { encoding: "utf8" }).trim() || undefined;
    } catch {
      // not installed
    }
  }
  return undefined;
}
