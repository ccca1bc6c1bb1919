import { isAppError } from '@/lib/server/errors';

/**
 * What a download route answers when the service refused: 429 with Retry-After
 * when the address has used up its downloads, otherwise a plain 404 (never
 * "forbidden", which would confirm the file exists). Anything else is a fault.
 */
export function refusedDownload(error: unknown): Response {
  if (!isAppError(error)) throw error;
  if (error.code === 'RATE_LIMITED') {
    const retryAfter = Math.max(1, Math.ceil((Date.parse(String(error.params.retryAt)) - Date.now()) / 1000));
    return new Response('Too many requests', { status: 429, headers: { 'retry-after': String(retryAfter), 'cache-control': 'no-store' } });
  }
  return new Response('Not found', { status: 404 });
}

/** Files leave as downloads, under their own type, never sniffed into another (served HTML, say). */
export function attachmentHeaders(filename: string, contentType: string, sha256: string): Record<string, string> {
  return {
    'content-type': contentType,
    'content-disposition': `attachment; filename*=UTF-8''${encodeURIComponent(filename)}`,
    'x-content-type-options': 'nosniff',
    'x-content-sha256': sha256,
    'cache-control': 'private, no-store',
  };
}
