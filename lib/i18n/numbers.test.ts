import { describe, expect, it } from 'vitest';
import { formatCount } from './numbers';

describe('formatCount', () => {
  it('groups thousands in both languages', () => {
    expect(formatCount(56_587, 'zh-CN')).toBe('56,587');
    expect(formatCount(56_587, 'en')).toBe('56,587');
    expect(formatCount(100_000, 'zh-CN')).toBe('100,000');
    expect(formatCount(0, 'en')).toBe('0');
    expect(formatCount(999, 'zh-CN')).toBe('999');
  });
});
