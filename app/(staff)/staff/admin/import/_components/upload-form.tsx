'use client';

import { useTranslations } from 'next-intl';
import { useRouter } from 'next/navigation';
import { forwardRef, useId, useRef, useState } from 'react';
import { Button } from '@/components/ui/button';
import { FormError } from '@/components/ui/card';
import { SelectField } from '@/components/ui/field';
import { useErrorText } from '@/lib/i18n/use-error-text';

type Answer = { batchId?: string; error?: { key: string; params?: Record<string, string | number> } };

/**
 * Chooses the creditor, the file and its encoding, and sends the file as the request body (XMLHttpRequest, for
 * the upload's progress). A file over the limit is refused here, before a byte is sent, with the limit named;
 * the server refuses it too. Nothing chosen is lost when the upload is refused.
 */
export function UploadForm({ creditors, maxMegabytes }: { creditors: { id: string; name: string }[]; maxMegabytes: number }) {
  const t = useTranslations('staffImport');
  const errorText = useErrorText();
  const router = useRouter();
  const fileRef = useRef<HTMLInputElement>(null);
  const [creditorId, setCreditorId] = useState(creditors[0]?.id ?? '');
  const [encoding, setEncoding] = useState('auto');
  const [fileError, setFileError] = useState<string>();
  const [error, setError] = useState<string>();
  const [percent, setPercent] = useState<number | null>(null);

  const submit = () => {
    setError(undefined);
    setFileError(undefined);
    const file = fileRef.current?.files?.[0];
    if (!file) return setFileError(t('chooseFile'));
    if (file.size > maxMegabytes * 1024 * 1024) return setFileError(t('fileTooLarge', { size: (file.size / 1024 / 1024).toFixed(1), max: maxMegabytes }));
    const query = new URLSearchParams({ creditorId, encoding, filename: file.name });
    const request = new XMLHttpRequest();
    request.open('POST', `/api/import-upload?${query}`);
    request.setRequestHeader('content-type', 'application/octet-stream');
    request.upload.onprogress = (event) => setPercent(event.lengthComputable ? Math.floor((event.loaded / event.total) * 100) : 0);
    request.onerror = () => {
      setPercent(null);
      setError(t('uploadFailed'));
    };
    request.onload = () => {
      setPercent(null);
      let answer: Answer = {};
      try {
        answer = JSON.parse(request.responseText) as Answer;
      } catch {
        // not JSON: a proxy's or server's own error page
      }
      if (request.status < 300 && answer.batchId) return router.push(`/staff/admin/import/${answer.batchId}`);
      const message = errorText(answer.error ?? 'errors.UNAVAILABLE');
      if (request.status === 413 || answer.error?.key.startsWith('staffImport.')) setFileError(message);
      else setError(message);
    };
    setPercent(0);
    request.send(file);
  };

  return (
    <form
      className="flex max-w-xl flex-col gap-3"
      onSubmit={(event) => {
        event.preventDefault();
        submit();
      }}
    >
      {creditors.length > 1 ? (
        <SelectField label={t('creditor')} value={creditorId} onChange={(e) => setCreditorId(e.target.value)} options={creditors.map((c) => ({ value: c.id, label: c.name }))} />
      ) : null}
      <FileField ref={fileRef} label={t('file')} hint={t('fileHint', { max: maxMegabytes })} error={fileError} />
      <SelectField
        label={t('encoding')}
        value={encoding}
        onChange={(e) => setEncoding(e.target.value)}
        options={[
          { value: 'auto', label: t('encodingAuto') },
          { value: 'utf-8', label: t('encodingUtf8') },
          { value: 'gbk', label: t('encodingGbk') },
        ]}
      />
      <FormError message={error} />
      <Button type="submit" className="self-start" disabled={percent !== null || !creditorId}>
        {percent !== null ? t('uploading', { percent }) : t('upload')}
      </Button>
    </form>
  );
}

const FileField = forwardRef<HTMLInputElement, { label: string; hint: string; error?: string }>(function FileField({ label, hint, error }, ref) {
  const id = useId();
  return (
    <div className="flex flex-col gap-1">
      <label htmlFor={id} className="text-sm font-medium text-slate-800">
        {label}
      </label>
      <input
        ref={ref}
        id={id}
        type="file"
        name="file"
        accept=".csv,text/csv"
        aria-invalid={error ? true : undefined}
        aria-describedby={`${id}-hint${error ? ` ${id}-error` : ''}`}
        className="min-h-11 rounded-lg border border-slate-400 bg-white px-3 py-2 text-base"
      />
      <p id={`${id}-hint`} className="text-sm text-slate-600">
        {hint}
      </p>
      {error ? (
        <p id={`${id}-error`} role="alert" className="text-sm font-medium text-danger-700">
          {error}
        </p>
      ) : null}
    </div>
  );
});
