/** The pure SHA-256 of the page and the pane equals node's crypto on lengths around the padding boundaries, on UTF-8 text and on the sample file. */
import * as crypto from "crypto";
import * as fs from "fs";
import * as path from "path";
import { sha256Hex } from "../../src/report/sha256";

const node = (b: Uint8Array | string) => crypto.createHash("sha256").update(b).digest("hex");

describe("sha256Hex", () => {
  it("equals node's crypto at every length from 0 to 200 bytes and at 1e5 bytes", () => {
    const bytes = new Uint8Array(100000).map((_, i) => (i * 2654435761) >>> 24);
    for (let n = 0; n <= 200; n++) expect(sha256Hex(bytes.subarray(0, n))).toBe(node(bytes.subarray(0, n)));
    expect(sha256Hex(bytes)).toBe(node(bytes));
  });

  it("hashes a string as its UTF-8 bytes", () => {
    expect(sha256Hex("省份,年份\n北京,2011")).toBe(node(Buffer.from("省份,年份\n北京,2011", "utf8")));
  });

  it("gives the sample file's digest", () => {
    const file = fs.readFileSync(path.join(__dirname, "..", "..", "samples", "sample-panel.csv"));
    expect(sha256Hex(new Uint8Array(file))).toBe(node(file));
  });
});
