'use client';

import { useTranslations } from 'next-intl';
import { useState } from 'react';
import { Button } from '@/components/ui/button';
import { FormError, Notice } from '@/components/ui/card';
import type { PolicyField } from '@/lib/domain/policy-form';
import type { PolicySource } from '@/lib/domain/policy-sources';
import { updatePolicyAction } from '../actions';
import { useActionSubmit } from '@/components/forms/use-action-submit';

export type PolicyFormSection = { section: string; fields: (PolicyField & { source: PolicySource | null; value: string | boolean })[] };

const key = (path: string) => path.replaceAll('.', '_');

/**
 * The creditor policy form, drawn from the schema's own fields (kinds, bounds,
 * defaults) with each limit's legal source under it. What is typed stays on a
 * refusal; each refused setting is named beside its field with its bounds.
 */
export function PolicyForm({ creditorId, version, sections }: { creditorId: string; version: string; sections: PolicyFormSection[] }) {
  const t = useTranslations('policyForm');
  const [values, setValues] = useState<Record<string, string | boolean>>(() => Object.fromEntries(sections.flatMap((s) => s.fields.map((f) => [f.path, f.value]))));
  const [changed, setChanged] = useState<number>();
  const f = useActionSubmit();
  const fieldError = (field: PolicyField): string | undefined => {
    const message = f.errors[field.path];
    if (!message) return undefined;
    // A refusal with words of its own (a mediator's limit above the supervisor's) is shown as such; a bound is explained.
    if (field.kind === 'number') return message !== f.errorText({ key: 'validation.invalid' }) ? message : t(field.integer ? 'integerError' : 'rangeError', { min: field.min ?? 0, max: field.max ?? '∞' });
    if (field.kind === 'time') return t('timeError');
    return message;
  };
  return (
    <form
      className="flex flex-col gap-5"
      aria-label={t('save')}
      onSubmit={async (e) => {
        e.preventDefault();
        setChanged(undefined);
        const posted = Object.fromEntries(Object.entries(values).map(([k, v]) => [k, typeof v === 'boolean' ? (v ? 'on' : '') : v]));
        const result = await f.submit(() => updatePolicyAction({ creditorId, version, values: posted }));
        if (result?.ok) setChanged(result.data.changed.length);
      }}
    >
      <FormError message={f.formError ?? (Object.keys(f.errors).length ? f.errorText('validation.invalid') : undefined)} />
      {changed !== undefined ? <Notice role="status">{t('saved', { count: changed })}</Notice> : null}
      {sections.map((section) => (
        <fieldset key={section.section} className="flex flex-col gap-4 rounded-xl border border-slate-200 bg-white p-4">
          <legend className="px-1 text-lg font-semibold">{t(`sections.${section.section}`)}</legend>
          {section.fields.map((field) => {
            const id = `policy-${key(field.path)}`;
            const error = fieldError(field);
            const hintId = `${id}-hint`;
            const errorId = `${id}-error`;
            const describedBy = [hintId, error ? errorId : null].filter(Boolean).join(' ');
            const label = t(`field.${key(field.path)}`);
            const hint = (
              <div id={hintId} className="text-sm text-slate-700">
                {field.kind === 'number' ? <span>{field.max !== undefined ? t('range', { min: field.min ?? 0, max: field.max }) : t('rangeMin', { min: field.min ?? 0 })} · </span> : null}
                {'default' in field && field.default !== undefined && field.default !== null ? <span>{t('default', { value: typeof field.default === 'boolean' ? t(field.default ? 'yes' : 'no') : field.kind === 'choice' ? t(`choice.${field.default}`) : String(field.default) })}</span> : null}
                <p className={field.source ? 'text-slate-800' : 'text-slate-600'}>
                  {field.source ? (
                    <>
                      <span className="font-medium">{t('sourceLabel')}: </span>
                      {t(`source.${field.source}`)}
                    </>
                  ) : (
                    t('ownChoice')
                  )}
                </p>
              </div>
            );
            return (
              <div key={field.path} className="flex flex-col gap-1" data-policy-field={field.path}>
                {field.kind === 'boolean' ? (
                  <label htmlFor={id} className="flex min-h-11 items-center gap-2 font-medium">
                    <input id={id} type="checkbox" className="size-5" checked={values[field.path] === true} aria-describedby={describedBy} onChange={(e) => setValues({ ...values, [field.path]: e.target.checked })} />
                    {label}
                  </label>
                ) : (
                  <label htmlFor={id} className="text-sm font-medium text-slate-800">
                    {label}
                  </label>
                )}
                {field.kind === 'number' || field.kind === 'time' ? (
                  <input
                    id={id}
                    name={field.path}
                    inputMode={field.kind === 'number' ? (field.integer ? 'numeric' : 'decimal') : undefined}
                    value={String(values[field.path] ?? '')}
                    aria-invalid={error ? true : undefined}
                    aria-describedby={describedBy}
                    onChange={(e) => setValues({ ...values, [field.path]: e.target.value })}
                    className={`min-h-11 w-48 rounded-lg border bg-white px-3 py-2 ${error ? 'border-danger-700' : 'border-slate-400'}`}
                  />
                ) : null}
                {field.kind === 'choice' ? (
                  <select id={id} name={field.path} value={String(values[field.path])} aria-describedby={describedBy} onChange={(e) => setValues({ ...values, [field.path]: e.target.value })} className="min-h-11 w-fit rounded-lg border border-slate-400 bg-white px-3">
                    {field.options.map((o) => (
                      <option key={o} value={o}>
                        {t(`choice.${o}`)}
                      </option>
                    ))}
                  </select>
                ) : null}
                {field.kind === 'fixed' ? (
                  <p id={id} className="font-mono text-sm">
                    {field.path === 'allocationOrder'
                      ? String(values[field.path])
                          .split(' → ')
                          .map((part) => t(`allocation.${part}`))
                          .join(' → ')
                      : String(values[field.path])}{' '}
                    <span className="font-sans text-slate-600">({t('fixed')})</span>
                  </p>
                ) : null}
                {hint}
                {error ? (
                  <p id={errorId} role="alert" className="text-sm font-medium text-danger-700">
                    {error}
                  </p>
                ) : null}
              </div>
            );
          })}
        </fieldset>
      ))}
      <Button type="submit" className="self-start" disabled={f.busy}>
        {f.busy ? t('saving') : t('save')}
      </Button>
    </form>
  );
}
