/**
 * The short code in a borrower's invitation (SMS or letter), which the public
 * "is this message genuine?" page checks. Ten characters from 31 that cannot be
 * mistaken for one another when read aloud or copied from a letter (no 0/O,
 * no 1/I/L), shown in two groups of five: "K7M3Q-9XPRD". 31^10 ≈ 8 × 10^14
 * codes: with a million cases a guess is right about once in 800 million, and
 * the page answers only a few guesses an hour per address.
 */
export const inviteCodeAlphabet = '23456789ABCDEFGHJKMNPQRSTUVWXYZ';
export const inviteCodeLength = 10;

/**
 * A code from random bytes (the caller's: the domain does no I/O). Bytes at or above the largest multiple of the
 * alphabet's size are skipped so that every character is equally likely; null when the bytes ran out first.
 */
export function inviteCodeFrom(randomBytes: Uint8Array): string | null {
  const n = inviteCodeAlphabet.length;
  const limit = Math.floor(256 / n) * n;
  let code = '';
  for (const byte of randomBytes) {
    if (byte >= limit) continue;
    code += inviteCodeAlphabet[byte % n];
    if (code.length === inviteCodeLength) return code;
  }
  return null;
}

/** What a person typed, as a code: case, spaces, dashes and full-width letters do not matter. */
export function normalizeInviteCode(input: string): string {
  return input.normalize('NFKC').toUpperCase().replace(/[\s\-‐‑–—_.]/g, '');
}

export function isWellFormedInviteCode(code: string): boolean {
  return code.length === inviteCodeLength && [...code].every((c) => inviteCodeAlphabet.includes(c));
}

/** "K7M3Q9XPRD" → "K7M3Q-9XPRD", as printed and texted. */
export function formatInviteCode(code: string): string {
  return `${code.slice(0, 5)}-${code.slice(5)}`;
}
