'use client';

import { useTranslations } from 'next-intl';
import { useState } from 'react';
import { Button } from '@/components/ui/button';
import { FormError, Notice } from '@/components/ui/card';
import { Field } from '@/components/ui/field';
import { useActionSubmit } from '@/components/forms/use-action-submit';
import { setLitigationSettingsAction } from '../actions';

const counselKeys = ['firm', 'lawyer', 'phone', 'address'] as const;
type Values = Record<(typeof counselKeys)[number], string> & { courts: { region: string; court: string }[] };

/** Counsel (all empty for none) and the courts for judicial confirmation by region, rows added and removed in place. */
export function LitigationSettingsForm({ creditorId, initial }: { creditorId: string; initial: Values }) {
  const t = useTranslations('admin');
  const [v, setV] = useState<Values>(initial.courts.length ? initial : { ...initial, courts: [{ region: '', court: '' }] });
  const f = useActionSubmit();
  const setCourt = (i: number, key: 'region' | 'court', value: string) => setV({ ...v, courts: v.courts.map((row, j) => (j === i ? { ...row, [key]: value } : row)) });
  return (
    <form
      className="flex flex-col gap-4"
      aria-labelledby="litigation-heading"
      noValidate
      onSubmit={async (e) => {
        e.preventDefault();
        await f.submit(() => setLitigationSettingsAction({ creditorId, ...v }));
      }}
    >
      <FormError message={f.formError} />
      {f.done ? <Notice role="status">{t('litigation.saved')}</Notice> : null}
      <fieldset className="flex flex-col gap-3">
        <legend className="mb-1 font-semibold">{t('litigation.counsel')}</legend>
        <p className="text-sm text-slate-700">{t('litigation.counselHint')}</p>
        <div className="grid gap-3 md:grid-cols-2">
          {counselKeys.map((key) => (
            <Field key={key} label={t(`litigation.${key}`)} name={key} value={v[key]} error={f.errors[key]} autoComplete="off" inputMode={key === 'phone' ? 'tel' : undefined} onChange={(e) => setV({ ...v, [key]: e.target.value })} />
          ))}
        </div>
      </fieldset>
      <fieldset className="flex flex-col gap-3">
        <legend className="mb-1 font-semibold">{t('litigation.courts')}</legend>
        <p className="text-sm text-slate-700">{t('litigation.courtsHint')}</p>
        {v.courts.map((row, i) => (
          <div key={i} className="grid items-end gap-3 md:grid-cols-[1fr_2fr_auto]" data-testid="court-row">
            <Field label={t('litigation.region', { n: i + 1 })} value={row.region} error={f.errors[`courts.${i}.region`]} autoComplete="off" onChange={(e) => setCourt(i, 'region', e.target.value)} />
            <Field label={t('litigation.court', { n: i + 1 })} value={row.court} error={f.errors[`courts.${i}.court`]} autoComplete="off" onChange={(e) => setCourt(i, 'court', e.target.value)} />
            <Button type="button" variant="secondary" onClick={() => setV({ ...v, courts: v.courts.filter((_, j) => j !== i) })}>
              {t('litigation.remove', { n: i + 1 })}
            </Button>
          </div>
        ))}
        <Button type="button" variant="secondary" className="self-start" disabled={v.courts.length >= 50} onClick={() => setV({ ...v, courts: [...v.courts, { region: '', court: '' }] })}>
          {t('litigation.add')}
        </Button>
      </fieldset>
      <Button type="submit" className="self-start" disabled={f.busy}>
        {t('litigation.save')}
      </Button>
    </form>
  );
}
