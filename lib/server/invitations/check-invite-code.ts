import 'server-only';
import { eq } from 'drizzle-orm';
import { getDb } from '@/db/client';
import { cases, creditors } from '@/db/schema';
import { isWellFormedInviteCode, normalizeInviteCode } from '@/lib/domain/invite-code';
import { rateLimits } from '@/lib/domain/rate-limit';
import type { RequestMeta } from '../actor';
import { limitAddress } from '../rate-limit';

/**
 * The public "is this message genuine?" check (/check): a code from an invitation either belongs to a case —
 * then the answer names the creditor and its official service number, never the debt or the borrower — or it
 * does not. Every check counts against the address's allowance (a few an hour), well-formed or not, so codes
 * cannot be enumerated; a mistyped code is told apart from an unknown one only by its shape.
 */
export type InviteCheck = { verdict: 'genuine'; creditor: { 'zh-CN': string; en: string }; servicePhone: string } | { verdict: 'unknown' } | { verdict: 'malformed' };

export async function checkInviteCode(meta: RequestMeta, input: string): Promise<InviteCheck> {
  await limitAddress(getDb(), rateLimits.inviteCheckPerIp, meta.ip, 'code');
  const code = normalizeInviteCode(input.slice(0, 64));
  if (!isWellFormedInviteCode(code)) return { verdict: 'malformed' };
  const [row] = await getDb()
    .select({ name: creditors.name, nameEn: creditors.nameEn, servicePhone: creditors.servicePhone })
    .from(cases)
    .innerJoin(creditors, eq(creditors.id, cases.creditorId))
    .where(eq(cases.inviteCode, code));
  if (!row) return { verdict: 'unknown' };
  return { verdict: 'genuine', creditor: { 'zh-CN': row.name, en: row.nameEn }, servicePhone: row.servicePhone };
}
