'use client';

import { useTranslations } from 'next-intl';
import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { OfferComposer } from '@/components/offers/offer-composer';
import { Button } from '@/components/ui/button';
import type { OfferContext } from '@/lib/domain/offer-terms';
import { proposeOfferAction, requestSuggestionsAction } from '../actions';

export function BorrowerComposer({ caseId, context, hasOpen }: { caseId: string; context: OfferContext; hasOpen: boolean }) {
  const t = useTranslations('offers');
  const router = useRouter();
  const [open, setOpen] = useState(false);
  const [busy, setBusy] = useState(false);
  return (
    <section aria-labelledby="propose-heading" className="flex flex-col gap-3">
      <h2 id="propose-heading" className="text-xl font-semibold">
        {t('proposeTitle')}
      </h2>
      <p className="text-sm text-slate-700">{t('proposeIntro')}</p>
      {open ? (
        <OfferComposer
          context={context}
          role="borrower"
          submitLabel={t('sendProposal')}
          submit={(input) => proposeOfferAction({ caseId, ...input })}
          onDone={() => {
            setOpen(false);
            router.refresh();
          }}
        />
      ) : (
        <div className="flex flex-wrap gap-2">
          <Button type="button" variant="secondary" onClick={() => setOpen(true)}>
            {t('proposeOwn')}
          </Button>
          {!hasOpen ? (
            <Button
              type="button"
              variant="secondary"
              disabled={busy}
              onClick={async () => {
                setBusy(true);
                await requestSuggestionsAction({ caseId });
                setBusy(false);
                router.refresh();
              }}
            >
              {t('askForOptions')}
            </Button>
          ) : null}
        </div>
      )}
    </section>
  );
}
