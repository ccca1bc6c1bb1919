import { borrowerDocument } from '../../_components/borrower-document';
import { loanPage } from '../../_components/loan-page';

/** What is owed on one loan and why, served as a plain document (ADR 0007). */
export async function GET(request: Request, { params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const schedule = new URL(request.url).searchParams.get('schedule');
  return borrowerDocument(request, (actor) => loanPage(actor, id, schedule));
}
