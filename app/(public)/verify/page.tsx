import type { Metadata } from 'next';
import { getTranslations } from '@/lib/i18n/server';
import { ClientMessages } from '@/components/i18n/client-messages';
import { SiteHeader } from '@/components/site-header';
import { Card } from '@/components/ui/card';
import { currentRequestMeta } from '@/lib/auth/request-meta';
import { verifyAgreementCode } from '@/lib/server/agreements/verify-agreement';
import { VerifyForm } from './_components/verify-form';
import { VerifyBundleForm } from './_components/verify-bundle-form';
import { bundleUploadLimit } from '@/lib/server/bundle/verify-bundle';

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations('verify'))('title') };
}

/** Public: anyone holding an agreement (a court, a relative, the borrower) can check it. */
export default async function VerifyPage({ searchParams }: { searchParams: Promise<{ code?: string }> }) {
  const t = await getTranslations('verify');
  const tb = await getTranslations('verifyBundle');
  const { code } = await searchParams;
  const initial = code ? await verifyAgreementCode(await currentRequestMeta(), code).catch(() => null) : null;
  return (
    <>
      <SiteHeader home="/verify" />
      <main id="main" className="mx-auto flex max-w-xl flex-col gap-4 px-4 py-6">
        <h1 className="text-2xl font-bold">{t('title')}</h1>
        <p className="text-slate-700">{t('intro')}</p>
        <Card>
          <ClientMessages namespaces={['verify']}>
            <VerifyForm initialCode={code ?? ''} initialResult={initial} />
          </ClientMessages>
        </Card>
        <h2 className="mt-4 text-xl font-bold">{tb('title')}</h2>
        <p className="text-slate-700">{tb('intro')}</p>
        <Card>
          <ClientMessages namespaces={['verifyBundle']}>
            <VerifyBundleForm maxMegabytes={bundleUploadLimit.maxMegabytes} />
          </ClientMessages>
        </Card>
      </main>
    </>
  );
}
