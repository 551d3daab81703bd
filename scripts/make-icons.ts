/**
 * Draws the CoordLab icon — two interlocking rings, the two coupled subsystems — as small RGBA
 * PNGs in assets/ (16, 32, 64 and 80 px: the sizes manifest.xml references). Pure Node: the PNG
 * is encoded by hand (zlib deflate + CRC-32), anti-aliased by 8 x 8 supersampling.
 *
 *   npx ts-node --transpile-only scripts/make-icons.ts     (the PNGs are committed; rerun only to redraw)
 */
import * as fs from "fs";
import * as path from "path";
import * as zlib from "zlib";

export const ICON_SIZES = [16, 32, 64, 80] as const;

type RGB = [number, number, number];
const BLUE: RGB = [0x1f, 0x6f, 0xb2]; // subsystem 1
const GREEN: RGB = [0x2e, 0x9e, 0x5b]; // subsystem 2

const CRC_TABLE = (() => {
  const t = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    t[n] = c >>> 0;
  }
  return t;
})();

function crc32(buf: Buffer): number {
  let c = 0xffffffff;
  for (let i = 0; i < buf.length; i++) c = CRC_TABLE[(c ^ buf[i]) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function chunk(type: string, data: Buffer): Buffer {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length, 0);
  const typeAndData = Buffer.concat([Buffer.from(type, "ascii"), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(typeAndData), 0);
  return Buffer.concat([len, typeAndData, crc]);
}

/** Encode straight (non-premultiplied) RGBA pixels, row-major, as a PNG file. */
export function encodePng(width: number, height: number, rgba: Uint8Array): Buffer {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 6; // colour type RGBA
  ihdr[10] = 0; // deflate
  ihdr[11] = 0; // adaptive filtering
  ihdr[12] = 0; // no interlace
  const raw = Buffer.alloc((width * 4 + 1) * height);
  for (let y = 0; y < height; y++) {
    raw[y * (width * 4 + 1)] = 0; // filter: none
    Buffer.from(rgba.buffer, rgba.byteOffset + y * width * 4, width * 4).copy(raw, y * (width * 4 + 1) + 1);
  }
  const signature = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  return Buffer.concat([signature, chunk("IHDR", ihdr), chunk("IDAT", zlib.deflateSync(raw, { level: 9 })), chunk("IEND", Buffer.alloc(0))]);
}

/**
 * Which ring covers the point (u, v) in the unit square, if any. The rings interlock: at the
 * upper crossing the blue ring passes over the green one, at the lower crossing under it.
 */
function ringAt(u: number, v: number, size: number): RGB | null {
  const r = 0.255;
  // Strokes at least ~2.2 px wide at 16 px, proportionally thinner at larger sizes.
  const half = Math.max(0.06, 1.1 / size);
  const inBlue = Math.abs(Math.hypot(u - 0.375, v - 0.5) - r) <= half;
  const inGreen = Math.abs(Math.hypot(u - 0.625, v - 0.5) - r) <= half;
  if (inBlue && inGreen) return v < 0.5 ? BLUE : GREEN;
  if (inBlue) return BLUE;
  if (inGreen) return GREEN;
  return null;
}

/** Render one icon: colour = mean of the covering rings' colours, alpha = coverage. */
export function drawIcon(size: number): Buffer {
  const ss = 8;
  const rgba = new Uint8Array(size * size * 4);
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      let hits = 0;
      const acc = [0, 0, 0];
      for (let sy = 0; sy < ss; sy++) {
        for (let sx = 0; sx < ss; sx++) {
          const c = ringAt((x + (sx + 0.5) / ss) / size, (y + (sy + 0.5) / ss) / size, size);
          if (c) {
            hits++;
            acc[0] += c[0];
            acc[1] += c[1];
            acc[2] += c[2];
          }
        }
      }
      const o = (y * size + x) * 4;
      if (hits > 0) {
        rgba[o] = Math.round(acc[0] / hits);
        rgba[o + 1] = Math.round(acc[1] / hits);
        rgba[o + 2] = Math.round(acc[2] / hits);
        rgba[o + 3] = Math.round((255 * hits) / (ss * ss));
      }
    }
  }
  return encodePng(size, size, rgba);
}

if (require.main === module) {
  const dir = path.join(__dirname, "..", "assets");
  fs.mkdirSync(dir, { recursive: true });
  for (const size of ICON_SIZES) {
    const file = path.join(dir, `icon-${size}.png`);
    const png = drawIcon(size);
    fs.writeFileSync(file, png);
    console.log(`${path.relative(process.cwd(), file)}  ${size}x${size}  ${png.length} bytes`);
  }
}
