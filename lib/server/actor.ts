import 'server-only';

/** Who is acting, and from where: every service takes this first. */
export type StaffRole = 'mediator' | 'supervisor' | 'admin';

/** A signed-in actor carries the session it acts through (ADR 0008), when it came from a request. */
export type Actor =
  | { type: 'borrower'; id: string; sessionId?: string }
  /** creditorId: the creditor they work for, or null for the mediation centre's staff, who serve all (lib/server/staff-scope.ts). */
  | { type: 'staff'; id: string; role: StaffRole; creditorId: string | null; sessionId?: string }
  | { type: 'system'; id?: undefined }
  | { type: 'anonymous'; id?: undefined };

export type RequestMeta = { ip?: string | null; userAgent?: string | null; requestId?: string | null };

export type Ctx = { actor: Actor; meta: RequestMeta };

export const systemCtx: Ctx = { actor: { type: 'system' }, meta: {} };
