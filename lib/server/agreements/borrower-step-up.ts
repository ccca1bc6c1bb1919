import 'server-only';
import type { Executor } from '@/db/client';
import type { borrowers } from '@/db/schema';
import { otpRules } from '@/lib/domain/one-time-code';
import { rateLimits } from '@/lib/domain/rate-limit';
import { sameName } from '@/lib/validation/signing';
import type { Ctx } from '../actor';
import { recordAudit } from '../audit';
import { checkCode, issueCode } from '../auth/one-time-codes';
import { AppError } from '../errors';
import { queueNotification } from '../notifications';
import { hitRateLimit } from '../rate-limit';

type Borrower = typeof borrowers.$inferSelect;
/** What the code is for (an agreement, an application for judicial confirmation) and where its audit events go. */
export type SigningSubject = { id: string; caseId: string; entityType: 'agreement' | 'judicial_confirmation'; auditPrefix: 'agreement' | 'confirmation' };

/**
 * The borrower's step-up before a signature, for every document they sign: a fresh code to their phone, bound to
 * the document (asked for by the borrower, so not a contact under the contact rules), limited per phone.
 */
export async function sendSigningCode(tx: Executor, ctx: Ctx, borrower: Borrower, subject: SigningSubject, now: Date): Promise<{ resendAt: Date } | { error: AppError }> {
  const limit = await hitRateLimit(tx, rateLimits.signingCodePerPhone, borrower.phone, now);
  if (!limit.allowed) return { error: new AppError('RATE_LIMITED', { params: { retryAt: limit.retryAt.toISOString() }, field: 'code' }) };
  const issued = await issueCode(tx, { phone: borrower.phone, purpose: 'sign', subjectId: subject.id }, 'code', now);
  if (!issued.ok) return { error: issued.error };
  await queueNotification(tx, { channel: 'sms', recipientType: 'borrower', recipientId: borrower.id, toAddress: borrower.phone, template: 'signCode', locale: borrower.locale, values: { code: issued.code, minutes: otpRules.ttlSeconds / 60 }, caseId: subject.caseId });
  await recordAudit(tx, ctx, { action: `${subject.auditPrefix}.signing_code_sent`, entityType: subject.entityType, entityId: subject.id });
  return { resendAt: issued.resendAt };
}

/**
 * Checks the code (a wrong one counted, audited and committed even though the signature is refused), then the typed
 * name against the borrower's own; only when both pass is the code used up. The caller returns the error from its
 * transaction rather than throwing it, so the counted attempt is kept.
 */
export async function verifySigningStepUp(tx: Executor, ctx: Ctx, borrower: Borrower, subject: SigningSubject, input: { code: string; typedName: string }, now: Date): Promise<{ ok: true } | { ok: false; error: AppError }> {
  const check = await checkCode(tx, { phone: borrower.phone, purpose: 'sign', subjectId: subject.id }, input.code, 'code', { now });
  if (!check.ok) {
    if (check.reason === 'wrong_code') await recordAudit(tx, ctx, { action: `${subject.auditPrefix}.code_failed`, entityType: subject.entityType, entityId: subject.id, data: { remaining: check.remaining } });
    return { ok: false, error: check.error };
  }
  if (!sameName(input.typedName, borrower.fullName)) return { ok: false, error: new AppError('VALIDATION', { field: 'typedName', message: 'validation.nameMismatch' }) };
  await check.consume();
  return { ok: true };
}
