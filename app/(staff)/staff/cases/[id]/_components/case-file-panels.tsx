import { Card } from '@/components/ui/card';
import { cn } from '@/components/ui/cn';
import { instantFormat } from '@/lib/i18n/config';
import { channelNowText, contactRuleName } from '@/lib/i18n/contact-rule';
import { getFormatter, getLocale, getTranslations } from '@/lib/i18n/server';
import { formatMoney } from '@/lib/domain/money';
import type { ContactStatus } from '@/lib/domain/contact-status';
import { readNoticeContactNote } from '@/lib/domain/notice-sequence';
import type { CaseFileDto, ContactDto, TimelineEntry } from '@/lib/server/cases/case-file';
import { CancelCallback } from './cancel-callback';

type T = Awaited<ReturnType<typeof getTranslations>>;

/** Where the borrower stands against the contact rules now: the line a mediator reads before picking up the phone. */
export async function ContactStatusCard({ status, timeZone }: { status: ContactStatus; timeZone: string }) {
  const t = await getTranslations('staffCaseFile');
  const { calls, messages } = status;
  const phone = status.channels.phone;
  return (
    <Card aria-labelledby="contact-status-heading" className="flex flex-col gap-2">
      <h2 id="contact-status-heading" className="text-lg font-semibold">
        {t('status.title')}
      </h2>
      <p data-testid="contact-status-line" className={cn('font-medium', phone.allowed ? 'text-slate-900' : 'text-danger-700')}>
        {t('status.line', {
          conversations: calls.conversationsToday,
          maxConversations: calls.maxConversations,
          attempts: calls.attemptsThisWeek,
          maxAttempts: calls.maxAttempts,
        })}
        {t('status.separator')}
        {channelNowText(t, phone, 'call')}
      </p>
      <p className="text-sm text-slate-700">
        {t('status.detail', { unanswered: calls.unansweredToday, maxUnanswered: calls.maxUnanswered, messagesToday: messages.today, maxMessages: messages.maxPerDay, messagesWeek: messages.thisWeek, maxMessagesWeek: messages.maxPerWeek })}
      </p>
      <ul className="grid grid-cols-1 gap-1 text-sm">
        {(['sms', 'email', 'letter', 'visit'] as const).map((c) => (
          <li key={c} className={status.channels[c].allowed ? 'text-slate-700' : 'text-danger-700'}>
            <span className="font-medium">{t(`channel.${c}`)}</span>: {channelNowText(t, status.channels[c], c === 'visit' ? 'visit' : 'message')}
          </li>
        ))}
      </ul>
      <p className="text-xs text-slate-600">{t('status.clock', { zone: timeZone })}</p>
    </Card>
  );
}

export async function PromisesCard({ file, timeZone, caseId, canAct }: { file: CaseFileDto; timeZone: string; caseId: string; canAct: boolean }) {
  const [t, format, locale] = await Promise.all([getTranslations('staffCaseFile'), getFormatter({ timeZone }), getLocale()]);
  const openCallbacks = file.callbacks.filter((c) => c.status === 'open');
  return (
    <Card aria-labelledby="promises-heading" className="flex flex-col gap-2">
      <h2 id="promises-heading" className="text-lg font-semibold">
        {t('promise.title')}
      </h2>
      {file.promises.length === 0 ? <p className="text-sm text-slate-700">{t('promise.none')}</p> : null}
      <ul className="flex flex-col gap-1 text-sm" data-testid="promises">
        {file.promises.slice(0, 6).map((p) => (
          <li key={p.id} className="flex flex-wrap justify-between gap-x-3">
            <span>
              {t('promise.item', { amount: formatMoney(p.amount, locale), date: format.dateTime(new Date(`${p.promisedOn}T12:00:00Z`), { dateStyle: 'medium', timeZone: 'UTC' }) })}
            </span>
            <span className={cn('font-medium', p.status === 'broken' ? 'text-danger-700' : p.status === 'kept' ? 'text-ok-700' : 'text-slate-700')}>
              {t(`promise.status.${p.status}`)}
              {p.status === 'open' ? ` · ${t('promise.checkedAt', { at: format.dateTime(new Date(p.dueAt), instantFormat) })}` : ''}
              {p.status === 'kept' || p.status === 'broken' ? ` · ${t('promise.paid', { amount: formatMoney(p.paidAmount, locale) })}` : ''}
            </span>
          </li>
        ))}
      </ul>
      <h3 className="mt-2 font-semibold">{t('callback.title')}</h3>
      {openCallbacks.length === 0 ? <p className="text-sm text-slate-700">{t('callback.none')}</p> : null}
      <ul className="flex flex-col gap-1 text-sm" data-testid="callbacks">
        {openCallbacks.map((c) => (
          <li key={c.id} className="flex flex-wrap items-start justify-between gap-x-3">
            <span>
              {t('callback.item', { at: format.dateTime(new Date(c.dueAt), instantFormat), staff: c.staff })}
              {c.note ? <span className="block text-slate-700">{c.note}</span> : null}
            </span>
            {canAct ? <CancelCallback caseId={caseId} callbackId={c.id} label={format.dateTime(new Date(c.dueAt), instantFormat)} /> : null}
          </li>
        ))}
      </ul>
    </Card>
  );
}

export async function NotesCard({ file }: { file: CaseFileDto }) {
  const [t, format] = await Promise.all([getTranslations('staffCaseFile'), getFormatter()]);
  return (
    <Card aria-labelledby="notes-heading" className="flex flex-col gap-2">
      <h2 id="notes-heading" className="text-lg font-semibold">
        {t('note.title')}
      </h2>
      {file.notes.length === 0 ? <p className="text-sm text-slate-700">{t('note.none')}</p> : null}
      <ul className="flex flex-col gap-2 text-sm" data-testid="notes">
        {file.notes.slice(0, 5).map((n) => (
          <li key={n.id}>
            <p className="whitespace-pre-line">{n.body}</p>
            <p className="text-xs text-slate-600">
              {n.author} · {format.dateTime(new Date(n.at), instantFormat)}
            </p>
          </li>
        ))}
      </ul>
    </Card>
  );
}

function contactSummary(t: T, c: ContactDto): string {
  const what = t('contact.summary', { channel: t(`channel.${c.channel}`), direction: t(`direction.${c.direction}`), party: t(`party.${c.party}`) });
  if (c.outcome === 'blocked') return `${what} · ${t('contact.blockedShort', { rule: contactRuleName(t, c.blockedRule ?? '') })}`;
  return c.result ? `${what} · ${t(`result.${c.result}`)}` : `${what} · ${t(`outcome.${c.outcome}`)}`;
}

/** What the borrower agreed to, as the supervisor recorded it when extending from the escalation review. */
function agreedNote(data: Record<string, unknown>): string | undefined {
  const agreement = data.borrowerAgreement;
  const note = agreement && typeof agreement === 'object' ? (agreement as { note?: unknown }).note : undefined;
  return typeof note === 'string' && note.trim() ? note : undefined;
}

/**
 * The contact record and everything else about the case, newest first, in one list: the newest entries, and a link to
 * the whole timeline when there are more (`more`); the whole of it says where it stops when even that is cut.
 */
export async function Timeline({ entries, more, whole, wholeHref }: { entries: TimelineEntry[]; more: boolean; whole: boolean; wholeHref: string }) {
  const [t, tPlan, tNotice, tState, format] = await Promise.all([getTranslations('staffCaseFile'), getTranslations('staffPlan'), getTranslations('staffLitigation'), getTranslations('staffCaseState'), getFormatter()]);
  // A change of state says from what to what ("State changed" alone left the mediator to guess).
  const eventLabel = (e: Extract<TimelineEntry, { kind: 'event' }>) => {
    const { from, to } = e.data;
    if (e.action === 'case.state_changed' && typeof from === 'string' && typeof to === 'string' && tState.has(from) && tState.has(to)) return t('timeline.stateChanged', { from: tState(from), to: tState(to) });
    // An extension says by how much and until when (the reason alone left the new deadline to be looked up).
    if (e.action === 'case.deadline_extended' && typeof to === 'string' && typeof e.data.days === 'number') return t('timeline.deadlineExtended', { days: e.data.days, to: format.dateTime(new Date(to), { dateStyle: 'medium' }) });
    return t.has(`event.${e.action}`) ? t(`event.${e.action}`) : e.action;
  };
  // An automatic message's record names its template: shown by its name, as on the plan's activity list; a notice's
  // sending names the notice, in the reader's language.
  const contactNote = (c: ContactDto) => {
    if (!c.note) return c.note;
    if (!c.staff && tPlan.has(`template.${c.note}`)) return tPlan(`template.${c.note}`);
    const notice = readNoticeContactNote(c.note);
    return notice ? t('timeline.noticeNote', { kind: tNotice(`notices.titles.${notice.kind}`), sha: notice.sha256.slice(0, 16) }) : c.note;
  };
  return (
    <section aria-labelledby="timeline-heading" className="flex flex-col gap-2">
      <h2 id="timeline-heading" className="text-xl font-semibold">
        {t('timeline.title')}
      </h2>
      {entries.length === 0 ? <p className="text-sm text-slate-700">{t('timeline.none')}</p> : null}
      <ol className="flex flex-col divide-y divide-slate-200 rounded-xl border border-slate-200 bg-white" data-testid="timeline">
        {entries.map((e) => (
          <li key={`${e.kind}-${e.id}`} className="grid grid-cols-[10rem_7rem_1fr] gap-3 px-4 py-2 text-sm">
            <time dateTime={e.at} className="text-slate-600">
              {format.dateTime(new Date(e.at), instantFormat)}
            </time>
            <span className={cn('font-medium', e.kind === 'contact' && e.contact.outcome === 'blocked' ? 'text-danger-700' : 'text-slate-800')}>{t(`timeline.kind.${e.kind}`)}</span>
            <span className="min-w-0 break-words">
              {e.kind === 'message' ? (
                <>
                  <span className="font-medium">{e.name ?? t(`author.${e.author}`)}</span>: {e.body.length > 200 ? `${e.body.slice(0, 200)}…` : e.body}
                </>
              ) : e.kind === 'offer' ? (
                t('timeline.offer', { author: e.name ?? t(`author.${e.author}`), status: t(`offerStatus.${e.status}`) })
              ) : e.kind === 'contact' ? (
                <>
                  {contactSummary(t, e.contact)}
                  {e.contact.staff ? ` · ${e.contact.staff}` : ''}
                  {e.contact.note ? <span className="block text-slate-700">{contactNote(e.contact)}</span> : null}
                </>
              ) : e.kind === 'note' ? (
                <>
                  <span className="font-medium">{e.note.author}</span>: {e.note.body}
                </>
              ) : (
                <>
                  {eventLabel(e)}
                  {e.name ? ` · ${e.name}` : e.actorType === 'system' ? ` · ${t('author.system')}` : ''}
                  {typeof e.data.reason === 'string' ? <span className="block text-slate-700">{t('timeline.reason', { reason: e.data.reason })}</span> : null}
                  {agreedNote(e.data) ? <span className="block text-slate-700">{t('timeline.agreedNote', { note: agreedNote(e.data)! })}</span> : null}
                </>
              )}
            </span>
          </li>
        ))}
      </ol>
      {more && !whole ? (
        <p>
          <a href={wholeHref} className="inline-flex min-h-11 items-center text-brand-700 underline" data-testid="timeline-all">
            {t('timeline.showAll')}
          </a>
        </p>
      ) : more ? (
        <p className="text-sm text-slate-700">{t('timeline.capped', { count: entries.length })}</p>
      ) : null}
    </section>
  );
}
