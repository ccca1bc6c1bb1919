'use client';

import { zodResolver } from '@hookform/resolvers/zod';
import { useLocale, useTranslations } from 'next-intl';
import { useId, useMemo, useState, type ReactNode } from 'react';
import { useForm, useWatch, type Resolver } from 'react-hook-form';
import { applyServerErrors } from '@/components/forms/apply-server-errors';
import { clearDraft, useSessionDraft } from '@/components/forms/session-draft';
import { useHydrated, useTypedBeforeHydration } from '@/components/forms/typed-before-hydration';
import { Button } from '@/components/ui/button';
import { FormError } from '@/components/ui/card';
import { Field, SelectField, TextareaField } from '@/components/ui/field';
import { addDays, isIsoDate } from '@/lib/domain/dates';
import { formatMoney } from '@/lib/domain/money';
import { authorityNeeded, evaluateOffer } from '@/lib/domain/offer-checks';
import type { OfferContext, OfferRole, OfferTerms, OfferViolation, PricedOffer } from '@/lib/domain/offer-terms';
import { fenToInput } from '@/lib/validation/fields';
import { blankOfferForm, offerFormSchemaFor, offerStructures, termsToForm, type OfferFormValues, type OfferTermsInput } from '@/lib/validation/offer';
import { forAudience, type Audience } from '@/lib/i18n/audience';
import { formatDay } from '@/lib/i18n/days';
import { useErrorText } from '@/lib/i18n/use-error-text';
import { OfferFigures } from './offer-figures';

export type ComposerResult = { ok: true } | { ok: false; fieldErrors: Record<string, { key: string; params?: Record<string, string | number> }>; formError?: { key: string; params?: Record<string, string | number> } };

/**
 * Builds an offer with a live preview computed by the same domain code the
 * server uses, and the policy bounds shown as the limits of each field.
 * Borrowers choose the plan's shape; staff may add relief within their authority.
 */
export function OfferComposer({
  context,
  role,
  submit,
  onDone,
  submitLabel,
  initialTerms,
  confirm,
  draftKey,
}: {
  context: OfferContext;
  role: 'borrower' | 'mediator' | 'supervisor';
  submit: (input: { terms: OfferTermsInput; message?: string; approvalReason?: string; priced: PricedOffer }) => Promise<ComposerResult>;
  onDone?: () => void;
  submitLabel: string;
  /** Terms to start from (amending an offer). */
  initialTerms?: OfferTermsInput;
  /** What sending does, shown for the sender to confirm before it is sent (a borrower's proposal replaces offers). */
  confirm?: (priced: PricedOffer) => ReactNode;
  /** Where what is typed is kept in this tab until it is sent (a reload or a language switch gives it back). */
  draftKey?: string;
}) {
  const t = useTranslations('offerTerms');
  const audience: Audience = role === 'borrower' ? 'borrower' : 'staff';
  const ta = useTranslations(forAudience(audience, { borrower: 'offers', staff: 'staffOffers' }));
  const [confirming, setConfirming] = useState<PricedOffer | null>(null);
  const locale = useLocale();
  const errorText = useErrorText();
  const [formError, setFormError] = useState<string>();
  const staff = role !== 'borrower';
  const { policy } = context;
  const authority = role === 'supervisor' ? policy.authority.supervisor : policy.authority.mediator;
  const maxMonths = staff ? Math.min(authority.maxPlanMonths, policy.installments.maxMonths) : Math.min(policy.borrowerProposal.maxMonths, policy.installments.maxMonths);
  const firstDueMax = addDays(context.asOf, policy.installments.firstDueWindowDays);
  // The form refuses months beyond what may be sent at all (a mediator's counter beyond their own limit goes to a
  // supervisor), in the words of the hint; the preview names the limit a longer plan breaks.
  const sendableMonths = staff ? Math.min(policy.authority.supervisor.maxPlanMonths, policy.installments.maxMonths) : maxMonths;
  const schema = useMemo(() => offerFormSchemaFor(sendableMonths), [sendableMonths]);
  const defaults = blankOfferForm({ months: '12', downPayment: fenToInput(0), firstDueDate: addDays(context.asOf, Math.min(14, policy.installments.firstDueWindowDays)) });
  // The counter-offer composer is on the case file as it loads: what a mediator types before the page is hydrated is kept.
  // The form starts from what its fields hold (typed, or the defaults); the preview and the fields a choice reveals are
  // drawn from the server's values until the page is hydrated (useHydrated), then from what was typed.
  const formId = useId();
  const serverValues = initialTerms ? termsToForm(initialTerms, defaults) : defaults;
  const initial = useTypedBeforeHydration(formId, serverValues);
  const hydrated = useHydrated();
  const form = useForm<OfferFormValues>({
    resolver: zodResolver(schema) as unknown as Resolver<OfferFormValues>,
    defaultValues: initial,
    mode: 'onChange',
  });
  /** A field, with its value in the server-rendered page. */
  const field = (name: keyof OfferFormValues) => ({ ...form.register(name), defaultValue: serverValues[name] });
  const watched = useWatch({ control: form.control }) as OfferFormValues;
  const values = hydrated ? watched : serverValues;
  useSessionDraft(draftKey, form, watched, hydrated);
  const structure = values.structure;

  // The live preview: parse what is typed, then price and check it exactly as the server will.
  const preview = useMemo(() => {
    const parsed = schema.safeParse(values);
    if (!parsed.success) return null;
    const checkRole: OfferRole = role === 'mediator' ? 'supervisor' : role;
    const { priced, violations } = evaluateOffer(context, parsed.data as never, checkRole);
    const needsSupervisor = role === 'mediator' && authorityNeeded(context, parsed.data as never) === 'supervisor';
    return { priced, violations, needsSupervisor, terms: parsed.data as never as OfferTerms };
  }, [values, context, role, schema]);

  // What was confirmed is what is sent: any change to the terms asks again.
  const confirmedKey = confirming ? JSON.stringify(confirming.schedule.map((r) => r.amount)) + confirming.totalPayable : null;
  const previewKey = preview?.priced ? JSON.stringify(preview.priced.schedule.map((r) => r.amount)) + preview.priced.totalPayable : null;
  if (confirming && confirmedKey !== previewKey) setConfirming(null);

  const onSubmit = form.handleSubmit(async (parsed) => {
    setFormError(undefined);
    if (!preview?.priced) return;
    if (confirm && !confirming) return setConfirming(preview.priced);
    setConfirming(null);
    const terms = parsed as unknown as OfferTermsInput;
    const raw = form.getValues();
    const result = await submit({ terms, message: raw.message || undefined, approvalReason: raw.approvalReason || undefined, priced: preview.priced }).catch(() => ({ ok: false as const, fieldErrors: {}, formError: { key: 'errors.UNAVAILABLE' } }));
    if (!result.ok) {
      // A policy refusal names its rules by code: say them in words.
      // A policy refusal carries the rules it breaks: say them in words, as the preview does.
      const formError = result.formError as { key: string; params?: Record<string, string | number>; violations?: OfferViolation[] } | undefined;
      const named = formError?.violations?.length ? { ...result, formError: { key: formError.key, params: { rules: formError.violations.map(rule).join(' ') } } } : result;
      return setFormError(applyServerErrors(named, form.setError, errorText));
    }
    if (draftKey) clearDraft(draftKey);
    onDone?.();
  });

  const e = form.formState.errors;
  const err = (m: unknown) => errorText(typeof m === 'string' ? m : undefined);
  const rule = (v: OfferViolation) => {
    // A value the pricing cannot take says why in words (a down payment above the debt), not the field's path.
    const reason = v.rule === 'values.invalid' ? v.params?.reason : undefined;
    if (typeof reason === 'string' && t.has(`invalidValue.${reason}`)) return t(`invalidValue.${reason as 'exceedsBalance'}`);
    const key = `rules.${v.rule.replace('.', '_')}`;
    if (!t.has(key)) return v.rule;
    const params = { ...(v.params ?? {}) } as Record<string, string | number>;
    // Amount limits arrive in fen, days as YYYY-MM-DD: said as the page says them elsewhere (the hint beside the field).
    if (typeof params.min === 'number') params.min = formatMoney(params.min, locale);
    for (const [name, value] of Object.entries(params)) if (typeof value === 'string' && isIsoDate(value)) params[name] = formatDay(value, locale);
    if (v.rule === 'relief.principalAuthority' && typeof params.max === 'number') params.max = formatMoney(params.max, locale);
    return t(key, params);
  };
  return (
    <form id={formId} onSubmit={onSubmit} noValidate className="flex flex-col gap-4">
      <SelectField
        label={t('structure')}
        options={offerStructures.filter((s) => staff || s !== 'settlement').map((s) => ({ value: s, label: t(`structures.${s}`) }))}
        error={err(e.structure?.message)}
        {...field('structure')}
      />
      {structure === 'installments' || structure === 'extension_installments' ? (
        <>
          <Field label={t('months')} hint={sendableMonths > maxMonths ? t('monthsHintApproval', { max: sendableMonths, own: maxMonths }) : t('monthsHint', { max: maxMonths })} inputMode="numeric" error={err(e.months?.message)} {...field('months')} />
          {/* Short names, so the closed select shows the choice whole on a phone; what each means, under it. */}
          <SelectField
            label={t('method')}
            hint={values.method === 'equal_principal' || values.method === 'equal_installment' ? t(`methodHints.${values.method}`) : undefined}
            options={(['equal_installment', 'equal_principal'] as const).map((m) => ({ value: m, label: t(`methods.${m}`) }))}
            {...field('method')}
          />
          <Field
            label={t('downPayment')}
            hint={policy.installments.minDownPaymentPct ? t('downPaymentHint', { pct: policy.installments.minDownPaymentPct }) : undefined}
            inputMode="decimal"
            error={err(e.downPayment?.message)}
            {...field('downPayment')}
          />
          <Field label={t('firstDueDate')} hint={t('firstDueHint', { to: formatDay(firstDueMax, locale) })} type="date" min={context.asOf} max={firstDueMax} error={err(e.firstDueDate?.message)} {...field('firstDueDate')} />
        </>
      ) : null}
      {structure === 'extension' || structure === 'extension_installments' ? (
        <Field label={t('extensionMonths')} inputMode="numeric" error={err(e.extensionMonths?.message)} {...field('extensionMonths')} />
      ) : null}
      {staff ? (
        <fieldset className="flex flex-col gap-3 rounded-lg border border-slate-300 p-3">
          <legend className="px-1 font-semibold">{t('relief')}</legend>
          <p className="text-sm text-slate-700">{t('authority', { penalty: authority.maxPenaltyWaivePct, interest: authority.maxInterestWaivePct, principal: authority.maxPrincipalWaivePct, rate: authority.maxRateReductionPct, months: authority.maxPlanMonths })}</p>
          <div className="grid grid-cols-1 gap-3 sm:grid-cols-2">
            <Field label={t('penaltyWaivePct')} inputMode="decimal" error={err(e.penaltyWaivePct?.message)} {...field('penaltyWaivePct')} />
            <Field label={t('compoundWaivePct')} inputMode="decimal" error={err(e.compoundWaivePct?.message)} {...field('compoundWaivePct')} />
            <Field label={t('interestWaivePct')} inputMode="decimal" error={err(e.interestWaivePct?.message)} {...field('interestWaivePct')} />
            <Field label={t('principalWaive')} hint={t('principalWaiveHint')} inputMode="decimal" error={err(e.principalWaive?.message)} {...field('principalWaive')} />
            <Field label={t('ratePct')} inputMode="decimal" error={err(e.ratePct?.message)} {...field('ratePct')} />
            <Field label={t('rateMonths')} inputMode="numeric" error={err(e.rateMonths?.message)} {...field('rateMonths')} />
          </div>
        </fieldset>
      ) : null}
      <TextareaField label={t('message')} rows={2} maxLength={1000} error={err(e.message?.message)} {...field('message')} />
      {preview?.needsSupervisor ? (
        <TextareaField label={t('approvalReason')} hint={t('approvalReasonHint')} rows={2} maxLength={1000} error={err(e.approvalReason?.message)} {...field('approvalReason')} />
      ) : null}
      <section aria-labelledby="preview-heading" aria-live="polite" className="rounded-xl border border-brand-100 bg-brand-50 p-3">
        <h3 id="preview-heading" className="font-semibold">
          {t('preview')}
        </h3>
        {!preview ? <p className="text-sm text-slate-700">{t('previewIncomplete')}</p> : null}
        {preview?.violations.length ? (
          <ul className="mt-1 list-disc pl-5 text-sm text-danger-700">
            {preview.violations.map((v, i) => (
              <li key={i}>{rule(v)}</li>
            ))}
          </ul>
        ) : null}
        {preview?.priced && preview.terms ? <OfferFigures priced={preview.priced} terms={preview.terms} audience={audience} disposableIncome={context.disposableIncome} /> : null}
        {preview?.needsSupervisor ? <p className="mt-1 text-sm text-warn-800">{t('needsSupervisor')}</p> : null}
      </section>
      <FormError message={formError} />
      {confirming && confirm ? (
        <section aria-labelledby="confirm-heading" className="flex flex-col gap-3 rounded-xl border-2 border-warn-800 bg-warn-50 p-3" data-testid="proposal-confirmation">
          <h3 id="confirm-heading" tabIndex={-1} ref={(el) => el?.focus()} className="font-semibold outline-none">
            {ta('confirmTitle')}
          </h3>
          {confirm(confirming)}
          <div className="flex flex-wrap gap-2">
            <Button type="submit" disabled={form.formState.isSubmitting}>
              {form.formState.isSubmitting ? ta('sending') : ta('confirmSend')}
            </Button>
            <Button type="button" variant="secondary" onClick={() => setConfirming(null)} disabled={form.formState.isSubmitting}>
              {ta('backToEdit')}
            </Button>
          </div>
        </section>
      ) : (
        <Button type="submit" disabled={form.formState.isSubmitting || !preview?.priced || preview.violations.length > 0}>
          {form.formState.isSubmitting ? ta('sending') : submitLabel}
        </Button>
      )}
    </form>
  );
}
