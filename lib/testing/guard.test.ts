import { describe, expect, it } from 'vitest';
import { assertSafeTestDatabase, isLocalDatabaseUrl } from './guard';

describe('the test database guard', () => {
  it('accepts only a PostgreSQL on this machine', () => {
    for (const url of ['postgres://u:p@localhost:5432/concord', 'postgres://127.0.0.1/x', 'postgres://127.0.0.2:6543/x', 'postgres://[::1]:5432/x', 'postgres:///x?host=/var/run/postgresql']) {
      expect(isLocalDatabaseUrl(url), url).toBe(true);
    }
  });

  it('refuses any other host, whatever the database is called', () => {
    for (const url of ['postgres://db.internal/concord_test', 'postgres://10.0.0.5/test', 'postgres://localhost.evil.example/test', 'postgres://127.0.0.1.nip.io/test', 'postgres:///x?host=db.internal']) {
      expect(isLocalDatabaseUrl(url), url).toBe(false);
      expect(() => assertSafeTestDatabase(url)).toThrow(/only against a PostgreSQL on this machine/);
    }
  });
});
