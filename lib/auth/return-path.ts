/**
 * Where to return after signing in again: a path on this portal only. Anything
 * else — another origin ("//evil.example", "https://…"), a backslash trick, a
 * scheme, control characters, the sign-in page itself or an API route — is
 * refused, and the borrower lands on their home page.
 */
const MAX_LENGTH = 512;
const base = 'http://concord.invalid';

export function safeReturnPath(raw: unknown): string | null {
  if (typeof raw !== 'string' || raw.length === 0 || raw.length > MAX_LENGTH) return null;
  if (!raw.startsWith('/') || raw.startsWith('//') || raw.includes('\\') || /[\u0000-\u001f\u007f]/.test(raw)) return null;
  let url: URL;
  try {
    url = new URL(raw, base);
  } catch {
    return null;
  }
  if (url.origin !== base) return null;
  if (url.pathname === '/login' || url.pathname.startsWith('/api/') || url.pathname.startsWith('/staff') || url.pathname.startsWith('/_next/')) return null;
  return `${url.pathname}${url.search}${url.hash}`;
}

/** The borrower sign-in page, coming back to `returnTo` afterwards when it is a safe path. */
export function signInPath(returnTo: unknown): string {
  const path = safeReturnPath(returnTo);
  return path && path !== '/' ? `/login?next=${encodeURIComponent(path)}` : '/login';
}
