'use client';

import { useTranslations } from 'next-intl';
import { useState } from 'react';
import { Button } from '@/components/ui/button';
import { FormError } from '@/components/ui/card';
import { SelectField } from '@/components/ui/field';
import { assignCaseAction } from '../actions';
import { useCaseForm } from './use-case-form';

export type AssignableDto = { id: string; name: string; role: 'mediator' | 'supervisor'; load: number };

/** A supervisor assigns or reassigns the case; each person is listed with the open cases they already carry. */
export function AssignForm({ caseId, current, staff, onDone }: { caseId: string; current: string | null; staff: AssignableDto[]; onDone: () => void }) {
  const t = useTranslations('staffCaseFile');
  const [assigneeId, setAssignee] = useState(current ?? '');
  const { busy, fieldErrors, formError, submit } = useCaseForm();
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
        error={fieldErrors.assigneeId}
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
