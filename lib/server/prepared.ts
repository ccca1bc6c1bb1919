import 'server-only';
import { createHash } from 'node:crypto';
import type { Executor } from '@/db/client';

/**
 * A query built once per database handle and prepared by name on each pooled
 * connection, for the hottest reads (the borrower's home and loan pages):
 * building drizzle's SQL and PostgreSQL's parse are a large part of a page's
 * cost otherwise. Each name must belong to exactly one SQL text. Inside a
 * transaction (a short-lived handle) the statement is built for that handle.
 */
export function prepared<Q>(build: (db: Executor) => Q): (db: Executor) => Q {
  const byHandle = new WeakMap<Executor, Q>();
  return (db) => {
    let query = byHandle.get(db);
    if (!query) {
      query = build(db);
      byHandle.set(db, query);
    }
    return query;
  };
}

type Preparable<R> = { toSQL(): { sql: string }; prepare(name: string): { execute(): Promise<R> } };

/**
 * Runs a query whose text varies with its input (a queue view's filters and sort) as a named prepared statement, its
 * name derived from its text: PostgreSQL parses and plans each shape once per pooled connection (the queue's page of
 * 50 took longer to plan than to run), and the same shape with other values reuses it. The values stay parameters,
 * so the number of shapes is bounded by the filters, not by what is searched.
 */
export function executeByShape<R>(query: Preparable<R>): Promise<R> {
  const name = `shape_${createHash('sha256').update(query.toSQL().sql).digest('base64url').slice(0, 32)}`;
  return query.prepare(name).execute();
}
