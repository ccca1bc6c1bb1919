import type { Metadata } from 'next';
import { orNotFound } from '@/app/_lib/or-not-found';
import { BackLink } from '@/components/back-link';
import { ClientMessages } from '@/components/i18n/client-messages';
import { requireStaff } from '@/lib/auth/session';
import { policyFields, readPath } from '@/lib/domain/policy-form';
import { policySection, policySources } from '@/lib/domain/policy-sources';
import { getLocale, getTranslations } from '@/lib/i18n/server';
import { getCreditor } from '@/lib/server/admin/creditors';
import { PolicyForm, type PolicyFormSection } from '../../../_components/policy-form';

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations('admin'))('policyLink') };
}

/** A creditor's policy limits, each with its legal source; saved through the policy schema and audited. */
export default async function CreditorPolicyPage({ params }: { params: Promise<{ id: string }> }) {
  const { actor } = await requireStaff(['admin']);
  const { id } = await params;
  const [creditor, t, tAdmin, locale] = await Promise.all([orNotFound(getCreditor(actor, id)), getTranslations('policyForm'), getTranslations('admin'), getLocale()]);
  const sections: PolicyFormSection[] = [];
  for (const field of policyFields) {
    const name = policySection(field.path);
    let section = sections.find((s) => s.section === name);
    if (!section) sections.push((section = { section: name, fields: [] }));
    const current = readPath(creditor.policy, field.path);
    const shown = Array.isArray(current) ? current.join(' → ') : current === undefined || current === null ? '' : String(current);
    const value = field.kind === 'boolean' ? current === true : shown;
    section.fields.push({ ...field, source: policySources[field.path] ?? null, value } as PolicyFormSection['fields'][number]);
  }
  return (
    <ClientMessages namespaces={['policyForm']}>
      <main id="main" className="mx-auto flex max-w-4xl flex-col gap-5 px-4 py-6">
        <BackLink href="/staff/admin/creditors">{tAdmin('creditorsTitle')}</BackLink>
        <h1 className="text-2xl font-bold">{t('title', { name: locale === 'en' ? creditor.nameEn : creditor.name })}</h1>
        <p className="text-slate-700">{t('intro')}</p>
        <PolicyForm creditorId={creditor.id} version={creditor.updatedAt} sections={sections} />
      </main>
    </ClientMessages>
  );
}
