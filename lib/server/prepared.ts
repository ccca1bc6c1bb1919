import 'server-only';
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
