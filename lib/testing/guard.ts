/**
 * Tests create and drop databases: they run only against a PostgreSQL on this
 * machine (a loopback address, or a Unix socket). A name with "test" in it is
 * no proof that a server elsewhere is not shared.
 */
export function isLocalDatabaseUrl(url: string): boolean {
  const parsed = new URL(url);
  const host = parsed.hostname.replace(/^\[|\]$/g, '');
  if (host === '') return (parsed.searchParams.get('host') ?? '/').startsWith('/');
  return host === 'localhost' || host === '::1' || /^127(\.\d{1,3}){3}$/.test(host);
}

export function assertSafeTestDatabase(url: string) {
  if (!isLocalDatabaseUrl(url)) {
    const parsed = new URL(url);
    throw new Error(`Refusing to run tests against ${parsed.hostname}${parsed.pathname}: tests create and drop databases, so they run only against a PostgreSQL on this machine (localhost, 127.0.0.1, ::1 or a Unix socket).`);
  }
}
