import 'server-only';
import { and, asc, eq, sql } from 'drizzle-orm';
import { ZodError } from 'zod';
import { getDb } from '@/db/client';
import { creditors, staffUsers } from '@/db/schema';
import { creditorPolicySchema, defaultPolicy, type CreditorPolicy } from '@/lib/domain/policy';
import { policyChanges, policyFromForm } from '@/lib/domain/policy-form';
import { creditorDetailsSchema, type CreditorDetailsInput } from '@/lib/validation/staff-admin';
import type { Actor, Ctx } from '../actor';
import { recordAudit } from '../audit';
import { isUuid } from '../cases/case-access';
import { creditorPolicy } from '../creditor-policy';
import { AppError } from '../errors';
import { creditorScope } from '../staff-scope';
import { assertAdmin } from './admin-actor';

export type CreditorDto = {
  id: string;
  code: string;
  name: string;
  nameEn: string;
  creditCode: string;
  registeredAddress: string;
  servicePhone: string;
  court: string;
  staffCount: number;
  updatedAt: string;
};

const toDto = (row: typeof creditors.$inferSelect, staffCount: number): CreditorDto => ({
  id: row.id,
  code: row.code,
  name: row.name,
  nameEn: row.nameEn,
  creditCode: row.creditCode,
  registeredAddress: row.registeredAddress,
  servicePhone: row.servicePhone,
  court: row.court,
  staffCount,
  // The policy's version for the form: microseconds matter, so the full text of the timestamp.
  updatedAt: row.updatedAt.toISOString(),
});

/** The creditors an admin administers: all for the centre's admins, their own for a creditor's. */
export async function listCreditors(actor: Actor): Promise<CreditorDto[]> {
  assertAdmin(actor);
  const rows = await getDb()
    // The outer row's id written out with its table: drizzle renders a lone table's column bare ("id"),
    // which inside the subquery would name the staff row's own id and count nothing.
    .select({ c: creditors, staffCount: sql<number>`(select count(*)::int from ${staffUsers} s where s.creditor_id = ${creditors}.id)` })
    .from(creditors)
    .where(creditorScope(actor, creditors.id))
    .orderBy(asc(creditors.code));
  return rows.map((r) => toDto(r.c, r.staffCount));
}

async function loadCreditor(actor: Actor, creditorId: unknown, forUpdate = false) {
  assertAdmin(actor);
  if (!isUuid(creditorId)) throw new AppError('NOT_FOUND');
  const query = getDb().select().from(creditors).where(and(eq(creditors.id, creditorId), creditorScope(actor, creditors.id)));
  const [row] = forUpdate ? await query.for('update') : await query;
  if (!row) throw new AppError('NOT_FOUND');
  return row;
}

/** A new creditor the centre serves (centre admins only), with the default policy. */
export async function createCreditor(ctx: Ctx, raw: CreditorDetailsInput): Promise<{ id: string }> {
  const { actor } = ctx;
  assertAdmin(actor);
  if (actor.creditorId !== null) throw new AppError('FORBIDDEN');
  const input = creditorDetailsSchema.parse(raw);
  return getDb().transaction(async (tx) => {
    const [taken] = await tx.select({ id: creditors.id }).from(creditors).where(eq(creditors.code, input.code));
    if (taken) throw new AppError('VALIDATION', { message: 'validation.codeTaken', field: 'code' });
    const [row] = await tx.insert(creditors).values({ ...input, policy: defaultPolicy }).returning({ id: creditors.id });
    await recordAudit(tx, ctx, { action: 'creditor.created', entityType: 'creditor', entityId: row!.id, data: { ...input } });
    return { id: row!.id };
  });
}

/** A creditor's registered details (printed on its agreements), before and after audited. */
export async function updateCreditorDetails(ctx: Ctx, creditorId: unknown, raw: CreditorDetailsInput): Promise<void> {
  const { actor } = ctx;
  assertAdmin(actor);
  const input = creditorDetailsSchema.parse(raw);
  await getDb().transaction(async (tx) => {
    const [row] = await tx.select().from(creditors).where(and(eq(creditors.id, isUuid(creditorId) ? creditorId : '00000000-0000-0000-0000-000000000000'), creditorScope(actor, creditors.id))).for('update');
    if (!row) throw new AppError('NOT_FOUND');
    if (input.code !== row.code) {
      const [taken] = await tx.select({ id: creditors.id }).from(creditors).where(eq(creditors.code, input.code));
      if (taken) throw new AppError('VALIDATION', { message: 'validation.codeTaken', field: 'code' });
    }
    const before = { code: row.code, name: row.name, nameEn: row.nameEn, creditCode: row.creditCode, registeredAddress: row.registeredAddress, servicePhone: row.servicePhone, court: row.court };
    await tx.update(creditors).set({ ...input, updatedAt: new Date() }).where(eq(creditors.id, row.id));
    await recordAudit(tx, ctx, { action: 'creditor.details_changed', entityType: 'creditor', entityId: row.id, data: { before, after: input } });
  });
}

export async function getCreditor(actor: Actor, creditorId: unknown): Promise<CreditorDto & { policy: CreditorPolicy }> {
  const row = await loadCreditor(actor, creditorId);
  return { ...toDto(row, 0), policy: creditorPolicy(row.policy) };
}

/**
 * Changes a creditor's policy from the form: validated by the policy schema
 * (its bounds are the law's ceilings), refused if someone saved it since the
 * form was opened (`version`), audited with the whole policy before and after
 * and the settings that changed. Offers already made keep the terms they were
 * priced with (they are stored whole); only offers made from now on use it.
 */
export async function updateCreditorPolicy(ctx: Ctx, creditorId: unknown, posted: Record<string, unknown>, version: string): Promise<{ changed: string[] }> {
  const { actor } = ctx;
  assertAdmin(actor);
  return getDb().transaction(async (tx) => {
    const [row] = await tx.select().from(creditors).where(and(eq(creditors.id, isUuid(creditorId) ? creditorId : '00000000-0000-0000-0000-000000000000'), creditorScope(actor, creditors.id))).for('update');
    if (!row) throw new AppError('NOT_FOUND');
    if (row.updatedAt.toISOString() !== version) throw new AppError('CONFLICT');
    const before = creditorPolicy(row.policy);
    const parsed = creditorPolicySchema.safeParse(policyFromForm(before, posted));
    // Each refused setting is reported by its path, beside its field.
    if (!parsed.success) throw new ZodError(parsed.error.issues);
    const after = parsed.data;
    const changes = policyChanges(before, after);
    if (changes.length === 0) return { changed: [] };
    await tx.update(creditors).set({ policy: after, updatedAt: new Date() }).where(eq(creditors.id, row.id));
    await recordAudit(tx, ctx, { action: 'creditor.policy_changed', entityType: 'creditor', entityId: row.id, data: { before, after, changes } });
    return { changed: changes.map((c) => c.path) };
  });
}
