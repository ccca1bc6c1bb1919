import 'server-only';
import crypto from 'node:crypto';
import { getEnv } from '@/lib/env';

/** AES-256-GCM; the stored form is iv.tag.ciphertext in base64url. */
export function encryptField(plaintext: string, key: Buffer = getEnv().encryptionKey): string {
  const iv = crypto.randomBytes(12);
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
