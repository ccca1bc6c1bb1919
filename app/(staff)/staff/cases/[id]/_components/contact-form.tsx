'use client';

import { useFormatter, useTranslations } from 'next-intl';
import { useState } from 'react';
import { Button } from '@/components/ui/button';
import { FormError, Notice } from '@/components/ui/card';
import { SelectField, TextareaField } from '@/components/ui/field';
import { contactResults, recordingRules, staffContactChannels, type RecordingRule } from '@/lib/domain/contact-record';
import { contactRuleName } from '@/lib/i18n/contact-rule';
import { recordContactAction } from '../actions';
import { PromiseFields } from './promise-form';
import { useActionSubmit } from '@/components/forms/use-action-submit';

const isThirdPartyRule = (rule: string): rule is RecordingRule => (recordingRules as readonly string[]).includes(rule);

type Answer = { id: string; status: 'recorded' } | { id: string; status: 'blocked'; rule: string; nextAllowedAt: string | null };

/**
 * Records a contact. The rules decide on the server at the moment it is recorded: a contact they refuse is recorded as
 * blocked and the form names the rule and when contact is next allowed; the typed values stay, so nothing is lost.
 */
export function ContactForm({ caseId, graceDays, timeZone }: { caseId: string; graceDays: number; timeZone: string }) {
  const t = useTranslations('staffCaseFile');
  const format = useFormatter();
  const [values, setValues] = useState({ channel: 'phone', direction: 'outbound', party: 'borrower', result: 'reached', note: '', noDebtDisclosed: false, promiseDate: '', promiseAmount: '' });
  const [answer, setAnswer] = useState<Answer>();
  const { busy, errors, formError, submit } = useActionSubmit();
  const set = (name: keyof typeof values) => (event: { target: { value: string } }) => setValues((v) => ({ ...v, [name]: event.target.value }));
  const thirdParty = values.party === 'third_party';
  return (
    <form
      className="flex flex-col gap-3"
      aria-label={t('contact.title')}
      onSubmit={(event) => {
        event.preventDefault();
        setAnswer(undefined);
        void submit<Answer>(
          () => recordContactAction({ caseId, ...values }),
          (data) => {
            const recorded = data!;
            setAnswer(recorded);
            if (recorded.status === 'recorded') setValues((v) => ({ ...v, note: '', promiseDate: '', promiseAmount: '', noDebtDisclosed: false }));
          },
        );
      }}
    >
      <div className="grid grid-cols-2 gap-3 xl:grid-cols-4">
        <SelectField label={t('contact.channel')} value={values.channel} onChange={set('channel')} error={errors.channel} options={staffContactChannels.map((c) => ({ value: c, label: t(`channel.${c}`) }))} autoFocus />
        <SelectField label={t('contact.direction')} value={values.direction} onChange={set('direction')} error={errors.direction} options={['outbound', 'inbound'].map((d) => ({ value: d, label: t(`direction.${d}`) }))} />
        <SelectField label={t('contact.party')} value={values.party} onChange={set('party')} error={errors.party} options={['borrower', 'third_party'].map((p) => ({ value: p, label: t(`party.${p}`) }))} />
        <SelectField label={t('contact.result')} value={values.result} onChange={set('result')} error={errors.result} options={contactResults.map((r) => ({ value: r, label: t(`result.${r}`) }))} />
      </div>
      {thirdParty ? (
        <label className="flex min-h-11 items-start gap-2 text-sm">
          <input type="checkbox" className="mt-1 size-5" checked={values.noDebtDisclosed} onChange={(e) => setValues((v) => ({ ...v, noDebtDisclosed: e.target.checked }))} />
          <span>{t('contact.noDebtDisclosed')}</span>
        </label>
      ) : null}
      {values.result === 'promise_to_pay' ? (
        <PromiseFields
          date={values.promiseDate}
          amount={values.promiseAmount}
          setDate={(promiseDate) => setValues((v) => ({ ...v, promiseDate }))}
          setAmount={(promiseAmount) => setValues((v) => ({ ...v, promiseAmount }))}
          errors={errors}
          graceDays={graceDays}
        />
      ) : null}
      <TextareaField label={t('contact.note')} rows={2} maxLength={1000} value={values.note} onChange={set('note')} error={errors.note} />
      <FormError message={formError} />
      {answer?.status === 'blocked' ? (
        <Notice tone="error" role="alert">
          <p className="font-semibold">{t('contact.blocked', { rule: contactRuleName(t, answer.rule) })}</p>
          <p className="text-sm">
            {/* A third-party rule is about how the contact is made, not when: no "next allowed" time answers it. */}
            {isThirdPartyRule(answer.rule)
              ? t(`contact.thirdPartyHint.${answer.rule.slice('contact.'.length) as 'thirdPartyDisclosure'}`)
              : answer.nextAllowedAt
                ? t('contact.nextAllowed', { at: format.dateTime(new Date(answer.nextAllowedAt), { dateStyle: 'medium', timeStyle: 'short', timeZone }) })
                : t('contact.noNextAllowed')}
          </p>
        </Notice>
      ) : answer?.status === 'recorded' ? (
        <Notice role="status">{t('contact.recorded')}</Notice>
      ) : null}
      <Button type="submit" disabled={busy} className="self-start">
        {t('contact.save')}
      </Button>
    </form>
  );
}
