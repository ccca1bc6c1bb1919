/**
 * The pages served as plain documents by route handlers (ADR 0007), as Next
 * route patterns: the one list of them. Each has a `route.ts` in app/ that
 * renders it (borrowerDocument for the borrower's pages, documentHtml for the
 * public help built at build time), and nothing else does (paths.test.ts
 * checks both ways). Links to them are ordinary `<a>` (AppLink): `next/link`
 * would prefetch and fetch an RSC payload that a document does not have, and
 * then load the page anyway.
 */
export const documentRoutes = ['/', '/loans/[id]', '/help/[locale]'] as const;

const patterns = documentRoutes.map((route) => new RegExp(`^${route.replace(/\[[^/\]]+\]/g, '[^/]+')}$`));

export function isDocumentPath(href: string): boolean {
  const path = href.split(/[?#]/)[0]!;
  return patterns.some((pattern) => pattern.test(path));
}
