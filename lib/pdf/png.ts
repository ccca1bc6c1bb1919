import { deflateSync, inflateSync } from 'node:zlib';

/**
 * Just enough PNG for the agreement's images. pdfkit (under react-pdf) decodes
 * a PNG with an alpha channel asynchronously, on the zlib thread pool, and
 * writes the image when that finishes: with two such images (a drawn signature
 * and the QR code) the objects land in the file in whichever order the pool
 * finishes, so the same input could give different bytes. An opaque 8-bit PNG
 * is embedded as it is, synchronously. So the QR code is encoded opaque here,
 * and a drawn signature is flattened onto white (the page's colour) first.
 */

const signature = Buffer.from([137, 80, 78, 71, 13, 10, 26, 10]);

const crcTable = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

export function crc32(bytes: Uint8Array): number {
  let c = 0xffffffff;
  for (const byte of bytes) c = crcTable[(c ^ byte) & 0xff]! ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

export const isPng = (bytes: Uint8Array) => bytes.length > 8 && signature.every((byte, i) => bytes[i] === byte);

function chunk(type: string, data: Uint8Array): Buffer {
  const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
  const out = Buffer.alloc(body.length + 8);
  out.writeUInt32BE(data.length, 0);
  body.copy(out, 4);
  out.writeUInt32BE(crc32(body), body.length + 4);
  return out;
}

/** An 8-bit PNG from raw pixels: 1 channel (grey), 3 (RGB) or 4 (RGBA). */
export function encodePng(width: number, height: number, channels: 1 | 3 | 4, pixels: Uint8Array): Buffer {
  const stride = width * channels;
  const raw = Buffer.alloc((stride + 1) * height);
  for (let y = 0; y < height; y++) raw.set(pixels.subarray(y * stride, (y + 1) * stride), y * (stride + 1) + 1);
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header[8] = 8;
  header[9] = { 1: 0, 3: 2, 4: 6 }[channels];
  return Buffer.concat([signature, chunk('IHDR', header), chunk('IDAT', deflateSync(raw)), chunk('IEND', new Uint8Array(0))]);
}

/** Reverses the PNG scanline filters in place, row by row (8-bit samples, bpp bytes per pixel). */
function unfilter(data: Buffer, width: number, height: number, bpp: number): Uint8Array {
  const stride = width * bpp;
  const out = new Uint8Array(stride * height);
  for (let y = 0; y < height; y++) {
    const filter = data[y * (stride + 1)];
    const src = y * (stride + 1) + 1;
    const row = y * stride;
    const up = row - stride;
    for (let x = 0; x < stride; x++) {
      const a = x >= bpp ? out[row + x - bpp]! : 0;
      const b = y > 0 ? out[up + x]! : 0;
      const c = x >= bpp && y > 0 ? out[up + x - bpp]! : 0;
      let predictor = 0;
      if (filter === 1) predictor = a;
      else if (filter === 2) predictor = b;
      else if (filter === 3) predictor = (a + b) >> 1;
      else if (filter === 4) {
        const p = a + b - c;
        const pa = Math.abs(p - a);
        const pb = Math.abs(p - b);
        const pc = Math.abs(p - c);
        predictor = pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
      } else if (filter !== 0) throw new RangeError(`PNG filter ${filter} is not valid`);
      out[row + x] = (data[src + x]! + predictor) & 0xff;
    }
  }
  return out;
}

/**
 * Composites an 8-bit, non-interlaced grey+alpha or RGBA PNG onto white and
 * drops the alpha. Any other PNG is returned unchanged (pdfkit embeds opaque
 * PNGs synchronously; the rare palette-with-transparency, 16-bit or interlaced
 * PNG keeps its asynchronous decode).
 */
export function flattenPng(png: Uint8Array): Buffer {
  const bytes = Buffer.from(png);
  if (!isPng(bytes)) throw new RangeError('not a PNG image');
  const idat: Buffer[] = [];
  let header: Buffer | null = null;
  for (let at = 8; at + 8 <= bytes.length; ) {
    const length = bytes.readUInt32BE(at);
    const type = bytes.toString('latin1', at + 4, at + 8);
    const data = bytes.subarray(at + 8, at + 8 + length);
    if (type === 'IHDR') header = data;
    else if (type === 'IDAT') idat.push(data);
    else if (type === 'IEND') break;
    at += length + 12;
  }
  if (!header || header.length < 13 || idat.length === 0) throw new RangeError('not a complete PNG image');
  const [width, height, depth, colorType, interlace] = [header.readUInt32BE(0), header.readUInt32BE(4), header[8], header[9], header[12]];
  if (depth !== 8 || interlace !== 0 || (colorType !== 4 && colorType !== 6)) return bytes;
  const bpp = colorType === 6 ? 4 : 2;
  const pixels = unfilter(inflateSync(Buffer.concat(idat)), width, height, bpp);
  const colours = bpp - 1;
  const out = new Uint8Array(width * height * colours);
  for (let i = 0, o = 0; i < pixels.length; i += bpp, o += colours) {
    const alpha = pixels[i + colours]!;
    for (let k = 0; k < colours; k++) out[o + k] = Math.round((pixels[i + k]! * alpha + 255 * (255 - alpha)) / 255);
  }
  return encodePng(width, height, colours as 1 | 3, out);
}
