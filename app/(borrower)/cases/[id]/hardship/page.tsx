import type { Metadata } from 'next';
import Link from 'next/link';
import { BackLink } from '@/components/back-link';
import { getFormatter, getTranslations } from '@/lib/i18n/server';
import { ClientMessages } from '@/components/i18n/client-messages';
import { Card, Notice } from '@/components/ui/card';
import { requireBorrower } from '@/lib/auth/session';
import { getHardshipStatements } from '@/lib/server/hardship/get-hardship';
import { orNotFound } from '@/app/_lib/or-not-found';
import { toFormStrings } from '@/lib/validation/hardship-form';
import { HardshipWizard } from './_components/hardship-wizard';
import { StatementSummary } from '@/components/hardship/statement-summary';
import type { CaseState } from '@/lib/domain/case-state';

const underAgreement: readonly CaseState[] = ['agreed', 'signed_by_borrower', 'plan_active'];

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations('hardship'))('title') };
}

export default async function HardshipPage({ params, searchParams }: { params: Promise<{ id: string }>; searchParams: Promise<{ update?: string }> }) {
  const { actor } = await requireBorrower();
  const { id } = await params;
  const { update } = await searchParams;
  const { caseId, caseNo, caseState, timeZone, statements } = await orNotFound(getHardshipStatements(actor, id));
  // With an agreement being signed or its plan running, a statement brings no new offers (submitHardship): it goes to the mediator.
  const offersFollow = !underAgreement.includes(caseState as CaseState);
  const [t, format] = await Promise.all([getTranslations('hardship'), getFormatter({ timeZone })]);
  const draft = statements.find((s) => s.status === 'draft');
  const submitted = statements.find((s) => s.status === 'submitted');
  const editing = draft || !submitted || update === '1';
  const base = draft ?? submitted;
  return (
    <main id="main" className="mx-auto flex max-w-xl flex-col gap-4 px-4 py-6">
      <BackLink href={`/cases/${caseId}`}>{t('backToCase', { caseNo })}</BackLink>
      <h1 className="text-2xl font-bold">{t('title')}</h1>
      {editing ? (
        <>
          {/* What the answers are used for is said once: in the introduction, or under the notice that replaces it. */}
          {draft && (draft.step > 0 || draft.typing) ? (
            <>
              <Notice>{t('resumed')}</Notice>
              <p className="text-slate-700">{t('privacy')}</p>
            </>
          ) : (
            <p className="text-slate-700">{offersFollow ? t('intro') : t('introUnderAgreement')}</p>
          )}
          <Card>
            <ClientMessages namespaces={['hardship', 'hardshipTerms']} timeZone={timeZone}>
            <HardshipWizard
              caseId={caseId}
              initial={{
                rowVersion: draft?.rowVersion ?? null,
                step: draft ? draft.step : 0,
                values: toFormStrings(base?.data ?? {}),
                evidence: draft?.evidence ?? [],
                typing: draft?.typing ?? null,
              }}
            />
            </ClientMessages>
          </Card>
        </>
      ) : (
        <>
          <Notice>
            <p>{t('submittedOn', { version: submitted.version, date: format.dateTime(new Date(submitted.submittedAt!), { dateStyle: 'long', timeStyle: 'short' }) })}</p>
            {offersFollow ? (
              <p className="mt-2">
                <Link href={`/cases/${caseId}/offers`} className="inline-flex min-h-11 items-center rounded-lg bg-brand-600 px-4 font-medium text-white hover:bg-brand-700" data-testid="see-options">
                  {t('seeOptions')}
                </Link>
              </p>
            ) : (
              <p className="mt-2" data-testid="with-mediator">
                {t('withMediator')}
              </p>
            )}
          </Notice>
          <Card>
            <StatementSummary data={submitted.data} affordability={submitted.affordability} audience="borrower" level={2} />
            {submitted.evidence.length ? (
              <>
                <h2 className="mt-4 font-semibold">{t('evidence.title')}</h2>
                <ul className="text-sm">
                  {submitted.evidence.map((file) => (
                    <li key={file.id}>
                      <a href={`/api/files/${file.id}`} className="text-brand-700 underline">
                        {file.filename}
                      </a>
                    </li>
                  ))}
                </ul>
              </>
            ) : null}
          </Card>
          <Link href={`/cases/${caseId}/hardship?update=1`} className="inline-flex min-h-11 items-center justify-center rounded-lg border border-slate-300 bg-white px-4 font-medium">
            {t('update')}
          </Link>
          {statements.filter((s) => s.status === 'superseded').length ? <p className="text-sm text-slate-600">{t('earlierKept')}</p> : null}
        </>
      )}
    </main>
  );
}
