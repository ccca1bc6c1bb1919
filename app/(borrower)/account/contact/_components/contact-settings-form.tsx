'use client';

import { useTranslations } from 'next-intl';
import { useState } from 'react';
import { Button } from '@/components/ui/button';
import { FormError } from '@/components/ui/card';
import { Field } from '@/components/ui/field';
import { useErrorText } from '@/lib/i18n/use-error-text';
import type { ContactSettingsDto } from '@/lib/server/borrowers/contact-settings';
import { saveContactSettingsAction } from '../actions';

/** The borrower's quiet hours and opt-outs, phone first; an error sits beside its field and nothing typed is lost. */
export function ContactSettingsForm({ settings }: { settings: ContactSettingsDto }) {
  const t = useTranslations('contactSettings');
  const errorText = useErrorText();
  const [values, setValues] = useState({
    quiet: settings.quietHours !== null,
    quietStart: settings.quietHours?.start ?? '12:00',
    quietEnd: settings.quietHours?.end ?? '14:00',
    optOutSms: settings.optOut.sms,
    optOutEmail: settings.optOut.email,
    optOutPhone: settings.optOut.phone,
  });
  const [errors, setErrors] = useState<Record<string, string | undefined>>({});
  const [formError, setFormError] = useState<string>();
  const [saved, setSaved] = useState(false);
  const [busy, setBusy] = useState(false);
  const check = (name: 'quiet' | 'optOutSms' | 'optOutEmail' | 'optOutPhone', label: string) => (
    <label className="flex min-h-11 items-center gap-3">
      <input type="checkbox" className="size-6" checked={values[name]} onChange={(e) => setValues((v) => ({ ...v, [name]: e.target.checked }))} />
      <span>{label}</span>
    </label>
  );
  return (
    <form
      className="flex flex-col gap-5"
      onSubmit={async (event) => {
        event.preventDefault();
        setBusy(true);
        setSaved(false);
        setErrors({});
        setFormError(undefined);
        const result = await saveContactSettingsAction(values).catch(() => null);
        setBusy(false);
        if (!result) return setFormError(errorText('errors.UNAVAILABLE'));
        if (!result.ok) {
          setErrors(Object.fromEntries(Object.entries(result.fieldErrors).map(([k, m]) => [k, errorText(m)])));
          if (result.formError) setFormError(errorText(result.formError));
          return;
        }
        setSaved(true);
      }}
    >
      <fieldset className="flex flex-col gap-3 rounded-xl border border-slate-200 bg-white p-4">
        <legend className="px-1 text-lg font-semibold">{t('quietTitle')}</legend>
        {check('quiet', t('quiet'))}
        {values.quiet ? (
          <>
            <div className="grid grid-cols-2 gap-3">
              <Field label={t('quietStart')} type="time" value={values.quietStart} onChange={(e) => setValues((v) => ({ ...v, quietStart: e.target.value }))} error={errors.quietStart} />
              <Field label={t('quietEnd')} type="time" value={values.quietEnd} onChange={(e) => setValues((v) => ({ ...v, quietEnd: e.target.value }))} error={errors.quietEnd} />
            </div>
            <p className="text-sm text-slate-700">{t('quietHint', { zone: settings.timeZone })}</p>
          </>
        ) : null}
      </fieldset>
      <fieldset className="flex flex-col gap-2 rounded-xl border border-slate-200 bg-white p-4">
        <legend className="px-1 text-lg font-semibold">{t('optOutTitle')}</legend>
        <p className="text-sm text-slate-700">{t('optOutHint')}</p>
        {check('optOutSms', t('optOutSms'))}
        {check('optOutEmail', t('optOutEmail'))}
        {check('optOutPhone', t('optOutPhone'))}
      </fieldset>
      <FormError message={formError} />
      {saved ? (
        <p role="status" className="font-medium text-ok-700">
          {t('saved')}
        </p>
      ) : null}
      <Button type="submit" disabled={busy} className="w-full">
        {t('save')}
      </Button>
    </form>
  );
}
