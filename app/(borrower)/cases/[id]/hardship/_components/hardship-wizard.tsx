'use client';

import { useTranslations } from 'next-intl';
import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { Button } from '@/components/ui/button';
import { FormError } from '@/components/ui/card';
import { computeAffordability, type HardshipNumbers } from '@/lib/domain/hardship';
import { useErrorText } from '@/lib/i18n/use-error-text';
import type { EvidenceDto } from '@/lib/server/hardship/evidence';
import type { HardshipDraftData } from '@/lib/validation/hardship';
import type { HardshipFormStrings } from '@/lib/validation/hardship-form';
import { saveStepAction, saveTypingAction, submitStatementAction } from '../actions';
import { CostsStep } from './costs-step';
import { DebtsStep } from './debts-step';
import { EvidenceStep } from './evidence-step';
import { HouseholdStep } from './household-step';
import { IncomeStep } from './income-step';
import { ReasonStep } from './reason-step';
import { StatementSummary } from '@/components/hardship/statement-summary';
import { wizardSaves } from '@/components/hardship/wizard-saves';
import { useHardshipValidation, type HardshipValidation, type SaveResult } from './use-step-form';

const TOTAL = 7;
type FormStep = 'household' | 'income' | 'costs' | 'debts' | 'reason';
const formSteps: FormStep[] = ['household', 'income', 'costs', 'debts', 'reason'];

/** The typed answers, parsed exactly as the server parses them, for the summary (nothing until the schemas are loaded). */
function toData(values: HardshipFormStrings, schemas: HardshipValidation | null): HardshipDraftData {
  if (!schemas) return {};
  const { householdStep, incomeStep, costsStepBase, debtsStep, reasonStep } = schemas;
  const parse = <T,>(fn: () => T) => {
    try {
      return fn();
    } catch {
      return undefined;
    }
  };
  return {
    household: parse(() => householdStep.parse(values.household)),
    income: parse(() => incomeStep.parse(values.income).income),
    costs: parse(() => costsStepBase.parse(values.costs)),
    debts: parse(() => debtsStep.parse(values.debts).debts),
    reason: parse(() => reasonStep().parse(values.reason).reason),
  };
}

type Typing = { step: string; values: Record<string, unknown>; savedAt: string } | null;

export function HardshipWizard({
  caseId,
  initial,
}: {
  caseId: string;
  initial: { rowVersion: number | null; step: number; values: HardshipFormStrings; evidence: EvidenceDto[]; typing: Typing };
}) {
  const t = useTranslations('hardship');
  const errorText = useErrorText();
  const router = useRouter();
  // Back on the step being typed on when the page was left (what was typed there comes back too), else the first one not done.
  const typingIndex = initial.typing ? formSteps.indexOf(initial.typing.step as FormStep) : -1;
  const [index, setIndex] = useState(typingIndex >= 0 ? typingIndex : Math.min(initial.step, TOTAL - 1));
  const [values, setValues] = useState<HardshipFormStrings>(() =>
    initial.typing && typingIndex >= 0 ? { ...initial.values, [initial.typing.step]: { ...initial.values[initial.typing.step as FormStep], ...initial.typing.values } } : initial.values,
  );
  const [evidence, setEvidence] = useState(initial.evidence);
  const [submitting, setSubmitting] = useState(false);
  const [submitError, setSubmitError] = useState<string>();
  const [saves] = useState(() =>
    wizardSaves<FormStep>(
      {
        step: (input) => saveStepAction({ caseId, ...input }),
        typing: (input) => saveTypingAction({ caseId, ...input }),
        submit: (input) => submitStatementAction({ caseId, ...input }),
      },
      initial.rowVersion,
    ),
  );

  const go = (next: number) => {
    setIndex(next);
    window.scrollTo({ top: 0 });
  };

  function saver<S extends FormStep>(step: S, at: number) {
    return async (stepValues: HardshipFormStrings[S]): Promise<SaveResult> => {
      const result = await saves.step(step, stepValues);
      if (!result.ok) return result;
      setValues((v) => ({ ...v, [step]: stepValues }));
      go(at + 1);
      return { ok: true };
    };
  }

  const typingSaver =
    <S extends FormStep>(step: S) =>
    (stepValues: HardshipFormStrings[S]) =>
      saves.typing(step, stepValues);

  async function submit() {
    setSubmitting(true);
    setSubmitError(undefined);
    const result = await saves.submit().catch(() => null);
    setSubmitting(false);
    if (!result) return setSubmitError(errorText('errors.UNAVAILABLE'));
    if (!result.ok) return setSubmitError(errorText(result.formError ?? Object.values(result.fieldErrors)[0] ?? 'errors.UNAVAILABLE'));
    router.refresh();
  }

  const back = () => go(index - 1);
  // The first steps need no parsed answers; the costs (for the household's guideline) and the summary do.
  const schemas = useHardshipValidation(index >= 2);
  const household = toData(values, schemas).household;

  switch (index) {
    case 0:
      return <HouseholdStep index={0} total={TOTAL} values={values.household} save={saver('household', 0)} autosave={typingSaver('household')} />;
    case 1:
      return <IncomeStep index={1} total={TOTAL} values={values.income} save={saver('income', 1)} autosave={typingSaver('income')} back={back} />;
    case 2:
      return <CostsStep index={2} total={TOTAL} values={values.costs} save={saver('costs', 2)} autosave={typingSaver('costs')} back={back} household={household} />;
    case 3:
      return <DebtsStep index={3} total={TOTAL} values={values.debts} save={saver('debts', 3)} autosave={typingSaver('debts')} back={back} />;
    case 4:
      return <ReasonStep index={4} total={TOTAL} values={values.reason} save={saver('reason', 4)} autosave={typingSaver('reason')} back={back} />;
    case 5:
      return <EvidenceStep caseId={caseId} index={5} total={TOTAL} evidence={evidence} onChange={setEvidence} next={() => go(6)} back={back} />;
    default: {
      const data = toData(values, schemas);
      const affordability =
        data.household && data.income && data.costs
          ? computeAffordability({ household: data.household, income: data.income, fixedCosts: data.costs.fixedCosts, flexibleCosts: data.costs.flexibleCosts, debts: data.debts ?? [] } as HardshipNumbers)
          : null;
      return (
        <section aria-labelledby="review-heading" className="flex flex-col gap-4">
          <p className="text-sm text-slate-600">{t('progress', { step: TOTAL, total: TOTAL })}</p>
          <h2 id="review-heading" className="text-xl font-semibold">
            {t('review.title')}
          </h2>
          <p className="text-slate-700">{t('review.intro')}</p>
          {/* Shown once the schemas have parsed the answers (at once, unless the page opened on this step). */}
          {schemas ? <StatementSummary data={data} affordability={affordability} audience="borrower" /> : null}
          <p className="text-sm text-slate-700">{t('review.evidenceCount', { count: evidence.length })}</p>
          <FormError message={submitError} />
          <div className="flex flex-wrap gap-3">
            <Button type="button" variant="secondary" onClick={back} disabled={submitting}>
              {t('back')}
            </Button>
            <Button type="button" onClick={submit} disabled={submitting} className="flex-1">
              {submitting ? t('saving') : t('review.submit')}
            </Button>
          </div>
        </section>
      );
    }
  }
}
