// i18n-audience: borrower
import { currentActor } from '@/lib/auth/session';
import { attachmentHeaders, refusedDownload } from '@/lib/http/file-response';
import { sha256Hex } from '@/lib/server/crypto';
import { invitationLetterPdf } from '@/lib/server/invitations/invitation-letter';

export const dynamic = 'force-dynamic';

/** A letter invitation as a PDF with its QR code, for the admins who print and post letters from the outbox. */
export async function GET(_request: Request, { params }: { params: Promise<{ id: string }> }) {
  try {
    const file = await invitationLetterPdf(await currentActor(), (await params).id);
    return new Response(new Uint8Array(file.bytes), { headers: attachmentHeaders(file.filename, 'application/pdf', sha256Hex(file.bytes)) });
  } catch (error) {
    return refusedDownload(error);
  }
}
