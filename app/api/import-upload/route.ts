import { currentCtx } from '@/lib/auth/session';
import { fromSameOrigin } from '@/lib/http/origin';
import { isAppError } from '@/lib/server/errors';
import { uploadImport } from '@/lib/server/imports/import-batches';

export const dynamic = 'force-dynamic';

/**
 * The portfolio file, uploaded as the request body itself (not a form: a 100 MB file is streamed into the
 * database in chunks as it arrives, never held whole), with the creditor, the encoding and the file name in the
 * query. Answers { batchId } (the batch page follows its validation), or an error key and values the page shows
 * beside the file field. proxy.ts leaves this path alone (its matcher) so that the body reaches it unread: the proxy would otherwise
 * buffer a copy of the body, cut at its own limit.
 */
export async function POST(request: Request) {
  const url = new URL(request.url);
  // A cross-site page cannot post a file here with the admin's cookies (SameSite=Lax), and is refused by name.
  if (!fromSameOrigin(request.headers)) return Response.json({ error: { key: 'errors.FORBIDDEN' } }, { status: 403 });
  if (!request.body) return Response.json({ error: { key: 'staffImport.chooseFile' } }, { status: 400 });
  const declared = request.headers.get('content-length');
  try {
    const result = await uploadImport(
      await currentCtx(),
      {
        creditorId: url.searchParams.get('creditorId') ?? '',
        filename: url.searchParams.get('filename') ?? '',
        encoding: (url.searchParams.get('encoding') ?? 'auto') as 'auto',
        declaredSize: declared === null || !/^\d+$/.test(declared) ? null : Number(declared),
      },
      request.body as unknown as AsyncIterable<Uint8Array>,
    );
    return Response.json(result, { status: 201 });
  } catch (error) {
    if (isAppError(error)) {
      const key = error.code === 'FILE_TOO_LARGE' ? 'staffImport.fileProblem.tooLarge' : `errors.${error.code}`;
      return Response.json({ error: { key, params: error.params } }, { status: error.status });
    }
    if ((error as { name?: string }).name === 'ZodError') return Response.json({ error: { key: 'validation.invalid' } }, { status: 400 });
    throw error;
  }
}
