import 'server-only';
import { eq } from 'drizzle-orm';
import { getDb } from '@/db/client';
import { cases, evidenceBundles } from '@/db/schema';
import { checkBundle, type BundleProblem } from '@/lib/bundle/check-bundle';
import { rateLimits } from '@/lib/domain/rate-limit';
import type { RequestMeta } from '../actor';
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
export async function verifyBundleFile(meta: RequestMeta, path: string): Promise<BundleVerificationDto> {
  await limitAddress(getDb(), rateLimits.documentCheckPerIp, meta.ip);
  const check = await checkBundle(path);
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
