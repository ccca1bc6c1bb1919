'use client';

import { useTranslations } from 'next-intl';
import { useEffect, useState } from 'react';
import { Button } from '@/components/ui/button';
import { FormError } from '@/components/ui/card';
import { SelectField } from '@/components/ui/field';
import { assignableStaffAction, assignCaseAction } from '../actions';
import { useActionSubmit } from '@/components/forms/use-action-submit';

export type AssignableDto = { id: string; name: string; role: 'mediator' | 'supervisor'; load: number };

/**
 * A supervisor assigns or reassigns the case; each person is listed with the open cases they already carry. The list
 * and its counts are read when the form opens (counting every mediator's open cases is the dearest read the case file
 * would otherwise make on every view, for a form most views never open), so they are as of that moment.
 */
export function AssignForm({ caseId, current, onDone }: { caseId: string; current: string | null; onDone: () => void }) {
  const t = useTranslations('staffCaseFile');
  const [assigneeId, setAssignee] = useState(current ?? '');
  const [staff, setStaff] = useState<AssignableDto[] | null>(null);
  const { busy, errors, formError, submit, errorText } = useActionSubmit();
  // The refusal as a message key, translated where it is shown.
  const [loadError, setLoadError] = useState<{ key: string; params?: Record<string, string | number> }>();
  useEffect(() => {
    let live = true;
    assignableStaffAction({ caseId })
      .then((result) => {
        if (!live) return;
        if (result.ok) setStaff(result.data);
        else setLoadError(result.formError ?? { key: 'errors.UNAVAILABLE' });
      })
      .catch(() => live && setLoadError({ key: 'errors.UNAVAILABLE' }));
    return () => {
      live = false;
    };
  }, [caseId]);
  return (
    <form
      className="flex flex-col gap-3"
      aria-busy={staff === null && !loadError}
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
        placeholder={staff ? t('assign.choose') : t('assign.loading')}
        options={(staff ?? []).map((s) => ({ value: s.id, label: t('assign.option', { name: s.name, role: t(`role.${s.role}`), load: s.load }) }))}
        disabled={staff === null}
        autoFocus
      />
      <FormError message={loadError ? errorText(loadError) : formError} />
      <Button type="submit" disabled={busy || !staff || !assigneeId || assigneeId === current} className="self-start">
        {t('assign.save')}
      </Button>
    </form>
  );
}
