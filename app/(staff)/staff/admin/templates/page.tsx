import type { Metadata } from 'next';
import Link from 'next/link';
import { Notice } from '@/components/ui/card';
import { requireStaff } from '@/lib/auth/session';
import { instantFormat } from '@/lib/i18n/config';
import { getFormatter, getLocale, getTranslations } from '@/lib/i18n/server';
import { listTemplates } from '@/lib/server/templates/template-store';
import { DataTable } from '@/components/ui/data-table';

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations('staffTemplates'))('title') };
}

/** Every borrower message a creditor may word itself, per language: the creditor's own wording or the default, and a link to edit. */
export default async function TemplatesPage() {
  const { actor } = await requireStaff(['admin']);
  const [served, t, format, locale] = await Promise.all([listTemplates(actor), getTranslations('staffTemplates'), getFormatter(), getLocale()]);
  return (
    <main id="main" className="mx-auto flex max-w-5xl flex-col gap-5 px-4 py-6">
      <h1 className="text-2xl font-bold">{t('title')}</h1>
      <p className="max-w-3xl text-slate-700">{t('intro')}</p>
      {served.length === 0 ? <Notice>—</Notice> : null}
      {served.map((creditor) => (
        <section key={creditor.creditorId} aria-labelledby={`t-${creditor.creditorId}`} className="flex flex-col gap-2">
          <h2 id={`t-${creditor.creditorId}`} className="text-xl font-semibold">
            {locale === 'en' ? creditor.creditorNameEn : creditor.creditorName}
          </h2>
          <DataTable
            caption={locale === 'en' ? creditor.creditorNameEn : creditor.creditorName}
            columns={[
              { id: 'template', header: t('colTemplate') },
              { id: 'language', header: t('colLanguage') },
              { id: 'wording', header: t('colWording') },
              { id: 'edit', header: <span className="sr-only">{t('edit')}</span> },
            ]}
            rows={creditor.templates.map((tpl) => ({
              id: `${tpl.template}-${tpl.locale}`,
              cells: {
                template: t(`template.${tpl.template}`),
                language: t(`language.${tpl.locale}`),
                wording: tpl.own ? t('own', { version: tpl.own.version, by: tpl.own.updatedBy, date: format.dateTime(new Date(tpl.own.updatedAt), instantFormat) }) : t('default'),
                edit: (
                  <Link href={`/staff/admin/templates/${creditor.creditorId}/${tpl.template}/${tpl.locale}`} className="text-brand-700 underline" aria-label={`${t('edit')}: ${t(`template.${tpl.template}`)} (${t(`language.${tpl.locale}`)})`}>
                    {t('edit')}
                  </Link>
                ),
              },
            }))}
          />
        </section>
      ))}
    </main>
  );
}
