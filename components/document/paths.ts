/**
 * Pages served as plain documents by route handlers (ADR 0007). Links to them
 * are ordinary `<a>`: `next/link` would prefetch and fetch an RSC payload that
 * a document does not have, and then load the page anyway.
 */
export function isDocumentPath(href: string): boolean {
  const path = href.split(/[?#]/)[0]!;
  return path === '/' || /^\/loans\/[^/]+$/.test(path);
}
