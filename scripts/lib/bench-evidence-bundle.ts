import { Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { Database } from '@/db/client';
import { cases } from '@/db/schema';
import { createEvidenceBundle } from '@/lib/server/bundle/create-bundle';
import { makeBorrower, makeLoanWithCase, makeStaff } from '@/lib/testing/factories';
import { makeCaseHistory } from '@/lib/testing/evidence-factory';

export type BundleBench = { evidenceFiles: number; contacts: number; bundleBytes: number; runs: number; p50Ms: number; maxMs: number; rssGrowthMb: number; heapPeakMb: number; under5s: boolean; memoryBounded: boolean };

/**
 * The evidence bundle of a heavy case: 50 evidence files of 1 MB and a year of contacts (three a day), streamed to
 * a sink that discards it, as a download would be. Memory is bounded when the process grows by far less than the
 * bundle it wrote: its files pass through one at a time.
 */
export async function benchEvidenceBundle(db: Database, log: (message: string) => void): Promise<BundleBench> {
  const [creditorCase] = await db.select({ creditorId: cases.creditorId }).from(cases).limit(1);
  const creditorId = creditorCase!.creditorId;
  const supervisor = await makeStaff(db, creditorId, 'supervisor');
  const borrower = await makeBorrower(db, { fullName: '压测借款人' });
  const { case: kase } = await makeLoanWithCase(db, creditorId, borrower.id, supervisor.id);
  const { contacts } = await makeCaseHistory(db, kase, { evidenceFiles: 50, fileBytes: 1024 * 1024, days: 365, contactsPerDay: 3, messages: 60, staffId: supervisor.id });
  const ctx = { actor: { type: 'staff' as const, id: supervisor.id, role: 'supervisor' as const, creditorId }, meta: { ip: null } };

  const times: number[] = [];
  let bundleBytes = 0;
  let heapPeak = 0;
  let rssPeak = 0;
  global.gc?.();
  const rssBefore = process.memoryUsage().rss;
  const sample = setInterval(() => {
    const m = process.memoryUsage();
    heapPeak = Math.max(heapPeak, m.heapUsed);
    rssPeak = Math.max(rssPeak, m.rss);
  }, 10);
  try {
    for (let i = 0; i < 4; i++) {
      const started = performance.now();
      const bundle = await createEvidenceBundle(ctx, kase.id);
      let written = 0;
      await pipeline(
        bundle.stream,
        new Writable({
          write(chunk: Buffer, _encoding, done) {
            written += chunk.length;
            done();
          },
        }),
      );
      if (written !== bundle.size) throw new Error(`bundle wrote ${written} bytes, announced ${bundle.size}`);
      bundleBytes = written;
      // The first run is warm-up (fonts, signing key): it is not counted.
      if (i > 0) times.push(performance.now() - started);
    }
  } finally {
    clearInterval(sample);
  }
  times.sort((a, b) => a - b);
  const result: BundleBench = {
    evidenceFiles: 50,
    contacts,
    bundleBytes,
    runs: times.length,
    p50Ms: times[Math.floor(times.length / 2)]!,
    maxMs: times[times.length - 1]!,
    rssGrowthMb: (rssPeak - rssBefore) / 1024 / 1024,
    heapPeakMb: heapPeak / 1024 / 1024,
    under5s: times[times.length - 1]! < 5000,
    memoryBounded: rssPeak - rssBefore < bundleBytes / 2,
  };
  log(
    `evidence bundle (50 files of 1 MB, ${contacts} contacts, ${(bundleBytes / 1024 / 1024).toFixed(1)} MB): p50 ${result.p50Ms.toFixed(0)} ms, max ${result.maxMs.toFixed(0)} ms (goal < 5 s: ${result.under5s ? 'met' : 'NOT met'}); RSS grew ${result.rssGrowthMb.toFixed(0)} MB, heap peak ${result.heapPeakMb.toFixed(0)} MB (bounded: ${result.memoryBounded ? 'yes' : 'NO'})`,
  );
  return result;
}
