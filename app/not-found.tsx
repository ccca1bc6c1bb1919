import { NotFoundMain } from '@/components/page-status';
import { getTranslations } from '@/lib/i18n/server';

export default async function NotFound() {
  const t = await getTranslations('notFound');
  return <NotFoundMain title={t('title')} body={t('body')} home={t('home')} />;
}
