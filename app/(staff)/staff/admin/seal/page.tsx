import type { Metadata } from 'next';
import { ClientMessages } from '@/components/i18n/client-messages';
import { Card, Notice } from '@/components/ui/card';
import { requireStaff } from '@/lib/auth/session';
import { instantFormat } from '@/lib/i18n/config';
import { getFormatter, getLocale, getTranslations } from '@/lib/i18n/server';
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
  const [served, t, format, locale] = await Promise.all([listSealAuthorisations(actor), getTranslations('staffAdmin'), getFormatter(), getLocale()]);
  const when = (iso: string) => format.dateTime(new Date(iso), instantFormat);
  return (
    <main id="main" className="mx-auto flex max-w-3xl flex-col gap-4 px-4 py-6">
      <h1 className="text-2xl font-bold">{t('sealTitle')}</h1>
      <p className="text-slate-700">{t('sealIntro')}</p>
      {served.length === 0 ? <Notice>{t('noCreditors')}</Notice> : null}
      {/* One section per creditor the admin serves: its own admin sees one, the centre's every creditor. */}
      {served.map(({ creditorId, creditorName, creditorNameEn, inForce, history }) => (
        <section key={creditorId} aria-labelledby={`seal-${creditorId}`} className="flex flex-col gap-3">
          <h2 id={`seal-${creditorId}`} className="text-xl font-semibold">
            {locale === 'en' ? creditorNameEn : creditorName}
          </h2>
          {inForce ? (
            <Notice>
              <p className="font-semibold">{t('inForce')}</p>
              <p>{t('inForceDetail', { signatory: inForce.signatory, by: inForce.grantedBy, date: when(inForce.grantedAt) })}</p>
            </Notice>
          ) : (
            <Notice tone="warn">{t('none')}</Notice>
          )}
          <Card>
            <ClientMessages namespaces={['staffAdmin']}>
              <SealAuthorisationForm creditorId={creditorId} inForce={inForce !== null} />
            </ClientMessages>
          </Card>
          {history.length ? (
            <>
              <h3 className="text-lg font-semibold">{t('history')}</h3>
              <ol className="flex flex-col gap-2 text-sm">
                {history.map((a) => (
                  <li key={a.id} className="rounded-lg border border-slate-200 bg-white p-3">
                    <p>{t('grantedLine', { signatory: a.signatory, by: a.grantedBy, date: when(a.grantedAt) })}</p>
                    {a.revokedAt ? <p className="text-slate-700">{t('revokedLine', { by: a.revokedBy ?? '—', date: when(a.revokedAt) })}</p> : null}
                  </li>
                ))}
              </ol>
            </>
          ) : null}
        </section>
      ))}
    </main>
  );
}
