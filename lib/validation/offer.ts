import { z } from 'zod';
import { amountField, calendarDay } from './fields';
import { message } from './message';

/** The terms of an offer as a service receives them (already numbers: fen, months, percentages, ISO dates). */
const pct = z.number().min(0).max(100);

export const offerTermsSchema = z
  .object({
    extensionMonths: z.number().int().min(1).max(36).optional(),
    installments: z
      .object({
        months: z.number().int().min(1).max(60),
        method: z.enum(['equal_installment', 'equal_principal']),
        downPayment: z.number().int().min(0),
        firstDueDate: calendarDay,
      })
      .optional(),
    relief: z
      .object({
        penaltyWaivePct: pct,
        compoundWaivePct: pct,
        interestWaivePct: pct,
        principalWaive: z.number().int().min(0),
        rateReduction: z.object({ pct, months: z.number().int().min(1).max(60) }).optional(),
      })
      .optional(),
  })
  .refine((t) => t.extensionMonths !== undefined || t.installments !== undefined || t.relief !== undefined, { message: 'validation.offerEmpty' });

export type OfferTermsInput = z.infer<typeof offerTermsSchema>;

export const offerMessageSchema = z.string().trim().max(1000, 'validation.tooLong').optional();
export const reasonSchema = z.string().trim().min(1, 'validation.required').max(1000, 'validation.tooLong');

/** What the offer composer's fields hold (strings, as typed), and how they become terms. */
const wholeNumber = (min: number, max: number) =>
  z.string().transform((raw, ctx) => {
    const text = raw.normalize('NFKC').trim();
    if (!/^\d{1,3}$/.test(text) || Number(text) < min || Number(text) > max) {
      ctx.addIssue({ code: 'custom', message: message('validation.between', { min, max }) });
      return z.NEVER;
    }
    return Number(text);
  });
/** A percentage as typed: "50", "12.5", or with its sign ("50%", "５０％"). */
const percentField = z.string().transform((raw, ctx) => {
  const typed = raw.normalize('NFKC').trim();
  if (typed === '') return 0;
  const text = typed.replace(/\s*%$/, '');
  if (!/^\d{1,3}(\.\d{1,2})?$/.test(text) || Number(text) > 100) {
    ctx.addIssue({ code: 'custom', message: 'validation.percent' });
    return z.NEVER;
  }
  return Number(text);
});

export const offerStructures = ['installments', 'extension', 'extension_installments', 'settlement'] as const;

/**
 * The composer's form, for a person who may propose up to `maxMonths` installments (the policy's and their own limit):
 * the months field's message says the same limit as its hint.
 */
export const offerFormSchemaFor = (maxMonths = 60) =>
  z
  .object({
    structure: z.enum(offerStructures, { message: 'validation.choose' }),
    months: z.string(),
    method: z.enum(['equal_installment', 'equal_principal'], { message: 'validation.choose' }),
    downPayment: amountField,
    firstDueDate: z.string(),
    extensionMonths: z.string(),
    penaltyWaivePct: percentField,
    compoundWaivePct: percentField,
    interestWaivePct: percentField,
    principalWaive: amountField,
    ratePct: percentField,
    rateMonths: z.string(),
    message: z.string().trim().max(1000, 'validation.tooLong'),
    approvalReason: z.string().trim().max(1000, 'validation.tooLong'),
  })
  .transform((form, ctx): OfferTermsInput => {
    const terms: OfferTermsInput = {};
    const withInstallments = form.structure === 'installments' || form.structure === 'extension_installments';
    if (withInstallments) {
      const months = wholeNumber(1, maxMonths).safeParse(form.months);
      if (!months.success) ctx.addIssue({ code: 'custom', message: form.months.trim() ? message('validation.between', { min: 1, max: maxMonths }) : 'validation.required', path: ['months'] });
      if (!/^\d{4}-\d{2}-\d{2}$/.test(form.firstDueDate)) ctx.addIssue({ code: 'custom', message: 'validation.date', path: ['firstDueDate'] });
      terms.installments = { months: months.success ? months.data : 1, method: form.method, downPayment: form.downPayment, firstDueDate: form.firstDueDate };
    }
    if (form.structure === 'extension' || form.structure === 'extension_installments') {
      const months = wholeNumber(1, 36).safeParse(form.extensionMonths);
      if (!months.success) ctx.addIssue({ code: 'custom', message: message('validation.between', { min: 1, max: 36 }), path: ['extensionMonths'] });
      terms.extensionMonths = months.success ? months.data : 1;
    }
    const anyRelief = form.penaltyWaivePct || form.compoundWaivePct || form.interestWaivePct || form.principalWaive || form.ratePct || form.structure === 'settlement';
    if (anyRelief) {
      const rateMonths = form.ratePct ? wholeNumber(1, 60).safeParse(form.rateMonths) : null;
      if (rateMonths && !rateMonths.success) ctx.addIssue({ code: 'custom', message: message('validation.between', { min: 1, max: 60 }), path: ['rateMonths'] });
      terms.relief = {
        penaltyWaivePct: form.penaltyWaivePct,
        compoundWaivePct: form.compoundWaivePct,
        interestWaivePct: form.interestWaivePct,
        principalWaive: form.principalWaive,
        ...(form.ratePct && rateMonths?.success ? { rateReduction: { pct: form.ratePct, months: rateMonths.data } } : {}),
      };
    }
    return terms;
  });

export const offerFormSchema = offerFormSchemaFor();

export type OfferFormValues = z.input<typeof offerFormSchema>;

/** The form with every field empty but the choices, then `values` over it: where a composer or a test starts. */
export function blankOfferForm(values: Partial<OfferFormValues> = {}): OfferFormValues {
  return {
    structure: 'installments',
    months: '',
    method: 'equal_installment',
    downPayment: '',
    firstDueDate: '',
    extensionMonths: '',
    penaltyWaivePct: '',
    compoundWaivePct: '',
    interestWaivePct: '',
    principalWaive: '',
    ratePct: '',
    rateMonths: '',
    message: '',
    approvalReason: '',
    ...values,
  };
}

/** An offer's terms back into the composer's fields (to amend it). */
export function termsToForm(terms: OfferTermsInput, base: OfferFormValues): OfferFormValues {
  const structure = terms.installments && terms.extensionMonths ? 'extension_installments' : terms.installments ? 'installments' : terms.extensionMonths ? 'extension' : 'settlement';
  const amount = (fen: number | undefined) => (fen ? `${Math.trunc(fen / 100)}.${String(fen % 100).padStart(2, '0')}` : '');
  const pct = (value: number | undefined) => (value ? String(value) : '');
  return {
    ...base,
    structure,
    months: terms.installments ? String(terms.installments.months) : base.months,
    method: terms.installments?.method ?? base.method,
    downPayment: amount(terms.installments?.downPayment),
    firstDueDate: terms.installments?.firstDueDate ?? base.firstDueDate,
    extensionMonths: terms.extensionMonths ? String(terms.extensionMonths) : '',
    penaltyWaivePct: pct(terms.relief?.penaltyWaivePct),
    compoundWaivePct: pct(terms.relief?.compoundWaivePct),
    interestWaivePct: pct(terms.relief?.interestWaivePct),
    principalWaive: amount(terms.relief?.principalWaive),
    ratePct: pct(terms.relief?.rateReduction?.pct),
    rateMonths: terms.relief?.rateReduction ? String(terms.relief.rateReduction.months) : '',
  };
}
