import type { Metadata } from 'next';
import Link from 'next/link';
import { ClientMessages } from '@/components/i18n/client-messages';
import { Card, Notice } from '@/components/ui/card';
import { requireStaff } from '@/lib/auth/session';
import { instantFormat, locales } from '@/lib/i18n/config';
import { getFormatter, getLocale, getTranslations } from '@/lib/i18n/server';
import { importCreditors, listImportBatches } from '@/lib/server/imports/import-batches';
import { importLimits } from '@/lib/server/imports/import-file';
import { UploadForm } from './_components/upload-form';
import { DataTable } from '@/components/ui/data-table';

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations('staffImport'))('title') };
}

const languageNames = { 'zh-CN': '中文', en: 'English' } as const;

/** Portfolio import (admins): the template, the upload, and the latest batches of the creditors the admin serves. */
export default async function ImportPage() {
  const { actor } = await requireStaff(['admin']);
  const [creditors, batches, t, format, locale] = await Promise.all([importCreditors(actor), listImportBatches(actor), getTranslations('staffImport'), getFormatter(), getLocale()]);
  return (
    <main id="main" className="mx-auto flex max-w-5xl flex-col gap-5 px-4 py-6">
      <h1 className="text-2xl font-bold">{t('title')}</h1>
      <p className="max-w-3xl text-slate-700">{t('intro')}</p>
      <section aria-labelledby="downloads" className="flex flex-col gap-2">
        <h2 id="downloads" className="text-lg font-semibold">
          {t('downloads')}
        </h2>
        <ul className="flex flex-wrap gap-x-6 gap-y-2">
          {locales.map((locale) => (
            <li key={locale} className="flex gap-4">
              <a className="text-brand-700 underline" href={`/api/imports/files/template-${locale}.csv`} download>
                {t('templateCsv', { language: languageNames[locale] })}
              </a>
              <a className="text-brand-700 underline" href={`/api/imports/files/reference-${locale}.csv`} download>
                {t('referenceCsv', { language: languageNames[locale] })}
              </a>
            </li>
          ))}
        </ul>
      </section>
      <Card aria-labelledby="upload-heading" className="flex flex-col gap-3">
        <h2 id="upload-heading" className="text-lg font-semibold">
          {t('uploadHeading')}
        </h2>
        <ClientMessages namespaces={['staffImport']}>
          <UploadForm creditors={creditors.map((c) => ({ id: c.id, name: locale === 'en' ? c.nameEn : c.name }))} maxMegabytes={importLimits.maxMegabytes} />
        </ClientMessages>
      </Card>
      <section aria-labelledby="history" className="flex flex-col gap-2">
        <h2 id="history" className="text-lg font-semibold">
          {t('history')}
        </h2>
        {batches.length === 0 ? (
          <Notice>{t('noBatches')}</Notice>
        ) : (
          <DataTable
            caption={t('history')}
            columns={[
              { id: 'file', header: t('colFile') },
              { id: 'creditor', header: t('colCreditor') },
              { id: 'status', header: t('colStatus') },
              { id: 'rows', header: t('colRows'), align: 'right', className: 'tabular-nums' },
              { id: 'uploaded', header: t('colUploaded') },
            ]}
            rows={batches.map((b) => ({
              id: b.id,
              cells: {
                file: (
                  <Link href={`/staff/admin/import/${b.id}`} className="text-brand-700 underline">
                    {b.filename}
                  </Link>
                ),
                creditor: locale === 'en' ? b.creditorNameEn : b.creditorName,
                status: t(`status.${b.status}`),
                rows: `${format.number(b.counts.valid)} / ${format.number(b.counts.invalid)}`,
                uploaded: format.dateTime(new Date(b.createdAt), instantFormat),
              },
            }))}
          />
        )}
      </section>
    </main>
  );
}
