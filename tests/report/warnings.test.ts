import { copyWarnings, groupWarnings, warn, warnOnce, warningCodes } from "../../src/report/warnings";

describe("warnings with kinds", () => {
  it("records kinds beside a plain string list and groups them with a count and the first example", () => {
    const w: string[] = [];
    warn(w, "geo.repeatedBreak", "X1 2011: repeated break");
    w.push("free text");
    warn(w, "geo.repeatedBreak", "X2 2012: repeated break");
    warnOnce(w, "haken.gaps", "gaps");
    warnOnce(w, "haken.gaps", "gaps");
    expect(w).toEqual(["X1 2011: repeated break", "free text", "X2 2012: repeated break", "gaps"]);
    expect(warningCodes(w)).toEqual(["geo.repeatedBreak", "other", "geo.repeatedBreak", "haken.gaps"]);
    expect(groupWarnings(w)).toEqual([
      { code: "geo.repeatedBreak", count: 2, example: "X1 2011: repeated break" },
      { code: "other", count: 1, example: "free text" },
      { code: "haken.gaps", count: 1, example: "gaps" },
    ]);
    expect(warningCodes(copyWarnings(w))).toEqual(warningCodes(w));
  });
});
