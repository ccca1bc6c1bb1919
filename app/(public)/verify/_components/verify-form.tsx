'use client';

import { useFormatter, useTranslations } from 'next-intl';
import { useState } from 'react';
import { Button } from '@/components/ui/button';
import { FormError, Notice } from '@/components/ui/card';
import { Field } from '@/components/ui/field';
import { uploadLimit } from '@/lib/domain/file-type';
import { useErrorText } from '@/lib/i18n/use-error-text';
import type { Replacement, VerificationDto } from '@/lib/server/agreements/verify-agreement';
import { verifyAction } from '../actions';

/** Upload a PDF or type its code; the answer says only whether it is genuine and, if so, which agreement (masked). */
export function VerifyForm({ initialCode, initialResult }: { initialCode: string; initialResult: VerificationDto | null }) {
  const t = useTranslations('verify');
  const tStatus = useTranslations('verify.status');
  const format = useFormatter();
  const errorText = useErrorText();
  const [result, setResult] = useState<VerificationDto | null>(initialResult);
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);
  const when = (iso: string | null) => (iso ? format.dateTime(new Date(iso), { dateStyle: 'long', timeStyle: 'short' }) : '—');
  return (
    <div className="flex flex-col gap-4">
      <form
        className="flex flex-col gap-4"
        onSubmit={async (event) => {
          event.preventDefault();
          setError(undefined);
          const data = new FormData(event.currentTarget);
          const file = data.get('file');
          // Checked here to spare a slow network the upload; the server checks again.
          if (file instanceof File && file.size > uploadLimit.maxBytes) return setError(errorText({ key: 'errors.FILE_TOO_LARGE', params: { max: uploadLimit.maxMegabytes } }));
          setBusy(true);
          const response = await verifyAction(data).catch(() => null);
          setBusy(false);
          if (!response) return setError(errorText('errors.UNAVAILABLE'));
          if (!response.ok) return setError(errorText(response.formError ?? Object.values(response.fieldErrors)[0] ?? 'errors.UNAVAILABLE'));
          setResult(response.data);
        }}
      >
        <Field id="verify-file" name="file" type="file" accept="application/pdf" label={t('fileLabel')} hint={t('fileHint', { max: uploadLimit.maxMegabytes })} className="p-2" />
        <Field label={t('codeLabel')} hint={t('codeHint')} name="code" defaultValue={initialCode} autoCapitalize="characters" />
        <FormError message={error} />
        <Button type="submit" disabled={busy} className="self-start">
          {busy ? t('checking') : t('check')}
        </Button>
      </form>
      <div role="status" aria-live="polite">
        {result?.verdict === 'authentic' ? (
          <Notice tone={result.document?.withdrawnAt ? 'warn' : undefined}>
            <p className="text-lg font-bold text-ok-700">✓ {t('authentic')}</p>
            {result.document ? (
              <>
                <p>{t('documentDetail', { kind: result.document.kind, documentNo: result.document.documentNo, agreementNo: result.agreementNo, creditor: result.creditor, borrower: result.borrower, date: when(result.document.issuedAt) })}</p>
                {result.document.withdrawnAt ? <Withdrawn text={t('documentWithdrawn', { date: when(result.document.withdrawnAt) })} /> : null}
              </>
            ) : (
              <>
                <p>{t('authenticDetail', { agreementNo: result.agreementNo, creditor: result.creditor, borrower: result.borrower, date: when(result.signedAt) })}</p>
                <p className="text-sm">{tStatus(result.version)}</p>
              </>
            )}
            {result.status === 'superseded' ? <Superseded by={result.supersededBy} /> : null}
          </Notice>
        ) : null}
        {result?.verdict === 'code_found' ? (
          <Notice tone={result.document?.withdrawnAt ? 'warn' : undefined}>
            <p className="text-lg font-bold">{t('codeFound')}</p>
            {result.document ? (
              <>
                <p>{t('documentCodeDetail', { kind: result.document.kind, documentNo: result.document.documentNo, agreementNo: result.agreementNo, creditor: result.creditor, borrower: result.borrower, date: when(result.document.issuedAt) })}</p>
                {result.document.withdrawnAt ? <Withdrawn text={t('documentWithdrawn', { date: when(result.document.withdrawnAt) })} /> : null}
              </>
            ) : (
              <p>{t('codeDetail', { agreementNo: result.agreementNo, creditor: result.creditor, borrower: result.borrower, status: tStatus(result.status as 'executed') })}</p>
            )}
            {result.status === 'superseded' ? <Superseded by={result.supersededBy} /> : null}
          </Notice>
        ) : null}
        {result?.verdict === 'altered' ? (
          <Notice tone="error">
            <p className="text-lg font-bold">✗ {t('altered')}</p>
          </Notice>
        ) : null}
        {result?.verdict === 'not_found' ? <Notice tone="warn">{t('notFound')}</Notice> : null}
      </div>
    </div>
  );
}

/** A superseded agreement names the version that replaced it, and links to its verification. */
function Superseded({ by }: { by: Replacement }) {
  const t = useTranslations('verify');
  const tStatus = useTranslations('verify.status');
  return (
    <div className="mt-2 rounded border border-amber-200 bg-warn-50 p-2 text-warn-800" data-testid="superseded">
      <p className="font-semibold">{t('supersededTitle')}</p>
      {by ? (
        <p>
          {t('supersededBy', { agreementNo: by.agreementNo, status: tStatus(by.status as 'executed') })}{' '}
          <a href={`/verify?code=${encodeURIComponent(by.verificationCode)}`} className="font-medium underline">
            {t('checkNewer')}
          </a>
        </p>
      ) : (
        <p>{t('supersededPending')}</p>
      )}
    </div>
  );
}

/** A settlement certificate withdrawn since it was issued: what it says no longer holds. */
function Withdrawn({ text }: { text: string }) {
  return (
    <p className="font-bold text-danger-700" data-testid="document-withdrawn">
      {text}
    </p>
  );
}
