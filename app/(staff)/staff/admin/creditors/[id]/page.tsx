import type { Metadata } from 'next';
import Link from 'next/link';
import { orNotFound } from '@/app/_lib/or-not-found';
import { BackLink } from '@/components/back-link';
import { ClientMessages } from '@/components/i18n/client-messages';
import { Card } from '@/components/ui/card';
import { requireStaff } from '@/lib/auth/session';
import { getTranslations } from '@/lib/i18n/server';
import { getCreditor } from '@/lib/server/admin/creditors';
import { getPaymentAccount } from '@/lib/server/plans/set-payment-account';
import { CreditorDetailsForm } from '../../_components/creditor-forms';
import { PaymentAccountForm } from './_components/payment-account-form';

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations('admin'))('details') };
}

export default async function CreditorPage({ params }: { params: Promise<{ id: string }> }) {
  const { actor } = await requireStaff(['admin']);
  const { id } = await params;
  const [creditor, account, t] = await Promise.all([orNotFound(getCreditor(actor, id)), orNotFound(getPaymentAccount(actor, id)), getTranslations('admin')]);
  const { code, name, nameEn, creditCode, registeredAddress, servicePhone, court } = creditor;
  return (
    <ClientMessages namespaces={['admin']}>
      <main id="main" className="mx-auto flex max-w-4xl flex-col gap-5 px-4 py-6">
        <BackLink href="/staff/admin/creditors">{t('creditorsTitle')}</BackLink>
        <h1 className="text-2xl font-bold">{name}</h1>
        <Link href={`/staff/admin/creditors/${creditor.id}/policy`} className="self-start text-brand-700 underline">
          {t('policyLink')}
        </Link>
        <Link href={`/staff/admin/creditors/${creditor.id}/litigation`} className="self-start text-brand-700 underline">
          {t('litigation.title')}
        </Link>
        <Card aria-labelledby="details-heading">
          <h2 id="details-heading" className="mb-2 text-lg font-semibold">
            {t('details')}
          </h2>
          <CreditorDetailsForm creditorId={creditor.id} initial={{ code, name, nameEn, creditCode, registeredAddress, servicePhone, court }} />
        </Card>
        <Card aria-labelledby="payment-account-heading">
          <h2 id="payment-account-heading" className="text-lg font-semibold">
            {t('paymentAccount.title')}
          </h2>
          <p className="mb-2 text-sm text-slate-700">{t('paymentAccount.intro')}</p>
          <PaymentAccountForm
            creditorId={creditor.id}
            initial={{ bankName: account?.bankName ?? '', accountName: account?.accountName ?? '', accountNo: account?.accountNo ?? '', note: account?.note ?? '', noteEn: account?.noteEn ?? '' }}
          />
        </Card>
      </main>
    </ClientMessages>
  );
}
