/** Tests create and drop databases: refuse anything but a local server or a database named for tests. */
export function assertSafeTestDatabase(url: string) {
  const parsed = new URL(url);
  const local = ['localhost', '127.0.0.1', '::1', '[::1]'].includes(parsed.hostname);
  const named = /test/i.test(parsed.pathname);
  if (!local && !named) {
    throw new Error(`Refusing to run tests against ${parsed.hostname}${parsed.pathname}: use a local server or a database whose name contains "test".`);
  }
}
