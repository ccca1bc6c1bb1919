import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { BackLink } from '@/components/back-link';
import { ClientMessages } from '@/components/i18n/client-messages';
import { Card } from '@/components/ui/card';
import { requireStaff } from '@/lib/auth/session';
import { plainTemplates, requiredPlaceholders } from '@/lib/domain/message-templates';
import { publicUrl } from '@/lib/env';
import { displayTimeZone, formatInstant, isLocale } from '@/lib/i18n/config';
import { formatDay } from '@/lib/i18n/days';
import { getLocale, getTranslations } from '@/lib/i18n/server';
import { isAppError } from '@/lib/server/errors';
import { getTemplate } from '@/lib/server/templates/template-store';
import { TemplateEditor } from '../../../_components/template-editor';

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations('staffTemplates'))('title') };
}

/** One template in one language: the creditor's wording (or the default to start from), a live preview with sample values, save or reset. */
export default async function TemplateEditPage({ params }: { params: Promise<{ creditorId: string; template: string; locale: string }> }) {
  const { actor } = await requireStaff(['admin']);
  const key = await params;
  const tpl = await getTemplate(actor, key).catch((error) => {
    if (isAppError(error) && error.code === 'NOT_FOUND') notFound();
    throw error;
  });
  const [t, uiLocale] = await Promise.all([getTranslations('staffTemplates'), getLocale()]);
  // Sample values as the borrower would see them, in the template's own language.
  const locale = isLocale(key.locale) ? key.locale : 'zh-CN';
  const tSample = await getTranslations({ locale, namespace: 'staffTemplates' });
  const samples: Record<string, string | number> = {
    code: 'K7M3Q-9XPRD',
    url: publicUrl('/check'),
    creditor: locale === 'en' ? tpl.creditorNameEn : tpl.creditorName,
    name: tSample('sampleName'),
    caseNo: 'CASE-2026-000123',
    seq: 3,
    dueDate: formatDay('2026-03-10', locale),
    firstDue: formatDay('2026-04-10', locale),
    expires: formatInstant(new Date('2026-03-12T10:00:00Z'), locale, displayTimeZone),
    link: publicUrl('/cases/0d4f2c1e-example'),
    excerpt: tSample('sampleExcerpt'),
    reason: tSample('sampleReason'),
    agreementNo: 'CASE-2026-000123-A1',
  };
  return (
    <main id="main" className="mx-auto flex max-w-5xl flex-col gap-4 px-4 py-6">
      <BackLink href="/staff/admin/templates">{t('back')}</BackLink>
      <h1 className="text-2xl font-bold">{t('editTitle', { template: t(`template.${tpl.template}`), language: t(`language.${tpl.locale}`) })}</h1>
      <p className="text-slate-700">{uiLocale === 'en' ? tpl.creditorNameEn : tpl.creditorName}</p>
      <Card>
        <ClientMessages namespaces={['staffTemplates']}>
          <TemplateEditor
            keyOf={{ creditorId: tpl.creditorId, template: tpl.template, locale: tpl.locale }}
            initial={tpl.own ?? tpl.defaultText}
            version={tpl.own?.version ?? 0}
            hasOwn={tpl.own !== null}
            allowed={tpl.placeholders}
            required={[...(requiredPlaceholders[tpl.template] ?? [])]}
            plain={plainTemplates.includes(tpl.template)}
            samples={samples}
          />
        </ClientMessages>
      </Card>
    </main>
  );
}
