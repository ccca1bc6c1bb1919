import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { getFormatter, getTranslations } from '@/lib/i18n/server';
import { contactRuleName } from '@/lib/i18n/contact-rule';
import { Card, Notice } from '@/components/ui/card';
import { requireStaff } from '@/lib/auth/session';
import { canReadOutbox, listOutbox } from '@/lib/server/outbox/list-outbox';

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations('outbox'))('title') };
}

/** The dev outbox: messages the default channel "sent". Admins only (it holds sign-in codes). */
export default async function OutboxPage() {
  const { actor } = await requireStaff();
  // Other staff are told it is not there, as for anything they may not see.
  if (!canReadOutbox(actor)) notFound();
  const [messages, t, tCase, format] = await Promise.all([listOutbox(actor), getTranslations('outbox'), getTranslations('staffCaseFile'), getFormatter()]);
  return (
    <main id="main" className="mx-auto flex max-w-3xl flex-col gap-4 px-4 py-6">
      <h1 className="text-2xl font-bold">{t('title')}</h1>
      <Notice tone="warn">{t('explain')}</Notice>
      {messages.length === 0 ? <p>{t('empty')}</p> : null}
      <ol className="flex flex-col gap-3" aria-label={t('title')}>
        {messages.map((m) => (
          <li key={m.id}>
            <Card>
              <p className="flex flex-wrap justify-between gap-2 text-sm text-slate-700">
                <span>
                  {t('to')} <span className="font-mono" data-testid="outbox-to">{m.toAddress}</span> · {tCase(`channel.${m.channel as 'sms'}`)} · {t(`status.${m.status as 'sent'}`)}
                </span>
                <time dateTime={m.createdAt}>{format.dateTime(new Date(m.createdAt), { dateStyle: 'medium', timeStyle: 'medium' })}</time>
              </p>
              {m.subject ? <p className="mt-1 font-semibold">{m.subject}</p> : null}
              <p className="mt-1 whitespace-pre-wrap" data-testid="outbox-body">
                {m.body}
              </p>
              {m.status === 'pending' && m.deferredBy ? (
                <p className="mt-1 text-sm text-slate-700">{t('deferred', { rule: contactRuleName(tCase, m.deferredBy), at: format.dateTime(new Date(m.scheduledAt), { dateStyle: 'short', timeStyle: 'short' }) })}</p>
              ) : null}
              {m.letterId ? (
                <a className="mt-1 inline-block text-brand-700 underline" href={`/api/invitations/${m.letterId}/letter`} download>
                  {t('letterPdf')}
                </a>
              ) : null}
            </Card>
          </li>
        ))}
      </ol>
    </main>
  );
}
