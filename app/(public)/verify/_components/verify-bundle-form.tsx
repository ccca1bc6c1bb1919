'use client';

import { useFormatter, useTranslations } from 'next-intl';
import { useState } from 'react';
import { Button } from '@/components/ui/button';
import { FormError, Notice } from '@/components/ui/card';
import { Field } from '@/components/ui/field';
import { useErrorText } from '@/lib/i18n/use-error-text';
import type { BundleVerificationDto } from '@/lib/server/bundle/verify-bundle';

type Answer = { ok: true; data: BundleVerificationDto } | { ok: false; error: { code: string; params?: Record<string, string | number> } };

/** Upload an evidence bundle: sent as the request body to /api/verify/bundle (too large for a form action), checked there. */
export function VerifyBundleForm({ maxMegabytes }: { maxMegabytes: number }) {
  const t = useTranslations('verifyBundle');
  const format = useFormatter();
  const errorText = useErrorText();
  const [result, setResult] = useState<BundleVerificationDto | null>(null);
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);
  return (
    <div className="flex flex-col gap-4">
      <form
        className="flex flex-col gap-4"
        onSubmit={async (event) => {
          event.preventDefault();
          setError(undefined);
          setResult(null);
          const file = new FormData(event.currentTarget).get('bundle');
          if (!(file instanceof File) || file.size === 0) return setError(t('needFile'));
          if (file.size > maxMegabytes * 1024 * 1024) return setError(errorText({ key: 'errors.FILE_TOO_LARGE', params: { max: maxMegabytes } }));
          setBusy(true);
          const answer = (await fetch('/api/verify/bundle', { method: 'POST', body: file, headers: { 'content-type': 'application/zip' } })
            .then((r) => r.json())
            .catch(() => null)) as Answer | null;
          setBusy(false);
          if (!answer) return setError(errorText('errors.UNAVAILABLE'));
          if (!answer.ok) return setError(errorText({ key: `errors.${answer.error.code}`, params: answer.error.params }));
          setResult(answer.data);
        }}
      >
        <Field id="verify-bundle" name="bundle" type="file" accept=".zip,application/zip" label={t('fileLabel')} hint={t('fileHint', { max: maxMegabytes })} className="p-2" />
        <FormError message={error} />
        <Button type="submit" disabled={busy} className="self-start">
          {busy ? t('checking') : t('check')}
        </Button>
      </form>
      <div role="status" aria-live="polite" data-testid="bundle-verdict">
        {result?.verdict === 'authentic' ? (
          <Notice>
            <p className="text-lg font-bold text-ok-700">✓ {t('authentic')}</p>
            <p>{t('authenticDetail', { caseNo: result.caseNo, date: format.dateTime(new Date(result.createdAt), { dateStyle: 'long', timeStyle: 'short' }), asOf: result.asOf, files: result.files })}</p>
          </Notice>
        ) : null}
        {result?.verdict === 'altered' ? (
          <Notice tone="error">
            <p className="text-lg font-bold">✗ {t('altered')}</p>
            <ul className="mt-1 list-disc pl-5">
              {result.problems.map((p, i) => (
                <li key={i}>{t(`problems.${p.code}`, { path: p.path ?? '' })}</li>
              ))}
            </ul>
          </Notice>
        ) : null}
        {result?.verdict === 'not_on_record' ? <Notice tone="warn">{t('notOnRecord')}</Notice> : null}
      </div>
    </div>
  );
}
