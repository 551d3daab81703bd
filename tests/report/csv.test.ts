import fc from "fast-check";
import { CoordError } from "../../src/engine/errors";
import { decodeCsvBytes, detectDelimiter, parseCell, parseCsv, parseCsvDetailed, parseNumber } from "../../src/report/csv";

function codeOf(f: () => unknown): string | undefined {
  try {
    f();
  } catch (e) {
    expect(e).toBeInstanceOf(CoordError);
    return (e as CoordError).code;
  }
  return undefined;
}

describe("parseNumber / parseCell", () => {
  test.each([
    ["12", 12],
    ["-0.5", -0.5],
    ["+3", 3],
    ["+3.25", 3.25],
    ["1e-3", 0.001],
    ["2.5E+04", 25000],
    [".5", 0.5],
    ["5.", 5],
    ["0", 0],
    ["0.25", 0.25],
    ["1,234.5", 1234.5],
    ["12,345,678", 12345678],
    ["-1,234", -1234],
    ["12 345", 12345],
    ["12\u00a0345.5", 12345.5],
    ["1\u202f234\u202f567", 1234567],
    ["  42  ", 42],
    ["\u22125", -5],
  ])("%j -> %p", (text, value) => {
    expect(parseNumber(text)).toBe(value);
    expect(parseCell(text)).toBe(value);
  });

  test.each([
    "n/a",
    "NaN",
    "Infinity",
    "-Infinity",
    "12%",
    "1,23",
    "1,2345",
    "12 34",
    "1 2345",
    "1.2.3",
    "--1",
    "+-1",
    "e5",
    "0x10",
    "007",
    "0123",
    "-01",
    "2011年",
    "1,234.5.6",
  ])("%j stays text", (text) => {
    expect(parseNumber(text)).toBeNull();
    expect(parseCell(text)).toBe(text.trim());
  });

  test("decimal comma", () => {
    expect(parseNumber("1,5", ",")).toBe(1.5);
    expect(parseNumber("1.234,5", ",")).toBe(1234.5);
    expect(parseNumber("12 345,25", ",")).toBe(12345.25);
    expect(parseNumber(",5", ",")).toBe(0.5);
    expect(parseNumber("1.5", ",")).toBeNull();
  });

  test("empty and blank cells are null", () => {
    expect(parseCell("")).toBeNull();
    expect(parseCell("   ")).toBeNull();
    expect(parseCell("\t")).toBeNull();
  });

  test("every finite double written by JavaScript reads back exactly", () => {
    fc.assert(
      fc.property(fc.double({ noNaN: true, noDefaultInfinity: true }), (x) => {
        const s = String(x);
        if (/^-?0\d/.test(s)) return; // never produced by String()
        expect(parseNumber(s)).toBe(x === 0 ? 0 : x); // -0 reads as -0 too; toBe distinguishes
      }),
      { numRuns: 500 },
    );
  });

  test("integers with en-US thousands separators read back", () => {
    fc.assert(
      fc.property(fc.integer({ min: -1e12, max: 1e12 }), (x) => {
        expect(parseNumber(x.toLocaleString("en-US"))).toBe(x);
      }),
      { numRuns: 300 },
    );
  });
});

describe("parseCsv", () => {
  test("comma file, BOM stripped, numbers parsed, text trimmed", () => {
    const cells = parseCsv('\ufeffProvince,Year,GDP\n Beijing ,2011,"70,919"\nTianjin,2011,n/a\n');
    expect(cells).toEqual([
      ["Province", "Year", "GDP"],
      ["Beijing", 2011, 70919],
      ["Tianjin", 2011, "n/a"],
    ]);
  });

  test("semicolon file with thousands separators and decimal points", () => {
    const r = parseCsvDetailed("id;x;y\nA;1,234.5;2\nB;3;4.75\n");
    expect(r.delimiter).toBe(";");
    expect(r.decimal).toBe(".");
    expect(r.cells).toEqual([
      ["id", "x", "y"],
      ["A", 1234.5, 2],
      ["B", 3, 4.75],
    ]);
  });

  test("semicolon file with decimal commas (European Excel) is detected", () => {
    const r = parseCsvDetailed("id;x;y\r\nA;1,5;1.234,25\r\nB;0,25;-3\r\n");
    expect(r.delimiter).toBe(";");
    expect(r.decimal).toBe(",");
    expect(r.cells).toEqual([
      ["id", "x", "y"],
      ["A", 1.5, 1234.25],
      ["B", 0.25, -3],
    ]);
  });

  test("decimal can be forced", () => {
    expect(parseCsv("a;b\n1,234;2\n", { decimal: "," })).toEqual([
      ["a", "b"],
      [1.234, 2],
    ]);
    expect(parseCsv("a;b\n1,234;2\n", { decimal: "." })).toEqual([
      ["a", "b"],
      [1234, 2],
    ]);
  });

  test("tab file with quoted fields holding commas, tabs, quotes and line breaks", () => {
    const text = 'name\tvalue\tnote\n"Inner Mongolia, AR"\t12 345\t"say ""hi"""\n"multi\nline"\t+7\t"a\tb"\n';
    const r = parseCsvDetailed(text);
    expect(r.delimiter).toBe("\t");
    expect(r.cells).toEqual([
      ["name", "value", "note"],
      ["Inner Mongolia, AR", 12345, 'say "hi"'],
      ["multi\nline", 7, "a\tb"],
    ]);
  });

  test("pipe delimiter", () => {
    expect(detectDelimiter("a|b|c\n1|2|3\n")).toBe("|");
  });

  test("commas inside quotes do not fool delimiter detection", () => {
    expect(detectDelimiter('a;b\n"1,2,3,4";5\n"6,7,8,9";10\n')).toBe(";");
  });

  test("a single column file", () => {
    expect(parseCsv("value\n1\n2\n")).toEqual([["value"], [1], [2]]);
  });

  test("blank lines in the middle are kept (row numbers), trailing ones removed, rows padded", () => {
    const cells = parseCsv("a,b,c\n1,2,3\n\n4,5\n,,\n\n");
    expect(cells).toEqual([
      ["a", "b", "c"],
      [1, 2, 3],
      [null, null, null],
      [4, 5, null],
    ]);
  });

  test("trailing empty columns (trailing delimiters) are removed; empty cells are null", () => {
    expect(parseCsv("a,b,,\n1,,,\n")).toEqual([
      ["a", "b"],
      [1, null],
    ]);
  });

  test("leading-zero codes stay text", () => {
    expect(parseCsv("code,v\n007,1\n110000,2\n")).toEqual([
      ["code", "v"],
      ["007", 1],
      [110000, 2],
    ]);
  });

  test("an empty file is an EMPTY error", () => {
    expect(codeOf(() => parseCsv(""))).toBe("EMPTY");
    expect(codeOf(() => parseCsv("\ufeff \n \n"))).toBe("EMPTY");
  });

  test("an unclosed quote is a LENGTH error naming the row", () => {
    expect(() => parseCsv('a,b\n1,2\n"open,3\n4,5\n')).toThrow(
      `CSV row 3: a quoted field is never closed (a '"' without its closing '"'), so the rest of the file would be one cell`,
    );
    expect(codeOf(() => parseCsv('a,b\n"x,1\n'))).toBe("LENGTH");
  });
});

describe("decodeCsvBytes", () => {
  test("UTF-8 with and without BOM", () => {
    const utf8 = new TextEncoder().encode("省份,年份\n北京,2011\n");
    expect(decodeCsvBytes(utf8)).toEqual({ text: "省份,年份\n北京,2011\n", encoding: "utf-8" });
    const bom = new Uint8Array([0xef, 0xbb, 0xbf, ...utf8]);
    expect(decodeCsvBytes(bom.buffer).text).toBe("省份,年份\n北京,2011\n");
  });

  test("GB18030 (Chinese Excel's CSV) when the bytes are not UTF-8", () => {
    // "省份,年份\n北京,2011" in GBK
    const gbk = Uint8Array.from([0xca, 0xa1, 0xb7, 0xdd, 0x2c, 0xc4, 0xea, 0xb7, 0xdd, 0x0a, 0xb1, 0xb1, 0xbe, 0xa9, 0x2c, 0x32, 0x30, 0x31, 0x31]);
    const r = decodeCsvBytes(gbk);
    expect(r.encoding).toBe("gb18030");
    expect(parseCsv(r.text)).toEqual([
      ["省份", "年份"],
      ["北京", 2011],
    ]);
  });

  test("UTF-16 LE with BOM", () => {
    const s = "a,b\n1,2";
    const bytes = new Uint8Array(2 + s.length * 2);
    bytes[0] = 0xff;
    bytes[1] = 0xfe;
    for (let i = 0; i < s.length; i++) bytes[2 + 2 * i] = s.charCodeAt(i);
    expect(decodeCsvBytes(bytes)).toEqual({ text: s, encoding: "utf-16le" });
  });
});

describe("issue 11: rows that do not fit the header, bytes that are not text", () => {
  test("a row with more fields than the header (an unquoted 6,234) names the row and both counts", () => {
    expect(() => parseCsv("unit,year,a\nP1,2011,5\nP2,2011,6,234\nP3,2011,7\n")).toThrow(
      /^CSV row 3 has 4 fields but the header row \(row 1\) has 3: a value holding the comma separator must be quoted/,
    );
    expect(codeOf(() => parseCsv("a;b\n1;2;3\n4;5;6\n7;8;9\n"))).toBe("LENGTH");
    expect(() => parseCsv("a;b\n1;2;3\n4;5;6\n7;8;9\n")).toThrow(/row 2 has 3 fields .* \(and 2 more rows: 3, 4\)/);
  });

  test("trailing empty fields and short rows are fine", () => {
    expect(parseCsv("a,b\n1,2,,\n3\n")).toEqual([
      ["a", "b"],
      [1, 2],
      [3, null],
    ]);
  });

  test("a NUL byte inside a field is an error naming the row and field", () => {
    expect(() => parseCsv("id,v\nP\u00001,2\nP2,3\n")).toThrow(/^CSV row 2, field 1: .* holds a NUL byte/);
  });

  test("an .xlsx workbook, an .xls or binary data under a .csv name are named, not parsed as text", () => {
    expect(() => decodeCsvBytes(Uint8Array.from([0x50, 0x4b, 0x03, 0x04, 1, 2, 3]))).toThrow(/is an Excel \.xlsx workbook \(a zip archive\), not CSV text/);
    expect(() => decodeCsvBytes(Uint8Array.from([0xd0, 0xcf, 0x11, 0xe0, 0, 0]))).toThrow(/old Excel \.xls/);
    const bin = Uint8Array.from({ length: 2000 }, (_, i) => (i * 37) % 256);
    expect(() => decodeCsvBytes(bin)).toThrow(/does not look like CSV text: it holds binary data/);
  });

  test("UTF-16 without a byte-order mark is detected (LE and BE)", () => {
    const text = "unit,year\nP1,2011\n";
    const le = new Uint8Array(text.length * 2);
    const be = new Uint8Array(text.length * 2);
    for (let i = 0; i < text.length; i++) {
      le[2 * i] = text.charCodeAt(i);
      be[2 * i + 1] = text.charCodeAt(i);
    }
    expect(decodeCsvBytes(le)).toEqual({ text, encoding: "utf-16le" });
    expect(decodeCsvBytes(be)).toEqual({ text, encoding: "utf-16be" });
  });
});
