import 'server-only';
import { getDb } from '@/db/client';
import { caseNotes } from '@/db/schema';
import { noteSchema } from '@/lib/validation/contact';
import type { Ctx } from '../actor';
import { recordAudit } from '../audit';
import { AppError } from '../errors';
import { loadVisibleCase } from '../cases/case-access';

/** A staff member who acts on a case adds a note to it; the note and its audit event in one transaction. */
export async function addNote(ctx: Ctx, raw: { caseId: string; body: string }, now: Date = new Date()): Promise<{ id: string }> {
  const { actor } = ctx;
  if (actor.type !== 'staff') throw new AppError('NOT_FOUND');
  const { body } = noteSchema.parse(raw);
  return getDb().transaction(async (tx) => {
    const kase = await loadVisibleCase(tx, actor, raw.caseId, { act: true });
    const [note] = await tx.insert(caseNotes).values({ caseId: kase.id, authorId: actor.id, body, createdAt: now }).returning({ id: caseNotes.id });
    await recordAudit(tx, ctx, { action: 'note.added', entityType: 'case', entityId: kase.id, data: { noteId: note!.id, length: body.length } });
    return note!;
  });
}
