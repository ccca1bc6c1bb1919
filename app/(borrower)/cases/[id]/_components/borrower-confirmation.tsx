import Link from 'next/link';
import { Card } from '@/components/ui/card';
import type { Actor } from '@/lib/server/actor';
import { formatDay } from '@/lib/i18n/days';
import { getTranslations } from '@/lib/i18n/server';
import { confirmationOf, type ConfirmationDto } from '@/lib/server/confirmations/confirmation-view';

const meaningKeys = ['pay', 'enforce', 'same', 'rights'] as const;

/**
 * What judicial confirmation means for the borrower, in plain words (shared by the case page and the signing page).
 * `level`: its heading's, one below the heading it sits under (the case page's card has an h2, the signing page only its h1).
 */
export async function ConfirmationMeaning({ level = 3 }: { level?: 2 | 3 }) {
  const t = await getTranslations('litigation');
  const Heading = level === 2 ? 'h2' : 'h3';
  return (
    <section aria-labelledby="confirmation-meaning-heading" className="flex flex-col gap-1">
      <Heading id="confirmation-meaning-heading" className="font-semibold">
        {t('confirmation.meaningTitle')}
      </Heading>
      <ul className="flex list-disc flex-col gap-1 pl-5 text-sm">
        {meaningKeys.map((k) => (
          <li key={k}>{t(`confirmation.meaning.${k}`)}</li>
        ))}
      </ul>
    </section>
  );
}

/** Where the application stands, with the day of its last step. */
export async function ConfirmationStatusLine({ c, locale }: { c: ConfirmationDto; locale: string }) {
  const t = await getTranslations('litigation');
  return (
    <p className="font-semibold" data-testid="confirmation-status">
      {t(`confirmation.status.${c.status}`, { date: formatDay(c.statusOn, locale, 'long') })}
    </p>
  );
}

/** The borrower's case page: the application for judicial confirmation, once the mediator prepared one. */
export async function BorrowerConfirmation({ actor, caseId, locale }: { actor: Actor; caseId: string; locale: string }) {
  const { confirmation: c } = await confirmationOf(actor, caseId);
  if (!c) return null;
  const t = await getTranslations('litigation');
  const base = `/api/confirmations/${c.id}`;
  return (
    <Card aria-labelledby="confirmation-heading" className="flex flex-col gap-3">
      <h2 id="confirmation-heading" className="text-lg font-semibold">
        {t('confirmation.title')}
      </h2>
      <ConfirmationStatusLine c={c} locale={locale} />
      {c.deadlineState.state === 'notNeeded' ? (
        <p className="text-sm" data-testid="confirmation-not-needed">
          {t(`confirmation.notNeeded.${c.deadlineState.reason}`)}
        </p>
      ) : c.status === 'prepared' || c.status === 'signed_by_borrower' || c.status === 'signed' ? (
        <p className="text-sm">{t('confirmation.deadline', { date: formatDay(c.deadline, locale, 'long') })}</p>
      ) : null}
      {c.status === 'prepared' && c.deadlineState.state !== 'notNeeded' ? (
        <Link href={`/cases/${caseId}/confirmation`} className="inline-flex min-h-11 items-center self-start rounded-lg bg-brand-700 px-4 font-semibold text-white hover:bg-brand-800">
          {t('confirmation.signLink')}
        </Link>
      ) : null}
      {c.status === 'confirmed' ? <p className="text-sm">{t('confirmation.confirmedMeaning')}</p> : null}
      {c.status === 'rejected' ? <p className="text-sm">{t('confirmation.rejectedMeaning')}</p> : null}
      <p className="text-sm">{t('confirmation.intro')}</p>
      <ConfirmationMeaning />
      <p className="text-sm">{t('confirmation.court', { court: c.court })}</p>
      {c.courtCaseNo ? <p className="text-sm">{t('confirmation.courtCaseNo', { no: c.courtCaseNo })}</p> : null}
      <ul className="flex flex-col text-sm">
        {(['application', 'filing', 'decision'] as const)
          .filter((d) => c.documents[d])
          .map((d) => (
            <li key={d}>
              <a href={`${base}/${d}`} className="inline-flex min-h-11 items-center text-brand-700 underline">
                {t(`confirmation.${d}`)}
              </a>
            </li>
          ))}
      </ul>
    </Card>
  );
}
