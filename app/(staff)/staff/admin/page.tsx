import type { Metadata } from 'next';
import Link from 'next/link';
import { requireStaff } from '@/lib/auth/session';
import { getTranslations } from '@/lib/i18n/server';

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations('admin'))('title') };
}

/** Administration: staff accounts, creditors and their policy, and the admins' other tools. Admins only (checked here and in every service). */
export default async function AdminIndexPage() {
  await requireStaff(['admin']);
  const [t, tStaff, tImport, tTemplates] = await Promise.all([getTranslations('admin'), getTranslations('staff'), getTranslations('staffImport'), getTranslations('staffTemplates')]);
  const items = [
    { href: '/staff/admin/staff', title: t('staffTitle'), text: t('staffBlurb') },
    { href: '/staff/admin/creditors', title: t('creditorsTitle'), text: t('creditorsBlurb') },
    { href: '/staff/admin/seal', title: tStaff('admin'), text: t('sealBlurb') },
    { href: '/staff/admin/import', title: tImport('title'), text: tImport('adminBlurb') },
    { href: '/staff/admin/templates', title: tTemplates('title'), text: tTemplates('adminBlurb') },
    { href: '/staff/admin/payments', title: tStaff('importPayments'), text: t('paymentsBlurb') },
    { href: '/staff/admin/litigation', title: t('litigation.title'), text: t('litigationBlurb') },
    { href: '/staff/outbox', title: t('outboxTitle'), text: t('outboxBlurb') },
  ];
  return (
    <main id="main" className="mx-auto flex max-w-4xl flex-col gap-4 px-4 py-6">
      <h1 className="text-2xl font-bold">{t('title')}</h1>
      <ul className="grid gap-3 md:grid-cols-2">
        {items.map((item) => (
          <li key={item.href} className="rounded-xl border border-slate-200 bg-white p-4 shadow-sm">
            <Link href={item.href} className="text-lg font-semibold text-brand-700 underline">
              {item.title}
            </Link>
            <p className="text-sm text-slate-700">{item.text}</p>
          </li>
        ))}
      </ul>
    </main>
  );
}
