'use client';

import { useTranslations } from 'next-intl';
import { useState } from 'react';
import { Button } from '@/components/ui/button';
import { FormError } from '@/components/ui/card';
import { SelectField } from '@/components/ui/field';
import { assignCaseAction } from '../actions';
import { useActionSubmit } from '@/components/forms/use-action-submit';

export type AssignableDto = { id: string; name: string; role: 'mediator' | 'supervisor'; load: number };

/** A supervisor assigns or reassigns the case; each person is listed with the open cases they already carry. */
export function AssignForm({ caseId, current, staff, onDone }: { caseId: string; current: string | null; staff: AssignableDto[]; onDone: () => void }) {
  const t = useTranslations('staffCaseFile');
  const [assigneeId, setAssignee] = useState(current ?? '');
  const { busy, errors, formError, submit } = useActionSubmit();
  return (
    <form
      className="flex flex-col gap-3"
      onSubmit={(event) => {
        event.preventDefault();
        if (!assigneeId) return;
        void submit(() => assignCaseAction({ caseId, assigneeId }), onDone);
      }}
    >
      <SelectField
        label={t('assign.to')}
        value={assigneeId}
        onChange={(e) => setAssignee(e.target.value)}
        error={errors.assigneeId}
        placeholder={t('assign.choose')}
        options={staff.map((s) => ({ value: s.id, label: t('assign.option', { name: s.name, role: t(`role.${s.role}`), load: s.load }) }))}
        autoFocus
      />
      <FormError message={formError} />
      <Button type="submit" disabled={busy || !assigneeId || assigneeId === current} className="self-start">
        {t('assign.save')}
      </Button>
    </form>
  );
}
