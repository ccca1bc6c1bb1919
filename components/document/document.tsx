import type { ReactNode } from 'react';
import { localeNames, locales, type Locale } from '@/lib/i18n/config';
import { HeaderBar, SkipLink, headerButtonClass, languageButtonClass } from '@/components/page-chrome';

export type DocumentLabels = { appName: string; tagline: string; skipToContent: string; signOut: string; language: string; account: string };

/**
 * A whole HTML page rendered to a string, without the RSC payload, the router
 * or any script but `public/document.js` (ADR 0007): the borrower's home and
 * loan pages. It looks like the App Router pages, the same root classes and
 * the same header, with the header's controls as plain forms: sign-out posts
 * to next-auth, the language buttons reload the page with `?lang=` (the proxy
 * remembers the choice).
 */
export function Document(props: { locale: Locale; title: string; labels: DocumentLabels; stylesheets: string[]; nonce: string | null; csrfToken: string | null; children: ReactNode }) {
  const { locale, title, labels, stylesheets, nonce, csrfToken, children } = props;
  return (
    <html lang={locale}>
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{`${title} · ${labels.appName}`}</title>
        <meta name="description" content={labels.tagline} />
        {stylesheets.map((href) => (
          <link key={href} rel="stylesheet" href={href} nonce={nonce ?? undefined} />
        ))}
      </head>
      <body className="min-h-screen font-sans">
        <SkipLink>{labels.skipToContent}</SkipLink>
        <HeaderBar home="/" appName={labels.appName}>
          <a href="/account" className={`${headerButtonClass} inline-flex items-center`}>
            {labels.account}
          </a>
          <form method="post" action="/api/auth/signout" data-sign-out="">
            <input type="hidden" name="csrfToken" value={csrfToken ?? ''} />
            <input type="hidden" name="callbackUrl" value="/login" />
            <button type="submit" className={headerButtonClass}>
              {labels.signOut}
            </button>
          </form>
          <nav aria-label={labels.language}>
            <form method="get" className="flex items-center gap-1 text-sm">
              {locales.map((l) => (
                <button
                  key={l}
                  type="submit"
                  name="lang"
                  value={l}
                  lang={l}
                  aria-current={l === locale ? 'true' : undefined}
                  className={languageButtonClass(l === locale)}
                >
                  {localeNames[l]}
                </button>
              ))}
            </form>
          </nav>
        </HeaderBar>
        {children}
        <script src="/document.js" nonce={nonce ?? undefined} defer />
      </body>
    </html>
  );
}
