'use client';

import { useTranslations } from 'next-intl';
import { useState } from 'react';
import { Button } from '@/components/ui/button';
import { FormError, Notice } from '@/components/ui/card';
import { Field } from '@/components/ui/field';
import { useActionSubmit } from '@/components/forms/use-action-submit';
import { setPaymentAccountAction } from '../payment-account-actions';

const keys = ['bankName', 'accountName', 'accountNo', 'note', 'noteEn'] as const;
type Values = Record<(typeof keys)[number], string>;

/** The account borrowers pay their plan into; all of bank, name and number empty removes it. */
export function PaymentAccountForm({ creditorId, initial }: { creditorId: string; initial: Values }) {
  const t = useTranslations('admin');
  const [v, setV] = useState<Values>(initial);
  const [removed, setRemoved] = useState(false);
  const f = useActionSubmit();
  return (
    <form
      className="flex flex-col gap-3"
      aria-labelledby="payment-account-heading"
      onSubmit={async (e) => {
        e.preventDefault();
        const result = await f.submit(() => setPaymentAccountAction({ creditorId, ...v }));
        if (result?.ok) setRemoved(Boolean((result.data as { removed?: boolean } | undefined)?.removed));
      }}
    >
      <FormError message={f.formError} />
      {f.done ? <Notice role="status">{removed ? t('paymentAccount.removed') : t('paymentAccount.saved')}</Notice> : null}
      <div className="grid gap-3 md:grid-cols-2">
        {keys.map((key) => (
          <Field key={key} label={t(`paymentAccount.${key}`)} name={key} value={v[key]} error={f.errors[key]} inputMode={key === 'accountNo' ? 'numeric' : undefined} autoComplete="off" onChange={(e) => setV({ ...v, [key]: e.target.value })} />
        ))}
      </div>
      <Button type="submit" className="self-start" disabled={f.busy}>
        {t('paymentAccount.save')}
      </Button>
    </form>
  );
}
