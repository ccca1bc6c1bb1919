// Shared: rendered on the server for read-only views and inside the (client) wizard for the review step.
import { useId } from 'react';
import { useLocale, useTranslations } from 'next-intl';
import { fixedCostKeys, flexibleCostKeys, incomeKeys, type Affordability } from '@/lib/domain/hardship';
import { formatMoney } from '@/lib/domain/money';
import { forAudience, type Audience } from '@/lib/i18n/audience';
import { formatDay } from '@/lib/i18n/days';
import type { HardshipDraftData } from '@/lib/validation/hardship';

/** The statement read back, with the disposable-income sum worked out in the open: to the borrower in their words, to staff in the third person. */
export function StatementSummary({ data, affordability, audience, level = 3 }: { data: HardshipDraftData; affordability: Affordability | null; audience: Audience; level?: 2 | 3 }) {
  // Its headings sit one below the heading above it (the borrower's submitted statement has only the page's h1), and a
  // case file with several statements shows several summaries: each labels its section by an id of its own.
  const Heading = level === 2 ? 'h2' : 'h3';
  const affordabilityHeading = useId();
  const t = useTranslations(forAudience(audience, { borrower: 'hardship', staff: 'staffHardship' }));
  const tt = useTranslations('hardshipTerms');
  const locale = useLocale();
  const money = (fen: number) => formatMoney(fen, locale);
  const row = (label: string, value: string, strong = false, key?: string | number) => (
    <div key={key} className="flex justify-between gap-4 border-b border-slate-100 py-1">
      <dt className={strong ? 'font-semibold' : 'text-slate-700'}>{label}</dt>
      <dd className={strong ? 'font-semibold' : ''}>{value}</dd>
    </div>
  );
  return (
    <div className="flex flex-col gap-4">
      {affordability ? (
        <section aria-labelledby={affordabilityHeading} className="rounded-xl border border-brand-100 bg-brand-50 p-4">
          <Heading id={affordabilityHeading} className="font-semibold">
            {t('summary.affordability')}
          </Heading>
          <dl className="mt-2 text-sm">
            {row(t('summary.totalIncome'), money(affordability.totalIncome))}
            {row(t('summary.fixedCosts'), `− ${money(affordability.totalFixedCosts)}`)}
            {row(t('summary.flexibleCosts'), `− ${money(affordability.totalFlexibleCosts)}`)}
            {row(t('summary.priorityRepayments'), `− ${money(affordability.priorityRepayments)}`)}
            {/* A negative result with the same minus as the costs above it (it read "-¥350.00" under "− ¥2,050.00"). */}
            {row(t('summary.disposable'), affordability.disposableIncome < 0 ? `− ${money(-affordability.disposableIncome)}` : money(affordability.disposableIncome), true)}
          </dl>
          <p className="mt-2 text-sm">{affordability.disposableIncome > 0 ? t('summary.positive') : t('summary.zeroOrLess')}</p>
          {affordability.otherRepayments > 0 ? <p className="mt-1 text-sm text-slate-700">{t('summary.otherDebts', { amount: money(affordability.otherRepayments) })}</p> : null}
        </section>
      ) : null}
      {data.household ? (
        <section>
          <Heading className="font-semibold">{t('household.title')}</Heading>
          <dl className="text-sm">
            {row(t('household.adults'), String(data.household.adults))}
            {row(t('household.childrenUnder6'), String(data.household.childrenUnder6))}
            {row(t('household.children6to17'), String(data.household.children6to17))}
            {row(t('household.otherDependants'), String(data.household.otherDependants))}
            {row(t('household.housing'), tt(`housingTypes.${data.household.housing}`))}
            {row(t('household.employment'), tt(`employmentTypes.${data.household.employment}`))}
          </dl>
        </section>
      ) : null}
      {data.income ? (
        <section>
          <Heading className="font-semibold">{t('income.title')}</Heading>
          <dl className="text-sm">{incomeKeys.filter((k) => data.income![k]).map((k) => row(tt(`income.${k}`), money(data.income![k]), false, k))}</dl>
        </section>
      ) : null}
      {data.costs ? (
        <section>
          <Heading className="font-semibold">{t('costs.title')}</Heading>
          <dl className="text-sm">
            {fixedCostKeys.filter((k) => data.costs!.fixedCosts[k]).map((k) => row(tt(`costs.${k}`), money(data.costs!.fixedCosts[k]), false, k))}
            {flexibleCostKeys.filter((k) => data.costs!.flexibleCosts[k]).map((k) => row(tt(`costs.${k}`), money(data.costs!.flexibleCosts[k]), false, k))}
          </dl>
          {Object.entries(data.costs.explanations ?? {})
            .filter(([, text]) => text)
            .map(([key, text]) => (
              <p key={key} className="mt-1 text-sm text-slate-700">
                {tt(`costs.${key as 'food'}`)}：{text}
              </p>
            ))}
        </section>
      ) : null}
      {data.debts?.length ? (
        <section>
          <Heading className="font-semibold">{t('debts.title')}</Heading>
          <dl className="text-sm">{data.debts.map((d, i) => row(`${d.lender}${d.priority ? ` (${t('debts.priorityShort')})` : ''}`, money(d.monthlyPayment), false, i))}</dl>
        </section>
      ) : null}
      {data.reason ? (
        <section>
          <Heading className="font-semibold">{t('reason.title')}</Heading>
          <dl className="text-sm">
            {row(t('reason.category'), tt(`reasons.${data.reason.category}`))}
            {row(t('reason.since'), formatDay(data.reason.since, locale, 'long'))}
            {row(t('reason.duration'), tt(`durations.${data.reason.duration}`))}
          </dl>
          <p className="mt-1 whitespace-pre-wrap text-sm">{data.reason.details}</p>
        </section>
      ) : null}
    </div>
  );
}
