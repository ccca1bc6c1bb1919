import { PNG, type ColorType } from 'pngjs';

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
  // Decoded to 8-bit RGBA whatever its depth, palette or interlacing.
  const png = PNG.sync.read(input);
  if (!png.alpha) return input;
  return PNG.sync.write(png, { colorType: 2, inputColorType: 6, inputHasAlpha: true, bgColor: { red: 255, green: 255, blue: 255 } });
}
