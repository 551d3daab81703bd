/**
 * Sheet bookkeeping of a run: which names the new sheets get (earlier CoordLab sheets are
 * replaced only when confirmed, a user's sheet never), the temporary names everything is
 * written under first, putting the new sheets in place, and cleaning up after a failure.
 */
import { uniqueSheetNames } from "../../report/model";
import { SheetRef, recorded } from "./settings";

/** A sheet of the workbook before the run. */
export interface ExistingSheet {
  proxy: Excel.Worksheet;
  name: string;
  id?: string;
}

/** Free name: `wanted`, or "wanted (2)", ... not among `taken` (lower-case names). */
export function freeName(wanted: string, taken: Set<string>): string {
  const list = [...taken];
  const name = uniqueSheetNames([...list, wanted])[list.length];
  // uniqueSheetNames compares sanitized names; make sure the exact name is free too
  if (taken.has(name.toLowerCase())) return freeName(`${wanted} (x)`, taken);
  return name;
}

/** Earlier CoordLab sheets (recorded) that have one of the wanted names. */
export function ourClashes(wanted: string[], existing: ExistingSheet[], ours: SheetRef[]): ExistingSheet[] {
  const byName = new Map(existing.map((e) => [e.name.toLowerCase(), e]));
  return wanted.map((n) => byName.get(n.toLowerCase())).filter((e): e is ExistingSheet => !!e && recorded(ours, e));
}

/**
 * The final name of each wanted sheet: the wanted name when it is free or (with `replace`) held
 * by a recorded sheet, which is then replaced; otherwise a free "name (2)". `taken` (lower-case
 * names) is updated with the names chosen.
 */
export function chooseNames(
  wanted: string[],
  existing: ExistingSheet[],
  ours: SheetRef[],
  replace: boolean,
  taken: Set<string>,
): { finalNames: string[]; toReplace: ExistingSheet[] } {
  const byName = new Map(existing.map((e) => [e.name.toLowerCase(), e]));
  const finalNames: string[] = [];
  const toReplace: ExistingSheet[] = [];
  for (const n of wanted) {
    const clash = byName.get(n.toLowerCase());
    if (!clash && !taken.has(n.toLowerCase())) {
      finalNames.push(n);
    } else if (clash && replace && recorded(ours, clash) && !toReplace.includes(clash)) {
      finalNames.push(n);
      toReplace.push(clash);
    } else finalNames.push(freeName(n, taken));
    taken.add(finalNames[finalNames.length - 1].toLowerCase());
  }
  return { finalNames, toReplace };
}

/** Temporary names "~CL new <tag> 1", "~CL old <tag> 1", ... not among `taken` (which they join). */
export function temporaryNames(taken: Set<string>, tag: string = Date.now().toString(36).slice(-6)): (kind: "new" | "old", i: number) => string {
  return (kind, i) => {
    let n = `~CL ${kind} ${tag} ${i + 1}`;
    for (let k = 2; taken.has(n.toLowerCase()); k++) n = `~CL ${kind} ${tag} ${i + 1}.${k}`;
    taken.add(n.toLowerCase());
    return n;
  };
}

/**
 * After a failure: delete the sheets of this run (by temporary name, or, when the rename batch
 * was half applied, by final name for sheets that did not exist before), and give the old
 * sheets renamed away their names back. Best effort; a fresh context is tried when the first
 * one is unusable.
 */
export async function cleanUp(
  ctx: Excel.RequestContext,
  before: Set<string>,
  temps: string[],
  finalNames: string[],
  trashed: Array<{ name: string; trash: string }>,
): Promise<void> {
  const attempt = async (c: Excel.RequestContext) => {
    const all = c.workbook.worksheets;
    all.load("items/name,items/id");
    await c.sync();
    const tempSet = new Set(temps.map((t) => t.toLowerCase()));
    const finalSet = new Set(finalNames.map((t) => t.toLowerCase()));
    for (const w of all.items) {
      const n = w.name.toLowerCase();
      const isNew = w.id !== undefined && !before.has(w.id);
      if (tempSet.has(n) || (isNew && finalSet.has(n))) w.delete();
    }
    await c.sync();
    const byName = new Map(all.items.map((w) => [w.name.toLowerCase(), w]));
    let renamed = false;
    for (const t of trashed) {
      const w = byName.get(t.trash.toLowerCase());
      if (w) {
        w.name = t.name;
        renamed = true;
      }
    }
    if (renamed) await c.sync();
  };
  try {
    await attempt(ctx);
  } catch {
    try {
      await Excel.run(attempt);
    } catch {
      /* nothing more to do */
    }
  }
}
