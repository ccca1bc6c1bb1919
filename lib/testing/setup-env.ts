// Fixed, test-only secrets so no test writes a secrets file.
process.env.DEMO_MODE ??= 'true';
process.env.AUTH_SECRET ??= 'test-secret-test-secret-test-secret-0123456789';
process.env.CONCORD_ENCRYPTION_KEY ??= Buffer.alloc(32, 7).toString('base64');
delete process.env.DATABASE_URL; // services connect to the per-file database from lib/testing/db
