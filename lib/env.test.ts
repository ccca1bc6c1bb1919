import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, demoModeWarning, isLoopbackUrl, parseEnv, publicUrlMismatch } from './env';

const key = Buffer.alloc(32, 1).toString('base64');
const secret = 'x'.repeat(40);

describe('configuration', () => {
  it('in demo mode (the default) generates the secrets once and keeps them under DATA_DIR', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'concord-env-'));
    const first = parseEnv({ DATA_DIR: dir });
    const second = parseEnv({ DATA_DIR: dir });
    expect(first.DEMO_MODE).toBe(true);
    expect(first.authSecret.length).toBeGreaterThanOrEqual(32);
    expect(first.encryptionKey).toHaveLength(32);
    expect(second.authSecret).toBe(first.authSecret);
    expect(second.encryptionKey.equals(first.encryptionKey)).toBe(true);
    expect((fs.statSync(path.join(dir, 'secrets.json')).mode & 0o777).toString(8)).toBe('600');
    fs.rmSync(dir, { recursive: true });
  });

  it('is demo mode by default only without DATABASE_URL', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'concord-env-'));
    expect(parseEnv({ DATA_DIR: dir }).DEMO_MODE).toBe(true);
    // A database server named: a deployment, whose secrets are then required.
    expect(() => parseEnv({ DATA_DIR: dir, DATABASE_URL: 'postgres://db.internal/concord' })).toThrow(/AUTH_SECRET/);
    expect(parseEnv({ DATA_DIR: dir, DATABASE_URL: 'postgres://127.0.0.1/concord', DEMO_MODE: 'true' }).DEMO_MODE).toBe(true);
    fs.rmSync(dir, { recursive: true });
  });

  it('with demo mode off requires the signing certificate, naming the variable', () => {
    expect(() => parseEnv({ DEMO_MODE: 'false', AUTH_SECRET: secret, CONCORD_ENCRYPTION_KEY: key })).toThrow(/CONCORD_SIGNING_P12/);
    expect(() => parseEnv({ DEMO_MODE: 'false', AUTH_SECRET: secret, CONCORD_ENCRYPTION_KEY: key, CONCORD_SIGNING_P12: '  ' })).toThrow(/CONCORD_SIGNING_P12/);
  });

  it('warns loudly when demo mode runs on a public address, and only then', () => {
    expect(demoModeWarning({ DEMO_MODE: true, NEXTAUTH_URL: 'https://concord.example.com' })).toMatch(/DEMO MODE on a public address \(https:\/\/concord\.example\.com\)/);
    expect(demoModeWarning({ DEMO_MODE: true, NEXTAUTH_URL: 'http://192.168.1.20:3000' })).not.toBeNull();
    for (const local of ['http://localhost:3000', 'http://127.0.0.1:3100', 'http://[::1]:3000', 'http://app.localhost']) {
      expect(isLoopbackUrl(local)).toBe(true);
      expect(demoModeWarning({ DEMO_MODE: true, NEXTAUTH_URL: local })).toBeNull();
    }
    expect(demoModeWarning({ DEMO_MODE: false, NEXTAUTH_URL: 'https://concord.example.com' })).toBeNull();
  });

  it('trusts no proxy unless told how many there are', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'concord-env-'));
    expect(parseEnv({ DATA_DIR: dir }).TRUSTED_PROXY_HOPS).toBe(0);
    expect(parseEnv({ DATA_DIR: dir, TRUSTED_PROXY_HOPS: '2' }).TRUSTED_PROXY_HOPS).toBe(2);
    expect(() => parseEnv({ DATA_DIR: dir, TRUSTED_PROXY_HOPS: '-1' })).toThrow(/TRUSTED_PROXY_HOPS/);
    fs.rmSync(dir, { recursive: true });
  });

  it('with demo mode off refuses a missing or short secret, naming the variable', () => {
    expect(() => parseEnv({ DEMO_MODE: 'false', CONCORD_ENCRYPTION_KEY: key })).toThrow(/AUTH_SECRET/);
    expect(() => parseEnv({ DEMO_MODE: 'false', AUTH_SECRET: 'short', CONCORD_ENCRYPTION_KEY: key })).toThrow(/AUTH_SECRET/);
    expect(() => parseEnv({ DEMO_MODE: 'false', AUTH_SECRET: secret })).toThrow(/CONCORD_ENCRYPTION_KEY/);
    expect(() => parseEnv({ DEMO_MODE: 'false', AUTH_SECRET: secret, CONCORD_ENCRYPTION_KEY: 'dG9vIHNob3J0' })).toThrow(ConfigError);
  });

  it('with demo mode off and both set, uses them and secure cookies', () => {
    const env = parseEnv({ DEMO_MODE: 'false', AUTH_SECRET: secret, CONCORD_ENCRYPTION_KEY: key, CONCORD_SIGNING_P12: 'cDEy', NEXTAUTH_URL: 'https://concord.example' });
    expect(env.secureCookies).toBe(true);
    expect(env.encryptionKey.equals(Buffer.alloc(32, 1))).toBe(true);
    expect(env.lookupKey.equals(env.encryptionKey)).toBe(false);
  });

  it('names a malformed variable', () => {
    expect(() => parseEnv({ PORT: 'eighty' })).toThrow(/PORT/);
    expect(() => parseEnv({ DATABASE_URL: 'not a url' })).toThrow(/DATABASE_URL/);
  });

  it('takes the public address from the port when none is set, and warns when a local one names another port', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'concord-env-'));
    expect(parseEnv({ DATA_DIR: dir, PORT: '3030' }).NEXTAUTH_URL).toBe('http://localhost:3030');
    expect(publicUrlMismatch({ NEXTAUTH_URL: 'http://localhost:3030', PORT: 3030 })).toBeNull();
    expect(publicUrlMismatch({ NEXTAUTH_URL: 'http://localhost:3000', PORT: 3030 })).toMatch(/NEXTAUTH_URL .*port 3000.*serves port 3030/);
    expect(publicUrlMismatch({ NEXTAUTH_URL: 'http://127.0.0.1', PORT: 3030 })).toMatch(/port 80/);
    // Behind a reverse proxy the public port is the proxy's.
    expect(publicUrlMismatch({ NEXTAUTH_URL: 'https://concord.example.cn', PORT: 3000 })).toBeNull();
    fs.rmSync(dir, { recursive: true });
  });
});
