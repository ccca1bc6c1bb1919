import type { ReadableStream as WebReadableStream } from 'node:stream/web';
import { currentRequestMeta } from '@/lib/auth/request-meta';
import { isAppError } from '@/lib/server/errors';
import { verifyBundleUpload } from '@/lib/server/bundle/verify-bundle';

export const dynamic = 'force-dynamic';

/**
 * The verification page's bundle check: the ZIP is the request body (streamed to a temporary file, never held
 * whole), the answer JSON. Public, like the agreement check, and limited per address.
 */
export async function POST(request: Request) {
  const declared = request.headers.get('content-length');
  try {
    const result = await verifyBundleUpload(await currentRequestMeta(), request.body as WebReadableStream<Uint8Array> | null, declared === null ? null : Number(declared));
    return Response.json({ ok: true, data: result }, { headers: { 'cache-control': 'no-store' } });
  } catch (error) {
    if (!isAppError(error)) throw error;
    return Response.json({ ok: false, error: { code: error.code, params: error.params } }, { status: error.status, headers: { 'cache-control': 'no-store' } });
  }
}
