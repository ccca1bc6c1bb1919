/**
 * The rules for sign-in and signing codes, as pure functions; the service layer
 * supplies randomness, hashing and storage.
 */
export const otpRules = {
  digits: 6,
  ttlSeconds: 10 * 60,
  maxAttempts: 5,
  resendCooldownSeconds: 60,
} as const;

/** Turns a uniformly random integer in [0, 10^6) into a six-digit code. */
export function formatCode(randomInt: number): string {
  if (!Number.isInteger(randomInt) || randomInt < 0 || randomInt >= 10 ** otpRules.digits) throw new RangeError('out of range');
  return String(randomInt).padStart(otpRules.digits, '0');
}

export function normalizeCode(input: string): string {
  return input.normalize('NFKC').replace(/\s/g, '');
}

export function isWellFormedCode(input: string): boolean {
  return new RegExp(`^\\d{${otpRules.digits}}$`).test(normalizeCode(input));
}

export type StoredCode = { expiresAt: Date; attempts: number; consumedAt: Date | null };

export type CodeState = 'usable' | 'expired' | 'exhausted' | 'consumed';

export function codeState(code: StoredCode, now: Date): CodeState {
  if (code.consumedAt) return 'consumed';
  if (code.attempts >= otpRules.maxAttempts) return 'exhausted';
  if (now.getTime() >= code.expiresAt.getTime()) return 'expired';
  return 'usable';
}

export function resendAvailableAt(lastSentAt: Date): Date {
  return new Date(lastSentAt.getTime() + otpRules.resendCooldownSeconds * 1000);
}
