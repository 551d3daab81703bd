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
 * - Elsewhere (the standalone page in the browser): `zipWithJSZip`, JSZip's DEFLATE.
 *
 * `packParts` picks the first where node's zlib can be had at run time
 * (`process.getBuiltinModule`, Node ≥ 20.16), so that no bundler sees an import of "zlib".
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

/** Pack the parts: with node's zlib where available, else with JSZip. */
export async function packParts(parts: readonly ZipPart[], date: Date): Promise<Uint8Array> {
  const zlib = nodeZlib();
  return zlib ? zipWithZlib(parts, date, zlib) : zipWithJSZip(parts, date);
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

interface Entry {
  name: Buffer;
  crc: number;
  compressed: number;
  size: number;
  offset: number;
}

interface DeflatedPart {
  chunks: Buffer[];
  crc: number;
  size: number;
  compressed: number;
}

/**
 * Deflate one part's pieces through a zlib stream: resolves once every piece is rendered and
 * handed to zlib, with `deflated` (its compressed chunks, CRC-32 and size) resolving when zlib
 * is done, so that the next part renders while this one's last blocks deflate.
 */
async function deflatePart(part: ZipPart, zlib: typeof Zlib): Promise<{ deflated: Promise<DeflatedPart> }> {
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
  const finished = done.then(() => ({ chunks, crc, size, compressed }));
  finished.catch(() => undefined); // rethrown where it is awaited
  return { deflated: finished };
}

/**
 * Pack the parts into a zip file with node's zlib (raw deflate). Names are ASCII part names;
 * every part is deflated (method 8), its sizes and CRC in the local header.
 */
export async function zipWithZlib(parts: readonly ZipPart[], date: Date, zlib: typeof Zlib): Promise<Uint8Array> {
  if (parts.length > MAX_ENTRIES) throw new Error(`the workbook has ${parts.length} parts; a zip without zip64 holds at most ${MAX_ENTRIES}`);
  const { time, date: day } = dosDateTime(date);
  const out: Buffer[] = [];
  const entries: Entry[] = [];
  let offset = 0;
  const deflated: Array<Promise<DeflatedPart>> = [];
  for (const part of parts) deflated.push((await deflatePart(part, zlib)).deflated);
  for (const [k, part] of parts.entries()) {
    const d = await deflated[k];
    const name = Buffer.from(part.name, "utf8");
    const head = Buffer.alloc(30);
    head.writeUInt32LE(0x04034b50, 0);
    head.writeUInt16LE(20, 4); // version needed: 2.0 (deflate)
    head.writeUInt16LE(0x0800, 6); // flags: names in UTF-8
    head.writeUInt16LE(8, 8); // deflate
    head.writeUInt16LE(time, 10);
    head.writeUInt16LE(day, 12);
    head.writeUInt32LE(d.crc, 14);
    head.writeUInt32LE(d.compressed, 18);
    head.writeUInt32LE(d.size, 22);
    head.writeUInt16LE(name.length, 26);
    head.writeUInt16LE(0, 28);
    entries.push({ name, crc: d.crc, compressed: d.compressed, size: d.size, offset });
    out.push(head, name, ...d.chunks);
    offset += head.length + name.length + d.compressed;
    if (offset > MAX_32) throw new Error(`the workbook is 4 GB or larger (at part ${part.name}), beyond what a zip without zip64 holds`);
  }
  const dirStart = offset;
  for (const e of entries) {
    const h = Buffer.alloc(46);
    h.writeUInt32LE(0x02014b50, 0);
    h.writeUInt16LE(20, 4); // made by: 2.0, MS-DOS attributes
    h.writeUInt16LE(20, 6);
    h.writeUInt16LE(0x0800, 8);
    h.writeUInt16LE(8, 10);
    h.writeUInt16LE(time, 12);
    h.writeUInt16LE(day, 14);
    h.writeUInt32LE(e.crc, 16);
    h.writeUInt32LE(e.compressed, 20);
    h.writeUInt32LE(e.size, 24);
    h.writeUInt16LE(e.name.length, 28);
    // extra, comment, disk, internal and external attributes: 0
    h.writeUInt32LE(e.offset, 42);
    out.push(h, e.name);
    offset += h.length + e.name.length;
  }
  if (offset > MAX_32) throw new Error("the workbook is 4 GB or larger, beyond what a zip without zip64 holds");
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(offset - dirStart, 12);
  end.writeUInt32LE(dirStart, 16);
  out.push(end);
  const all = Buffer.concat(out);
  return new Uint8Array(all.buffer, all.byteOffset, all.byteLength);
}
