import 'server-only';
import crypto from 'node:crypto';
import { getEnv } from '@/lib/env';

// Bytes from the CSPRNG drawn 64 KiB at a time and each handed out once: a call to crypto.randomBytes costs about
// 10 µs however few bytes it returns, which an import of 100,000 rows paid twice a row (an IV here, an invitation
// code's bytes) — about a tenth of the validation's own CPU time each.
let randomPool = Buffer.alloc(0);
let randomUsed = 0;

/** n fresh random bytes (at most 1 KiB), never handed out before (a view of a pool that is replaced, never refilled in place). */
export function pooledRandomBytes(n: number): Buffer {
  if (n > 1024) throw new Error('pooledRandomBytes: at most 1 KiB');
  if (randomUsed + n > randomPool.length) {
    randomPool = crypto.randomBytes(64 * 1024);
    randomUsed = 0;
  }
  randomUsed += n;
  return randomPool.subarray(randomUsed - n, randomUsed);
}

/** AES-256-GCM with a fresh random 96-bit IV; the stored form is iv.tag.ciphertext in base64url. */
export function encryptField(plaintext: string, key: Buffer = getEnv().encryptionKey): string {
  const iv = pooledRandomBytes(12);
  const cipher = crypto.createCipheriv('aes-256-gcm', key, iv);
  const ciphertext = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
  return [iv, cipher.getAuthTag(), ciphertext].map((b) => b.toString('base64url')).join('.');
}

export function decryptField(stored: string, key: Buffer = getEnv().encryptionKey): string {
  const [iv, tag, ciphertext] = stored.split('.').map((part) => Buffer.from(part, 'base64url'));
  if (!iv || !tag || !ciphertext) throw new Error('malformed ciphertext');
  const decipher = crypto.createDecipheriv('aes-256-gcm', key, iv);
  decipher.setAuthTag(tag);
  return Buffer.concat([decipher.update(ciphertext), decipher.final()]).toString('utf8');
}

/** Keyed hash for looking up a value that is stored encrypted (the same input always gives the same hash). */
export function lookupHash(value: string, key: Buffer = getEnv().lookupKey): string {
  return crypto.createHmac('sha256', key).update(value).digest('hex');
}

export function sha256Hex(data: string | Buffer): string {
  return crypto.createHash('sha256').update(data).digest('hex');
}

export function timingSafeEqualHex(a: string, b: string): boolean {
  const left = Buffer.from(a, 'hex');
  const right = Buffer.from(b, 'hex');
  return left.length === right.length && crypto.timingSafeEqual(left, right);
}
