import 'server-only';
import { eq, or } from 'drizzle-orm';
import { getDb } from '@/db/client';
import { agreements, planDocumentWithdrawals, planDocuments, signatures } from '@/db/schema';
import { rateLimits } from '@/lib/domain/rate-limit';
import { judgeAgreementFile } from '@/lib/pdf/agreement-verdict';
import { verifySealedPdf } from '@/lib/pdf/verify-seal';
import type { RequestMeta } from '../actor';
import { sha256Hex } from '../crypto';
import { limitAddress } from '../rate-limit';
import { parseSnapshot } from './snapshot';

/** A later agreement that replaces this one (a correction), by its number and status. */
export type Replacement = { agreementNo: string; status: string; verificationCode: string } | null;

/** A document a plan issued after the agreement (the delay addendum, the settlement certificate): which one, and when. */
/** `withdrawnAt`: a settlement certificate withdrawn (the payment that paid the plan off was reversed); why is not told here. */
export type PlanDocumentRef = { kind: 'delay_addendum' | 'settlement_certificate'; documentNo: string; issuedAt: string; withdrawnAt: string | null };

export type VerificationDto =
  | { verdict: 'authentic'; agreementNo: string; creditor: string; borrower: string; status: string; signedAt: string | null; version: 'signed_by_borrower' | 'executed'; supersededBy: Replacement; document?: PlanDocumentRef }
  | { verdict: 'altered'; reason: string }
  | { verdict: 'code_found'; agreementNo: string; creditor: string; borrower: string; status: string; signedAt: string | null; supersededBy: Replacement; document?: PlanDocumentRef }
  | { verdict: 'not_found' };

/** 张伟 → 张*, 欧阳秀梅 → 欧**梅: enough to recognise, not to identify. */
export function maskName(name: string): string {
  const chars = [...name];
  if (chars.length <= 1) return name;
  if (chars.length === 2) return `${chars[0]}*`;
  return `${chars[0]}${'*'.repeat(chars.length - 2)}${chars[chars.length - 1]}`;
}

const limit = (meta: RequestMeta) => limitAddress(getDb(), rateLimits.documentCheckPerIp, meta.ip);

/** The newest agreement in the chain of corrections that replaced this one, if it was set aside. */
async function replacementOf(agreement: { id: string; status: string }): Promise<Replacement> {
  if (agreement.status !== 'superseded') return null;
  let newest: typeof agreements.$inferSelect | undefined;
  let id = agreement.id;
  for (let hop = 0; hop < 50; hop++) {
    const [next] = await getDb().select().from(agreements).where(eq(agreements.supersedesId, id)).limit(1);
    if (!next) break;
    newest = next;
    id = next.id;
  }
  return newest ? { agreementNo: newest.agreementNo, status: newest.status, verificationCode: newest.verificationCode } : null;
}

async function signedAt(agreementId: string) {
  const rows = await getDb().select({ at: signatures.signedAt }).from(signatures).where(eq(signatures.agreementId, agreementId));
  return rows.length ? new Date(Math.max(...rows.map((r) => r.at.getTime()))).toISOString() : null;
}

/**
 * Is this file an authentic, unaltered agreement issued here? Both checks:
 * its exact SHA-256 is one we stored for a signed agreement, and its embedded
 * digital signature verifies over the whole file. Says nothing else.
 */
export async function verifyAgreementFile(meta: RequestMeta, bytes: Buffer): Promise<VerificationDto> {
  await limit(meta);
  const sha256 = sha256Hex(bytes);
  const [known] = await getDb()
    .select()
    .from(agreements)
    .where(or(eq(agreements.borrowerSignedSha256, sha256), eq(agreements.executedSha256, sha256)))
    .limit(1);
  const seal = verifySealedPdf(bytes);
  if (!known) return verifyPlanDocumentFile(sha256, seal);
  const verdict = judgeAgreementFile(seal, { agreementNo: known.agreementNo });
  if (!verdict.authentic) return { verdict: 'altered', reason: verdict.reason };
  const snapshot = parseSnapshot(known.snapshot, known.agreementNo);
  return {
    verdict: 'authentic',
    agreementNo: known.agreementNo,
    creditor: snapshot.creditor.name,
    borrower: maskName(snapshot.borrower.name),
    status: known.status,
    signedAt: await signedAt(known.id),
    version: known.executedSha256 === sha256 ? 'executed' : 'signed_by_borrower',
    supersededBy: await replacementOf(known),
  };
}

/** The code printed on an agreement: says which agreement it is, masked, and its status. */
export async function verifyAgreementCode(meta: RequestMeta, rawCode: string): Promise<VerificationDto> {
  await limit(meta);
  const clean = rawCode.normalize('NFKC').toUpperCase().replace(/[^A-Z0-9]/g, '');
  if (clean.length !== 10) return { verdict: 'not_found' };
  const code = `${clean.slice(0, 4)}-${clean.slice(4, 8)}-${clean.slice(8)}`;
  const [known] = await getDb().select().from(agreements).where(eq(agreements.verificationCode, code)).limit(1);
  if (!known) return verifyPlanDocumentCode(code);
  const snapshot = parseSnapshot(known.snapshot, known.agreementNo);
  return {
    verdict: 'code_found',
    agreementNo: known.agreementNo,
    creditor: snapshot.creditor.name,
    borrower: maskName(snapshot.borrower.name),
    status: known.status,
    signedAt: await signedAt(known.id),
    supersededBy: await replacementOf(known),
  };
}

const documentRef = (d: typeof planDocuments.$inferSelect, withdrawal: { withdrawnAt: Date } | null): PlanDocumentRef => ({
  kind: d.kind,
  documentNo: d.documentNo,
  issuedAt: d.issuedAt.toISOString(),
  withdrawnAt: withdrawal?.withdrawnAt.toISOString() ?? null,
});

/** A sealed plan document whose exact bytes were issued here, under the same two checks as an agreement. */
async function verifyPlanDocumentFile(sha256: string, seal: ReturnType<typeof verifySealedPdf>): Promise<VerificationDto> {
  const [row] = await getDb().select({ document: planDocuments, agreement: agreements, withdrawal: planDocumentWithdrawals })
    .from(planDocuments)
    .innerJoin(agreements, eq(agreements.id, planDocuments.agreementId))
    .leftJoin(planDocumentWithdrawals, eq(planDocumentWithdrawals.documentId, planDocuments.id)).where(eq(planDocuments.sha256, sha256)).limit(1);
  const verdict = judgeAgreementFile(seal, row ? { agreementNo: row.document.documentNo } : null);
  if (!verdict.authentic || !row) return { verdict: 'altered', reason: verdict.reason };
  const snapshot = parseSnapshot(row.agreement.snapshot, row.agreement.agreementNo);
  return {
    verdict: 'authentic',
    agreementNo: row.agreement.agreementNo,
    creditor: snapshot.creditor.name,
    borrower: maskName(snapshot.borrower.name),
    status: row.agreement.status,
    signedAt: row.document.issuedAt.toISOString(),
    version: 'executed',
    supersededBy: null,
    document: documentRef(row.document, row.withdrawal),
  };
}

async function verifyPlanDocumentCode(code: string): Promise<VerificationDto> {
  const [row] = await getDb().select({ document: planDocuments, agreement: agreements, withdrawal: planDocumentWithdrawals })
    .from(planDocuments)
    .innerJoin(agreements, eq(agreements.id, planDocuments.agreementId))
    .leftJoin(planDocumentWithdrawals, eq(planDocumentWithdrawals.documentId, planDocuments.id)).where(eq(planDocuments.verificationCode, code)).limit(1);
  if (!row) return { verdict: 'not_found' };
  const snapshot = parseSnapshot(row.agreement.snapshot, row.agreement.agreementNo);
  return { verdict: 'code_found', agreementNo: row.agreement.agreementNo, creditor: snapshot.creditor.name, borrower: maskName(snapshot.borrower.name), status: row.agreement.status, signedAt: row.document.issuedAt.toISOString(), supersededBy: null, document: documentRef(row.document, row.withdrawal) };
}
