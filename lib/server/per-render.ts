import 'server-only';
import { cache } from 'react';
import { getDb, type Executor } from '@/db/client';

/**
 * A read made once per page render, however many of the page's services ask for it (the case file's sections each
 * load the case they were given, and two of them the loan's history): React's `cache`, which keeps a result for the
 * length of one server render and nothing longer. Only reads through the shared handle are kept — a transaction's
 * reads are never shared with anyone — and outside a render (server actions, route handlers, jobs, tests) every call
 * reads afresh. Arguments are compared as React compares them: strings by value, objects by identity (the actor of
 * a request is one object, lib/auth/session.ts). Callers must treat what they get as read-only.
 */
export function perRender<A extends unknown[], R>(read: (db: Executor, ...args: A) => Promise<R>): (db: Executor, ...args: A) => Promise<R> {
  const shared = cache((...args: A) => read(getDb(), ...args));
  return (db, ...args) => (db === getDb() ? shared(...args) : read(db, ...args));
}
