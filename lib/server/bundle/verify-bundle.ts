import 'server-only';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Readable, Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { ReadableStream as WebReadableStream } from 'node:stream/web';
import { eq } from 'drizzle-orm';
import { getDb } from '@/db/client';
import { cases, evidenceBundles } from '@/db/schema';
import { checkBundle, type BundleProblem } from '@/lib/bundle/check-bundle';
import { rateLimits } from '@/lib/domain/rate-limit';
import type { RequestMeta } from '../actor';
import { AppError } from '../errors';
import { limitAddress } from '../rate-limit';

export type BundleVerificationDto =
  | { verdict: 'authentic'; caseNo: string; asOf: string; createdAt: string; files: number }
  | { verdict: 'altered'; problems: BundleProblem[] }
  | { verdict: 'not_on_record' };

/**
 * Is this ZIP an evidence bundle this portal issued, every file as it was? Its manifest's signature and printed
 * copy must be intact, every file must match its SHA-256 in the manifest with nothing added or missing, and the
 * manifest must be one recorded when a bundle was handed out.
 */
export async function verifyBundleFile(meta: RequestMeta, file: string, options: { limited?: boolean } = {}): Promise<BundleVerificationDto> {
  if (!options.limited) await limitAddress(getDb(), rateLimits.documentCheckPerIp, meta.ip);
  const check = await checkBundle(file);
  if (!check.intact || !check.manifestSha256) return { verdict: 'altered', problems: check.problems.slice(0, 20) };
  const [known] = await getDb()
    .select({ caseNo: cases.caseNo, asOf: evidenceBundles.asOf, createdAt: evidenceBundles.createdAt, files: evidenceBundles.fileCount })
    .from(evidenceBundles)
    .innerJoin(cases, eq(cases.id, evidenceBundles.caseId))
    .where(eq(evidenceBundles.manifestSha256, check.manifestSha256))
    .limit(1);
  if (!known) return { verdict: 'not_on_record' };
  return { verdict: 'authentic', caseNo: known.caseNo, asOf: known.asOf, createdAt: known.createdAt.toISOString(), files: known.files };
}

/** The largest bundle the verification page accepts. */
export const bundleUploadLimit = { maxMegabytes: 200, maxBytes: 200 * 1024 * 1024 } as const;

/**
 * A bundle uploaded to the verification page: counted against the address's checks first, then written to a
 * temporary file as it arrives (refused past the limit), checked there, and deleted.
 */
export async function verifyBundleUpload(meta: RequestMeta, body: WebReadableStream<Uint8Array> | null, declaredLength: number | null): Promise<BundleVerificationDto> {
  await limitAddress(getDb(), rateLimits.documentCheckPerIp, meta.ip);
  if (!body) throw new AppError('VALIDATION', { message: 'validation.verifyNeedsInput' });
  if (declaredLength !== null && declaredLength > bundleUploadLimit.maxBytes) throw new AppError('FILE_TOO_LARGE', { params: { max: bundleUploadLimit.maxMegabytes } });
  const dir = await fs.promises.mkdtemp(path.join(os.tmpdir(), 'concord-verify-'));
  const file = path.join(dir, `${crypto.randomUUID()}.zip`);
  try {
    let received = 0;
    const limit = new Transform({
      transform(chunk: Buffer, _encoding, done) {
        received += chunk.length;
        done(received > bundleUploadLimit.maxBytes ? new AppError('FILE_TOO_LARGE', { params: { max: bundleUploadLimit.maxMegabytes } }) : null, chunk);
      },
    });
    await pipeline(Readable.fromWeb(body), limit, fs.createWriteStream(file));
    if (received === 0) throw new AppError('VALIDATION', { message: 'validation.verifyNeedsInput' });
    return await verifyBundleFile(meta, file, { limited: true });
  } finally {
    await fs.promises.rm(dir, { recursive: true, force: true });
  }
}
