import type { Metadata } from 'next';
import Link from 'next/link';
import { getFormatter, getTranslations } from '@/lib/i18n/server';
import { ClientMessages } from '@/components/i18n/client-messages';
import { OfferFigures } from '@/components/offers/offer-figures';
import { Card, Notice } from '@/components/ui/card';
import { requireStaff } from '@/lib/auth/session';
import { instantFormat } from '@/lib/i18n/config';
import { listPendingApprovals } from '@/lib/server/offers/list-pending-approvals';
import { ApprovalDecision } from './_components/approval-card';

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations('approvals'))('title') };
}

export default async function ApprovalsPage() {
  const { actor } = await requireStaff(['supervisor', 'admin']);
  const [pending, t, format, tErrors] = await Promise.all([listPendingApprovals(actor), getTranslations('approvals'), getFormatter(), getTranslations('errors')]);
  // Admins read the queue; supervisors decide.
  const decides = actor.role === 'supervisor';
  return (
    <ClientMessages namespaces={['offerTerms', 'staffOffers', 'approvals']}>
      <main id="main" className="mx-auto flex max-w-5xl flex-col gap-4 px-4 py-6">
        <h1 className="text-2xl font-bold">{t('title')}</h1>
        {pending.length === 0 ? <Notice>{t('empty')}</Notice> : null}
        {!decides && pending.length > 0 ? <Notice>{tErrors('READ_ONLY')}</Notice> : null}
        <ul className="flex flex-col gap-4" aria-label={t('title')}>
          {pending.map((item) => (
            <li key={item.offerId}>
              <Card aria-labelledby={`approval-${item.offerId}`} className="flex flex-col gap-3">
                <h2 id={`approval-${item.offerId}`} className="text-lg font-semibold">
                  <Link href={`/staff/cases/${item.caseId}`} className="text-brand-700 underline">
                    {t('case', { caseNo: item.caseNo, name: item.borrowerName })}
                  </Link>
                </h2>
                <p className="text-sm text-slate-700">
                  {t('by', { name: item.authorName ?? '—' })} · {format.dateTime(new Date(item.createdAt), instantFormat)}
                </p>
                {item.reason ? <p className="text-sm">{t('reason', { reason: item.reason })}</p> : null}
                <OfferFigures priced={item.priced} terms={item.terms} audience="staff" disposableIncome={item.context.disposableIncome} />
                {decides ? <ApprovalDecision offerId={item.offerId} terms={item.terms} context={item.context} own={item.authorId === actor.id} /> : null}
              </Card>
            </li>
          ))}
        </ul>
      </main>
    </ClientMessages>
  );
}
