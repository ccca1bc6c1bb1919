'use client';

import { useTranslations } from 'next-intl';
import { useState } from 'react';
import { Button } from '@/components/ui/button';
import { FormError } from '@/components/ui/card';
import { TextareaField } from '@/components/ui/field';
import { addNoteAction } from '../actions';
import { useActionSubmit } from '@/components/forms/use-action-submit';

export function NoteForm({ caseId, onDone }: { caseId: string; onDone: () => void }) {
  const t = useTranslations('staffCaseFile');
  const [body, setBody] = useState('');
  const { busy, errors, formError, submit } = useActionSubmit();
  return (
    <form
      className="flex flex-col gap-3"
      onSubmit={(event) => {
        event.preventDefault();
        void submit(() => addNoteAction({ caseId, body }), () => {
          setBody('');
          onDone();
        });
      }}
    >
      <TextareaField label={t('note.body')} rows={3} maxLength={2000} value={body} onChange={(e) => setBody(e.target.value)} error={errors.body} autoFocus />
      <FormError message={formError} />
      <Button type="submit" disabled={busy} className="self-start">
        {t('note.save')}
      </Button>
    </form>
  );
}
