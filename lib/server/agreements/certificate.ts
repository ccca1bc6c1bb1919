import 'server-only';
import { and, asc, eq } from 'drizzle-orm';
import type { Executor } from '@/db/client';
import { auditEvents } from '@/db/schema';
import type { AgreementSnapshot, CertificateEvent, SigningCertificate } from '@/lib/domain/agreement';
import { publicUrl } from '@/lib/env';
import { describeAgreementEvent } from './certificate-events';

const localTime = (at: Date) =>
  new Intl.DateTimeFormat('zh-CN', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23' }).format(at) + ' (UTC+8)';

/** The public verification page for a code, on the portal's configured public address (NEXTAUTH_URL). */
export function verificationUrl(code: string): string {
  return publicUrl(`/verify?code=${encodeURIComponent(code)}`);
}

/** Shortens a user agent to what identifies the device, without the noise. */
function device(userAgent: string | null): string | null {
  if (!userAgent) return null;
  const match = /\(([^)]+)\)/.exec(userAgent);
  return (match?.[1] ?? userAgent).slice(0, 80);
}

/**
 * The signing certificate: every recorded event of the agreement, in words in
 * both languages, from the audit log (the same hash-chained rows a court may
 * ask for), plus the ones being written now.
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
  const who = (actorType: string, name?: string) => name ?? (actorType === 'borrower' ? `${snapshot.borrower.name} (${snapshot.borrower.residentIdMasked})` : actorType === 'staff' ? snapshot.creditor.name : 'Concord');
  const events: CertificateEvent[] = [
    ...rows.map((r) => ({
      what: describeAgreementEvent(r.action, r.data),
      who: who(r.actorType, typeof r.data.who === 'string' ? r.data.who : undefined),
      atUtc: r.at.toISOString(),
      atLocal: localTime(r.at),
      ip: r.ip,
      device: device(r.userAgent),
      verification: typeof r.data.verification === 'string' ? r.data.verification : null,
    })),
    ...pending.map((p) => ({ what: describeAgreementEvent(p.action), who: p.who, atUtc: p.at.toISOString(), atLocal: localTime(p.at), ip: p.ip, device: device(p.userAgent), verification: p.verification })),
  ];
  return { events, originalSha256, verificationCode: snapshot.verificationCode, verificationUrl: verificationUrl(snapshot.verificationCode) };
}
