/**
 * Whether a request's Origin (when it sends one) is this server: the host it names is the one the request came to,
 * as Next's own check of server actions reads it. A value that is not a URL (`null`, sent from sandboxed frames and
 * after some redirects) is another origin, never an error.
 */
export function fromSameOrigin(headers: Headers): boolean {
  const origin = headers.get('origin');
  if (!origin) return true;
  const host = headers.get('x-forwarded-host') ?? headers.get('host');
  return URL.canParse(origin) && new URL(origin).host === host;
}
