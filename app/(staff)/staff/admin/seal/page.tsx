import type { Metadata } from 'next';
import { ClientMessages } from '@/components/i18n/client-messages';
import { Card, Notice } from '@/components/ui/card';
import { requireStaff } from '@/lib/auth/session';
import { instantFormat } from '@/lib/i18n/config';
import { getFormatter, getTranslations } from '@/lib/i18n/server';
import { listSealAuthorisations } from '@/lib/server/agreements/seal-authorisation';
import { SealAuthorisationForm } from './_components/seal-authorisation-form';

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations('staffAdmin'))('sealTitle') };
}

/**
 * The creditor's standing authorisation for Concord to apply its seal to agreements its mediators have signed:
 * an admin grants it (naming who authorises it) or revokes it; both are in the audit log. Without one in force,
 * agreements cannot be countersigned.
 */
export default async function SealAuthorisationPage() {
  const { actor } = await requireStaff(['admin']);
  const [history, t, format] = await Promise.all([listSealAuthorisations(actor), getTranslations('staffAdmin'), getFormatter()]);
  const current = history.find((a) => a.revokedAt === null) ?? null;
  const when = (iso: string) => format.dateTime(new Date(iso), instantFormat);
  return (
    <main id="main" className="mx-auto flex max-w-3xl flex-col gap-4 px-4 py-6">
      <h1 className="text-2xl font-bold">{t('sealTitle')}</h1>
      <p className="text-slate-700">{t('sealIntro')}</p>
      {current ? (
        <Notice>
          <p className="font-semibold">{t('inForce')}</p>
          <p>{t('inForceDetail', { signatory: current.signatory, by: current.grantedBy, date: when(current.grantedAt) })}</p>
        </Notice>
      ) : (
        <Notice tone="warn">{t('none')}</Notice>
      )}
      <Card>
        <ClientMessages namespaces={['staffAdmin']}>
          <SealAuthorisationForm inForce={current !== null} />
        </ClientMessages>
      </Card>
      {history.length ? (
        <section aria-labelledby="history-heading">
          <h2 id="history-heading" className="text-xl font-semibold">
            {t('history')}
          </h2>
          <ol className="mt-2 flex flex-col gap-2 text-sm">
            {history.map((a) => (
              <li key={a.id} className="rounded-lg border border-slate-200 bg-white p-3">
                <p>{t('grantedLine', { signatory: a.signatory, by: a.grantedBy, date: when(a.grantedAt) })}</p>
                {a.revokedAt ? <p className="text-slate-700">{t('revokedLine', { by: a.revokedBy ?? '—', date: when(a.revokedAt) })}</p> : null}
              </li>
            ))}
          </ol>
        </section>
      ) : null}
    </main>
  );
}
