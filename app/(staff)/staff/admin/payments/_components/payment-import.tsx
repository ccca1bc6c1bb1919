'use client';

import { useLocale, useTranslations } from 'next-intl';
import { useRef, useState } from 'react';
import { Button } from '@/components/ui/button';
import { FormError, Notice } from '@/components/ui/card';
import { cn } from '@/components/ui/cn';
import { SelectField } from '@/components/ui/field';
import { formatMoney } from '@/lib/domain/money';
import { useErrorText } from '@/lib/i18n/use-error-text';
import type { ImportPreviewDto, ImportResultDto } from '@/lib/server/plans/import-payments';
import { confirmPaymentsAction, previewPaymentsAction } from '../actions';

/** Choose a file, see every row checked (nothing is written), then record the valid rows of that same file. */
export function PaymentImport() {
  const t = useTranslations('paymentImport');
  const errorText = useErrorText();
  const fileRef = useRef<HTMLInputElement>(null);
  const [encoding, setEncoding] = useState<'auto' | 'utf-8' | 'gbk'>('auto');
  const [preview, setPreview] = useState<ImportPreviewDto | null>(null);
  const [result, setResult] = useState<ImportResultDto | null>(null);
  const [fileError, setFileError] = useState<string>();
  const [formError, setFormError] = useState<string>();
  const [busy, setBusy] = useState(false);
  const locale = useLocale();
  const money = (fen: number) => formatMoney(fen, locale);

  const send = async <R,>(action: (data: FormData) => Promise<{ ok: true; data: R } | { ok: false; fieldErrors: Record<string, { key: string }>; formError?: { key: string } }>, sha256?: string): Promise<R | null | undefined> => {
    const file = fileRef.current?.files?.[0];
    setFileError(undefined);
    setFormError(undefined);
    if (!file) {
      setFileError(t('chooseFile'));
      return null;
    }
    const data = new FormData();
    data.set('file', file);
    data.set('encoding', encoding);
    if (sha256) data.set('sha256', sha256);
    setBusy(true);
    const answer = await action(data).catch(() => null);
    setBusy(false);
    if (!answer) {
      setFormError(errorText('errors.UNAVAILABLE'));
      return null;
    }
    if (!answer.ok) {
      if (answer.fieldErrors.file) setFileError(errorText(answer.fieldErrors.file));
      if (answer.formError) setFormError(errorText(answer.formError));
      return null;
    }
    return answer.data;
  };

  return (
    <div className="flex flex-col gap-4">
      <form
        className="flex flex-col gap-3 rounded-xl border border-slate-200 bg-white p-4"
        onSubmit={async (event) => {
          event.preventDefault();
          setResult(null);
          const data = await send(previewPaymentsAction);
          if (data) setPreview(data);
        }}
      >
        <div className="flex flex-col gap-1">
          <label htmlFor="payment-file" className="text-sm font-medium">
            {t('file')}
          </label>
          <input
            ref={fileRef}
            id="payment-file"
            name="file"
            type="file"
            accept=".csv,text/csv"
            aria-invalid={fileError ? true : undefined}
            aria-describedby={fileError ? 'payment-file-error' : undefined}
            onChange={() => {
              setPreview(null);
              setResult(null);
            }}
            className="min-h-11 rounded-lg border border-slate-400 bg-white p-2"
          />
          {fileError ? (
            <p id="payment-file-error" role="alert" className="text-sm font-medium text-danger-700">
              {fileError}
            </p>
          ) : null}
        </div>
        <SelectField
          label={t('encoding')}
          value={encoding}
          onChange={(e) => {
            setEncoding(e.target.value as typeof encoding);
            setPreview(null);
          }}
          options={[
            { value: 'auto', label: t('encodings.auto') },
            { value: 'utf-8', label: 'UTF-8' },
            { value: 'gbk', label: t('encodings.gbk') },
          ]}
        />
        <FormError message={formError} />
        <Button type="submit" variant="secondary" disabled={busy} className="self-start">
          {busy && !preview ? t('checking') : t('preview')}
        </Button>
      </form>

      {preview ? (
        <section aria-labelledby="preview-heading" className="flex flex-col gap-3">
          <h2 id="preview-heading" className="text-xl font-semibold">
            {t('previewTitle', { filename: preview.filename })}
          </h2>
          <p className="text-sm">
            {t('counts', { rows: preview.counts.rows, ready: preview.counts.ready, already: preview.counts.already, errors: preview.counts.errors, amount: money(preview.counts.amount), encoding: preview.encoding.toUpperCase() })}
          </p>
          <div className="overflow-x-auto">
            <table className="w-full text-left text-sm">
              <caption className="sr-only">{t('previewTitle', { filename: preview.filename })}</caption>
              <thead className="bg-slate-100">
                <tr>
                  <th scope="col" className="p-2">{t('col.row')}</th>
                  <th scope="col" className="p-2">{t('col.contract')}</th>
                  <th scope="col" className="p-2 text-right">{t('col.amount')}</th>
                  <th scope="col" className="p-2">{t('col.date')}</th>
                  <th scope="col" className="p-2">{t('col.reference')}</th>
                  <th scope="col" className="p-2">{t('col.result')}</th>
                </tr>
              </thead>
              <tbody>
                {preview.rows.map((row) => (
                  <tr key={row.line} className={cn('border-b border-slate-100 align-top', row.status === 'error' && 'bg-danger-50')}>
                    <td className="p-2">{row.line}</td>
                    <td className="p-2 font-mono">
                      {row.raw.contractNo}
                      {row.caseNo ? <span className="block text-xs text-slate-700">{row.caseNo}</span> : null}
                    </td>
                    <td className="p-2 text-right">{row.amount !== null ? money(row.amount) : row.raw.amount}</td>
                    <td className="p-2 whitespace-nowrap">{row.receivedOn ?? row.raw.receivedOn}</td>
                    <td className="p-2 font-mono">{row.raw.reference}</td>
                    <td className="p-2">
                      <span className="font-medium">{t(`status.${row.status}`)}</span>
                      {row.problems.length ? (
                        <ul className="text-danger-700">
                          {row.problems.map((p, i) => (
                            <li key={i}>{t('problem', { column: t(`column.${p.column}`), reason: t(`reason.${p.key}`, p.params ?? {}) })}</li>
                          ))}
                        </ul>
                      ) : null}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          {result ? null : preview.counts.ready > 0 ? (
            <Button
              type="button"
              disabled={busy}
              className="self-start"
              onClick={async () => {
                const data = await send(confirmPaymentsAction, preview.sha256);
                if (data) setResult(data);
              }}
            >
              {busy ? t('recording') : t('confirm', { count: preview.counts.ready, amount: money(preview.counts.amount) })}
            </Button>
          ) : (
            <Notice>{t('nothingToRecord')}</Notice>
          )}
        </section>
      ) : null}
      {result ? (
        <Notice role="status">
          <p className="font-semibold">{t('done', { recorded: result.recorded, already: result.already, rejected: result.rejected, completed: result.completedPlans })}</p>
        </Notice>
      ) : null}
    </div>
  );
}
