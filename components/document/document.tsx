import type { ComponentProps, ReactNode } from 'react';
import { appIcon, PageHeader, SkipLink, type HeaderData, type LanguageAction } from '@/components/page-chrome';

/**
 * A whole HTML page rendered to a string, without the RSC payload, the router
 * or any script but the header's (ADR 0007): the borrower's home and loan
 * pages. It looks like the App Router pages, with the same root classes and
 * the same header (components/page-chrome.tsx); its language buttons reload
 * the page with `?lang=` (the proxy remembers the choice).
 */
export function Document(props: { title: string; tagline: string; skipToContent: string; header: HeaderData; language: LanguageAction; stylesheet: string | null; nonce: string | null; children: ReactNode }) {
  const { title, tagline, skipToContent, header, language, stylesheet, nonce, children } = props;
  return (
    <html lang={header.locale}>
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{`${title} · ${header.labels.appName}`}</title>
        <meta name="description" content={tagline} />
        <link rel="icon" href={appIcon} type="image/svg+xml" />
        {stylesheet ? <link rel="stylesheet" href={stylesheet} nonce={nonce ?? undefined} /> : null}
      </head>
      <body className="min-h-screen font-sans">
        <SkipLink>{skipToContent}</SkipLink>
        <PageHeader data={header} language={language} />
        {children}
      </body>
    </html>
  );
}

/** A document as the HTML a route handler answers with. */
export async function documentHtml(props: ComponentProps<typeof Document>): Promise<string> {
  const { renderToString } = await import('react-dom/server');
  return `<!DOCTYPE html>${renderToString(<Document {...props} />)}`;
}
