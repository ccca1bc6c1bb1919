import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { ClientMessages } from '@/components/i18n/client-messages';
import { Card } from '@/components/ui/card';
import { requireStaff } from '@/lib/auth/session';
import { getTranslations } from '@/lib/i18n/server';
import { MAX_PAYMENT_FILE_BYTES, MAX_PAYMENT_ROWS } from '@/lib/server/plans/payment-file';
import { PaymentImport } from './_components/payment-import';

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations('paymentImport'))('title') };
}

/** Admins import a payment file from the bank or a payment processor: preview, then confirm (issue 17). */
export default async function PaymentImportPage() {
  const { actor } = await requireStaff();
  if (actor.role !== 'admin') notFound();
  const t = await getTranslations('paymentImport');
  return (
    <main id="main" className="mx-auto flex max-w-6xl flex-col gap-4 px-4 py-6">
      <h1 className="text-2xl font-bold">{t('title')}</h1>
      <p className="text-slate-700">{t('intro')}</p>
      <Card aria-labelledby="columns-heading">
        <h2 id="columns-heading" className="text-lg font-semibold">
          {t('columnsTitle')}
        </h2>
        <p className="mt-1 font-mono text-sm">contract_no, amount, received_on, channel, reference, note</p>
        <p className="font-mono text-sm">合同号, 金额, 到账日期, 渠道, 流水号, 备注</p>
        <p className="mt-2 text-sm text-slate-700">{t('columnsHint', { mb: MAX_PAYMENT_FILE_BYTES / 1024 / 1024, rows: MAX_PAYMENT_ROWS })}</p>
      </Card>
      <ClientMessages namespaces={['paymentImport']}>
        <PaymentImport />
      </ClientMessages>
    </main>
  );
}
