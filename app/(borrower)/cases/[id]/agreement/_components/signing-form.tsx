'use client';

import { zodResolver } from '@hookform/resolvers/zod';
import { useTranslations } from 'next-intl';
import { useRouter } from 'next/navigation';
import { useRef, useState } from 'react';
import { useForm, type Resolver } from 'react-hook-form';
import { SignatureBox, type SignaturePadHandle } from '@/components/agreement/signature-pad';
import { applyServerErrors } from '@/components/forms/apply-server-errors';
import { Button } from '@/components/ui/button';
import { FormError } from '@/components/ui/card';
import { Field } from '@/components/ui/field';
import { messageOf } from '@/lib/validation/message';
import { useErrorText } from '@/lib/i18n/use-error-text';
import { borrowerSignSchema } from '@/lib/validation/signing';
import { requestSigningCodeAction, signAgreementAction } from '../actions';

const formSchema = borrowerSignSchema.omit({ drawn: true });
type Values = { consent: boolean; code: string; typedName: string };

/** Consent, step-up code, typed name and drawing; refusals appear beside their field and nothing typed or drawn is lost. */
export function SigningForm({ caseId, agreementId, consentTitle, consentParagraphs }: { caseId: string; agreementId: string; consentTitle: string; consentParagraphs: string[] }) {
  const t = useTranslations('signing');
  const errorText = useErrorText();
  const router = useRouter();
  const pad = useRef<SignaturePadHandle>(null);
  const [codeStatus, setCodeStatus] = useState<string>();
  const [drawnError, setDrawnError] = useState<string>();
  const [formError, setFormError] = useState<string>();
  const [sending, setSending] = useState(false);
  const form = useForm<Values>({ resolver: zodResolver(formSchema as never) as unknown as Resolver<Values>, defaultValues: { consent: false, code: '', typedName: '' } });
  const e = form.formState.errors;

  async function sendCode() {
    setSending(true);
    setCodeStatus(undefined);
    const result = await requestSigningCodeAction({ agreementId }).catch(() => null);
    setSending(false);
    if (!result) return form.setError('code', { message: 'errors.UNAVAILABLE' });
    if (!result.ok) return form.setError('code', { message: messageOf(result.fieldErrors.code ?? result.formError ?? 'errors.UNAVAILABLE') });
    setCodeStatus(t('codeSent'));
  }

  // Called from the submit event (not during render): it reads the signature pad.
  async function submit(values: Values) {
    setFormError(undefined);
    setDrawnError(undefined);
    const drawn = pad.current?.read();
    const result = await signAgreementAction({ caseId, agreementId, form: { ...values, consent: values.consent as true, drawn } }).catch(() => null);
    if (!result) return setFormError(errorText('errors.UNAVAILABLE'));
    if (!result.ok) {
      if (result.fieldErrors.drawn) setDrawnError(errorText(result.fieldErrors.drawn));
      const { drawn: _drawn, ...others } = result.fieldErrors;
      return setFormError(applyServerErrors({ ...result, fieldErrors: others }, form.setError, errorText));
    }
    router.refresh();
  }

  return (
    <form onSubmit={(event) => void form.handleSubmit(submit)(event)} noValidate className="flex flex-col gap-4">
      <section aria-labelledby="consent-heading" className="rounded-lg border border-slate-300 bg-white p-3">
        <h3 id="consent-heading" className="font-semibold">
          {consentTitle}
        </h3>
        <div className="mt-2 flex max-h-48 flex-col gap-2 overflow-y-auto text-sm" tabIndex={0} aria-label={consentTitle}>
          {consentParagraphs.map((p, i) => (
            <p key={i}>{p}</p>
          ))}
        </div>
        <label className="mt-3 flex min-h-11 items-start gap-3">
          <input type="checkbox" className="mt-1 size-5" aria-invalid={e.consent ? true : undefined} aria-describedby={e.consent ? 'consent-error' : undefined} {...form.register('consent')} />
          <span className="font-medium">{t('consentLabel')}</span>
        </label>
        {e.consent ? (
          <p id="consent-error" role="alert" className="text-sm font-medium text-danger-700">
            {errorText(e.consent.message)}
          </p>
        ) : null}
      </section>
      <div className="flex flex-col gap-2">
        <Button type="button" variant="secondary" onClick={sendCode} disabled={sending}>
          {sending ? t('sendingCode') : t('sendCode')}
        </Button>
        <p role="status" className="text-sm text-ok-700">
          {codeStatus}
        </p>
        <Field label={t('codeLabel')} inputMode="numeric" autoComplete="one-time-code" maxLength={6} error={errorText(e.code?.message)} {...form.register('code')} />
      </div>
      <Field label={t('typedNameLabel')} hint={t('typedNameHint')} autoComplete="name" error={errorText(e.typedName?.message)} {...form.register('typedName')} />
      <SignatureBox ref={pad} error={drawnError} />
      <FormError message={formError} />
      <Button type="submit" disabled={form.formState.isSubmitting}>
        {form.formState.isSubmitting ? t('signing') : t('sign')}
      </Button>
    </form>
  );
}
