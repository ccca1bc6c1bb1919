// i18n-audience: borrower
import { getTranslations } from '@/lib/i18n/server';

/** The borrower's rights in plain words: disputes, contact hours, no contact with family, privacy. */
export async function BorrowerRights({ contactStart, contactEnd, servicePhone }: { contactStart: string; contactEnd: string; servicePhone: string }) {
  const t = await getTranslations('rights');
  return (
    <section aria-labelledby="rights-heading" className="rounded-xl border border-slate-200 bg-white p-4">
      <h2 id="rights-heading" className="text-xl font-semibold">
        {t('title')}
      </h2>
      <ul className="mt-2 flex list-disc flex-col gap-2 pl-5 text-sm">
        <li>{t('dispute')}</li>
        <li>{t('hours', { start: contactStart, end: contactEnd })}</li>
        <li>{t('thirdParties')}</li>
        <li>{t('respect')}</li>
        <li>{t('privacy')}</li>
        <li>{t('scam', { phone: servicePhone })}</li>
      </ul>
    </section>
  );
}
