'use client';

import dynamic from 'next/dynamic';
import { useTranslations } from 'next-intl';
import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { useForm } from 'react-hook-form';
import type { DrawnSignature } from '@/components/agreement/signature-pad';
import { applyServerErrors } from '@/components/forms/apply-server-errors';
import { Button } from '@/components/ui/button';
import { FormError, Notice } from '@/components/ui/card';
import { Field } from '@/components/ui/field';
import { signInPath } from '@/lib/auth/return-path';
import { useErrorText } from '@/lib/i18n/use-error-text';
import { lazyZodResolver } from '@/lib/validation/lazy-resolver';
import { messageOf } from '@/lib/validation/message';
import { requestConfirmationCodeAction, signConfirmationAction } from '../../confirmation/actions';
import { requestSigningCodeAction, signAgreementAction } from '../actions';

// The drawing pad (and its library) loads only when the borrower chooses to draw.
const SignatureBox = dynamic(() => import('@/components/agreement/signature-pad'), { ssr: false });

type Values = { consent: boolean; code: string; typedName: string };
// The drawing is checked apart (drawnError), so the form's fields are the schema without it.
const resolver = lazyZodResolver<Values>(() => import('@/lib/validation/signing').then((m) => m.borrowerSignSchema.omit({ drawn: true })));

/** What is signed: the agreement, or the application for judicial confirmation of it (no drawing: typed name only). */
export type SigningSubject = { kind: 'agreement'; agreementId: string } | { kind: 'confirmation'; confirmationId: string };

/**
 * Consent, step-up code, typed name and an optional drawing; refusals appear beside their field and nothing typed or
 * drawn is lost. The same form signs the agreement and the application for its judicial confirmation.
 */
export function SigningForm({ caseId, subject, consentTitle, consentParagraphs, returnTo, submitLabel }: { caseId: string; subject: SigningSubject; consentTitle: string; consentParagraphs: string[]; returnTo: string; submitLabel?: string }) {
  const t = useTranslations('signing');
  const errorText = useErrorText();
  const router = useRouter();
  const [drawing, setDrawing] = useState(false);
  const [drawn, setDrawn] = useState<DrawnSignature>();
  const [codeStatus, setCodeStatus] = useState<string>();
  const [drawnError, setDrawnError] = useState<string>();
  const [formError, setFormError] = useState<string>();
  const [expired, setExpired] = useState(false);
  const [sending, setSending] = useState(false);
  const form = useForm<Values>({ resolver, defaultValues: { consent: false, code: '', typedName: '' } });
  const e = form.formState.errors;

  async function sendCode() {
    setSending(true);
    setCodeStatus(undefined);
    const result = await (subject.kind === 'agreement' ? requestSigningCodeAction({ agreementId: subject.agreementId }) : requestConfirmationCodeAction({ confirmationId: subject.confirmationId })).catch(() => null);
    setSending(false);
    if (!result) return form.setError('code', { message: 'errors.UNAVAILABLE' });
    if (!result.ok) {
      if (result.formError?.key === 'errors.SESSION_EXPIRED') return setExpired(true);
      return form.setError('code', { message: messageOf(result.fieldErrors.code ?? result.formError ?? 'errors.UNAVAILABLE') });
    }
    setCodeStatus(t('codeSent'));
  }

  async function submit(values: Values) {
    setFormError(undefined);
    setDrawnError(undefined);
    const form_ = { ...values, consent: values.consent as true, drawn: drawing ? drawn : undefined };
    const result = await (subject.kind === 'agreement' ? signAgreementAction({ caseId, agreementId: subject.agreementId, form: form_ }) : signConfirmationAction({ caseId, confirmationId: subject.confirmationId, form: values })).catch(() => null);
    if (!result) return setFormError(errorText('errors.UNAVAILABLE'));
    if (!result.ok) {
      if (result.formError?.key === 'errors.SESSION_EXPIRED') return setExpired(true);
      if (result.fieldErrors.drawn) setDrawnError(errorText(result.fieldErrors.drawn));
      const { drawn: _drawn, ...others } = result.fieldErrors;
      return setFormError(applyServerErrors({ ...result, fieldErrors: others }, form.setError, errorText));
    }
    router.refresh();
  }

  return (
    <form onSubmit={(event) => void form.handleSubmit(submit)(event)} onFocus={resolver.preload} noValidate className="flex flex-col gap-4">
      <section aria-labelledby="consent-heading" className="rounded-lg border border-slate-300 bg-white p-3">
        <h3 id="consent-heading" className="font-semibold">
          {consentTitle}
        </h3>
        <div className="mt-2 flex flex-col gap-2 text-sm">
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
      {subject.kind === 'confirmation' ? null : drawing ? (
        <SignatureBox error={drawnError} onChange={setDrawn} />
      ) : (
        <div className="flex flex-col gap-1">
          <Button type="button" variant="secondary" className="self-start" onClick={() => setDrawing(true)}>
            {t('addDrawing')}
          </Button>
          <p className="text-sm text-slate-600">{t('drawingOptional')}</p>
        </div>
      )}
      {expired ? (
        <Notice tone="error" role="alert">
          <p>{t('sessionExpired')}</p>
          <a href={signInPath(returnTo)} className="mt-1 inline-flex min-h-11 items-center font-semibold underline">
            {t('signInAgain')}
          </a>
        </Notice>
      ) : null}
      <FormError message={formError} />
      <Button type="submit" disabled={form.formState.isSubmitting}>
        {form.formState.isSubmitting ? t('signing') : (submitLabel ?? t('sign'))}
      </Button>
    </form>
  );
}
