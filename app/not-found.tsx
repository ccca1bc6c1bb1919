import { AppLink } from '@/components/app-link';
import { getTranslations } from '@/lib/i18n/server';

export default async function NotFound() {
  const t = await getTranslations('notFound');
  return (
    <main id="main" className="mx-auto flex max-w-lg flex-col gap-4 px-4 py-12">
      <h1 className="text-2xl font-bold">{t('title')}</h1>
      <p className="text-slate-700">{t('body')}</p>
      <AppLink href="/" className="text-brand-700 underline">
        {t('home')}
      </AppLink>
    </main>
  );
}
