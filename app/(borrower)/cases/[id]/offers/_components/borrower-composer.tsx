'use client';

import dynamic from 'next/dynamic';
import { useLocale, useTranslations } from 'next-intl';
import { useRouter } from 'next/navigation';
import { useState, useSyncExternalStore } from 'react';
import { readDraft } from '@/components/forms/session-draft';
import { Button } from '@/components/ui/button';
import { FormError } from '@/components/ui/card';
import { formatMoney } from '@/lib/domain/money';
import type { OfferContext, PricedOffer } from '@/lib/domain/offer-terms';
import { proposalImpact, type OpenOffer } from '@/lib/domain/proposal-impact';
import { useErrorText } from '@/lib/i18n/use-error-text';
import { proposeOfferAction, requestSuggestionsAction } from '../actions';

export type LabelledOffer = OpenOffer & { label: string };

const noSubscription = () => () => undefined;

// The composer (its live preview prices with the domain's offer rules and validates with zod) loads when the
// borrower chooses to propose their own plan, not with the page: most borrowers answer the offers shown (issue #13).
const loadComposer = () => import('@/components/offers/offer-composer');
const OfferComposer = dynamic(() => loadComposer().then((m) => m.OfferComposer));

/**
 * The borrower's own plan: composed with a live preview, then, before it is
 * sent, which offers it replaces, which stay open, and how it compares with the
 * cheapest of them — confirmed by the borrower; the server refuses it if the
 * offers changed in between.
 */
export function BorrowerComposer({ caseId, context, toAnswer, open }: { caseId: string; context: OfferContext; /** How many offers wait for the borrower's answer. */ toAnswer: number; open: LabelledOffer[] }) {
  const hasOpen = toAnswer > 0;
  const t = useTranslations('offers');
  const locale = useLocale();
  const errorText = useErrorText();
  const router = useRouter();
  const [chosen, setComposing] = useState(false);
  // A plan being composed when the page was reloaded, or switched to the other language, is open again as it was
  // (read in the browser only: the server's page, and hydration, have the button).
  const draftKey = `offer-draft:${caseId}`;
  const drafted = useSyncExternalStore(noSubscription, () => readDraft(draftKey) !== null, () => false);
  const composing = chosen || drafted;
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();
  const money = (fen: number) => formatMoney(fen, locale);
  const impactOf = (priced: PricedOffer) => proposalImpact(open, priced, context.policy.borrowerProposalClosesSuggestions);
  const named = (ids: string[]) => open.filter((o) => ids.includes(o.id));

  const confirmation = (priced: PricedOffer) => {
    const impact = impactOf(priced);
    const best = impact.best ? open.find((o) => o.id === impact.best!.id)! : null;
    const diff = impact.totalDifference ?? 0;
    const monthly = impact.monthlyDifference ?? 0;
    return (
      <div className="flex flex-col gap-2 text-sm">
        {impact.replaced.length ? (
          <>
            <p className="font-medium">{t('replaces', { count: impact.replaced.length })}</p>
            <ul className="list-disc pl-5">
              {named(impact.replaced).map((o) => (
                <li key={o.id}>{t('offerLine', { label: o.label, payment: money(o.regularPayment), total: money(o.totalPayable) })}</li>
              ))}
            </ul>
          </>
        ) : (
          <p className="font-medium">{t('replacesNone')}</p>
        )}
        {impact.kept.length ? (
          <>
            <p>{t('staysOpen')}</p>
            <ul className="list-disc pl-5">
              {named(impact.kept).map((o) => (
                <li key={o.id}>{t('offerLine', { label: o.label, payment: money(o.regularPayment), total: money(o.totalPayable) })}</li>
              ))}
            </ul>
          </>
        ) : null}
        {best ? (
          <p className="font-semibold" data-testid="proposal-comparison">
            {t('comparedWith', {
              label: best.label,
              total: diff > 0 ? t('costsMoreBy', { amount: money(diff) }) : diff < 0 ? t('costsLessBy', { amount: money(-diff) }) : t('costsTheSame'),
              monthly: monthly > 0 ? t('monthlyMoreBy', { amount: money(monthly) }) : monthly < 0 ? t('monthlyLessBy', { amount: money(-monthly) }) : t('monthlyTheSame'),
            })}
          </p>
        ) : null}
        {impact.bestIsReplaced && diff > 0 ? <p>{t('replacesCheaper')}</p> : null}
      </div>
    );
  };

  return (
    <section aria-labelledby="propose-heading" className="flex flex-col gap-3">
      <h2 id="propose-heading" className="text-xl font-semibold">
        {t('proposeTitle')}
      </h2>
      {/* "If none of these suits you" only where offers are shown to choose from. */}
      <p className="text-sm text-slate-700">{hasOpen ? t('proposeIntro', { count: toAnswer }) : t('proposeIntroNone')}</p>
      {composing ? (
        <OfferComposer
          context={context}
          role="borrower"
          submitLabel={t('sendProposal')}
          confirm={confirmation}
          draftKey={draftKey}
          submit={({ priced, ...input }) => proposeOfferAction({ caseId, ...input, replaces: impactOf(priced).replaced })}
          onDone={() => {
            setComposing(false);
            router.refresh();
          }}
        />
      ) : (
        <div className="flex flex-wrap gap-2">
          <Button type="button" variant="secondary" onPointerEnter={() => void loadComposer()} onFocus={() => void loadComposer()} onClick={() => setComposing(true)}>
            {t('proposeOwn')}
          </Button>
          {!hasOpen ? (
            <Button
              type="button"
              disabled={busy}
              onClick={async () => {
                setBusy(true);
                setError(undefined);
                const result = await requestSuggestionsAction({ caseId }).catch(() => null);
                setBusy(false);
                if (!result?.ok) setError(errorText(result && !result.ok ? (result.formError ?? { key: 'errors.UNAVAILABLE' }) : 'errors.UNAVAILABLE'));
                router.refresh();
              }}
            >
              {busy ? t('sending') : t('askForOptions')}
            </Button>
          ) : null}
        </div>
      )}
      <FormError message={error} />
    </section>
  );
}
