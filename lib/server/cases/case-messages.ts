import 'server-only';
import { asc, eq, sql } from 'drizzle-orm';
import type { z } from 'zod';
import { getDb } from '@/db/client';
import { borrowers, cases, negotiationMessages, staffUsers } from '@/db/schema';
import { caseMessageSchema } from '@/lib/validation/case';
import type { Actor, Ctx } from '../actor';
import { recordAudit } from '../audit';
import { AppError } from '../errors';
import { notifyAssignee } from '../notify-assignee';
import { notifyBorrower } from '../notify-borrower';
import { publicUrl } from '@/lib/env';
import { loadVisibleCase } from './case-access';

export type CaseMessageDto = { id: string; authorType: 'borrower' | 'staff' | 'system' | 'anonymous'; authorName: string | null; body: string; createdAt: string; mine: boolean };

export async function listCaseMessages(actor: Actor, caseId: unknown): Promise<CaseMessageDto[]> {
  const db = getDb();
  const kase = await loadVisibleCase(db, actor, caseId);
  const rows = await db
    .select({ id: negotiationMessages.id, authorType: negotiationMessages.authorType, authorId: negotiationMessages.authorId, body: negotiationMessages.body, createdAt: negotiationMessages.createdAt, staffName: staffUsers.name, borrowerName: borrowers.fullName })
    .from(negotiationMessages)
    .leftJoin(staffUsers, eq(staffUsers.id, negotiationMessages.authorId))
    .leftJoin(borrowers, eq(borrowers.id, negotiationMessages.authorId))
    .where(eq(negotiationMessages.caseId, kase.id))
    .orderBy(asc(negotiationMessages.createdAt));
  return rows.map((r) => ({
    id: r.id,
    authorType: r.authorType,
    authorName: r.authorType === 'staff' ? r.staffName : r.authorType === 'borrower' ? r.borrowerName : null,
    body: r.body,
    createdAt: r.createdAt.toISOString(),
    mine: r.authorId === actor.id,
  }));
}

/** A question or answer on the case thread; the other side is told (the borrower in the portal, and by SMS when the contact rules allow). */
export async function postCaseMessage(ctx: Ctx, raw: { caseId: string } & z.input<typeof caseMessageSchema>): Promise<{ id: string }> {
  const { body } = caseMessageSchema.parse(raw);
  if (ctx.actor.type !== 'borrower' && ctx.actor.type !== 'staff') throw new AppError('NOT_FOUND');
  return getDb().transaction(async (tx) => {
    const kase = await loadVisibleCase(tx, ctx.actor, raw.caseId, { forUpdate: true, act: true });
    const [message] = await tx
      .insert(negotiationMessages)
      .values({ caseId: kase.id, authorType: ctx.actor.type as 'borrower' | 'staff', authorId: ctx.actor.id!, body })
      .returning({ id: negotiationMessages.id });
    await tx.execute(sql`update cases set updated_at = now() where id = ${kase.id}`);
    await recordAudit(tx, ctx, { action: 'case.message_posted', entityType: 'case', entityId: kase.id, data: { messageId: message!.id, length: body.length } });
    const [borrower] = await tx.select().from(borrowers).where(eq(borrowers.id, kase.borrowerId));
    const excerpt = body.length > 60 ? `${body.slice(0, 60)}…` : body;
    if (ctx.actor.type === 'borrower') {
      await notifyAssignee(tx, kase, 'caseMessage', { caseNo: kase.caseNo, name: borrower?.fullName ?? '', excerpt });
    } else if (ctx.actor.type === 'staff' && borrower) {
      // In the portal always; by SMS too when the contact rules allow it now, with the way back to the case.
      await notifyBorrower(tx, { caseId: kase.id, creditorId: kase.creditorId, borrowerId: borrower.id, template: 'caseMessage', values: { caseNo: kase.caseNo, excerpt, link: publicUrl(`/cases/${kase.id}`) } });
    }
    return { id: message!.id };
  });
}

/** The borrower has opened the case: first contact is made (invited → engaged). */
export async function recordCaseViewed(ctx: Ctx, caseId: string): Promise<void> {
  if (ctx.actor.type !== 'borrower') return;
  await getDb().transaction(async (tx) => {
    const kase = await loadVisibleCase(tx, ctx.actor, caseId, { forUpdate: true });
    // The dashboard's "engaged": the first time the borrower opened the case.
    if (!kase.engagedAt) await tx.update(cases).set({ engagedAt: new Date() }).where(eq(cases.id, kase.id));
    if (kase.state !== 'invited') return;
    await tx.execute(sql`update cases set state = 'engaged', version = version + 1, updated_at = now() where id = ${kase.id}`);
    await recordAudit(tx, ctx, { action: 'case.state_changed', entityType: 'case', entityId: kase.id, data: { from: 'invited', to: 'engaged' } });
  });
}
