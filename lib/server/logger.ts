import pino from 'pino';
import { maskPhone } from '@/lib/domain/identity';

/**
 * Structured JSON logs. Personal data never reaches them: known fields are
 * redacted, and any 11-digit mobile number or 18-character ID in a message is masked.
 */
export const logger = pino({
  level: process.env.LOG_LEVEL ?? 'info',
  base: { service: 'concord' },
  redact: { paths: ['phone', 'residentId', 'password', 'code', '*.phone', '*.residentId', '*.password', '*.code', 'req.headers.cookie'], censor: '[redacted]' },
  formatters: { level: (label) => ({ level: label }) },
});

export function scrubPersonalData(text: string): string {
  return text
    .replace(/(?<!\d)\d{17}[\dXx](?!\d)/g, (id) => `${id.slice(0, 4)}**********${id.slice(-4)}`)
    .replace(/(?<!\d)1[3-9]\d{9}(?!\d)/g, (phone) => maskPhone(phone));
}
