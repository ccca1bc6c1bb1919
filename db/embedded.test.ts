import { describe, expect, it } from 'vitest';
import { sharedBuffersFor } from './embedded';

const GiB = 1024 ** 3;

describe("the portal's buffer cache", () => {
  it('is a quarter of the memory, between 128 MB and 2 GB', () => {
    expect(sharedBuffersFor(4 * GiB)).toBe('1024MB');
    expect(sharedBuffersFor(6 * GiB)).toBe('1536MB');
    // Floors and ceilings: a small machine keeps initdb's default, a large one stops at 2 GB.
    expect(sharedBuffersFor(256 * 1024 ** 2)).toBe('128MB');
    expect(sharedBuffersFor(24 * GiB)).toBe('2048MB');
    expect(sharedBuffersFor(8 * GiB)).toBe('2048MB');
  });
});
