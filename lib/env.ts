import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';

/**
 * Configuration, validated once. Zero configuration is demo mode: the secrets are
 * generated on first use and kept under DATA_DIR. Demo mode is the default only
 * without DATABASE_URL (the embedded, local case): naming a database server
 * means a deployment unless DEMO_MODE=true says otherwise. With demo mode off a
 * missing or weak secret, or a missing signing certificate, refuses to start,
 * naming the variable.
 */
const booleanish = z
  .enum(['true', 'false', '1', '0', 'yes', 'no'])
  .transform((v) => v === 'true' || v === '1' || v === 'yes');

const schema = z.object({
  DEMO_MODE: booleanish.optional(),
  DATABASE_URL: z.string().url().optional(),
  DATA_DIR: z.string().default('.data'),
  AUTH_SECRET: z.string().optional(),
  CONCORD_ENCRYPTION_KEY: z.string().optional(),
  /** The portal's public address (links in messages, the QR code on agreements); unset: http://localhost:PORT. */
  NEXTAUTH_URL: z.string().url().optional(),
  PORT: z.coerce.number().int().min(1).max(65535).default(3000),
  EMBEDDED_PG_PORT: z.coerce.number().int().min(1).max(65535).default(54329),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  BORROWER_IDLE_MINUTES: z.coerce.number().int().min(1).max(24 * 60).default(15),
  /** How many reverse proxies in front of the app append to X-Forwarded-For; 0: clients connect directly (ADR 0009). */
  TRUSTED_PROXY_HOPS: z.coerce.number().int().min(0).max(10).default(0),
  CONCORD_SIGNING_P12: z.string().optional(),
  /** E-mail through an SMTP server (nodemailer): smtp://user:password@host:587 or smtps://…:465; unset, e-mail stays in the dev outbox. */
  SMTP_URL: z.string().url().optional(),
  SMTP_FROM: z.string().default('Concord <no-reply@concord.invalid>'),
  /** SMS through a provider's HTTP gateway (lib/server/outbox/channels.ts); unset, SMS stay in the dev outbox. */
  SMS_HTTP_URL: z.string().url().optional(),
  SMS_HTTP_TOKEN: z.string().optional(),
  /** The first admin's address on a deployment's first start (DEMO_MODE=false); its password is printed once. */
  CONCORD_ADMIN_EMAIL: z.string().email().default('admin@concord.local'),
});

export type Env = Omit<z.infer<typeof schema>, 'DEMO_MODE' | 'NEXTAUTH_URL'> & {
  DEMO_MODE: boolean;
  NEXTAUTH_URL: string;
  authSecret: string;
  /** 32-byte key for AES-256-GCM encryption of resident IDs at rest. */
  encryptionKey: Buffer;
  /** Separate key, derived from the encryption key, for keyed lookup hashes. */
  lookupKey: Buffer;
  secureCookies: boolean;
};

export class ConfigError extends Error {}

function readDemoSecrets(dataDir: string): { authSecret: string; encryptionKey: string } {
  const file = path.resolve(dataDir, 'secrets.json');
  try {
    return JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch {
    const secrets = {
      authSecret: crypto.randomBytes(32).toString('base64url'),
      encryptionKey: crypto.randomBytes(32).toString('base64'),
    };
    fs.mkdirSync(path.dirname(file), { recursive: true });
    try {
      fs.writeFileSync(file, JSON.stringify(secrets, null, 2), { mode: 0o600, flag: 'wx' });
      return secrets;
    } catch {
      // Another process created it first: use theirs.
      return JSON.parse(fs.readFileSync(file, 'utf8'));
    }
  }
}

function decodeKey(value: string): Buffer | null {
  const b64 = Buffer.from(value, 'base64');
  if (b64.length === 32) return b64;
  if (/^[0-9a-f]{64}$/i.test(value)) return Buffer.from(value, 'hex');
  return null;
}

export function parseEnv(source: Record<string, string | undefined>): Env {
  const parsed = schema.safeParse(source);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new ConfigError(`Invalid environment variable ${issue.path.join('.')}: ${issue.message}`);
  }
  const env = { ...parsed.data, DEMO_MODE: parsed.data.DEMO_MODE ?? !parsed.data.DATABASE_URL };
  let authSecret = env.AUTH_SECRET;
  let encryptionKeyText = env.CONCORD_ENCRYPTION_KEY;
  if (env.DEMO_MODE && (!authSecret || !encryptionKeyText)) {
    const demo = readDemoSecrets(env.DATA_DIR);
    authSecret ??= demo.authSecret;
    encryptionKeyText ??= demo.encryptionKey;
  }
  if (!authSecret || authSecret.length < 32) {
    throw new ConfigError('AUTH_SECRET is missing or shorter than 32 characters (required when DEMO_MODE=false).');
  }
  const encryptionKey = encryptionKeyText ? decodeKey(encryptionKeyText) : null;
  if (!encryptionKey) {
    throw new ConfigError('CONCORD_ENCRYPTION_KEY is missing or not 32 bytes in base64 or hex (required when DEMO_MODE=false).');
  }
  if (!env.DEMO_MODE && !env.CONCORD_SIGNING_P12?.trim()) {
    throw new ConfigError('CONCORD_SIGNING_P12 is missing: the creditor’s signing certificate (PKCS#12, base64) that seals agreements is required when DEMO_MODE=false.');
  }
  const lookupKey = Buffer.from(crypto.hkdfSync('sha256', encryptionKey, Buffer.alloc(0), 'concord lookup hash', 32));
  const publicAddress = env.NEXTAUTH_URL ?? `http://localhost:${env.PORT}`;
  return {
    ...env,
    NEXTAUTH_URL: publicAddress,
    authSecret,
    encryptionKey,
    lookupKey,
    secureCookies: !env.DEMO_MODE || publicAddress.startsWith('https://'),
  };
}

let cached: Env | undefined;

export function getEnv(): Env {
  cached ??= parseEnv(process.env);
  return cached;
}

/** An address on the portal as the public reaches it (NEXTAUTH_URL): links in messages, the QR code on agreements. */
export function publicUrl(path = '/'): string {
  return `${getEnv().NEXTAUTH_URL.replace(/\/+$/, '')}${path.startsWith('/') ? path : `/${path}`}`;
}

/** Host names that only this machine can reach. */
export function isLoopbackUrl(url: string): boolean {
  const host = new URL(url).hostname.replace(/^\[|\]$/g, '');
  return host === 'localhost' || host.endsWith('.localhost') || host === '::1' || /^127(\.\d{1,3}){3}$/.test(host);
}

/**
 * Demo mode shows every sign-in code to the demo admin and seeds known
 * passwords: on a public address that hands the portal to anyone. Said loudly
 * at start-up (null when there is nothing to say).
 */
export function demoModeWarning(env: Pick<Env, 'DEMO_MODE' | 'NEXTAUTH_URL'>): string | null {
  if (!env.DEMO_MODE || isLoopbackUrl(env.NEXTAUTH_URL)) return null;
  return [
    '',
    '!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!',
    `!! DEMO MODE on a public address (${env.NEXTAUTH_URL}).`,
    '!! Demo accounts have published passwords and the demo admin reads every sign-in code.',
    '!! For a deployment set DEMO_MODE=false with DATABASE_URL, AUTH_SECRET, CONCORD_ENCRYPTION_KEY',
    '!! and CONCORD_SIGNING_P12 (README, "Deploying").',
    '!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!',
    '',
  ].join('\n');
}

/**
 * A warning for start-up when the public address names this machine on another port than the one the portal
 * serves (links and the QR codes on agreements would lead nowhere), or null. An address on another host is
 * taken to be a reverse proxy in front of the portal, whatever its port.
 */
export function publicUrlMismatch(env: Pick<Env, 'NEXTAUTH_URL' | 'PORT'>): string | null {
  if (!isLoopbackUrl(env.NEXTAUTH_URL)) return null;
  const url = new URL(env.NEXTAUTH_URL);
  const port = Number(url.port || (url.protocol === 'https:' ? 443 : 80));
  return port === env.PORT ? null : `NEXTAUTH_URL (${env.NEXTAUTH_URL}) points at port ${port} on this machine, but the portal serves port ${env.PORT}: links in messages and the verification QR code on agreements will not reach it. Set NEXTAUTH_URL=http://localhost:${env.PORT} (or the public address in front of it).`;
}
