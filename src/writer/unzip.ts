/**
 * Reading the parts of a zip file (an .xlsx workbook) from its central directory, for the
 * command line's input reader (issue 17): JSZip's loadAsync passes over every byte of the file
 * before it lists the parts (~0.1 s per 30 MB, and the command line opened the file twice), and
 * inflates with pako; here the directory is read where the end record says it is and a part is
 * inflated by the platform's raw DEFLATE (Node's zlib) in one piece.
 *
 * Only what a workbook needs: stored (0) and deflated (8) parts, no encryption, no zip64, no
 * multi-disk archives. Anything else gives undefined and the caller reads the file with JSZip.
 * CRC-32 is not checked (neither does JSZip by default); a part whose inflated size is not the
 * one the directory records is refused.
 */

/** A part as the central directory records it. */
export interface ZipEntry {
  method: number;
  compressedSize: number;
  size: number;
  /** Offset of the part's local header. */
  offset: number;
}

/** Raw DEFLATE decompression: bytes, and the size of the result when known. */
export type InflateRaw = (data: Uint8Array, size?: number) => Uint8Array;

/** Raw DEFLATE decompression as a stream of pieces of the result (Node: a zlib InflateRaw stream ended with the bytes). */
export type InflateRawStream = (data: Uint8Array) => AsyncIterable<Uint8Array>;

const EOCD = 0x06054b50;
const CENTRAL = 0x02014b50;
const LOCAL = 0x04034b50;

/** The parts of a zip by name, undefined when the file is not a plain zip this reader takes (see the module comment). */
export function zipEntries(bytes: Uint8Array): Map<string, ZipEntry> | undefined {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const n = bytes.length;
  // the end record: 22 bytes and a comment of up to 65,535
  let eocd = -1;
  for (let i = n - 22; i >= 0 && i >= n - 22 - 0xffff; i--)
    if (view.getUint32(i, true) === EOCD) {
      eocd = i;
      break;
    }
  if (eocd < 0) return undefined;
  const disk = view.getUint16(eocd + 4, true);
  const count = view.getUint16(eocd + 10, true);
  const dirSize = view.getUint32(eocd + 12, true);
  const dirOffset = view.getUint32(eocd + 16, true);
  if (disk !== 0 || count === 0xffff || dirOffset === 0xffffffff || dirOffset + dirSize > eocd) return undefined;
  const entries = new Map<string, ZipEntry>();
  const decoder = new TextDecoder();
  let p = dirOffset;
  for (let k = 0; k < count; k++) {
    if (p + 46 > n || view.getUint32(p, true) !== CENTRAL) return undefined;
    const flags = view.getUint16(p + 8, true);
    const method = view.getUint16(p + 10, true);
    const compressedSize = view.getUint32(p + 20, true);
    const size = view.getUint32(p + 24, true);
    const nameLength = view.getUint16(p + 28, true);
    const extraLength = view.getUint16(p + 30, true);
    const commentLength = view.getUint16(p + 32, true);
    const offset = view.getUint32(p + 42, true);
    if (flags & 1 || (method !== 0 && method !== 8) || compressedSize === 0xffffffff || size === 0xffffffff || offset === 0xffffffff) return undefined;
    if (p + 46 + nameLength > n) return undefined;
    const name = decoder.decode(bytes.subarray(p + 46, p + 46 + nameLength));
    entries.set(name, { method, compressedSize, size, offset });
    p += 46 + nameLength + extraLength + commentLength;
  }
  return entries;
}

/** The compressed bytes of a part (after its local header), undefined when they are not where the directory says. */
export function entryData(bytes: Uint8Array, e: ZipEntry): Uint8Array | undefined {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (e.offset + 30 > bytes.length || view.getUint32(e.offset, true) !== LOCAL) return undefined;
  const from = e.offset + 30 + view.getUint16(e.offset + 26, true) + view.getUint16(e.offset + 28, true);
  if (from + e.compressedSize > bytes.length) return undefined;
  return bytes.subarray(from, from + e.compressedSize);
}

/** A part's bytes (inflated), undefined when they cannot be read or their size is not the recorded one. */
export function entryBytes(bytes: Uint8Array, e: ZipEntry, inflateRaw: InflateRaw): Uint8Array | undefined {
  const data = entryData(bytes, e);
  if (!data) return undefined;
  const out = e.method === 0 ? data : inflateRaw(data, e.size);
  return out.length === e.size ? out : undefined;
}
