'use client';

import { useTranslations } from 'next-intl';
import { useRef, useState } from 'react';
import { Button } from '@/components/ui/button';
import { FormError } from '@/components/ui/card';
import { useErrorText } from '@/lib/i18n/use-error-text';
import { evidenceLimits } from '@/lib/domain/file-type';
import type { EvidenceDto } from '@/lib/server/hardship/evidence';
import { removeEvidenceAction, uploadEvidenceAction } from '../actions';
import { StepShell } from './step-shell';

export function EvidenceStep({
  caseId,
  index,
  total,
  evidence,
  onChange,
  next,
  back,
}: {
  caseId: string;
  index: number;
  total: number;
  evidence: EvidenceDto[];
  onChange: (evidence: EvidenceDto[]) => void;
  next: () => void;
  back: () => void;
}) {
  const t = useTranslations('hardship.evidence');
  const errorText = useErrorText();
  const input = useRef<HTMLInputElement>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();
  const [status, setStatus] = useState<string>();
  // A file chosen but not uploaded yet is named, and uploaded on "continue" rather than dropped.
  const [chosen, setChosen] = useState<string | null>(null);

  /** A file refused (type, size) is not kept chosen: "continue" would only refuse it again. */
  function forget() {
    if (input.current) input.current.value = '';
    setChosen(null);
  }

  /** Uploads the chosen file; true when it is stored (or nothing was chosen and `optional`). */
  async function upload(optional = false): Promise<boolean> {
    const file = input.current?.files?.[0];
    setError(undefined);
    setStatus(undefined);
    if (!file) {
      if (!optional) setError(t('pickFirst'));
      return optional;
    }
    // Checked here to spare a slow network the upload; the server checks again, from the bytes.
    if (file.size > evidenceLimits.maxBytes) {
      setError(errorText({ key: 'errors.FILE_TOO_LARGE', params: { max: evidenceLimits.maxMegabytes } }));
      forget();
      return false;
    }
    const data = new FormData();
    data.set('caseId', caseId);
    data.set('file', file);
    setBusy(true);
    const result = await uploadEvidenceAction(data).catch(() => null);
    setBusy(false);
    if (!result) {
      setError(errorText('errors.UNAVAILABLE'));
      return false;
    }
    if (!result.ok) {
      setError(errorText(result.fieldErrors.file ?? result.formError ?? { key: 'errors.UNAVAILABLE' }));
      if (result.fieldErrors.file) forget();
      return false;
    }
    onChange([...evidence, result.data]);
    setStatus(t('uploaded', { name: result.data.filename }));
    if (input.current) input.current.value = '';
    setChosen(null);
    return true;
  }

  async function remove(file: EvidenceDto) {
    setBusy(true);
    const result = await removeEvidenceAction({ caseId, fileId: file.id }).catch(() => null);
    setBusy(false);
    if (result?.ok) {
      onChange(evidence.filter((e) => e.id !== file.id));
      setStatus(t('removed', { name: file.filename }));
    } else setError(errorText(result && !result.ok ? (result.formError ?? { key: 'errors.UNAVAILABLE' }) : 'errors.UNAVAILABLE'));
  }

  return (
    <StepShell
      id="hardship-evidence"
      index={index}
      total={total}
      title={t('title')}
      intro={t('intro')}
      onSubmit={async (event) => {
        event.preventDefault();
        // A chosen file is uploaded first; if it cannot be, the borrower stays here with the reason.
        if (await upload(true)) next();
      }}
      onBack={back}
      busy={busy}
      nextLabel={chosen ? t('uploadAndContinue') : t('continue')}
    >
      <div className="flex flex-col gap-2">
        <label htmlFor="evidence-file" className="text-sm font-medium">
          {t('fileLabel')}
        </label>
        <input
          ref={input}
          id="evidence-file"
          type="file"
          accept="application/pdf,image/jpeg,image/png"
          aria-describedby="evidence-hint"
          className="min-h-11 rounded-lg border border-slate-400 bg-white p-2 text-base"
          onChange={(event) => setChosen(event.currentTarget.files?.[0]?.name ?? null)}
        />
        <p id="evidence-hint" className="text-sm text-slate-600">
          {t('hint')}
        </p>
        <Button type="button" variant="secondary" onClick={() => void upload()} disabled={busy || evidence.length >= evidenceLimits.maxFiles}>
          {busy ? t('uploading') : t('upload')}
        </Button>
        {chosen ? (
          <p className="text-sm text-warn-800" data-testid="evidence-chosen">
            {t('chosenNotUploaded', { name: chosen })}
          </p>
        ) : null}
      </div>
      <FormError message={error} />
      <p role="status" className="text-sm text-ok-700">
        {status}
      </p>
      <ul className="flex flex-col gap-2" aria-label={t('listLabel')}>
        {evidence.map((file) => (
          <li key={file.id} className="flex items-center justify-between gap-2 rounded-lg border border-slate-200 bg-white p-2">
            <span className="min-w-0 break-all text-sm">
              {file.filename} <span className="text-slate-600">({Math.ceil(file.size / 1024)} KB)</span>
            </span>
            <Button type="button" variant="ghost" onClick={() => remove(file)} disabled={busy} aria-label={t('removeNamed', { name: file.filename })}>
              {t('remove')}
            </Button>
          </li>
        ))}
      </ul>
    </StepShell>
  );
}
