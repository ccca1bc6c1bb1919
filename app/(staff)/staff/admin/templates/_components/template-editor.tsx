'use client';

import { useTranslations } from 'next-intl';
import { useRouter } from 'next/navigation';
import { useMemo, useState } from 'react';
import { Button } from '@/components/ui/button';
import { FormError, Notice } from '@/components/ui/card';
import { Field, TextareaField } from '@/components/ui/field';
import { checkTemplateText, fillPlaceholders, maxTemplateLength, type CustomizableTemplate, type TemplateProblem } from '@/lib/domain/message-templates';
import type { Locale } from '@/lib/i18n/config';
import { useErrorText } from '@/lib/i18n/use-error-text';
import { resetTemplateAction, saveTemplateAction } from '../actions';

type Key = { creditorId: string; template: CustomizableTemplate; locale: Locale };

/** The message as the borrower reads it, with sample values: its placeholders filled as the server fills them. */
function render(text: string, values: Record<string, string | number>): string {
  return fillPlaceholders(text, values);
}

export function TemplateEditor({ keyOf, initial, version: startVersion, hasOwn, allowed, required, plain, samples }: { keyOf: Key; initial: { subject: string; body: string }; version: number; hasOwn: boolean; allowed: string[]; required: string[]; plain: boolean; samples: Record<string, string | number> }) {
  const t = useTranslations('staffTemplates');
  const errorText = useErrorText();
  const router = useRouter();
  const [subject, setSubject] = useState(initial.subject);
  const [body, setBody] = useState(initial.body);
  const [version, setVersion] = useState(startVersion);
  const [problems, setProblems] = useState<TemplateProblem[]>([]);
  const [error, setError] = useState<string>();
  const [done, setDone] = useState<string>();
  const [busy, setBusy] = useState(false);
  const preview = useMemo(() => ({ subject: render(subject, samples), body: render(body, samples) }), [subject, body, samples]);
  const problemText = (field: 'subject' | 'body') => {
    const p = problems.find((x) => x.field === field);
    return p ? t(`problem.${p.key}`, { ...(p.params ?? {}), example: '{code}' }) : undefined;
  };
  const names = (list: string[]) => list.map((n) => `{${n}}`).join(' ');

  const save = async () => {
    setError(undefined);
    setDone(undefined);
    const found = checkTemplateText(keyOf.template, { subject, body }, allowed);
    setProblems(found);
    if (found.length) return;
    setBusy(true);
    const result = await saveTemplateAction({ ...keyOf, subject, body, version }).catch(() => null);
    setBusy(false);
    if (!result) return setError(errorText('errors.UNAVAILABLE'));
    if (!result.ok) return setError(result.formError?.key === 'errors.CONFLICT' ? t('stale') : errorText(result.formError ?? Object.values(result.fieldErrors)[0] ?? 'errors.UNAVAILABLE'));
    setVersion(result.data.version);
    setDone(t('saved'));
    router.refresh();
  };
  const reset = async () => {
    setBusy(true);
    setError(undefined);
    const result = await resetTemplateAction(keyOf).catch(() => null);
    setBusy(false);
    if (!result?.ok) return setError(errorText(result && !result.ok ? (result.formError ?? 'errors.UNAVAILABLE') : 'errors.UNAVAILABLE'));
    setDone(t('resetDone'));
    router.refresh();
  };

  return (
    <div className="grid gap-6 lg:grid-cols-2">
      <form
        className="flex flex-col gap-3"
        onSubmit={(event) => {
          event.preventDefault();
          void save();
        }}
      >
        <p className="text-sm text-slate-700">{t('placeholders', { names: names(allowed) })}</p>
        {required.length ? <p className="text-sm text-slate-700">{t('required', { names: names(required) })}</p> : null}
        <Field label={t('subject')} value={subject} onChange={(e) => setSubject(e.target.value)} error={problemText('subject')} maxLength={maxTemplateLength.subject + 200} />
        <TextareaField label={t('body')} hint={t('chars', { count: body.length, max: maxTemplateLength.body })} value={body} onChange={(e) => setBody(e.target.value)} error={problemText('body')} rows={plain && keyOf.template === 'invitationLetter' ? 14 : 6} />
        <FormError message={error} />
        {done ? <Notice role="status">{done}</Notice> : null}
        <div className="flex flex-wrap gap-3">
          <Button type="submit" disabled={busy}>
            {t('save')}
          </Button>
          {hasOwn ? (
            <Button type="button" variant="secondary" disabled={busy} onClick={() => void reset()}>
              {t('reset')}
            </Button>
          ) : null}
        </div>
      </form>
      <section aria-labelledby="preview-heading" className="flex flex-col gap-2">
        <h2 id="preview-heading" className="text-lg font-semibold">
          {t('preview')}
        </h2>
        <p className="text-sm text-slate-600">{t('previewIntro')}</p>
        <div className="rounded-lg border border-slate-200 bg-slate-50 p-3" data-testid="template-preview">
          <p className="font-semibold">{preview.subject}</p>
          <p className="mt-2 whitespace-pre-wrap">{preview.body}</p>
        </div>
      </section>
    </div>
  );
}
