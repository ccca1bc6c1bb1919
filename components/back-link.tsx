import { AppLink } from './app-link';
import { getTranslations } from '@/lib/i18n/server';

/** The one-level breadcrumb at the top of a detail page. */
export async function BackLink({ href, children }: { href: string; children: React.ReactNode }) {
  const t = await getTranslations('common');
  return (
    <nav aria-label={t('breadcrumb')} className="text-sm">
      <AppLink href={href} className="text-brand-700 underline">
        {children}
      </AppLink>
    </nav>
  );
}
