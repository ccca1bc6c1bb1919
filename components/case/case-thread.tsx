'use client';

import { useFormatter, useTranslations } from 'next-intl';
import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { useForm } from 'react-hook-form';
import { applyServerErrors } from '@/components/forms/apply-server-errors';
import { Button } from '@/components/ui/button';
import { FormError } from '@/components/ui/card';
import { TextareaField } from '@/components/ui/field';
import { cn } from '@/components/ui/cn';
import { forAudience, type Audience } from '@/lib/i18n/audience';
import { instantFormat } from '@/lib/i18n/config';
import { useErrorText } from '@/lib/i18n/use-error-text';
import type { CaseMessageDto } from '@/lib/server/cases/case-messages';
import type { CaseMessageInput } from '@/lib/validation/case';
import { lazyZodResolver } from '@/lib/validation/lazy-resolver';

const resolver = lazyZodResolver<CaseMessageInput>(() => import('@/lib/validation/case').then((m) => m.caseMessageSchema));

type Post = (input: { caseId: string; body: string }) => Promise<{ ok: true } | { ok: false; fieldErrors: Record<string, { key: string }>; formError?: { key: string } }>;

/** The case thread: questions and answers between the borrower and the mediator, oldest first (times in the reader's time zone, from the provider); without `post`, read only. */
export function CaseThread({ caseId, messages, post, audience }: { caseId: string; messages: CaseMessageDto[]; post: Post | null; audience: Audience }) {
  const t = useTranslations(forAudience(audience, { borrower: 'caseThread', staff: 'staffCaseThread' }));
  const format = useFormatter();
  const errorText = useErrorText();
  const router = useRouter();
  const [formError, setFormError] = useState<string>();
  const [sent, setSent] = useState(false);
  const form = useForm<CaseMessageInput>({ resolver, defaultValues: { body: '' } });
  const onSubmit = form.handleSubmit(async ({ body }) => {
    setFormError(undefined);
    setSent(false);
    if (!post) return;
    const result = await post({ caseId, body }).catch(() => ({ ok: false as const, fieldErrors: {}, formError: { key: 'errors.UNAVAILABLE' } }));
    if (!result.ok) return setFormError(applyServerErrors(result, form.setError, errorText));
    form.reset({ body: '' });
    setSent(true);
    router.refresh();
  });
  const author = (m: CaseMessageDto) => (m.mine ? t('you') : m.authorType === 'staff' ? (audience === 'borrower' ? t('mediator') : (m.authorName ?? t('mediator'))) : (m.authorName ?? t('borrower')));
  return (
    <section id="thread" aria-labelledby="thread-heading" className="flex flex-col gap-3">
      <h2 id="thread-heading" className="text-xl font-semibold">
        {t('title')}
      </h2>
      {messages.length === 0 ? <p className="text-slate-700">{t('empty')}</p> : null}
      <ol className="flex flex-col gap-2" aria-label={t('title')}>
        {messages.map((m) => (
          <li key={m.id} className={cn('rounded-lg border p-3 text-sm', m.mine ? 'border-brand-100 bg-brand-50' : 'border-slate-200 bg-white')}>
            <p className="flex flex-wrap justify-between gap-2 text-slate-700">
              <span className="font-semibold">{author(m)}</span>
              <time dateTime={m.createdAt}>{format.dateTime(new Date(m.createdAt), instantFormat)}</time>
            </p>
            <p className="mt-1 whitespace-pre-wrap break-words">{m.body}</p>
          </li>
        ))}
      </ol>
      {post ? (
        <form onSubmit={onSubmit} onFocus={resolver.preload} noValidate className="flex flex-col gap-2">
          <TextareaField label={t('label')} hint={t('hint')} rows={3} maxLength={2000} error={errorText(form.formState.errors.body?.message)} {...form.register('body')} />
          <FormError message={formError} />
          <p role="status" className="text-sm text-ok-700">
            {sent ? t('sent') : ''}
          </p>
          <Button type="submit" disabled={form.formState.isSubmitting} className="self-start">
            {form.formState.isSubmitting ? t('sending') : t('send')}
          </Button>
        </form>
      ) : null}
    </section>
  );
}
