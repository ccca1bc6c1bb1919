/**
 * Mainland resident ID numbers (GB 11643-1999): 17 digits — region, birth date,
 * sequence — and an ISO 7064 MOD 11-2 check character (0–9 or X).
 */
const weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const checkChars = '10X98765432';

export function residentIdCheckChar(first17: string): string {
  if (!/^\d{17}$/.test(first17)) throw new RangeError('expected 17 digits');
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * weights[i]!;
  return checkChars[sum % 11]!;
}

export function normalizeResidentId(input: string): string {
  return input.normalize('NFKC').replace(/\s/g, '').toUpperCase();
}

export function isValidResidentId(input: string): boolean {
  const id = normalizeResidentId(input);
  if (!/^\d{17}[\dX]$/.test(id)) return false;
  const year = Number(id.slice(6, 10));
  const month = Number(id.slice(10, 12));
  const day = Number(id.slice(12, 14));
  const date = new Date(Date.UTC(year, month - 1, day));
  if (year < 1900 || date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) return false;
  return residentIdCheckChar(id.slice(0, 17)) === id[17];
}

/** 3301**********123X: the first four and last four characters, never more. */
export function maskResidentId(input: string): string {
  const id = normalizeResidentId(input);
  return `${id.slice(0, 4)}${'*'.repeat(Math.max(0, id.length - 8))}${id.slice(-4)}`;
}

/** Mainland mobile numbers: 11 digits starting with 1 (second digit 3–9). */
export function normalizePhone(input: string): string {
  return input
    .normalize('NFKC')
    .replace(/[\s-]/g, '')
    .replace(/^(\+?86)(?=1\d{10}$)/, '');
}

export function isValidMobile(input: string): boolean {
  return /^1[3-9]\d{9}$/.test(normalizePhone(input));
}

/** 138****5678 — for logs and for anyone but the borrower. */
export function maskPhone(input: string): string {
  const phone = normalizePhone(input);
  return phone.length === 11 ? `${phone.slice(0, 3)}****${phone.slice(7)}` : '***';
}
