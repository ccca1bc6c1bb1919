/**
 * Signing in and out from the browser through next-auth's own endpoints (its
 * REST API: /api/auth/csrf, /api/auth/callback/:provider, /api/auth/signout),
 * as next-auth/react's signIn and signOut do, without shipping that client
 * (11 kB on a phone, with its session provider and Babel's runtime) to pages
 * that need only these two requests (issue #13).
 */
async function csrfToken(): Promise<string> {
  const response = await fetch('/api/auth/csrf', { credentials: 'same-origin' });
  const body = (await response.json()) as { csrfToken?: string };
  if (!body.csrfToken) throw new Error('no CSRF token');
  return body.csrfToken;
}

async function post(path: string, fields: Record<string, string>): Promise<{ ok: boolean; url: string | null }> {
  const body = new URLSearchParams({ ...fields, csrfToken: await csrfToken(), callbackUrl: fields.callbackUrl ?? window.location.href, json: 'true' });
  const response = await fetch(path, { method: 'POST', credentials: 'same-origin', headers: { 'Content-Type': 'application/x-www-form-urlencoded' }, body });
  const answer = (await response.json().catch(() => ({}))) as { url?: string };
  return { ok: response.ok, url: answer.url ?? null };
}

/**
 * A credentials provider's sign-in: `{ ok: true }` when the session cookie is set,
 * else the provider's error as next-auth passes it back (the `error` parameter
 * of the address it answers with: our services' JSON error, see parseAuthError).
 */
export async function signInWithCredentials(provider: string, credentials: Record<string, string>): Promise<{ ok: true } | { ok: false; error: string | null }> {
  const { ok, url } = await post(`/api/auth/callback/${encodeURIComponent(provider)}`, credentials);
  const error = url ? new URL(url, window.location.href).searchParams.get('error') : null;
  return ok && url && !error ? { ok: true } : { ok: false, error };
}

/** Ends this browser's session (next-auth clears its cookie), then loads `callbackUrl`. */
export async function signOutTo(callbackUrl: string): Promise<void> {
  const { url } = await post('/api/auth/signout', { callbackUrl });
  window.location.assign(url ?? callbackUrl);
}
