import type { Metadata } from 'next';
import { SessionsCard } from '@/components/account/sessions-card';
import { ClientMessages } from '@/components/i18n/client-messages';
import { Card, Notice } from '@/components/ui/card';
import { staffMustChangePassword } from '@/lib/server/staff/bootstrap-admin';
import { requireStaff } from '@/lib/auth/session';
import { getTranslations } from '@/lib/i18n/server';
import { listMySessions } from '@/lib/server/auth/sessions';
import { ChangePasswordForm } from './_components/change-password-form';

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations('account'))('title') };
}

/** A staff member's own account: change the password, see and end their sessions. */
export default async function StaffAccountPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  // The one page an account that must change its password may open.
  const { actor } = await requireStaff(undefined, { passwordChange: true });
  const mustChange = (await searchParams).mustChange === '1' && (await staffMustChangePassword(actor.id));
  const [sessions, t] = await Promise.all([listMySessions(actor), getTranslations('account')]);
  return (
    <ClientMessages namespaces={['account']}>
      <main id="main" className="mx-auto flex max-w-3xl flex-col gap-5 px-4 py-6">
        <div>
          <h1 className="text-2xl font-bold">{t('title')}</h1>
          <p className="text-slate-700">{t('staffIntro')}</p>
        </div>
        {mustChange ? <Notice tone="warn">{t('mustChange')}</Notice> : null}
        <Card aria-labelledby="password-heading" className="flex flex-col gap-3">
          <h2 id="password-heading" className="text-lg font-semibold">
            {t('passwordTitle')}
          </h2>
          <ChangePasswordForm />
        </Card>
        <SessionsCard sessions={sessions} signInPage="/staff/login" />
      </main>
    </ClientMessages>
  );
}
