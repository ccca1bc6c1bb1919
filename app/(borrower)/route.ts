import { borrowerDocument } from './_components/borrower-document';
import { homePage } from './_components/home-page';

/** The borrower's home, served as a plain document (ADR 0007). */
export function GET(request: Request) {
  return borrowerDocument(request, homePage);
}
