/**
 * Mainland resident ID numbers (GB 11643-1999): 17 digits — region (GB/T 2260),
 * birth date, sequence — and an ISO 7064 MOD 11-2 check character (0–9 or X).
 */
const weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const checkChars = '10X98765432';

/**
 * Province-level region codes (GB/T 2260), the first two digits of a resident
 * ID: the 31 mainland provinces, autonomous regions and municipalities, Taiwan
 * (71), and Hong Kong, Macao and Taiwan residents' residence permits (81–83).
 */
export const provinceCodes: ReadonlySet<string> = new Set([
  '11', '12', '13', '14', '15', // 北京 天津 河北 山西 内蒙古
  '21', '22', '23', // 辽宁 吉林 黑龙江
  '31', '32', '33', '34', '35', '36', '37', // 上海 江苏 浙江 安徽 福建 江西 山东
  '41', '42', '43', '44', '45', '46', // 河南 湖北 湖南 广东 广西 海南
  '50', '51', '52', '53', '54', // 重庆 四川 贵州 云南 西藏
  '61', '62', '63', '64', '65', // 陕西 甘肃 青海 宁夏 新疆
  '71', '81', '82', '83', // 台湾; 香港 澳门 台湾 residence permits
]);

export function residentIdCheckChar(first17: string): string {
  if (!/^\d{17}$/.test(first17)) throw new RangeError('expected 17 digits');
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * weights[i]!;
  return checkChars[sum % 11]!;
}

export function normalizeResidentId(input: string): string {
  return input.normalize('NFKC').replace(/\s/g, '').toUpperCase();
}

/**
 * Whether an ID number is well-formed: 18 characters, a real province-level
 * region, a birth date that exists, from 1900 and not after `today` (the
 * caller's calendar day, YYYY-MM-DD; by default today in UTC+8), and the right check character.
 */
export function isValidResidentId(input: string, today: string = new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10)): boolean {
  const id = normalizeResidentId(input);
  if (!/^\d{17}[\dX]$/.test(id)) return false;
  if (!provinceCodes.has(id.slice(0, 2))) return false;
  const year = Number(id.slice(6, 10));
  const month = Number(id.slice(10, 12));
  const day = Number(id.slice(12, 14));
  const date = new Date(Date.UTC(year, month - 1, day));
  if (year < 1900 || date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) return false;
  if (`${id.slice(6, 10)}-${id.slice(10, 12)}-${id.slice(12, 14)}` > today) return false;
  return residentIdCheckChar(id.slice(0, 17)) === id[17];
}

/** 3301**********123X: the first four and last four characters, never more. */
export function maskResidentId(input: string): string {
  const id = normalizeResidentId(input);
  return `${id.slice(0, 4)}${'*'.repeat(Math.max(0, id.length - 8))}${id.slice(-4)}`;
}

/**
 * A mobile number as people write it, reduced to its 11 digits where it has
 * them: full-width digits, spaces, dashes of any kind, dots and brackets go,
 * and a country code +86, 0086 or 86 in front of 11 digits is dropped
 * ("+86 138-0013-8000", "0086 13800138000", "(+86) 138 0013 8000" → "13800138000").
 */
export function normalizePhone(input: string): string {
  return input
    .normalize('NFKC')
    .replace(/[\s\-‐‑‒–—―−.()（）]/g, '')
    .replace(/^(?:\+|00)?86(?=1\d{10}$)/, '');
}

/** Mainland mobile numbers: 11 digits starting with 1 (second digit 3–9), after normalizePhone. */
export function isValidMobile(input: string): boolean {
  return /^1[3-9]\d{9}$/.test(normalizePhone(input));
}

/** 138****5678 — for logs and for anyone but the borrower. */
export function maskPhone(input: string): string {
  const phone = normalizePhone(input);
  return phone.length === 11 ? `${phone.slice(0, 3)}****${phone.slice(7)}` : '***';
}
