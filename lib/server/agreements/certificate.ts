import 'server-only';
import { and, asc, eq } from 'drizzle-orm';
import type { Executor } from '@/db/client';
import { auditEvents } from '@/db/schema';
import type { AgreementSnapshot, CertificateEvent, SigningCertificate } from '@/lib/domain/agreement';
import { getEnv } from '@/lib/env';

const labels: Record<'zh-CN' | 'en', Record<string, string>> = {
  'zh-CN': {
    'agreement.created': '方案被接受，协议生成',
    'agreement.document_generated': '待签署文件生成（哈希已记录）',
    'agreement.signing_code_sent': '签署验证码已发送',
    'agreement.consent_given': '同意以电子方式签署',
    'agreement.code_verified': '验证码核验通过',
    'agreement.signed_by_borrower': '借款人签署',
    'agreement.countersigned': '贷款机构会签',
  },
  en: {
    'agreement.created': 'Offer accepted, agreement created',
    'agreement.document_generated': 'Document for signature generated (hash recorded)',
    'agreement.signing_code_sent': 'Signing code sent',
    'agreement.consent_given': 'Consent to sign electronically',
    'agreement.code_verified': 'Code verified',
    'agreement.signed_by_borrower': 'Signed by the borrower',
    'agreement.countersigned': 'Countersigned for the lender',
  },
};

const localTime = (at: Date) =>
  new Intl.DateTimeFormat('zh-CN', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23' }).format(at) + ' (UTC+8)';

/** Shortens a user agent to what identifies the device, without the noise. */
function device(userAgent: string | null): string | null {
  if (!userAgent) return null;
  const match = /\(([^)]+)\)/.exec(userAgent);
  return (match?.[1] ?? userAgent).slice(0, 80);
}

/**
 * The signing certificate: every recorded event of the agreement, from the
 * audit log (the same hash-chained rows a court may ask for), plus the ones
 * being written now.
 */
export async function buildCertificate(
  tx: Executor,
  agreementId: string,
  snapshot: AgreementSnapshot,
  originalSha256: string,
  pending: { action: string; at: Date; who: string; ip: string | null; userAgent: string | null; verification: string | null }[],
): Promise<SigningCertificate> {
  const rows = await tx
    .select()
    .from(auditEvents)
    .where(and(eq(auditEvents.entityType, 'agreement'), eq(auditEvents.entityId, agreementId)))
    .orderBy(asc(auditEvents.seq));
  const label = labels[snapshot.locale];
  const who = (actorType: string, name?: string) => name ?? (actorType === 'borrower' ? `${snapshot.borrower.name} (${snapshot.borrower.residentIdMasked})` : actorType === 'staff' ? snapshot.creditor.name : 'Concord');
  const events: CertificateEvent[] = [
    ...rows.map((r) => ({
      what: label[r.action] ?? r.action,
      who: who(r.actorType, typeof r.data.who === 'string' ? r.data.who : undefined),
      atUtc: r.at.toISOString(),
      atLocal: localTime(r.at),
      ip: r.ip,
      device: device(r.userAgent),
      verification: typeof r.data.verification === 'string' ? r.data.verification : null,
    })),
    ...pending.map((p) => ({ what: label[p.action] ?? p.action, who: p.who, atUtc: p.at.toISOString(), atLocal: localTime(p.at), ip: p.ip, device: device(p.userAgent), verification: p.verification })),
  ];
  const base = getEnv().NEXTAUTH_URL.replace(/\/$/, '');
  return { events, originalSha256, verificationCode: snapshot.verificationCode, verificationUrl: `${base}/verify?code=${encodeURIComponent(snapshot.verificationCode)}` };
}
