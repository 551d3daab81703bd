/**
 * Packing the parts of an .xlsx workbook into a zip file, for `writeReportXlsx`.
 *
 * A part is a name and a function giving its text in pieces (a worksheet of 90,000 rows is
 * rendered a block of rows at a time, never as one string). Parts are packed in order, each
 * after the previous one is complete, so a part may be rendered from what earlier parts
 * recorded (the shared strings and the styles are rendered after the worksheets).
 *
 * - In Node (the command line, tests, benchmarks): `zipWithZlib` streams every piece through
 *   node's zlib (raw deflate, level 6; level 1 for a part longer than 1 M characters) and CRC-32 (`zlib.crc32`, Node ≥ 20.15; a table
 *   otherwise), then writes the local headers, the central directory and its end record. No
 *   zip64: more than 65,535 parts or a part, or the file, of 4 GB or more is refused, naming it.
 * - In a browser (the standalone page's report worker): `zipWithStreams`, the same zip written
 *   around the platform's raw deflate (`CompressionStream("deflate-raw")`, native zlib at its
 *   default level 6; no level to choose), a block of pieces at a time, CRC-32 by the table.
 *   The 112 MB of XML of a county panel's report: JSZip (pako, each part's text joined first)
 *   took ~11 s in chromium; bench/NOTES.md, issue 17 page section.
 * - Elsewhere: `zipWithJSZip`, JSZip's DEFLATE.
 *
 * `packParts` picks the first that the platform has: node's zlib at run time
 * (`process.getBuiltinModule`, Node ≥ 20.16, so that no bundler sees an import of "zlib"), then
 * the deflate-raw stream, then JSZip.
 */
import JSZip from "jszip";
import type * as Zlib from "zlib";

/** One part of the package: its zip path and its text in pieces (concatenated as they come). */
export interface ZipPart {
  name: string;
  text: () => Iterable<string>;
}

/** Largest size or offset the plain (non-zip64) format records. */
const MAX_32 = 0xffffffff;
const MAX_ENTRIES = 0xffff;

/** Pieces are collected up to about this many characters before they are deflated. */
const BLOCK_CHARS = 1 << 20;
/** Deflate levels: of a part of one block or less, and of a longer one (see deflatePart). */
const LEVEL = 6;
const LARGE_PART_LEVEL = 1;
/** Bytes handed to zlib and not yet deflated before rendering waits. */
const MAX_PENDING = 8 << 20;

/** Node's zlib when the platform has it (Node), else undefined (browsers). */
export function nodeZlib(): typeof Zlib | undefined {
  const p = (globalThis as { process?: { getBuiltinModule?: (id: string) => unknown; versions?: { node?: string } } }).process;
  if (!p?.versions?.node || typeof p.getBuiltinModule !== "function") return undefined;
  return p.getBuiltinModule("zlib") as typeof Zlib | undefined;
}

/** Whether the platform has `CompressionStream("deflate-raw")` (browsers since 2023, Node ≥ 21.2 and 20.12). */
export function hasDeflateRawStream(): boolean {
  if (typeof CompressionStream !== "function") return false;
  try {
    new CompressionStream("deflate-raw");
    return true;
  } catch {
    return false;
  }
}

/** Pack the parts: with node's zlib where available, else the deflate-raw stream, else JSZip. */
export async function packParts(parts: readonly ZipPart[], date: Date): Promise<Uint8Array> {
  const zlib = nodeZlib();
  if (zlib) return zipWithZlib(parts, date, zlib);
  return hasDeflateRawStream() ? zipWithStreams(parts, date) : zipWithJSZip(parts, date);
}

/** Pack the parts with JSZip (DEFLATE level 6), each part's text joined first. */
export async function zipWithJSZip(parts: readonly ZipPart[], date: Date): Promise<Uint8Array> {
  const zip = new JSZip();
  for (const p of parts) {
    let text = "";
    for (const piece of p.text()) text += piece;
    zip.file(p.name, text, { date, createFolders: false });
  }
  return zip.generateAsync({ type: "uint8array", compression: "DEFLATE", compressionOptions: { level: 6 } });
}

// ---------------------------------------------------------------------------------------------
// The zip format (APPNOTE.TXT 4.3), deflate only

let crcTable: Uint32Array | undefined;

/** CRC-32 (IEEE) of bytes, continuing from `crc`: a table-driven fallback where zlib.crc32 is missing. */
export function crc32(bytes: Uint8Array, crc: number = 0): number {
  if (!crcTable) {
    crcTable = new Uint32Array(256);
    for (let n = 0; n < 256; n++) {
      let c = n;
      for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
      crcTable[n] = c >>> 0;
    }
  }
  let c = (crc ^ 0xffffffff) >>> 0;
  for (let i = 0; i < bytes.length; i++) c = crcTable[(c ^ bytes[i]) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

/** MS-DOS time and date of a time, in UTC as JSZip writes and reads them (1980 at the earliest). */
function dosDateTime(d: Date): { time: number; date: number } {
  const year = Math.min(2107, Math.max(1980, d.getUTCFullYear()));
  return {
    time: (d.getUTCHours() << 11) | (d.getUTCMinutes() << 5) | Math.floor(d.getUTCSeconds() / 2),
    date: ((year - 1980) << 9) | ((d.getUTCMonth() + 1) << 5) | d.getUTCDate(),
  };
}

/** A part deflated: its compressed chunks, the CRC-32 and size of its UTF-8 text. */
interface Deflated {
  chunks: Uint8Array[];
  crc: number;
  size: number;
  compressed: number;
}

/**
 * A part handed to a deflater: resolves once every piece is rendered and written, with
 * `deflated` resolving when the deflater is done, so that the next part renders while this
 * one's last blocks deflate (a promise in an object: a promise of a promise would flatten).
 */
interface Deflating {
  deflated: Promise<Deflated>;
}

/** Once the pieces are written: the part's result when `done` resolves (a failure rethrown where it is awaited). */
function deflating(done: Promise<unknown>, result: () => Deflated): Deflating {
  const deflated = done.then(result);
  deflated.catch(() => undefined);
  return { deflated };
}

/** Deflate one part's pieces through a zlib stream: its compressed chunks, CRC-32 and size. */
async function deflatePart(part: ZipPart, zlib: typeof Zlib): Promise<Deflating> {
  const crcOf: (b: Uint8Array, c: number) => number = typeof zlib.crc32 === "function" ? (b, c) => zlib.crc32(b, c) : crc32;
  const chunks: Buffer[] = [];
  let compressed = 0;
  let failure: Error | undefined;
  let deflate: Zlib.DeflateRaw | undefined;
  let done: Promise<void> = Promise.resolve();
  // the level is chosen at the first block: a part of more than one block (1 M characters: the long
  // sheets of a county panel, ~100 MB of XML) at level 1, which deflates it about 3x faster than
  // level 6 for a file ~20 % larger; smaller parts (every part of a province panel's report) at 6
  const start = (level: number): Zlib.DeflateRaw => {
    const d = zlib.createDeflateRaw({ level });
    d.on("data", (b: Buffer) => {
      chunks.push(b);
      compressed += b.length;
    });
    d.on("error", (e: Error) => (failure = e));
    done = new Promise<void>((resolve, reject) => {
      d.on("end", resolve);
      d.on("error", reject);
    });
    done.catch(() => undefined); // a failure is rethrown where it is awaited
    return d;
  };
  let crc = 0;
  let size = 0;
  let block = "";
  const flush = async (more: boolean) => {
    if (block === "") return;
    const d = (deflate ??= start(more ? LARGE_PART_LEVEL : LEVEL));
    const b = Buffer.from(block, "utf8");
    block = "";
    crc = crcOf(b, crc);
    size += b.length;
    if (size > MAX_32) throw new Error(`the workbook part ${part.name} is 4 GB or larger, beyond what a zip without zip64 holds`);
    // zlib deflates on the thread pool: keep rendering while a few blocks wait there
    d.write(b);
    if (d.writableLength > MAX_PENDING) await new Promise<void>((resolve) => d.once("drain", resolve));
    if (failure) throw failure;
  };
  for (const piece of part.text()) {
    block += piece;
    if (block.length >= BLOCK_CHARS) await flush(true);
  }
  await flush(false);
  deflate ??= start(LEVEL); // an empty part
  deflate.end();
  return deflating(done, () => ({ chunks, crc, size, compressed }));
}

/**
 * Pack the parts into a zip file with node's zlib (raw deflate). Names are ASCII part names;
 * every part is deflated (method 8), its sizes and CRC in the local header.
 */
export async function zipWithZlib(parts: readonly ZipPart[], date: Date, zlib: typeof Zlib): Promise<Uint8Array> {
  return zipParts(parts, date, (part) => deflatePart(part, zlib));
}

/** Deflate one part's pieces through `CompressionStream("deflate-raw")`, a block at a time. */
async function deflatePartStream(part: ZipPart): Promise<Deflating> {
  const stream = new CompressionStream("deflate-raw");
  const writer = stream.writable.getWriter();
  const reader = stream.readable.getReader();
  const chunks: Uint8Array[] = [];
  let compressed = 0;
  const reading = (async () => {
    for (;;) {
      const { value, done } = await reader.read();
      if (done) return;
      chunks.push(value);
      compressed += value.length;
    }
  })();
  reading.catch(() => undefined); // a failure is rethrown where it is awaited
  const encoder = new TextEncoder();
  let crc = 0;
  let size = 0;
  let block = "";
  const flush = async () => {
    if (block === "") return;
    const b = encoder.encode(block);
    block = "";
    crc = crc32(b, crc);
    size += b.length;
    if (size > MAX_32) throw new Error(`the workbook part ${part.name} is 4 GB or larger, beyond what a zip without zip64 holds`);
    await writer.ready; // the stream deflates while the next rows are rendered
    void writer.write(b).catch(() => undefined);
  };
  for (const piece of part.text()) {
    block += piece;
    if (block.length >= BLOCK_CHARS) await flush();
  }
  await flush();
  const closed = writer.close();
  closed.catch(() => undefined); // rethrown where it is awaited
  return deflating(
    closed.then(() => reading),
    () => ({ chunks, crc, size, compressed }),
  );
}

/** Pack the parts into a zip file with the platform's deflate-raw stream (the browser): the zip of `zipWithZlib`. */
export async function zipWithStreams(parts: readonly ZipPart[], date: Date): Promise<Uint8Array> {
  return zipParts(parts, date, deflatePartStream);
}

/**
 * The zip of the parts, each rendered and handed to `deflate` in turn (the next one rendering
 * while the last blocks of the previous one deflate): local headers, data, the central directory
 * and its end record.
 */
async function zipParts(parts: readonly ZipPart[], date: Date, deflate: (part: ZipPart) => Promise<Deflating>): Promise<Uint8Array> {
  if (parts.length > MAX_ENTRIES) throw new Error(`the workbook has ${parts.length} parts; a zip without zip64 holds at most ${MAX_ENTRIES}`);
  const { time, date: day } = dosDateTime(date);
  const encoder = new TextEncoder();
  const out: Uint8Array[] = [];
  const entries: Array<{ name: Uint8Array; crc: number; compressed: number; size: number; offset: number }> = [];
  let offset = 0;
  const deflated: Array<Promise<Deflated>> = [];
  for (const part of parts) deflated.push((await deflate(part)).deflated);
  for (const [k, part] of parts.entries()) {
    const d = await deflated[k];
    const name = encoder.encode(part.name);
    const head = new Uint8Array(30);
    const h = new DataView(head.buffer);
    h.setUint32(0, 0x04034b50, true);
    h.setUint16(4, 20, true); // version needed: 2.0 (deflate)
    h.setUint16(6, 0x0800, true); // flags: names in UTF-8
    h.setUint16(8, 8, true); // deflate
    h.setUint16(10, time, true);
    h.setUint16(12, day, true);
    h.setUint32(14, d.crc, true);
    h.setUint32(18, d.compressed, true);
    h.setUint32(22, d.size, true);
    h.setUint16(26, name.length, true);
    entries.push({ name, crc: d.crc, compressed: d.compressed, size: d.size, offset });
    out.push(head, name, ...d.chunks);
    offset += head.length + name.length + d.compressed;
    if (offset > MAX_32) throw new Error(`the workbook is 4 GB or larger (at part ${part.name}), beyond what a zip without zip64 holds`);
  }
  const dirStart = offset;
  for (const e of entries) {
    const head = new Uint8Array(46);
    const h = new DataView(head.buffer);
    h.setUint32(0, 0x02014b50, true);
    h.setUint16(4, 20, true); // made by: 2.0, MS-DOS attributes
    h.setUint16(6, 20, true);
    h.setUint16(8, 0x0800, true);
    h.setUint16(10, 8, true);
    h.setUint16(12, time, true);
    h.setUint16(14, day, true);
    h.setUint32(16, e.crc, true);
    h.setUint32(20, e.compressed, true);
    h.setUint32(24, e.size, true);
    h.setUint16(28, e.name.length, true);
    // extra, comment, disk, internal and external attributes: 0
    h.setUint32(42, e.offset, true);
    out.push(head, e.name);
    offset += head.length + e.name.length;
  }
  if (offset > MAX_32) throw new Error("the workbook is 4 GB or larger, beyond what a zip without zip64 holds");
  const end = new Uint8Array(22);
  const h = new DataView(end.buffer);
  h.setUint32(0, 0x06054b50, true);
  h.setUint16(8, entries.length, true);
  h.setUint16(10, entries.length, true);
  h.setUint32(12, offset - dirStart, true);
  h.setUint32(16, dirStart, true);
  out.push(end);
  const all = new Uint8Array(offset + end.length);
  let at = 0;
  for (const b of out) {
    all.set(b, at);
    at += b.length;
  }
  return all;
}
