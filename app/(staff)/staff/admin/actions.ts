'use server';

import { revalidatePath } from 'next/cache';
import { z } from 'zod';
import { defineAction } from '@/lib/auth/action';
import { createCreditor, updateCreditorDetails, updateCreditorPolicy } from '@/lib/server/admin/creditors';
import { changeStaffRole, inviteStaff, reactivateStaff, resendInvitation, resetStaffPassword, unlockStaff } from '@/lib/server/admin/staff-accounts';
import { deactivateStaff } from '@/lib/server/staff/deactivate-staff';
import { anObject, id, text } from '@/lib/validation/envelope';
import type { CreditorDetailsInput } from '@/lib/validation/staff-admin';

const staffPage = () => revalidatePath('/staff/admin/staff');

export const inviteStaffAction = defineAction('staff', z.object({ email: text, name: text, role: text, creditorId: text }), async (input, ctx) => {
  const { id: staffId } = await inviteStaff(ctx, input as Parameters<typeof inviteStaff>[1]);
  staffPage();
  return { id: staffId };
});

export const changeStaffRoleAction = defineAction('staff', z.object({ staffId: id, role: text, creditorId: text }), async ({ staffId, ...input }, ctx) => {
  const result = await changeStaffRole(ctx, staffId, input as Parameters<typeof changeStaffRole>[2]);
  staffPage();
  return result;
});

const byId = z.object({ staffId: id });
export const deactivateStaffAction = defineAction('staff', byId, async ({ staffId }, ctx) => {
  const result = await deactivateStaff(ctx, staffId);
  staffPage();
  return result;
});
export const reactivateStaffAction = defineAction('staff', byId, async ({ staffId }, ctx) => {
  await reactivateStaff(ctx, staffId);
  staffPage();
});
export const resetStaffPasswordAction = defineAction('staff', byId, async ({ staffId }, ctx) => {
  const { endedSessions } = await resetStaffPassword(ctx, staffId);
  staffPage();
  return { endedSessions };
});
export const unlockStaffAction = defineAction('staff', byId, async ({ staffId }, ctx) => {
  await unlockStaff(ctx, staffId);
  staffPage();
});
export const resendInvitationAction = defineAction('staff', byId, async ({ staffId }, ctx) => {
  await resendInvitation(ctx, staffId);
  staffPage();
});

const details = z.object({ code: text, name: text, nameEn: text, creditCode: text, registeredAddress: text, servicePhone: text, court: text });
export const createCreditorAction = defineAction('staff', details, async (input, ctx) => {
  const result = await createCreditor(ctx, input as CreditorDetailsInput);
  revalidatePath('/staff/admin/creditors');
  return result;
});
export const updateCreditorAction = defineAction('staff', details.extend({ creditorId: id }), async ({ creditorId, ...input }, ctx) => {
  await updateCreditorDetails(ctx, creditorId, input as CreditorDetailsInput);
  revalidatePath(`/staff/admin/creditors/${creditorId}`);
});

export const updatePolicyAction = defineAction('staff', z.object({ creditorId: id, version: text, values: anObject }), async ({ creditorId, version, values }, ctx) => {
  const result = await updateCreditorPolicy(ctx, creditorId, values, version);
  revalidatePath(`/staff/admin/creditors/${creditorId}/policy`);
  return result;
});
