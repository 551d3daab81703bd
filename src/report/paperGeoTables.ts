/**
 * The geodetector tables in the layouts the papers print (issue 16): the factor detector
 * (Table 5), the interaction detector (Table 6: lower-triangular matrices), the risk and
 * ecological detectors as Y/N matrices (as the GeoDetector software prints them). Apart from
 * paperTables.ts so that the sections before the geodetector do not import its types.
 */
import type { GeoAnalysis, GeoEcologicalRow, GeoRiskRow } from "./geoAnalysis";
import { column, ReportColumn, ReportRow, ReportSheet, ReportTable, sheet, table } from "./model";
import { factorCode, groupLabel, INTERACTION_LETTER, significanceStars } from "./paperTables";
import { PaperLang, tp } from "./paperStrings";

// ---------------------------------------------------------------------------------------------
// Geodetector tables

/** The blocks (group, period) of a geodetector analysis, groups outer, periods inner (the seed paper's order). */
function blocks(geo: GeoAnalysis): Array<{ g: string; p: string | null }> {
  const periods: Array<string | null> = geo.periods.length ? geo.periods : [null];
  return geo.groups.flatMap((g) => periods.map((p) => ({ g, p })));
}

const factorsOf = (geo: GeoAnalysis) => [...new Set(geo.factors.map((f) => f.factor))];

/** Factor codes for headers, unique (the whole name where two codes clash). */
function codes(factors: string[]): string[] {
  const c = factors.map(factorCode);
  return c.map((x, i) => (c.indexOf(x) !== c.lastIndexOf(x) ? factors[i] : x));
}

/** Which p drives the stars of Table 5: the name of the test, for the note (the p is the factor row's `p`). */
export interface StarTest {
  /** p of a factor row under the chosen test. */
  p(row: GeoAnalysis["factors"][number]): number | null;
  /** Name of the test in the note. */
  label: string;
}

/** The default star test: the factor detector's F test (the row's p). */
export function defaultStarTest(lang: PaperLang): StarTest {
  return { p: (r) => r.p, label: tp(lang, "papers.t5.testF") };
}

/** Table 5: rows = group x period, columns = factors, q (3 decimals) with stars by the chosen test's p. */
export function factorDetectorSheet(geo: GeoAnalysis, lang: PaperLang, test: StarTest = defaultStarTest(lang)): ReportSheet {
  const factors = factorsOf(geo);
  const heads = codes(factors);
  const hasPeriods = geo.periods.length > 0;
  const cols: ReportColumn[] = [column("group", tp(lang, "papers.t5.group"), "text")];
  if (hasPeriods) cols.push(column("period", tp(lang, "papers.t5.period"), "text"));
  factors.forEach((_, j) => cols.push(column(`f${j}`, heads[j], "text")));
  let prev = "";
  const rows: ReportRow[] = blocks(geo).map(({ g, p }) => {
    const r: ReportRow = { group: g !== prev ? groupLabel(g, lang) : "" };
    prev = g;
    if (hasPeriods) r.period = p;
    factors.forEach((f, j) => {
      const x = geo.factors.find((y) => y.factor === f && y.group === g && y.period === p);
      r[`f${j}`] = x && x.q !== null ? `${x.q.toFixed(3)}${x.trivial ? "" : significanceStars(test.p(x))}` : "";
    });
    return r;
  });
  const notes = [tp(lang, "papers.t5.note", { test: test.label })];
  if (heads.some((h, j) => h !== factors[j])) notes.push(tp(lang, "papers.t5.codes", { list: factors.join(lang === "zh" ? "；" : "; ") }));
  return sheet(tp(lang, "papers.t5.sheet"), [table(cols, rows, { title: tp(lang, "papers.t5.title", { y: geo.y }) })], [], { notes, freeze: false });
}

/** Table 6: per group and period a lower-triangular matrix of q(Xi∩Xj) (diagonal q(Xi)) beside a matrix of type letters. */
export function interactionSheet(geo: GeoAnalysis, lang: PaperLang): ReportSheet {
  const factors = factorsOf(geo);
  const heads = codes(factors);
  const tables: ReportTable[] = [];
  for (const { g, p } of blocks(geo)) {
    const inter = geo.interactions.filter((r) => r.group === g && r.period === p);
    if (inter.length === 0) continue;
    const cols: ReportColumn[] = [column("factor", tp(lang, "papers.t6.factor"), "text")];
    factors.forEach((_, j) => cols.push(column(`q${j}`, heads[j], "0.000")));
    factors.forEach((_, j) => cols.push(column(`t${j}`, tp(lang, "papers.t6.types", { code: heads[j] }), "text")));
    const rows: ReportRow[] = factors.map((fi, i) => {
      const r: ReportRow = { factor: heads[i] === fi ? fi : `${heads[i]} ${fi.slice(heads[i].length).trim()}` };
      factors.forEach((fj, j) => {
        if (j > i) {
          r[`q${j}`] = null;
          r[`t${j}`] = "";
          return;
        }
        if (j === i) {
          r[`q${j}`] = geo.factors.find((y) => y.factor === fi && y.group === g && y.period === p)?.q ?? null;
          r[`t${j}`] = "";
          return;
        }
        const x = inter.find((y) => (y.a === fi && y.b === fj) || (y.a === fj && y.b === fi));
        r[`q${j}`] = x ? x.q : null;
        r[`t${j}`] = x ? (INTERACTION_LETTER[x.type] ?? x.type) : "";
      });
      return r;
    });
    const title =
      p === null ? tp(lang, "papers.t6.titleNoPeriod", { group: groupLabel(g, lang) }) : tp(lang, "papers.t6.title", { group: groupLabel(g, lang), period: p });
    tables.push(table(cols, rows, { title }));
  }
  return sheet(tp(lang, "papers.t6.sheet"), tables, [], { notes: [tp(lang, "papers.t6.note")], freeze: false });
}

/** "n of total pairs could not be tested: reason (count), ..." or "every pair was tested". */
function untestedText(lang: PaperLang, pairs: Array<{ significant: boolean | null; reason?: string }>): string {
  const missing = pairs.filter((x) => x.significant === null);
  if (missing.length === 0) return tp(lang, "papers.risk.allTested");
  const byReason = new Map<string, number>();
  for (const m of missing) byReason.set(m.reason ?? "—", (byReason.get(m.reason ?? "—") ?? 0) + 1);
  const reasons = [...byReason].map(([r, n]) => `${r} (${n})`).join(lang === "zh" ? "；" : "; ");
  return tp(lang, "papers.risk.untested", { n: missing.length, total: pairs.length, reasons });
}

const yn = (s: boolean | null | undefined) => (s === null || s === undefined ? "" : s ? "Y" : "N");

/** The risk detector as GeoDetector prints it: per group and period, per factor a stratum x stratum Y/N matrix (lower triangle) with the stratum means. */
export function riskSheet(geo: GeoAnalysis, lang: PaperLang, alpha: number): ReportSheet {
  const tables: ReportTable[] = [];
  const allPairs: GeoRiskRow["pairs"] = [];
  for (const { g, p } of blocks(geo)) {
    for (const r of geo.risk.filter((x) => x.group === g && x.period === p)) {
      allPairs.push(...r.pairs);
      const strata = r.strata.map((s) => s.stratum);
      const cols: ReportColumn[] = [column("stratum", tp(lang, "papers.risk.stratum"), "text"), column("mean", tp(lang, "papers.risk.mean"), "0.000")];
      strata.forEach((s, j) => cols.push(column(`s${j}`, s, "text")));
      const rows: ReportRow[] = r.strata.map((si, i) => {
        const row: ReportRow = { stratum: si.stratum, mean: si.mean };
        strata.forEach((sj, j) => {
          if (j >= i) row[`s${j}`] = "";
          else row[`s${j}`] = yn(r.pairs.find((x) => (x.a === si.stratum && x.b === sj) || (x.a === sj && x.b === si.stratum))?.significant);
        });
        return row;
      });
      const params = { group: groupLabel(g, lang), period: p ?? "", factor: r.factor, y: geo.y };
      tables.push(table(cols, rows, { title: tp(lang, p === null ? "papers.risk.titleNoPeriod" : "papers.risk.title", params) }));
    }
  }
  const note = tp(lang, "papers.risk.note", { alpha, untested: untestedText(lang, allPairs) });
  return sheet(tp(lang, "papers.risk.sheet"), tables, [], { notes: [note], freeze: false, page: { rowsPerPage: 140 } });
}

/** The ecological detector as GeoDetector prints it: per group and period a factor x factor Y/N matrix (lower triangle). */
export function ecologicalSheet(geo: GeoAnalysis, lang: PaperLang, alpha: number): ReportSheet {
  const factors = factorsOf(geo);
  const heads = codes(factors);
  const tables: ReportTable[] = [];
  const all: GeoEcologicalRow[] = [];
  for (const { g, p } of blocks(geo)) {
    const eco = geo.ecological.filter((r) => r.group === g && r.period === p);
    if (eco.length === 0) continue;
    all.push(...eco);
    const cols: ReportColumn[] = [column("factor", tp(lang, "papers.t6.factor"), "text")];
    factors.forEach((_, j) => cols.push(column(`f${j}`, heads[j], "text")));
    const rows: ReportRow[] = factors.map((fi, i) => {
      const r: ReportRow = { factor: heads[i] };
      factors.forEach((fj, j) => {
        r[`f${j}`] = j >= i ? "" : yn(eco.find((y) => (y.a === fi && y.b === fj) || (y.a === fj && y.b === fi))?.significant);
      });
      return r;
    });
    const params = { group: groupLabel(g, lang), period: p ?? "" };
    tables.push(table(cols, rows, { title: tp(lang, p === null ? "papers.eco.titleNoPeriod" : "papers.eco.title", params) }));
  }
  const notes = [tp(lang, "papers.eco.note", { alpha, untested: untestedText(lang, all) })];
  if (heads.some((h, j) => h !== factors[j])) notes.push(tp(lang, "papers.t5.codes", { list: factors.join(lang === "zh" ? "；" : "; ") }));
  return sheet(tp(lang, "papers.eco.sheet"), tables, [], { notes, freeze: false, page: { rowsPerPage: 70 } }); // twelve 7 x 7 matrices on two portrait pages
}

/** Every geodetector paper sheet (Table 5, Table 6, risk, ecological). */
export function geoPaperSheets(geo: GeoAnalysis, lang: PaperLang, alpha: number, test?: StarTest): ReportSheet[] {
  return [factorDetectorSheet(geo, lang, test), interactionSheet(geo, lang), riskSheet(geo, lang, alpha), ecologicalSheet(geo, lang, alpha)];
}
