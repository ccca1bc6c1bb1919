'use client';

import { useTranslations } from 'next-intl';
import { useState } from 'react';
import { Button } from '@/components/ui/button';
import { FormError, Notice } from '@/components/ui/card';
import { Field } from '@/components/ui/field';
import type { CreditorDetailsInput } from '@/lib/validation/staff-admin';
import { createCreditorAction, updateCreditorAction } from '../actions';
import { useActionSubmit } from '@/components/forms/use-action-submit';

const keys = ['code', 'name', 'nameEn', 'creditCode', 'registeredAddress', 'servicePhone', 'court'] as const;
const labels: Record<(typeof keys)[number], string> = { code: 'code', name: 'creditorName', nameEn: 'creditorNameEn', creditCode: 'creditCode', registeredAddress: 'registeredAddress', servicePhone: 'servicePhone', court: 'court' };
const empty: CreditorDetailsInput = { code: '', name: '', nameEn: '', creditCode: '', registeredAddress: '', servicePhone: '', court: '' };

/** A creditor's registered details: a new one (centre admins), or an existing one's. */
export function CreditorDetailsForm({ creditorId, initial }: { creditorId?: string; initial?: CreditorDetailsInput }) {
  const t = useTranslations('admin');
  const [v, setV] = useState<CreditorDetailsInput>(initial ?? empty);
  const f = useActionSubmit();
  return (
    <form
      className="flex flex-col gap-3"
      aria-label={creditorId ? t('details') : t('newCreditor')}
      onSubmit={async (e) => {
        e.preventDefault();
        const result = await f.submit(() => (creditorId ? updateCreditorAction({ ...v, creditorId }) : createCreditorAction(v)) as never);
        if (result?.ok && !creditorId) setV(empty);
      }}
    >
      <FormError message={f.formError} />
      {f.done ? <Notice role="status">{creditorId ? t('saved') : t('created')}</Notice> : null}
      <div className="grid gap-3 md:grid-cols-2">
        {keys.map((key) => (
          <Field key={key} label={t(labels[key])} name={key} value={v[key]} error={f.errors[key]} onChange={(e) => setV({ ...v, [key]: e.target.value })} />
        ))}
      </div>
      <Button type="submit" className="self-start" disabled={f.busy}>
        {creditorId ? t('saveDetails') : t('createButton')}
      </Button>
    </form>
  );
}
