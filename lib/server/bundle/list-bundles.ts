import 'server-only';
import { desc, eq } from 'drizzle-orm';
import { getDb } from '@/db/client';
import { evidenceBundles, staffUsers } from '@/db/schema';
import type { Actor } from '../actor';
import { loadVisibleCase } from '../cases/case-access';
import { mayDownloadBundle } from './create-bundle';

export type EvidenceBundleDto = { id: string; asOf: string; createdAt: string; createdBy: string; files: number; totalBytes: number; manifestSha256: string };

/** The bundles handed out for a case, newest first: for those who may take one (supervisors and admins). */
export async function listEvidenceBundles(actor: Actor, caseId: unknown): Promise<{ mayDownload: boolean; bundles: EvidenceBundleDto[] }> {
  const db = getDb();
  const kase = await loadVisibleCase(db, actor, caseId);
  if (!mayDownloadBundle(actor)) return { mayDownload: false, bundles: [] };
  const rows = await db
    .select({ id: evidenceBundles.id, asOf: evidenceBundles.asOf, createdAt: evidenceBundles.createdAt, createdBy: staffUsers.name, files: evidenceBundles.fileCount, totalBytes: evidenceBundles.totalBytes, manifestSha256: evidenceBundles.manifestSha256 })
    .from(evidenceBundles)
    .innerJoin(staffUsers, eq(staffUsers.id, evidenceBundles.createdBy))
    .where(eq(evidenceBundles.caseId, kase.id))
    .orderBy(desc(evidenceBundles.createdAt))
    .limit(20);
  return { mayDownload: true, bundles: rows.map((r) => ({ ...r, createdAt: r.createdAt.toISOString() })) };
}
