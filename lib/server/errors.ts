import 'server-only';

/** Typed errors: each code maps to an HTTP status and to a localized message key (errors.<code>). */
export type AppErrorCode =
  | 'NOT_FOUND'
  | 'UNAUTHORIZED'
  | 'FORBIDDEN'
  | 'VALIDATION'
  | 'CONFLICT'
  | 'RATE_LIMITED'
  | 'LOCKED'
  | 'CODE_INVALID'
  | 'CODE_WRONG'
  | 'CODE_EXPIRED'
  | 'CODE_EXHAUSTED'
  | 'RESEND_TOO_SOON'
  | 'CREDENTIALS_INVALID'
  | 'FILE_TOO_LARGE'
  | 'FILE_TYPE'
  | 'FILE_RENAMED'
  | 'FILE_INCOMPLETE'
  | 'TOO_MANY_FILES'
  | 'STATEMENT_INCOMPLETE'
  | 'OFFER_NOT_OPEN'
  | 'OFFER_EXPIRED'
  | 'OFFER_POLICY'
  | 'OFFER_OWN_APPROVAL'
  | 'OFFERS_CHANGED'
  | 'OFFER_REPRICED'
  | 'SEAL_NOT_AUTHORISED'
  | 'REVIEW_PENDING'
  | 'SESSION_EXPIRED'
  | 'NOT_ASSIGNED'
  | 'READ_ONLY'
  | 'CASE_TAKEN'
  | 'LINK_INVALID'
  | 'UNAVAILABLE'
  | 'NO_PLAN'
  | 'PLAN_CLOSED'
  | 'REFERENCE_USED'
  | 'ALREADY_REVERSED'
  | 'REFUND_TOO_LARGE';

const statusByCode: Record<AppErrorCode, number> = {
  NOT_FOUND: 404,
  UNAUTHORIZED: 401,
  FORBIDDEN: 403,
  VALIDATION: 400,
  CONFLICT: 409,
  RATE_LIMITED: 429,
  LOCKED: 423,
  CODE_INVALID: 400,
  CODE_WRONG: 400,
  CODE_EXPIRED: 400,
  CODE_EXHAUSTED: 400,
  RESEND_TOO_SOON: 429,
  CREDENTIALS_INVALID: 401,
  FILE_TOO_LARGE: 413,
  FILE_TYPE: 415,
  FILE_RENAMED: 415,
  FILE_INCOMPLETE: 422,
  TOO_MANY_FILES: 400,
  STATEMENT_INCOMPLETE: 400,
  OFFER_NOT_OPEN: 409,
  OFFER_EXPIRED: 409,
  OFFER_POLICY: 422,
  OFFER_OWN_APPROVAL: 403,
  OFFERS_CHANGED: 409,
  OFFER_REPRICED: 409,
  SEAL_NOT_AUTHORISED: 409,
  REVIEW_PENDING: 409,
  SESSION_EXPIRED: 401,
  NOT_ASSIGNED: 403,
  READ_ONLY: 403,
  CASE_TAKEN: 409,
  LINK_INVALID: 410,
  UNAVAILABLE: 503,
  NO_PLAN: 409,
  PLAN_CLOSED: 409,
  REFERENCE_USED: 409,
  ALREADY_REVERSED: 409,
  REFUND_TOO_LARGE: 422,
};

export class AppError extends Error {
  readonly code: AppErrorCode;
  /** Values for the localized message, e.g. the time to retry at. */
  readonly params: Record<string, string | number>;
  /** The form field the error belongs next to, if any. */
  readonly field?: string;
  /** Structured detail for the caller (e.g. the policy rules an offer breaks). */
  readonly details?: unknown;

  constructor(code: AppErrorCode, options: { message?: string; params?: Record<string, string | number>; field?: string; details?: unknown } = {}) {
    super(options.message ?? code);
    this.code = code;
    this.params = options.params ?? {};
    this.field = options.field;
    this.details = options.details;
  }

  get status() {
    return statusByCode[this.code];
  }
}

export function isAppError(error: unknown): error is AppError {
  return error instanceof AppError;
}
