import 'server-only';
import { and, desc, eq } from 'drizzle-orm';
import { hardshipStatements } from '@/db/schema';
import type { Executor } from '@/db/client';

export type StatementRow = typeof hardshipStatements.$inferSelect;

/** The newest statement of a case (draft or submitted), if any. */
export async function latestStatement(db: Executor, caseId: string, options: { forUpdate?: boolean } = {}): Promise<StatementRow | undefined> {
  const query = db.select().from(hardshipStatements).where(eq(hardshipStatements.caseId, caseId)).orderBy(desc(hardshipStatements.version)).limit(1);
  const [row] = options.forUpdate ? await query.for('update') : await query;
  return row;
}

export async function currentDraft(db: Executor, caseId: string, options: { forUpdate?: boolean } = {}): Promise<StatementRow | undefined> {
  const query = db
    .select()
    .from(hardshipStatements)
    .where(and(eq(hardshipStatements.caseId, caseId), eq(hardshipStatements.status, 'draft')))
    .limit(1);
  const [row] = options.forUpdate ? await query.for('update') : await query;
  return row;
}
