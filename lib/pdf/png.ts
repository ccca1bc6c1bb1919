import { PNG, type ColorType } from 'pngjs';
import { evidenceIsWhole } from '@/lib/domain/file-type';

/**
 * The agreement's images, encoded and decoded by pngjs. pdfkit (under
 * react-pdf) decodes a PNG with an alpha channel asynchronously, on the zlib
 * thread pool, and writes the image when that finishes: with two such images
 * (a drawn signature and the QR code) the objects land in the file in
 * whichever order the pool finishes, so the same input could give different
 * bytes. An opaque 8-bit PNG is embedded as it is, synchronously. So the QR
 * code is encoded opaque, and a drawn signature is flattened onto white (the
 * page's colour) first.
 */

const signature = [137, 80, 78, 71, 13, 10, 26, 10];

export const isPng = (bytes: Uint8Array) => bytes.length > 8 && signature.every((byte, i) => bytes[i] === byte);

const colorTypes: Record<1 | 3 | 4, ColorType> = { 1: 0, 3: 2, 4: 6 };

/** An 8-bit PNG from raw pixels: 1 channel (grey), 3 (RGB) or 4 (RGBA). */
export function encodePng(width: number, height: number, channels: 1 | 3 | 4, pixels: Uint8Array): Buffer {
  const colorType = colorTypes[channels];
  const png = Object.assign(new PNG(), { width, height, data: Buffer.from(pixels.buffer, pixels.byteOffset, pixels.byteLength) });
  return PNG.sync.write(png, { colorType, inputColorType: colorType, inputHasAlpha: channels === 4 });
}

/**
 * A PNG with transparency (an alpha channel or a tRNS chunk) composited onto
 * white, as an opaque 8-bit RGB PNG; an opaque PNG is returned unchanged.
 */
export function flattenPng(bytes: Uint8Array): Buffer {
  const input = Buffer.from(bytes);
  if (!isPng(input)) throw new RangeError('not a PNG image');
  // Not decoded when cut short: its missing rows would be memory pngjs never cleared (inkOf).
  if (!evidenceIsWhole(input, 'image/png')) throw new RangeError('a PNG image cut short');
  // Decoded to 8-bit RGBA whatever its depth, palette or interlacing.
  const png = PNG.sync.read(input);
  if (!png.alpha) return input;
  return PNG.sync.write(png, { colorType: 2, inputColorType: 6, inputHasAlpha: true, bgColor: { red: 255, green: 255, blue: 255 } });
}

/** The largest drawn signature decoded: a signature pad at three times the pixels of a wide phone (a PNG may declare any size). */
const MAX_SIGNATURE_PIXELS = 4_000_000;

/**
 * What a drawn signature actually holds, read from its pixels (not from what the page says it drew): how many pixels
 * carry ink (not transparent, not near-white) and the size of the box around them, and the image encoded afresh from
 * those pixels (`png`: what is kept and drawn into the agreement, whatever else the bytes sent carried). Null when the
 * bytes are not a PNG that decodes, or declare more pixels than a signature pad makes.
 */
export function inkOf(bytes: Uint8Array): { inkPixels: number; boxWidth: number; boxHeight: number; png: Buffer } | null {
  const input = Buffer.from(bytes);
  // The size from the IHDR chunk, before decoding: width and height at bytes 16–23.
  if (!isPng(input) || input.length < 33 || input.toString('latin1', 12, 16) !== 'IHDR') return null;
  const width = input.readUInt32BE(16);
  const height = input.readUInt32BE(20);
  if (width === 0 || height === 0 || width * height > MAX_SIGNATURE_PIXELS) return null;
  // A PNG cut short is not decoded: pngjs fills the rows its data lacks from memory it never cleared, so a truncated
  // drawing came back as random pixels, sometimes enough "ink" to pass as a signature, and whatever the server's memory
  // held would have been kept in the image and drawn into the agreement.
  if (!evidenceIsWhole(input, 'image/png')) return null;
  let png: PNG;
  try {
    png = PNG.sync.read(input);
  } catch {
    return null;
  }
  let inkPixels = 0;
  let [left, top, right, bottom] = [png.width, png.height, -1, -1];
  for (let y = 0; y < png.height; y++) {
    for (let x = 0; x < png.width; x++) {
      const at = (y * png.width + x) * 4;
      const [r, g, b, a] = [png.data[at]!, png.data[at + 1]!, png.data[at + 2]!, png.data[at + 3]!];
      if (a < 64 || (r > 230 && g > 230 && b > 230)) continue;
      inkPixels++;
      left = Math.min(left, x);
      right = Math.max(right, x);
      top = Math.min(top, y);
      bottom = Math.max(bottom, y);
    }
  }
  return {
    inkPixels,
    boxWidth: right < 0 ? 0 : right - left + 1,
    boxHeight: bottom < 0 ? 0 : bottom - top + 1,
    png: PNG.sync.write(png, { colorType: 6, inputColorType: 6, inputHasAlpha: true }),
  };
}
