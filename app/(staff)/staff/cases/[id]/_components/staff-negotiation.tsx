'use client';

import { useLocale, useTranslations } from 'next-intl';
import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { OfferComposer } from '@/components/offers/offer-composer';
import { OfferFigures } from '@/components/offers/offer-figures';
import { Button } from '@/components/ui/button';
import { Card, FormError } from '@/components/ui/card';
import { Field } from '@/components/ui/field';
import type { OfferContext } from '@/lib/domain/offer-terms';
import { formatDay } from '@/lib/i18n/days';
import { useErrorText } from '@/lib/i18n/use-error-text';
import type { OpenOfferDto } from '@/lib/server/offers/list-offers';
import { acceptProposalAction, counterOfferAction, withdrawOfferAction } from '../actions';

/**
 * The mediator's side of the negotiation: open offers (withdraw, or accept the borrower's), and the counter-offer
 * composer; `canAct` false (someone else's case, or an admin) shows the offers only. `context` (the offer engine's
 * inputs: the schedule, the arrears row by row, the policy) is given only when the composer shows, on a case that can
 * be negotiated: otherwise it would be sent to the browser for nothing, and the offers need only the disposable income.
 */
export function StaffNegotiation({
  caseId,
  context,
  disposableIncome,
  open,
  role,
  canAct,
}: {
  caseId: string;
  context: OfferContext | null;
  disposableIncome: number | null;
  open: OpenOfferDto[];
  role: 'mediator' | 'supervisor';
  canAct: boolean;
}) {
  const ts = useTranslations('staffOffers');
  const locale = useLocale();
  const errorText = useErrorText();
  const router = useRouter();
  const [withdrawing, setWithdrawing] = useState<string>();
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string>();
  const [composerKey, setComposerKey] = useState(0);
  type Outcome = { ok: boolean; fieldErrors?: Record<string, { key: string }>; formError?: { key: string; params?: Record<string, string | number> } };
  const run = async (action: () => Promise<Outcome>) => {
    setError(undefined);
    const result: Outcome = await action().catch(() => ({ ok: false, formError: { key: 'errors.UNAVAILABLE' } }));
    if (!result.ok) setError(errorText(result.formError ?? Object.values(result.fieldErrors ?? {})[0] ?? { key: 'errors.UNAVAILABLE' }));
    else {
      setWithdrawing(undefined);
      setReason('');
    }
    router.refresh();
  };
  return (
    <div className="flex flex-col gap-4">
      <FormError message={error} />
      <ul className="grid gap-3 md:grid-cols-2" aria-label={ts('openTitle')}>
        {open.map((offer) => (
          <li key={offer.id}>
            <Card className="flex h-full flex-col gap-2">
              <h3 className="font-semibold">{ts(`author.${offer.authorType === 'anonymous' ? 'system' : offer.authorType}`)}</h3>
              {offer.pricedOn ? <p className="text-sm text-slate-700">{ts('pricedToday', { day: formatDay(offer.pricedOn, locale, 'long') })}</p> : null}
              <OfferFigures priced={offer.priced} terms={offer.terms} audience="staff" disposableIncome={disposableIncome} />
              {!canAct ? null : offer.authorType === 'borrower' ? (
                <Button type="button" onClick={() => run(() => acceptProposalAction({ caseId, offerId: offer.id, shown: offer.paymentsKey }))}>
                  {ts('acceptProposal')}
                </Button>
              ) : withdrawing === offer.id ? (
                <div className="flex flex-col gap-2">
                  <Field label={ts('withdrawReason')} value={reason} onChange={(e) => setReason(e.target.value)} />
                  <div className="flex gap-2">
                    <Button type="button" variant="danger" onClick={() => run(() => withdrawOfferAction({ caseId, offerId: offer.id, reason }))}>
                      {ts('confirmWithdraw')}
                    </Button>
                    <Button type="button" variant="secondary" onClick={() => setWithdrawing(undefined)}>
                      {ts('cancel')}
                    </Button>
                  </div>
                </div>
              ) : (
                <Button type="button" variant="secondary" onClick={() => setWithdrawing(offer.id)}>
                  {ts('withdraw')}
                </Button>
              )}
            </Card>
          </li>
        ))}
      </ul>
      {context && canAct ? (
        <Card>
          <h3 className="mb-3 text-lg font-semibold">{ts('counterTitle')}</h3>
          <OfferComposer
            key={composerKey}
            context={context}
            role={role}
            submitLabel={ts('sendCounter')}
            submit={(input) => counterOfferAction({ caseId, ...input })}
            onDone={() => {
              setComposerKey((k) => k + 1);
              router.refresh();
            }}
          />
        </Card>
      ) : null}
    </div>
  );
}
