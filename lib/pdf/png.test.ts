import { describe, expect, it } from 'vitest';
import { samplePng } from './fixtures';
import { encodePng, flattenPng, inkOf } from './png';

/** A PNG whose IHDR declares a size, with no image data after it. */
function headerOnly(width: number, height: number) {
  const bytes = Buffer.alloc(33);
  Buffer.from([137, 80, 78, 71, 13, 10, 26, 10]).copy(bytes, 0);
  bytes.writeUInt32BE(13, 8);
  bytes.write('IHDR', 12, 'latin1');
  bytes.writeUInt32BE(width, 16);
  bytes.writeUInt32BE(height, 20);
  bytes[24] = 8;
  bytes[25] = 6;
  return bytes;
}

describe('the ink of a drawn signature, from its pixels', () => {
  it('counts the ink of a stroke and the box around it', () => {
    // A horizontal stroke 3 pixels high from x = 10 to x = 109 on a transparent 240 × 80 pad: 300 pixels, box 100 × 3.
    const pixels = new Uint8Array(240 * 80 * 4);
    for (let x = 10; x < 110; x++) for (let y = 40; y < 43; y++) pixels.set([20, 30, 90, 255], (y * 240 + x) * 4);
    const ink = inkOf(encodePng(240, 80, 4, pixels))!;
    expect(ink).toMatchObject({ inkPixels: 300, boxWidth: 100, boxHeight: 3 });
    // Encoded afresh from the pixels, it reads the same.
    expect(inkOf(ink.png)).toMatchObject({ inkPixels: 300, boxWidth: 100, boxHeight: 3 });
  });

  it('finds none in an empty pad, transparent or white, and none in faint or near-white marks', () => {
    expect(inkOf(encodePng(240, 80, 4, new Uint8Array(240 * 80 * 4)))).toMatchObject({ inkPixels: 0, boxWidth: 0, boxHeight: 0 });
    expect(inkOf(encodePng(240, 80, 3, new Uint8Array(240 * 80 * 3).fill(255)))).toMatchObject({ inkPixels: 0, boxWidth: 0, boxHeight: 0 });
    const faint = new Uint8Array(10 * 10 * 4);
    for (let i = 0; i < 100; i++) faint.set([0, 0, 0, 63], i * 4);
    expect(inkOf(encodePng(10, 10, 4, faint))!.inkPixels).toBe(0);
  });

  it('reads nothing from a drawing cut short, at any byte (its missing rows came from uncleared memory)', () => {
    const whole = Buffer.from(samplePng());
    for (let cut = 33; cut < whole.length; cut++) expect(inkOf(whole.subarray(0, cut)), `cut at ${cut} of ${whole.length}`).toBeNull();
    expect(inkOf(whole)).not.toBeNull();
    // Nor is it flattened into an agreement (a drawing kept before drawings were re-encoded may be such a one).
    expect(() => flattenPng(whole.subarray(0, 200))).toThrow('cut short');
  });

  it('reads the sample signature as substantial ink', () => {
    const ink = inkOf(samplePng())!;
    expect(ink.inkPixels).toBeGreaterThan(600);
    expect(ink.boxWidth).toBe(240);
  });

  it('is null for what is no PNG that decodes, or declares more pixels than a signature pad makes', () => {
    expect(inkOf(new Uint8Array())).toBeNull();
    expect(inkOf(Buffer.from('not a png at all, just text'))).toBeNull();
    expect(inkOf(headerOnly(240, 80))).toBeNull();
    expect(inkOf(headerOnly(100_000, 100_000))).toBeNull();
    expect(inkOf(headerOnly(0, 80))).toBeNull();
    // Cut inside its image data: the pixels cannot be inflated.
    const good = Buffer.from(samplePng());
    expect(inkOf(good.subarray(0, 60))).toBeNull();
  });
});
