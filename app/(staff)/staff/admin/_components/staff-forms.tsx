'use client';

import { useTranslations } from 'next-intl';
import { useState } from 'react';
import { Button } from '@/components/ui/button';
import { FormError, Notice } from '@/components/ui/card';
import { Field, SelectField } from '@/components/ui/field';
import { staffRoles } from '@/lib/validation/staff-admin';
import { changeStaffRoleAction, deactivateStaffAction, inviteStaffAction, reactivateStaffAction, resendInvitationAction, resetStaffPasswordAction, unlockStaffAction } from '../actions';
import { useActionSubmit } from '@/components/forms/use-action-submit';

type CreditorOption = { value: string; label: string };

/** Invites a staff member: the account, and a one-time link to set a password sent to them. */
export function InviteStaffForm({ creditors }: { creditors: CreditorOption[] }) {
  const t = useTranslations('admin');
  const [v, setV] = useState({ email: '', name: '', role: 'mediator', creditorId: creditors[0]?.value ?? '' });
  const f = useActionSubmit();
  return (
    <form
      className="flex flex-col gap-3"
      aria-label={t('invite')}
      onSubmit={async (e) => {
        e.preventDefault();
        const result = await f.submit(() => inviteStaffAction(v));
        if (result?.ok) setV({ ...v, email: '', name: '' });
      }}
    >
      <FormError message={f.formError} />
      {f.done ? <Notice role="status">{t('invited')}</Notice> : null}
      <div className="grid gap-3 md:grid-cols-2">
        <Field label={t('email')} name="email" type="email" autoComplete="off" value={v.email} error={f.errors.email} onChange={(e) => setV({ ...v, email: e.target.value })} />
        <Field label={t('name')} name="name" value={v.name} error={f.errors.name} onChange={(e) => setV({ ...v, name: e.target.value })} />
        <SelectField label={t('role')} name="role" value={v.role} error={f.errors.role} onChange={(e) => setV({ ...v, role: e.target.value })} options={staffRoles.map((r) => ({ value: r, label: t(`roles.${r}`) }))} />
        <SelectField label={t('creditor')} name="creditorId" value={v.creditorId} error={f.errors.creditorId} onChange={(e) => setV({ ...v, creditorId: e.target.value })} options={creditors} />
      </div>
      <Button type="submit" className="self-start" disabled={f.busy}>
        {t('inviteButton')}
      </Button>
    </form>
  );
}

/** The actions on one account: role and creditor, deactivate or reactivate, reset the password, lift a lockout, send the invitation again. */
export function StaffRowActions({ staff, creditors }: { staff: { id: string; name: string; role: string; creditorId: string | null; active: boolean; pending: boolean; lockedUntil: string | null }; creditors: CreditorOption[] }) {
  const t = useTranslations('admin');
  const [role, setRole] = useState(staff.role);
  const [creditorId, setCreditorId] = useState(staff.creditorId ?? '');
  const f = useActionSubmit();
  const [said, setSaid] = useState<string>();
  const act = async (call: () => ReturnType<typeof unlockStaffAction>, message: string) => {
    setSaid(undefined);
    const result = await f.submit(call);
    if (result?.ok) setSaid(message);
  };
  return (
    <div className="flex flex-col gap-2">
      <FormError message={f.formError} />
      {said ? <Notice role="status">{said}</Notice> : null}
      <form
        className="flex flex-wrap items-end gap-2"
        aria-label={t('changeRoleFor', { name: staff.name })}
        onSubmit={(e) => {
          e.preventDefault();
          void act(() => changeStaffRoleAction({ staffId: staff.id, role, creditorId }) as never, t('roleChanged'));
        }}
      >
        <SelectField label={t('role')} value={role} error={f.errors.role} onChange={(e) => setRole(e.target.value)} options={staffRoles.map((r) => ({ value: r, label: t(`roles.${r}`) }))} />
        <SelectField label={t('creditor')} value={creditorId} error={f.errors.creditorId} onChange={(e) => setCreditorId(e.target.value)} options={creditors} />
        <Button type="submit" variant="secondary" disabled={f.busy || (role === staff.role && creditorId === (staff.creditorId ?? ''))}>
          {t('save')}
        </Button>
      </form>
      <div className="flex flex-wrap gap-2">
        {staff.active ? (
          <Button type="button" variant="danger" disabled={f.busy} onClick={() => void act(() => deactivateStaffAction({ staffId: staff.id }) as never, t('deactivated'))}>
            {t('deactivate')}
          </Button>
        ) : (
          <Button type="button" variant="secondary" disabled={f.busy} onClick={() => void act(() => reactivateStaffAction({ staffId: staff.id }), t('reactivated'))}>
            {t('reactivate')}
          </Button>
        )}
        {staff.active && !staff.pending ? (
          <Button type="button" variant="secondary" disabled={f.busy} onClick={() => void act(() => resetStaffPasswordAction({ staffId: staff.id }) as never, t('resetSent'))}>
            {t('resetPassword')}
          </Button>
        ) : null}
        {staff.pending && staff.active ? (
          <Button type="button" variant="secondary" disabled={f.busy} onClick={() => void act(() => resendInvitationAction({ staffId: staff.id }), t('invited'))}>
            {t('resend')}
          </Button>
        ) : null}
        {staff.lockedUntil ? (
          <Button type="button" variant="secondary" disabled={f.busy} onClick={() => void act(() => unlockStaffAction({ staffId: staff.id }), t('unlocked'))}>
            {t('unlock')}
          </Button>
        ) : null}
      </div>
    </div>
  );
}
