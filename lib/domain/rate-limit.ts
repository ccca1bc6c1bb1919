/**
 * Fixed-window rate limits. The window a moment falls in is a pure function of
 * the time, so every instance of the app computes the same window and the
 * counters can live in PostgreSQL.
 */
export type RateLimitRule = { name: string; limit: number; windowSeconds: number };

export const rateLimits = {
  /** Sign-in codes from one address, for any numbers. */
  codePerIp: { name: 'otp-ip', limit: 20, windowSeconds: 60 * 60 },
  /**
   * Sign-in codes for one number from one address: what one client may ask for. A
   * stranger who uses up their own allowance leaves the borrower's untouched.
   */
  codePerPhoneAndIp: { name: 'otp-phone-ip', limit: 5, windowSeconds: 60 * 60 },
  codePerPhoneAndIpDaily: { name: 'otp-phone-ip-day', limit: 10, windowSeconds: 24 * 60 * 60 },
  /**
   * Sign-in codes for one number from all addresses together: bounds the texts one
   * number can receive. Three times what one address may ask, so one abuser cannot reach it.
   */
  codePerPhone: { name: 'otp-phone', limit: 15, windowSeconds: 60 * 60 },
  codePerPhoneDaily: { name: 'otp-phone-day', limit: 30, windowSeconds: 24 * 60 * 60 },
  /** Signing codes for one agreement's borrower (asked by the signed-in borrower). */
  signingCodePerPhone: { name: 'sign-code-phone', limit: 5, windowSeconds: 60 * 60 },
  verifyPerIp: { name: 'verify-ip', limit: 30, windowSeconds: 15 * 60 },
  staffLoginPerIp: { name: 'staff-login-ip', limit: 30, windowSeconds: 15 * 60 },
  /**
   * The public "is this message genuine?" page (/check), per address: a person checks a code or two; 31^10 codes
   * at 10 guesses an hour per address make enumeration hopeless (lib/domain/invite-code.ts).
   */
  inviteCheckPerIp: { name: 'invite-check-ip', limit: 10, windowSeconds: 60 * 60 },
  /** The public /verify page, by upload or code. */
  documentCheckPerIp: { name: 'doc-check-ip', limit: 30, windowSeconds: 15 * 60 },
  /** Downloads of evidence and agreements (signed in), per address. */
  downloadPerIp: { name: 'download-ip', limit: 300, windowSeconds: 15 * 60 },
} satisfies Record<string, RateLimitRule>;

export const staffLockout = { maxFailures: 5, lockMinutes: 15 } as const;

export function windowStart(now: Date, windowSeconds: number): Date {
  const ms = windowSeconds * 1000;
  return new Date(Math.floor(now.getTime() / ms) * ms);
}

export function windowEnd(now: Date, windowSeconds: number): Date {
  return new Date(windowStart(now, windowSeconds).getTime() + windowSeconds * 1000);
}

export type RateDecision = { allowed: boolean; remaining: number; retryAt: Date };

/** Given the count after this attempt was counted, decide. */
export function decide(rule: RateLimitRule, countIncludingThis: number, now: Date): RateDecision {
  return {
    allowed: countIncludingThis <= rule.limit,
    remaining: Math.max(0, rule.limit - countIncludingThis),
    retryAt: windowEnd(now, rule.windowSeconds),
  };
}
