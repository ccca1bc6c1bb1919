import 'server-only';
import { asc, sql } from 'drizzle-orm';
import { auditEvents } from '@/db/schema';
import type { Executor } from '@/db/client';
import type { Ctx } from './actor';
import { sha256Hex } from './crypto';

export const GENESIS_HASH = '0'.repeat(64);

export type AuditInput = {
  action: string;
  entityType?: string;
  entityId?: string;
  data?: Record<string, unknown>;
};

type ChainedFields = {
  at: Date;
  actorType: string;
  actorId: string | null;
  action: string;
  entityType: string | null;
  entityId: string | null;
  ip: string | null;
  userAgent: string | null;
  requestId: string | null;
  data: Record<string, unknown>;
  prevHash: string;
};

/** JSON with object keys sorted at every level, so jsonb's reordering cannot change a hash. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value ?? null);
}

export function hashAuditRow(row: ChainedFields): string {
  return sha256Hex(
    canonicalJson({
      at: row.at.toISOString(),
      actorType: row.actorType,
      actorId: row.actorId,
      action: row.action,
      entityType: row.entityType,
      entityId: row.entityId,
      ip: row.ip,
      userAgent: row.userAgent,
      requestId: row.requestId,
      data: row.data,
      prevHash: row.prevHash,
    }),
  );
}

/**
 * Appends one event to the chain. Call it with the transaction that makes the
 * change it records; the advisory lock serialises appends so the chain never forks.
 */
export async function recordAudit(tx: Executor, ctx: Ctx, input: AuditInput): Promise<void> {
  await recordAuditBatch(tx, ctx, [input]);
}

/**
 * Appends many events at once (a bulk assignment of thousands of cases): one lock, one read of the chain's end, the
 * links computed here, and inserts of a thousand rows at a time — the same chain recordAudit builds row by row.
 */
export async function recordAuditBatch(tx: Executor, ctx: Ctx, inputs: readonly AuditInput[]): Promise<void> {
  if (!inputs.length) return;
  await tx.execute(sql`select pg_advisory_xact_lock(20260101)`);
  const last = await tx.select({ hash: auditEvents.hash }).from(auditEvents).orderBy(sql`${auditEvents.seq} desc`).limit(1);
  let prevHash = last[0]?.hash ?? GENESIS_HASH;
  const at = new Date();
  const rows = inputs.map((input) => {
    const fields: ChainedFields = {
      at,
      actorType: ctx.actor.type,
      actorId: ctx.actor.id ?? null,
      action: input.action,
      entityType: input.entityType ?? null,
      entityId: input.entityId ?? null,
      ip: ctx.meta.ip ?? null,
      userAgent: ctx.meta.userAgent?.slice(0, 400) ?? null,
      requestId: ctx.meta.requestId ?? null,
      data: JSON.parse(JSON.stringify(input.data ?? {})) as Record<string, unknown>,
      prevHash,
    };
    const hash = hashAuditRow(fields);
    prevHash = hash;
    return { ...fields, actorType: ctx.actor.type, hash };
  });
  for (let i = 0; i < rows.length; i += 1000) await tx.insert(auditEvents).values(rows.slice(i, i + 1000));
}

export type ChainVerdict = { ok: true; checked: number } | { ok: false; checked: number; brokenAtSeq: number; reason: 'hash' | 'link' };

/**
 * Walks the chain in order, recomputing every hash and every link: the whole chain, or the stretch from one seq to
 * another (every row in it, whoever it is about), linked to the row before it.
 */
export async function verifyAuditChain(db: Executor, batchSize = 5000, range?: { fromSeq: number; toSeq: number }): Promise<ChainVerdict> {
  let prevHash = GENESIS_HASH;
  let afterSeq = 0;
  if (range) {
    const [before] = await db.select({ seq: auditEvents.seq, hash: auditEvents.hash }).from(auditEvents).where(sql`${auditEvents.seq} < ${range.fromSeq}`).orderBy(sql`${auditEvents.seq} desc`).limit(1);
    prevHash = before?.hash ?? GENESIS_HASH;
    afterSeq = before?.seq ?? 0;
  }
  let checked = 0;
  for (;;) {
    const rows = await db
      .select()
      .from(auditEvents)
      .where(range ? sql`${auditEvents.seq} > ${afterSeq} and ${auditEvents.seq} <= ${range.toSeq}` : sql`${auditEvents.seq} > ${afterSeq}`)
      .orderBy(asc(auditEvents.seq))
      .limit(batchSize);
    if (rows.length === 0) return { ok: true, checked };
    for (const row of rows) {
      if (row.prevHash !== prevHash) return { ok: false, checked, brokenAtSeq: row.seq, reason: 'link' };
      if (hashAuditRow(row) !== row.hash) return { ok: false, checked, brokenAtSeq: row.seq, reason: 'hash' };
      prevHash = row.hash;
      afterSeq = row.seq;
      checked++;
    }
  }
}
