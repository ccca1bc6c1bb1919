import { describe, expect, it } from 'vitest';
import { dpdBuckets as domainBuckets } from '@/lib/domain/dashboard';
import { dpdBucket } from '@/lib/domain/dates';
import { messagesFor } from '@/lib/i18n/messages';
import { bucketParam, dpdBuckets } from './queue';

describe('a DPD bucket in words', () => {
  it('every bucket the domain gives has the queue filter’s words in both languages (the dashboard and the case file showed "current" on Chinese pages)', () => {
    expect(domainBuckets.map(bucketParam)).toEqual([...dpdBuckets]);
    for (const days of [0, 1, 30, 31, 60, 61, 90, 91, 400]) expect(dpdBuckets).toContain(bucketParam(dpdBucket(days)));
    const zh = messagesFor('zh-CN') as { staffQueue: { bucket: Record<string, string> } };
    const en = messagesFor('en') as { staffQueue: { bucket: Record<string, string> } };
    expect(zh.staffQueue.bucket[bucketParam('current')]).toBe('未逾期');
    expect(en.staffQueue.bucket[bucketParam('M4+')]).toBe('M4+ (over 90)');
    for (const b of domainBuckets) {
      expect(zh.staffQueue.bucket[bucketParam(b)]).toBeTruthy();
      expect(en.staffQueue.bucket[bucketParam(b)]).toBeTruthy();
    }
  });
});
