import { Readable } from 'node:stream';
import { currentCtx } from '@/lib/auth/session';
import { attachmentHeaders, refusedDownload } from '@/lib/http/file-response';
import { getLocale } from '@/lib/i18n/server';
import { createEvidenceBundle } from '@/lib/server/bundle/create-bundle';

export const dynamic = 'force-dynamic';

/**
 * A case's evidence bundle, streamed as it is written (supervisors and admins; audited by the service). Its exact
 * size goes ahead of it, so the browser shows the download's progress; its manifest's SHA-256 goes in a header.
 */
export async function GET(_request: Request, { params }: { params: Promise<{ id: string }> }) {
  try {
    const bundle = await createEvidenceBundle(await currentCtx(), (await params).id);
    const name = (await getLocale()) === 'en' ? `Evidence bundle ${bundle.caseNo} ${bundle.asOf}.zip` : `证据包 ${bundle.caseNo} ${bundle.asOf}.zip`;
    // The ZIP's own hash is not known before it is written: its manifest's is, and names it on /verify.
    const { 'x-content-sha256': _unknown, ...headers } = attachmentHeaders(name, 'application/zip', '');
    return new Response(Readable.toWeb(bundle.stream) as ReadableStream<Uint8Array>, {
      headers: { ...headers, 'content-length': String(bundle.size), 'x-manifest-sha256': bundle.manifestSha256 },
    });
  } catch (error) {
    return refusedDownload(error);
  }
}
