import type { Metadata } from 'next';
import { BackLink } from '@/components/back-link';
import { ClientMessages } from '@/components/i18n/client-messages';
import { Card } from '@/components/ui/card';
import { requireStaff } from '@/lib/auth/session';
import { getFormatter, getLocale, getTranslations } from '@/lib/i18n/server';
import { listCreditors } from '@/lib/server/admin/creditors';
import { listStaffAccounts } from '@/lib/server/admin/staff-accounts';
import { InviteStaffForm, StaffRowActions } from '../_components/staff-forms';

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations('admin'))('staffTitle') };
}

/** Staff accounts: invite, role and creditor, deactivate, reset, lockouts. */
export default async function StaffAccountsPage() {
  const { actor } = await requireStaff(['admin']);
  const [accounts, creditorRows, t, tErrors, format, locale] = await Promise.all([listStaffAccounts(actor), listCreditors(actor), getTranslations('admin'), getTranslations('errors'), getFormatter(), getLocale()]);
  const creditorLabel = new Map(creditorRows.map((c) => [c.id, locale === 'en' ? c.nameEn : c.name]));
  const creditors = [...(actor.creditorId === null ? [{ value: '', label: t('centre') }] : []), ...[...creditorLabel].map(([value, label]) => ({ value, label }))];
  return (
    <ClientMessages namespaces={['admin']}>
      <main id="main" className="mx-auto flex max-w-6xl flex-col gap-5 px-4 py-6">
        <BackLink href="/staff/admin">{t('title')}</BackLink>
        <h1 className="text-2xl font-bold">{t('staffTitle')}</h1>
        <Card aria-labelledby="invite-heading">
          <h2 id="invite-heading" className="mb-2 text-lg font-semibold">
            {t('invite')}
          </h2>
          <p className="mb-3 text-sm text-slate-700">{t('inviteIntro')}</p>
          <InviteStaffForm creditors={creditors} />
        </Card>
        <section aria-labelledby="accounts-heading" className="flex flex-col gap-3">
          <h2 id="accounts-heading" className="text-lg font-semibold">
            {t('accounts', { count: accounts.length })}
          </h2>
          <p className="text-sm text-slate-700">{t('rules')}</p>
          <ul className="flex flex-col gap-3">
            {accounts.map((s) => (
              <li key={s.id} className="rounded-xl border border-slate-200 bg-white p-4" data-staff={s.email}>
                <div className="flex flex-wrap items-baseline justify-between gap-2">
                  <p className="font-semibold">
                    {s.name} <span className="font-normal text-slate-700">{s.email}</span>
                  </p>
                  <p className="text-sm">
                    {t(`roles.${s.role}`)} · {(s.creditorId && creditorLabel.get(s.creditorId)) ?? s.creditorName ?? t('centre')} ·{' '}
                    <span data-status>{!s.active ? t('status.inactive') : s.pending ? t('status.pending') : t('status.active')}</span>
                    {s.lastLoginAt ? ` · ${t('lastLogin', { date: format.dateTime(new Date(s.lastLoginAt), { dateStyle: 'medium', timeStyle: 'short' }) })}` : ''}
                  </p>
                </div>
                {s.lockedUntil ? <p className="text-sm text-danger-700">{tErrors('LOCKED', { until: format.dateTime(new Date(s.lockedUntil), { hour: '2-digit', minute: '2-digit' }) })}</p> : null}
                {s.id === actor.id ? <p className="text-sm text-slate-700">{t('yourself')}</p> : <StaffRowActions staff={s} creditors={creditors} />}
              </li>
            ))}
          </ul>
        </section>
      </main>
    </ClientMessages>
  );
}
