import fc from "fast-check";
import { CoordError } from "../../src/engine/errors";
import {
  ExcelErrorStandIn,
  ReadOptions,
  displayLanguage,
  excelCall,
  excelFunction,
  getCustomFunctionsApi,
  labelledTable,
  parseNumberText,
  readBoolean,
  readDirections,
  readMatrix,
  readNumberOption,
  readOption,
  readColumnsAtOnce,
  readFloatVector,
  readTextVector,
  readUnitIds,
  readVector,
  spillColumn,
  spillRow,
  toExcelError,
  toExcelMatrix,
} from "../../src/functions/excel";

/** Run `f`, expect a CoordError, and return it for exact assertions. */
function caught(f: () => unknown): CoordError {
  try {
    f();
  } catch (e) {
    expect(e).toBeInstanceOf(CoordError);
    return e as CoordError;
  }
  throw new Error("expected a CoordError, nothing was thrown");
}

/** `rows` rows of `width` blanks: what a whole-column selection adds below the data. */
function blankRows(rows: number, width: number, blank: null | "" = null): unknown[][] {
  return Array.from({ length: rows }, () => new Array(width).fill(blank));
}

const HINT = "(use +, -, 1, -1, benefit, cost, 正向 or 负向)";

describe("readMatrix: shapes", () => {
  it("reads a numeric range without a header", () => {
    expect(
      readMatrix(
        [
          [1, 2],
          [3, 4],
        ],
        "data",
      ),
    ).toEqual({
      labels: null,
      values: [
        [1, 2],
        [3, 4],
      ],
      rowOffset: 0,
      // every row finite: the column minima and maxima of the same pass
      range: { min: Float64Array.from([1, 2]), max: Float64Array.from([3, 4]) },
    });
  });
  it("reads a single cell passed as a scalar or as a 1x1 array", () => {
    expect(readMatrix(5, "data").values).toEqual([[5]]);
    expect(readMatrix([[5]], "data").values).toEqual([[5]]);
    expect(readMatrix(" 7 ", "data").values).toEqual([[7]]);
  });
  it("reads a 1-D array as one row", () => {
    expect(readMatrix([1, 2, 3], "data").values).toEqual([[1, 2, 3]]);
  });
  it.each([[null], [undefined], [""], [[]], [[[]]], [[[null]]], [[[""], [null]]]])("is EMPTY for %j", (v) => {
    const e = caught(() => readMatrix(v, "data"));
    expect(e.code).toBe("EMPTY");
    expect(e.message).toBe("data is empty");
  });
  it("keeps a 0 as a real 0 (a numeric parameter may turn blanks into 0; they cannot be told apart)", () => {
    expect(
      readMatrix(
        [
          [0, 1],
          [2, 0],
        ],
        "data",
      ).values,
    ).toEqual([
      [0, 1],
      [2, 0],
    ]);
  });
  it("reads typed blanks as blanks in trailing positions and trims them", () => {
    expect(
      readMatrix(
        [
          [1, 2, ""],
          [3, 4, null],
          ["", null, "  "],
        ],
        "data",
      ).values,
    ).toEqual([
      [1, 2],
      [3, 4],
    ]);
  });
});

describe("readMatrix: whole-column selections", () => {
  it("trims thousands of trailing null rows (desktop) and blank columns", () => {
    const grid = [["GDP", "Pop", null, null], [1, 2, null, null], [3, 4, null, null], ...blankRows(100000, 4)];
    const r = readMatrix(grid, "data");
    expect(r.labels).toEqual(["GDP", "Pop"]);
    expect(r.values).toEqual([
      [1, 2],
      [3, 4],
    ]);
  });
  it('trims trailing "" rows (web)', () => {
    const grid = [[1, 2, ""], [3, 4, ""], ...blankRows(5000, 3, "")];
    expect(readMatrix(grid, "data").values).toEqual([
      [1, 2],
      [3, 4],
    ]);
  });
  it("does not trim a blank row inside the data", () => {
    const e = caught(() =>
      readMatrix(
        [
          [1, 2],
          [null, null],
          [3, 4],
        ],
        "data",
      ),
    );
    expect(e.message).toBe("data row 2, column 1 is empty");
  });
  it("does not trim a labelled column whose data are blank", () => {
    const e = caught(() =>
      readMatrix(
        [
          ["GDP", "Pop"],
          [1, null],
          [2, null],
        ],
        "data",
      ),
    );
    expect(e.message).toBe('data row 2, column "Pop" is empty');
  });
  it("pads ragged rows with blanks", () => {
    expect(caught(() => readMatrix([[1, 2], [3]], "data")).message).toBe("data row 2, column 2 is empty");
  });
});

describe("readMatrix: header detection", () => {
  it("auto: a text row above a row with numbers is a header", () => {
    expect(
      readMatrix(
        [
          ["GDP", "Pop"],
          [1, 2],
          [3, 4],
        ],
        "data",
      ),
    ).toEqual({
      labels: ["GDP", "Pop"],
      values: [
        [1, 2],
        [3, 4],
      ],
      rowOffset: 1,
      range: { min: Float64Array.from([1, 2]), max: Float64Array.from([3, 4]) },
    });
  });
  it('auto: blank header cells are labelled "column N"', () => {
    expect(
      readMatrix(
        [
          [" GDP ", null, ""],
          [1, 2, 3],
        ],
        "data",
      ).labels,
    ).toEqual(["GDP", "column 2", "column 3"]);
  });
  it("auto: a first row holding a number is data", () => {
    expect(
      readMatrix(
        [
          ["GDP", 5],
          [1, 2],
        ],
        "data",
        { allowText: true },
      ).rowOffset,
    ).toBe(0);
    expect(
      readMatrix(
        [
          [1, 2],
          [3, 4],
        ],
        "data",
      ).labels,
    ).toBeNull();
  });
  it("auto: numeric-looking text (years) is not a header; say header yes", () => {
    expect(
      readMatrix(
        [
          ["2011", "2012"],
          [1, 2],
        ],
        "data",
      ).values,
    ).toEqual([
      [2011, 2012],
      [1, 2],
    ]);
    expect(
      readMatrix(
        [
          ["2011", "2012"],
          [1, 2],
        ],
        "data",
        { header: "yes" },
      ).labels,
    ).toEqual(["2011", "2012"]);
  });
  it("auto: two text rows are not a header; the text is reported", () => {
    expect(
      caught(() =>
        readMatrix(
          [
            ["GDP", "Pop"],
            ["yuan", "people"],
            [1, 2],
          ],
          "data",
        ),
      ).message,
    ).toBe("data row 1, column 1: text 'GDP' is not a number");
  });
  it("auto: an all-blank first row is not a header", () => {
    expect(
      caught(() =>
        readMatrix(
          [
            [null, null],
            [1, 2],
          ],
          "data",
        ),
      ).message,
    ).toBe("data row 1, column 1 is empty");
  });
  it("auto: a single text row is not a header", () => {
    expect(caught(() => readMatrix([["GDP", "Pop"]], "data")).message).toBe("data row 1, column 1: text 'GDP' is not a number");
  });
  it("no: the first row is data", () => {
    const e = caught(() =>
      readMatrix(
        [
          ["GDP", "Pop"],
          [1, 2],
        ],
        "data",
        { header: "no" },
      ),
    );
    expect(e.code).toBe("NOT_NUMERIC");
    expect(e.message).toBe("data row 1, column 1: text 'GDP' is not a number");
  });
  it("yes: the first row is a header even with numbers in it", () => {
    expect(
      readMatrix(
        [
          [2011, true, null],
          [1, 2, 3],
        ],
        "data",
        { header: "yes" },
      ),
    ).toEqual({
      labels: ["2011", "TRUE", "column 3"],
      values: [[1, 2, 3]],
      rowOffset: 1,
      range: { min: Float64Array.from([1, 2, 3]), max: Float64Array.from([1, 2, 3]) },
    });
  });
  it("yes: a header with no data rows is EMPTY", () => {
    const e = caught(() => readMatrix([["GDP", "Pop"]], "data", { header: "yes" }));
    expect(e.code).toBe("EMPTY");
    expect(e.message).toBe("data has a header row but no data rows");
  });
  it("yes: an error value in the header row is reported", () => {
    expect(
      caught(() =>
        readMatrix(
          [
            ["GDP", "#N/A"],
            [1, 2],
          ],
          "data",
          { header: "yes" },
        ),
      ).message,
    ).toBe("data row 1, column 2 holds #N/A");
  });
});

describe("readMatrix: messages name the argument and the cell as the user sees it", () => {
  it("counts the header row as row 1 and uses the header label", () => {
    const grid = [
      ["GDP", "Pop"],
      [1, 2],
      [3, 4],
      ["n/a", 5],
    ];
    const e = caught(() => readMatrix(grid, "data"));
    expect(e.code).toBe("NOT_NUMERIC");
    expect(e.message).toBe(`data row 4, column "GDP": text 'n/a' is not a number`);
    expect(e.where).toEqual({ argument: "data", row: 3, column: 0 });
  });
  it("uses column numbers without a header", () => {
    const grid: unknown[][] = Array.from({ length: 12 }, () => [1, 2, 3]);
    grid[11][2] = "n/a";
    const e = caught(() => readMatrix(grid, "data"));
    expect(e.message).toBe("data row 12, column 3: text 'n/a' is not a number");
    expect(e.where).toEqual({ argument: "data", row: 11, column: 2 });
  });
  it("uses the column number where the header cell is blank", () => {
    expect(
      caught(() =>
        readMatrix(
          [
            ["GDP", ""],
            [1, 2],
            [3, "x"],
          ],
          "data",
        ),
      ).message,
    ).toBe("data row 3, column 2: text 'x' is not a number");
  });
  it("shortens long text", () => {
    const text = "a".repeat(60);
    expect(caught(() => readMatrix([[1], [text]], "x")).message).toBe(`x row 2, column 1: text '${"a".repeat(39)}…' is not a number`);
  });
});

describe("readMatrix: blanks", () => {
  it.each([
    ["null (desktop)", null],
    ['"" (web)', ""],
    ["whitespace", "   "],
    ["undefined", undefined],
  ])("%s is MISSING", (_name, blank) => {
    const e = caught(() =>
      readMatrix(
        [
          [1, 2],
          [blank, 4],
        ],
        "data",
      ),
    );
    expect(e.code).toBe("MISSING");
    expect(e.message).toBe("data row 2, column 1 is empty");
    expect(e.where).toEqual({ argument: "data", row: 1, column: 0 });
  });
  it('blanks "null" reads them as null', () => {
    const r = readMatrix(
      [
        ["a", "b"],
        [1, null],
        ["", 4],
      ],
      "data",
      { blanks: "null" },
    );
    expect(r.values).toEqual([
      [1, null],
      [null, 4],
    ]);
  });
});

describe("readMatrix: numbers stored as text", () => {
  it("converts them", () => {
    const r = readMatrix([["1,234", " 12.5 ", "+3", "-4", "12%", "1.5E-3", ".5", "1,234,567.89", "\u00a012\u00a0"]], "data");
    expect(r.values).toEqual([[1234, 12.5, 3, -4, 0.12, 0.0015, 0.5, 1234567.89, 12]]);
  });
  it.each([
    ["1,234", 1234],
    ["-1,234.5", -1234.5],
    ["12%", 0.12],
    ["-50 %", -0.5],
    ["1e3", 1000],
    ["5.", 5],
    ["007", 7],
  ])("parseNumberText(%j) = %p", (s, n) => {
    expect(parseNumberText(s)).toBe(n);
  });
  it.each(["1,5", "1,23", "12,34,567", "$12", "12 yuan", "NaN", "Infinity", "-Infinity", "1e999", "--1", "1.2.3", "", "%", "0x10"])(
    "parseNumberText(%j) is not a number",
    (s) => {
      expect(parseNumberText(s)).toBeNull();
    },
  );
  it("reports a decimal comma as text", () => {
    expect(caught(() => readMatrix([[1], ["1,5"]], "data")).message).toBe("data row 2, column 1: text '1,5' is not a number");
  });
});

describe("readMatrix: logicals, error values and other objects", () => {
  it("rejects TRUE/FALSE", () => {
    const e = caught(() => readMatrix([[1, true]], "data"));
    expect(e.code).toBe("NOT_NUMERIC");
    expect(e.message).toBe("data row 1, column 2: the logical TRUE is not a number");
    expect(caught(() => readMatrix([[false]], "data")).message).toBe("data row 1, column 1: the logical FALSE is not a number");
  });
  it.each([
    ['the string "#N/A"', "#N/A", "#N/A"],
    ["a lower-case string", " #n/a ", "#N/A"],
    ["{ type: '#N/A' }", { type: "#N/A" }, "#N/A"],
    ["a CustomFunctions.Error-like { code, message }", { code: "#DIV/0!", message: "x" }, "#DIV/0!"],
    ["the stand-in error class", new ExcelErrorStandIn("#N/A" as CustomFunctions.ErrorCode, "m"), "#N/A"],
    ["an Error instance named by its message", new Error("#REF!"), "#REF!"],
    ["an Error instance without a code", new Error("boom"), "an error value"],
    ["an Excel JS rich error value", { type: "Error", errorType: "NotAvailable", basicValue: "#N/A" }, "#N/A"],
    ["an ErrorCode name as code", { code: "notAvailable" }, "#N/A"],
    ['the string "#VALUE!"', "#VALUE!", "#VALUE!"],
    ['the string "#SPILL!"', "#SPILL!", "#SPILL!"],
  ])("reports an error value given as %s", (_name, v, code) => {
    const e = caught(() =>
      readMatrix(
        [
          [1, 2],
          [3, 4],
          [5, v],
        ],
        "data",
      ),
    );
    expect(e.code).toBe("NOT_NUMERIC");
    expect(e.message).toBe(`data row 3, column 2 holds ${code}`);
    expect(e.where).toEqual({ argument: "data", row: 2, column: 1 });
  });
  it("reads Excel JS rich number and text values by their basic value", () => {
    expect(
      readMatrix(
        [
          [
            { type: "Double", basicValue: 5 },
            { type: "String", basicValue: "6" },
          ],
        ],
        "data",
      ).values,
    ).toEqual([[5, 6]]);
  });
  it("rejects NaN, Infinity and other objects", () => {
    expect(caught(() => readMatrix([[NaN]], "data")).message).toBe("data row 1, column 1: NaN is not a number");
    expect(caught(() => readMatrix([[Infinity]], "data")).message).toBe("data row 1, column 1: Infinity is not a number");
    expect(caught(() => readMatrix([[{ a: 1 }]], "data")).message).toBe("data row 1, column 1: an object is not a number");
  });
  it("a text starting with # that is no error value is text", () => {
    expect(caught(() => readMatrix([["#1"]], "data")).message).toBe("data row 1, column 1: text '#1' is not a number");
  });
  it("allowText keeps text and logicals as text", () => {
    expect(readMatrix([["a", 1, "2", true]], "data", { allowText: true, header: "no" }).values).toEqual([["a", 1, 2, "TRUE"]]);
  });
});

describe("readMatrix: property", () => {
  it("passes any finite numeric matrix through unchanged (header no)", () => {
    const matrix = fc.tuple(fc.integer({ min: 1, max: 8 }), fc.integer({ min: 1, max: 8 })).chain(([r, c]) =>
      fc.array(fc.array(fc.double({ noNaN: true, noDefaultInfinity: true }), { minLength: c, maxLength: c }), {
        minLength: r,
        maxLength: r,
      }),
    );
    fc.assert(
      fc.property(matrix, (m) => {
        const r = readMatrix(m, "data", { header: "no" });
        expect(r.values).toEqual(m);
        expect(r.rowOffset).toBe(0);
        expect(r.labels).toBeNull();
      }),
    );
  });
  it("passes any finite number through as text (String) unchanged", () => {
    fc.assert(
      fc.property(fc.double({ noNaN: true, noDefaultInfinity: true }), (x) => {
        expect(readMatrix([[String(x)]], "data", { header: "no" }).values[0][0]).toBe(x === 0 ? 0 : x);
      }),
    );
  });
});

describe("readVector", () => {
  it("reads a column and a row", () => {
    expect(readVector([[1], [2], [3]], "x")).toEqual({ label: null, values: [1, 2, 3], offset: 0, orientation: "column" });
    expect(readVector([[1, 2, 3]], "x")).toEqual({ label: null, values: [1, 2, 3], offset: 0, orientation: "row" });
  });
  it("reads a scalar and a 1x1 array as a vector of one", () => {
    expect(readVector(5, "x").values).toEqual([5]);
    expect(readVector([["5"]], "x")).toEqual({ label: null, values: [5], offset: 0, orientation: "column" });
  });
  it("takes a header cell in either orientation", () => {
    expect(readVector([["GDP"], [1], ["2"]], "x")).toEqual({ label: "GDP", values: [1, 2], offset: 1, orientation: "column" });
    expect(readVector([["GDP", 1, 2]], "x")).toEqual({ label: "GDP", values: [1, 2], offset: 1, orientation: "row" });
    expect(readVector([[2011], [1]], "x", { header: "yes" }).label).toBe("2011");
    expect(caught(() => readVector([["GDP"], [1]], "x", { header: "no" })).message).toBe("x row 1: text 'GDP' is not a number");
  });
  it("names rows of a column and columns of a row, counting the header", () => {
    const e = caught(() => readVector([["GDP"], [1], ["n/a"]], "x"));
    expect(e.message).toBe("x row 3: text 'n/a' is not a number");
    expect(e.where).toEqual({ argument: "x", row: 2, column: undefined });
    expect(caught(() => readVector([[1, "", 3]], "x")).message).toBe("x column 2 is empty");
    expect(caught(() => readVector([[1, { type: "#N/A" }]], "x")).message).toBe("x column 2 holds #N/A");
    expect(caught(() => readVector([[1], [true]], "x")).message).toBe("x row 2: the logical TRUE is not a number");
  });
  it("trims a whole-column selection", () => {
    expect(readVector([["y"], [1], [2], ...blankRows(50000, 1)], "y").values).toEqual([1, 2]);
    expect(readVector([[1], [2], [null, null]], "y").values).toEqual([1, 2]);
  });
  it("rejects a block", () => {
    const e = caught(() =>
      readVector(
        [
          [1, 2],
          [3, 4],
        ],
        "x",
      ),
    );
    expect(e.code).toBe("LENGTH");
    expect(e.message).toBe("x must be a single row or column; got 2 rows and 2 columns");
  });
  it("is EMPTY when omitted or only a header", () => {
    expect(caught(() => readVector(null, "x")).message).toBe("x is empty");
    expect(caught(() => readVector([["GDP"]], "x", { header: "yes" })).message).toBe("x has a header cell but no data");
  });
  it('blanks "null"', () => {
    expect(readVector([[1], [null], [3]], "x", { blanks: "null" }).values).toEqual([1, null, 3]);
  });
});

describe("readTextVector", () => {
  it("keeps numbers and text, converts numeric text, trims, spells logicals", () => {
    expect(readTextVector([["a"], [1], ["1"], [" b "], [true], ["1,000"]], "zone", { header: "no" }).values).toEqual(["a", 1, 1, "b", "TRUE", 1000]);
  });
  it("auto header: a text cell above a number", () => {
    expect(readTextVector([["zone"], [1], [2]], "zone")).toEqual({ label: "zone", values: [1, 2], offset: 1, orientation: "column" });
    expect(readTextVector([["zone"], ["a"], ["b"]], "zone").values).toEqual(["zone", "a", "b"]);
    expect(readTextVector([["zone"], ["a"], ["b"]], "zone", { header: "yes" }).values).toEqual(["a", "b"]);
  });
  it("names blank and error cells", () => {
    const e = caught(() => readTextVector([["a"], ["b"], [null], ["c"]], "zone"));
    expect(e.code).toBe("MISSING");
    expect(e.message).toBe("zone row 3 is empty");
    expect(caught(() => readTextVector([["a"], ["#N/A"]], "zone")).message).toBe("zone row 2 holds #N/A");
    expect(readTextVector([["a", ""]], "zone").values).toEqual(["a"]);
    expect(caught(() => readTextVector([["a", "", "b"]], "zone")).message).toBe("zone column 2 is empty");
    expect(caught(() => readTextVector([[NaN]], "zone")).message).toBe("zone row 1: NaN is not a category");
  });
});

describe("readDirections", () => {
  it.each([[null], [undefined], [""], [[[null]]], [[[""]]]])("defaults to all + when omitted (%j)", (v) => {
    expect(readDirections(v, 3)).toEqual(["+", "+", "+"]);
  });
  it("reads words, signs and numbers in a row or a column", () => {
    expect(readDirections([["+", "-", "Benefit", "COST", "正向", "负向"]], 6)).toEqual(["+", "-", "+", "-", "+", "-"]);
    expect(readDirections([[1], [-1], ["1"], ["-1"], ["−"], ["－"], ["＋"], ["positive"], ["negative"]], 9)).toEqual([
      "+",
      "-",
      "+",
      "-",
      "-",
      "-",
      "+",
      "+",
      "-",
    ]);
  });
  it("reads one cell listing them", () => {
    expect(readDirections("+,+,-", 3)).toEqual(["+", "+", "-"]);
    expect(readDirections([["+ - +"]], 3)).toEqual(["+", "-", "+"]);
    expect(readDirections("正向，负向", 2)).toEqual(["+", "-"]);
    expect(caught(() => readDirections("+,x", 2)).message).toBe(`directions entry 2: text 'x' is not a direction ${HINT}`);
  });
  it("reads a single direction", () => {
    expect(readDirections("-", 1)).toEqual(["-"]);
    expect(caught(() => readDirections("up", 1)).message).toBe(`directions: text 'up' is not a direction ${HINT}`);
  });
  it("reports a count mismatch", () => {
    const e = caught(() => readDirections([["+", "-"]], 3));
    expect(e.code).toBe("LENGTH");
    expect(e.message).toBe("directions has 2 entries; expected 3, one per indicator column");
    expect(caught(() => readDirections("+", 2, "dir")).message).toBe("dir has 1 entry; expected 2, one per indicator column");
  });
  it("names a bad entry", () => {
    const e = caught(() => readDirections([["+", "up", "-"]], 3));
    expect(e.code).toBe("OPTION");
    expect(e.message).toBe(`directions column 2: text 'up' is not a direction ${HINT}`);
    expect(caught(() => readDirections([["+"], [0]], 2)).message).toBe(`directions row 2: 0 is not a direction ${HINT}`);
    expect(caught(() => readDirections([[true, "+"]], 2)).message).toBe(`directions column 1: the logical TRUE is not a direction ${HINT}`);
    expect(caught(() => readDirections([["+", null, "-"]], 3)).message).toBe("directions column 2 is empty");
    expect(caught(() => readDirections([["#N/A", "-"]], 2)).message).toBe("directions column 1 holds #N/A");
    expect(caught(() => readDirections([["constructor", "-"]], 2)).message).toBe(`directions column 1: text 'constructor' is not a direction ${HINT}`);
  });
  it("rejects a block", () => {
    expect(
      caught(() =>
        readDirections(
          [
            ["+", "-"],
            ["+", "-"],
          ],
          4,
        ),
      ).message,
    ).toBe("directions must be a single row or column; got 2 rows and 2 columns");
  });
});

describe("readOption", () => {
  const allowed = ["standard", "modified"] as const;
  it("matches case-insensitively and returns the allowed spelling", () => {
    expect(readOption("Standard", allowed, "method", "modified")).toBe("standard");
    expect(readOption([[" MODIFIED "]], allowed, "method", "standard")).toBe("modified");
  });
  it.each([[null], [undefined], [""], [[[null]]]])("returns the default when omitted (%j)", (v) => {
    expect(readOption(v, allowed, "method", "modified")).toBe("modified");
  });
  it("lists the allowed values for an unknown one", () => {
    const e = caught(() => readOption("foo", allowed, "method", "standard"));
    expect(e.code).toBe("OPTION");
    expect(e.message).toBe("method must be one of standard, modified; got 'foo'");
    expect(caught(() => readOption(3, allowed, "method", "standard")).message).toBe("method must be one of standard, modified; got '3'");
    expect(caught(() => readOption(true, allowed, "method", "standard")).message).toBe("method must be one of standard, modified; got 'TRUE'");
    expect(caught(() => readOption({ type: "#N/A" }, allowed, "method", "standard")).message).toBe("method holds #N/A");
    expect(caught(() => readOption([["a", "b"]], allowed, "method", "standard")).message).toBe(
      "method must be a single value; got a range of 1 row and 2 columns",
    );
  });
  it("matches numeric options as written", () => {
    expect(readOption(2, ["1", "2"], "k", "1")).toBe("2");
  });
});

describe("readNumberOption", () => {
  it("reads numbers, numeric text and 1x1 ranges; default when omitted", () => {
    expect(readNumberOption(0.5, "alpha", 0.05)).toBe(0.5);
    expect(readNumberOption(" 0.1 ", "alpha", 0.05)).toBe(0.1);
    expect(readNumberOption("5%", "alpha", 0.05)).toBe(0.05);
    expect(readNumberOption([[3]], "k", 1)).toBe(3);
    expect(readNumberOption(null, "k", 4)).toBe(4);
    expect(readNumberOption(undefined, "k", 4)).toBe(4);
    expect(readNumberOption("", "k", 4)).toBe(4);
    expect(readNumberOption(0, "k", 4)).toBe(0);
  });
  it("checks limits with exact messages", () => {
    expect(caught(() => readNumberOption(2, "alpha", 0.05, { min: 0, max: 1 })).message).toBe("alpha must be between 0 and 1; got 2");
    expect(caught(() => readNumberOption(0, "k", 2, { min: 1 })).message).toBe("k must be at least 1; got 0");
    expect(caught(() => readNumberOption(11, "k", 2, { max: 10 })).message).toBe("k must be at most 10; got 11");
    const e = caught(() => readNumberOption(2.5, "k", 2, { integer: true, min: 1 }));
    expect(e.code).toBe("OPTION");
    expect(e.message).toBe("k must be a whole number; got 2.5");
    expect(readNumberOption(1, "alpha", 0.05, { min: 0, max: 1 })).toBe(1);
  });
  it("rejects text, logicals and errors", () => {
    expect(caught(() => readNumberOption("abc", "alpha", 0.05)).message).toBe("alpha: text 'abc' is not a number");
    expect(caught(() => readNumberOption(true, "alpha", 0.05)).message).toBe("alpha: the logical TRUE is not a number");
    expect(caught(() => readNumberOption("#DIV/0!", "alpha", 0.05)).message).toBe("alpha holds #DIV/0!");
    expect(caught(() => readNumberOption(NaN, "alpha", 0.05)).message).toBe("alpha: NaN is not a number");
  });
});

describe("readBoolean", () => {
  it.each([
    [true, true],
    [false, false],
    [1, true],
    [0, false],
    ["TRUE", true],
    ["false", false],
    ["Yes", true],
    ["no", false],
    ["是", true],
    ["否", false],
    ["1", true],
    [[[true]], true],
  ])("reads %j as %p", (v, b) => {
    expect(readBoolean(v, "header", !b)).toBe(b);
  });
  it.each([[null], [undefined], [""], [[[null]]]])("returns the default when omitted (%j)", (v) => {
    expect(readBoolean(v, "header", true)).toBe(true);
    expect(readBoolean(v, "header", false)).toBe(false);
  });
  it("rejects anything else", () => {
    expect(caught(() => readBoolean(2, "header", true)).message).toBe("header must be TRUE or FALSE; got '2'");
    expect(caught(() => readBoolean("maybe", "header", true)).message).toBe("header must be TRUE or FALSE; got 'maybe'");
    expect(caught(() => readBoolean("#N/A", "header", true)).message).toBe("header holds #N/A");
  });
});

describe("toExcelMatrix and friends", () => {
  it("replaces null/undefined by '' and pads ragged rows", () => {
    expect(toExcelMatrix([[1, null], [undefined], ["a", true, 3]])).toEqual([
      [1, "", ""],
      ["", "", ""],
      ["a", true, 3],
    ]);
  });
  it("accepts typed-array rows and one-cell rows; no rows is one blank cell", () => {
    expect(toExcelMatrix([Float64Array.from([1, 2])])).toEqual([[1, 2]]);
    expect(toExcelMatrix([1, 2] as unknown as unknown[][])).toEqual([[1], [2]]);
    expect(toExcelMatrix([])).toEqual([[""]]);
    expect(toExcelMatrix([[]])).toEqual([[""]]);
  });
  it("passes Excel error objects through", () => {
    const na = new ExcelErrorStandIn("#N/A" as CustomFunctions.ErrorCode, "undefined");
    expect(toExcelMatrix([[1, na]])[0][1]).toBe(na);
  });
  it("treats NaN, Infinity and objects as internal errors", () => {
    const e = caught(() => toExcelMatrix([[1], [NaN]]));
    expect(e.message).toBe("internal error: result row 2, column 1 is NaN");
    expect(toExcelError(e)).toEqual({ code: "#VALUE!", message: "internal error: result row 2, column 1 is NaN" });
    expect(caught(() => toExcelMatrix([[1, -Infinity]])).message).toBe("internal error: result row 1, column 2 is -Infinity");
    expect(caught(() => toExcelMatrix([[{}]])).message).toBe("internal error: result row 1, column 1 holds a value of type object");
    expect(caught(() => toExcelMatrix([[[1]]])).message).toBe("internal error: result row 1, column 1 holds an array");
  });
  it("never emits null, undefined or NaN (property)", () => {
    const cell = fc.oneof(fc.double({ noNaN: true, noDefaultInfinity: true }), fc.constant(null), fc.constant(undefined), fc.string(), fc.boolean());
    fc.assert(
      fc.property(fc.array(fc.array(cell, { maxLength: 6 }), { maxLength: 6 }), (rows) => {
        const out = toExcelMatrix(rows);
        expect(out.length).toBeGreaterThanOrEqual(1);
        const width = out[0].length;
        for (const r of out) {
          expect(r.length).toBe(width);
          for (const v of r) {
            expect(v === null || v === undefined || (typeof v === "number" && !Number.isFinite(v))).toBe(false);
          }
        }
      }),
    );
  });
  it("either throws a CoordError or emits only finite numbers when NaN/Infinity may occur (property)", () => {
    const cell = fc.oneof(fc.double(), fc.constant(null));
    fc.assert(
      fc.property(fc.array(fc.array(cell, { maxLength: 4 }), { maxLength: 4 }), (rows) => {
        let out: unknown[][];
        try {
          out = toExcelMatrix(rows);
        } catch (e) {
          expect(e).toBeInstanceOf(CoordError);
          return;
        }
        for (const r of out) for (const v of r) expect(v === null || (typeof v === "number" && !Number.isFinite(v))).toBe(false);
      }),
    );
  });
  it("labelledTable puts the headers on top", () => {
    expect(
      labelledTable(
        ["name", "w"],
        [
          ["GDP", 0.4],
          ["Pop", null],
        ],
      ),
    ).toEqual([
      ["name", "w"],
      ["GDP", 0.4],
      ["Pop", ""],
    ]);
    expect(caught(() => labelledTable(["a"], [[1, 2]])).message).toBe("internal error: result row 2 has 2 values but there are 1 headers");
  });
  it("spillRow and spillColumn", () => {
    expect(spillRow([0.2, 0.8])).toEqual([[0.2, 0.8]]);
    expect(spillRow(Float64Array.from([0.2, 0.8]), ["GDP", "Pop"])).toEqual([
      ["GDP", "Pop"],
      [0.2, 0.8],
    ]);
    expect(caught(() => spillRow([1, 2], ["a"])).message).toBe("internal error: 1 labels for 2 values");
    expect(spillColumn([1, 2], "D")).toEqual([["D"], [1], [2]]);
    expect(spillColumn([1, null])).toEqual([[1], [""]]);
  });
});

describe("toExcelError, excelFunction, excelCall", () => {
  it("maps input problems to #VALUE! with the message", () => {
    const err = toExcelError(new CoordError("MISSING", "data row 2, column 1 is empty"));
    expect(err).toBeInstanceOf(ExcelErrorStandIn);
    expect(err).toEqual({ code: "#VALUE!", message: "data row 2, column 1 is empty" });
    expect(toExcelError(new CoordError("OPTION", "m")).code).toBe("#VALUE!");
  });
  it("maps ALL_ZERO and UNDEFINED to #N/A", () => {
    expect(toExcelError(new CoordError("ALL_ZERO", "all scores are zero"))).toEqual({ code: "#N/A", message: "all scores are zero" });
    expect(toExcelError(new CoordError("UNDEFINED", "u")).code).toBe("#N/A");
  });
  it("maps anything else to an internal error and never throws", () => {
    expect(toExcelError(new TypeError("x is undefined"))).toEqual({ code: "#VALUE!", message: "internal error: x is undefined" });
    expect(toExcelError("boom")).toEqual({ code: "#VALUE!", message: "internal error: boom" });
    expect(toExcelError(undefined)).toEqual({ code: "#VALUE!", message: "internal error: undefined" });
    const hostile = {
      toString: () => {
        throw new Error("no");
      },
    };
    expect(toExcelError(hostile)).toEqual({ code: "#VALUE!", message: "internal error: unknown error" });
  });
  it("returns a thrown Excel error as it is, and recognises a CoordError from another module copy", () => {
    const na = new ExcelErrorStandIn("#N/A" as CustomFunctions.ErrorCode, "m");
    expect(toExcelError(na)).toBe(na);
    const foreign = Object.assign(new Error("x row 1 is empty"), { name: "CoordError", code: "ALL_ZERO" });
    expect(toExcelError(foreign)).toEqual({ code: "#N/A", message: "x row 1 is empty" });
  });
  it("uses the CustomFunctions global when present", () => {
    class FakeError {
      constructor(
        public code: string,
        public message?: string,
      ) {}
    }
    const g = globalThis as { CustomFunctions?: unknown };
    g.CustomFunctions = { Error: FakeError, ErrorCode: { invalidValue: "#VALUE!", notAvailable: "#N/A" } };
    try {
      expect(getCustomFunctionsApi().Error).toBe(FakeError);
      const err = toExcelError(new CoordError("EMPTY", "data is empty"));
      expect(err).toBeInstanceOf(FakeError);
      expect(err).toEqual({ code: "#VALUE!", message: "data is empty" });
    } finally {
      delete g.CustomFunctions;
    }
    expect(getCustomFunctionsApi().Error).toBe(ExcelErrorStandIn);
  });
  it("excelFunction returns results and converts throws", () => {
    const f = excelFunction((data: unknown) => readMatrix(data, "data").values.length);
    expect(f([[1], [2]])).toBe(2);
    expect(f([[1], ["n/a"]])).toEqual({ code: "#VALUE!", message: "data row 2, column 1: text 'n/a' is not a number" });
  });
  it("excelFunction converts promise rejections", async () => {
    const f = excelFunction(async (x: number) => {
      if (x < 0) throw new CoordError("UNDEFINED", "negative");
      return x;
    });
    await expect(f(2)).resolves.toBe(2);
    await expect(f(-1)).resolves.toEqual({ code: "#N/A", message: "negative" });
  });
  it("excelCall runs a body once", () => {
    expect(excelCall(() => 1)).toBe(1);
    expect(
      excelCall(() => {
        throw new RangeError("bad");
      }),
    ).toEqual({ code: "#VALUE!", message: "internal error: bad" });
  });
});

describe("displayLanguage", () => {
  const g = globalThis as { Office?: unknown };
  afterEach(() => {
    delete g.Office;
  });
  it("is en without Office", () => {
    expect(displayLanguage()).toBe("en");
  });
  it.each([
    ["zh-CN", "zh"],
    ["zh-TW", "zh"],
    ["ZH", "zh"],
    ["zh_Hans", "zh"],
    ["en-US", "en"],
    ["zhx", "en"],
    ["de-DE", "en"],
  ])("%s -> %s", (lang, expected) => {
    g.Office = { context: { displayLanguage: lang } };
    expect(displayLanguage()).toBe(expected);
  });
  it("is en when Office has no context or its context throws", () => {
    g.Office = {};
    expect(displayLanguage()).toBe("en");
    g.Office = {
      get context() {
        throw new Error("not ready");
      },
    };
    expect(displayLanguage()).toBe("en");
  });
});

describe("types", () => {
  it("readMatrix's cell type follows its options", () => {
    const v: unknown = [[1]];
    const plain: number[][] = readMatrix(v, "d").values;
    const strict: number[][] = readMatrix(v, "d", { blanks: "error", header: "no" }).values;
    const withNull: (number | null)[][] = readMatrix(v, "d", { blanks: "null" }).values;
    const withText: (number | string)[][] = readMatrix(v, "d", { allowText: true }).values;
    const wide: ReadOptions = {};
    const any: (number | string | null)[] = readVector(v, "d", wide).values;
    expect([plain, strict, withNull, withText, any].length).toBe(5);
  });
});

describe("readFloatVector and readUnitIds: the one-pass column path reads as readVector and readTextVector", () => {
  // cells of every kind, rows sometimes not one cell wide, trailing blanks: the fast path must give
  // the values, labels and errors of the general readers (which never take it)
  const cell = fc.oneof(
    fc.double({ noNaN: true, noDefaultInfinity: true, min: -1e6, max: 1e6 }),
    fc.integer({ min: 2000, max: 2030 }),
    fc.constantFrom(null, "", " ", "2.5", "1,234", "abc", " Hubei ", "湖北", "#N/A", true, Infinity),
  );
  const row = fc.oneof(
    { weight: 12, arbitrary: cell.map((c) => [c]) },
    { weight: 1, arbitrary: fc.tuple(cell, cell) },
    { weight: 1, arbitrary: fc.constant([]) },
  );
  const column = fc.tuple(fc.constantFrom("GDP", 1, null), fc.array(row, { minLength: 0, maxLength: 12 }));
  const outcome = (f: () => unknown) => {
    try {
      return { value: f() };
    } catch (e) {
      expect(e).toBeInstanceOf(CoordError);
      return { error: (e as CoordError).message, code: (e as CoordError).code };
    }
  };
  it("same values or the same error, for every header mode", () => {
    fc.assert(
      fc.property(column, fc.constantFrom("auto", "yes", "no") as fc.Arbitrary<"auto" | "yes" | "no">, ([head, rows], header) => {
        const value = [[head], ...rows];
        const fast = outcome(() => {
          const r = readFloatVector(value, "x", { header });
          return {
            label: r.label,
            offset: r.offset,
            orientation: r.orientation,
            values: Array.from(r.values, (v) => (Number.isNaN(v) ? null : v)),
            blanks: r.blanks,
          };
        });
        const general = outcome(() => {
          const r = readVector(value, "x", { header, blanks: "null" });
          return { label: r.label, offset: r.offset, orientation: r.orientation, values: r.values, blanks: r.values.filter((v) => v === null).length };
        });
        expect(fast).toEqual(general);
        const units = outcome(() => {
          const r = readUnitIds(value, "units", { header });
          return { label: r.label, offset: r.offset, orientation: r.orientation, values: Array.from(r.ids.id, (g) => r.ids.keys[g]) };
        });
        const text = outcome(() => {
          const r = readTextVector(value, "units", { header });
          return { label: r.label, offset: r.offset, orientation: r.orientation, values: r.values };
        });
        expect(units).toEqual(text);
      }),
      { numRuns: 400, seed: 17 },
    );
  });
});

describe("readColumnsAtOnce: COORD.HAKENFIT's one-pass read gives what the column readers give", () => {
  // mostly readable cells, so that the one-pass read often applies; when it does not (null),
  // the caller reads column by column, so only a non-null result is compared
  const num = fc.oneof(
    { weight: 20, arbitrary: fc.double({ noNaN: true, noDefaultInfinity: true, min: -1e6, max: 1e6 }) },
    { weight: 1, arbitrary: fc.constantFrom(null, "", "2.5", "abc", "#N/A", true, Infinity) },
  );
  const unit = fc.oneof(
    { weight: 20, arbitrary: fc.constantFrom("Hubei", "Hunan", "湖北", 3, 0, -0) },
    { weight: 1, arbitrary: fc.constantFrom(null, "", " Hubei ", "2", "#N/A", true) },
  );
  const rowsOf = <T>(c: fc.Arbitrary<T>, n: number) =>
    fc.array(
      c.map((v) => [v]),
      { minLength: n, maxLength: n },
    );
  const panel = fc
    .integer({ min: 1, max: 9 })
    .chain((n) =>
      fc.tuple(
        fc.constantFrom<unknown>("NQPF", null, 1),
        rowsOf(num, n),
        rowsOf(num, n),
        rowsOf(num, n),
        rowsOf(unit, n),
        fc.constantFrom("auto", "yes", "no") as fc.Arbitrary<"auto" | "yes" | "no">,
      ),
    );
  it("same labels, values and unit ids whenever it reads", () => {
    let read = 0;
    fc.assert(
      fc.property(panel, ([head, a, b, t, u, header]) => {
        const [q1, q2, times, units] = [
          [[head], ...a],
          [["NTU"], ...b],
          [["Year"], ...t],
          [["Province"], ...u],
        ];
        const float = (n: number) => new Float64Array(n);
        const int = (n: number) => new Int32Array(n);
        const r = readColumnsAtOnce(
          [
            { value: q1, argument: "q1", into: float },
            { value: q2, argument: "q2", into: float },
            { value: times, argument: "times", into: float },
          ],
          { value: units, argument: "units", into: int },
          header,
        );
        if (r === null) return;
        read++;
        const x = readFloatVector(q1, "q1", { header });
        const rest = x.offset ? "yes" : "no";
        const y = readFloatVector(q2, "q2", { header: rest });
        const z = readFloatVector(times, "times", { header: rest });
        const g = readUnitIds(units, "units", { header: rest });
        expect(r.offset).toBe(x.offset);
        expect(r.labels).toEqual([x.label, y.label, z.label]);
        expect(r.values.map((v) => Array.from(v))).toEqual([x, y, z].map((v) => Array.from(v.values)));
        expect(r.unitsLabel).toBe(g.label);
        expect([Array.from(r.ids!.id), r.ids!.keys, r.ids!.contiguous]).toEqual([Array.from(g.ids.id), g.ids.keys, g.ids.contiguous]);
      }),
      { numRuns: 400, seed: 23 },
    );
    expect(read).toBeGreaterThan(50);
  });
});

describe("readMatrix: range", () => {
  it("is given only when every data row was finite numbers as it is", () => {
    expect(
      readMatrix(
        [
          ["a", "b"],
          [1, -2],
          [0, 5],
        ],
        "data",
      ).range,
    ).toEqual({ min: Float64Array.from([0, -2]), max: Float64Array.from([1, 5]) });
    // a number stored as text is converted: the rows are not read as they are, no range
    expect(
      readMatrix(
        [
          [1, "2"],
          [3, 4],
        ],
        "data",
      ).range,
    ).toBeUndefined();
    expect(
      readMatrix(
        [
          [1, 2],
          [3, "4"],
        ],
        "data",
      ).range,
    ).toBeUndefined();
  });
});
