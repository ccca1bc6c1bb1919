'use client';

import { useTranslations } from 'next-intl';
import { ErrorMain } from '@/components/page-status';

/** A localized error page, the same as the plain documents' (ADR 0007); the server logs the error under error.digest. */
export default function ErrorPage({ error }: { error: Error & { digest?: string } }) {
  const t = useTranslations('errorPage');
  return <ErrorMain title={t('title')} body={t('body')} reference={error.digest ? t('reference', { digest: error.digest }) : null} retry={t('retry')} />;
}
