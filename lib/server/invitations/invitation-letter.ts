// i18n-audience: borrower
import 'server-only';
import { and, eq } from 'drizzle-orm';
import { createTranslator } from 'use-intl/core';
import { getDb } from '@/db/client';
import { cases, creditors, invitations, notifications } from '@/db/schema';
import { formatInviteCode } from '@/lib/domain/invite-code';
import { publicUrl } from '@/lib/env';
import { todayIn } from '@/lib/domain/dates';
import { displayTimeZone, isLocale, type Locale } from '@/lib/i18n/config';
import { formatDay } from '@/lib/i18n/days';
import { messagesFor, type Messages } from '@/lib/i18n/messages';
import { renderInvitationLetter } from '@/lib/pdf/invitation-letter';
import type { Actor } from '../actor';
import { AppError } from '../errors';
import { canReadOutbox } from '../outbox/list-outbox';

/**
 * The PDF of a letter invitation, for printing and posting: the letter as queued in the outbox (the creditor's
 * wording, in the borrower's language) with a QR code of /check?code=…. For whoever may read the outbox (admins):
 * the letter names the borrower and their case code.
 */
export async function invitationLetterPdf(actor: Actor, invitationId: string): Promise<{ filename: string; bytes: Buffer }> {
  if (!canReadOutbox(actor) || !/^[0-9a-f-]{36}$/i.test(invitationId)) throw new AppError('NOT_FOUND');
  const [row] = await getDb()
    .select({ subject: notifications.subject, body: notifications.body, locale: notifications.locale, createdAt: notifications.createdAt, code: cases.inviteCode, caseNo: cases.caseNo, creditor: creditors.name, creditorEn: creditors.nameEn, creditorId: creditors.id })
    .from(invitations)
    .innerJoin(notifications, eq(notifications.id, invitations.notificationId))
    .innerJoin(cases, eq(cases.id, invitations.caseId))
    .innerJoin(creditors, eq(creditors.id, cases.creditorId))
    .where(and(eq(invitations.id, invitationId), eq(invitations.channel, 'letter')));
  if (!row?.code || (actor.type === 'staff' && actor.creditorId !== null && actor.creditorId !== row.creditorId)) throw new AppError('NOT_FOUND');
  const locale: Locale = isLocale(row.locale) ? row.locale : 'zh-CN';
  const t = createTranslator({ locale, messages: messagesFor(locale) as Messages, namespace: 'check' });
  const code = formatInviteCode(row.code);
  const bytes = await renderInvitationLetter({
    creditor: locale === 'en' ? row.creditorEn : row.creditor,
    title: row.subject ?? '',
    body: row.body,
    code,
    checkUrl: publicUrl(`/check?code=${code}`),
    qrCaption: t('letterQr'),
    // The letter's day in the portal's time zone, not UTC's (a letter made at 00:30 in Beijing was dated the day before).
    date: formatDay(todayIn(displayTimeZone, row.createdAt), locale, 'long'),
  });
  return { filename: `${row.caseNo}-invitation.pdf`, bytes };
}
