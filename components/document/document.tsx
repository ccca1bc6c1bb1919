import type { ReactNode } from 'react';
import { localeNames, locales, type Locale } from '@/lib/i18n/config';
import { cn } from '@/components/ui/cn';

export type DocumentLabels = { appName: string; tagline: string; skipToContent: string; signOut: string; language: string };

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
        <a href="#main" className="sr-only focus:not-sr-only focus:absolute focus:left-2 focus:top-2 focus:z-50 focus:rounded focus:bg-white focus:p-2">
          {labels.skipToContent}
        </a>
        <header className="border-b border-slate-200 bg-white">
          <div className="mx-auto flex max-w-5xl flex-wrap items-center justify-between gap-2 px-4 py-2">
            <a href="/" className="text-lg font-bold text-brand-700">
              {labels.appName}
            </a>
            <div className="flex flex-wrap items-center gap-1">
              <form method="post" action="/api/auth/signout" data-sign-out="">
                <input type="hidden" name="csrfToken" value={csrfToken ?? ''} />
                <input type="hidden" name="callbackUrl" value="/login" />
                <button type="submit" className="min-h-11 rounded-md px-3 text-sm text-brand-700 hover:underline">
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
                      className={cn('min-h-11 rounded-md px-3 py-1', l === locale ? 'bg-brand-600 font-semibold text-white' : 'text-brand-700 underline-offset-2 hover:underline')}
                    >
                      {localeNames[l]}
                    </button>
                  ))}
                </form>
              </nav>
            </div>
          </div>
        </header>
        {children}
        <script src="/document.js" nonce={nonce ?? undefined} defer />
      </body>
    </html>
  );
}
