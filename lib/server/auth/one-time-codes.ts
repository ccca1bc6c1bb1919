import 'server-only';
import crypto from 'node:crypto';
import { formatCode } from '@/lib/domain/one-time-code';
import { getEnv } from '@/lib/env';

/** A six-digit code from the CSPRNG. */
export function generateCode(): string {
  return formatCode(crypto.randomInt(0, 1_000_000));
}

/** Codes are stored only as a keyed hash bound to their purpose and phone number. */
export function hashCode(purpose: string, phone: string, code: string, key: Buffer = getEnv().lookupKey): string {
  return crypto.createHmac('sha256', key).update(`${purpose}:${phone}:${code}`).digest('hex');
}
