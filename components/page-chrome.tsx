import type { ReactNode } from 'react';
import { localeNames, locales, type Locale } from '@/lib/i18n/config';
import { AppLink } from './app-link';
import { cn } from './ui/cn';

/**
 * The page chrome, one for both kinds of page: the App Router's layouts and
 * the plain documents (ADR 0007). It has no hooks and no client code, so it
 * renders in a server component and in `renderToString` alike, and its
 * controls are forms that work without JavaScript. `public/page-chrome.js`,
 * when it runs, renews a borrower's session on activity and fetches a fresh
 * CSRF token before signing out.
 */
export function SkipLink({ children }: { children: ReactNode }) {
  return (
    <a href="#main" className="sr-only focus:not-sr-only focus:absolute focus:left-2 focus:top-2 focus:z-50 focus:rounded focus:bg-white focus:p-2">
      {children}
    </a>
  );
}

/** The portal's icon (public/icon.svg), named in every page's head, the App Router's and the documents'. */
export const appIcon = '/icon.svg';

/** What the header shows and sends, read from the request by headerData (components/site-header.tsx). */
export type HeaderData = {
  home: string;
  locale: Locale;
  labels: { appName: string; signOut: string; language: string; account: string };
  /** The signed-in person's sign-out form (none on the sign-in and public pages). */
  signOut: { callbackUrl: string; csrfToken: string | null; renewSession: boolean; nonce: string | null } | null;
  /** Where the signed-in person's account page is (sessions, "sign out everywhere"), when the header links to it. */
  account: string | null;
};

/**
 * Where the language buttons send the choice: a server action on App Router
 * pages (the page is rendered again in place, and what was typed in a form
 * stays), or the page itself with `?lang=` on a plain document (the proxy
 * remembers it); `keep` carries the document's own query along.
 */
export type LanguageAction = { action: (formData: FormData) => void | Promise<void> } | { action: string; keep: [string, string][] };

const headerButtonClass = 'min-h-11 rounded-md px-3 text-sm text-brand-700 hover:underline';

function languageButtonClass(current: boolean) {
  return cn('min-h-11 rounded-md px-3 py-1', current ? 'bg-brand-600 font-semibold text-white' : 'text-brand-700 underline-offset-2 hover:underline');
}

/** `wide`: as wide as the widest pages under it (the staff queue and case file), so the header lines up with them. */
export function PageHeader({ data, language, nav, wide }: { data: HeaderData; language: LanguageAction; nav?: ReactNode; wide?: boolean }) {
  const { home, locale, labels, signOut } = data;
  // A plain document (its language buttons go to an address) has no router, and renders in renderToString,
  // where next/link cannot: its links are plain.
  const HomeLink = typeof language.action === 'string' ? 'a' : AppLink;
  return (
    <header className="border-b border-slate-200 bg-white">
      <div className={cn('mx-auto flex flex-wrap items-center justify-between gap-2 px-4 py-2', wide ? 'max-w-7xl' : 'max-w-5xl')}>
        <HomeLink href={home} className="text-lg font-bold text-brand-700">
          {labels.appName}
        </HomeLink>
        <div className="flex flex-wrap items-center gap-1">
          {nav}
          {/* A plain link: the header renders in renderToString too, where next/link cannot. */}
          {data.account ? (
            <a href={data.account} className={`${headerButtonClass} inline-flex items-center`}>
              {labels.account}
            </a>
          ) : null}
          {signOut ? (
            <form method="post" action="/api/auth/signout" data-sign-out="" data-renew-session={signOut.renewSession ? '' : undefined}>
              <input type="hidden" name="csrfToken" value={signOut.csrfToken ?? ''} />
              <input type="hidden" name="callbackUrl" value={signOut.callbackUrl} />
              <button type="submit" className={headerButtonClass}>
                {labels.signOut}
              </button>
              <script src="/page-chrome.js" async nonce={signOut.nonce ?? undefined} />
            </form>
          ) : null}
          <nav aria-label={labels.language}>
            {/* A string action is a plain GET form; a server action makes React post it. */}
            <form {...(typeof language.action === 'string' ? { method: 'get', action: language.action } : { action: language.action })} className="flex items-center gap-1 text-sm">
              {'keep' in language ? language.keep.map(([name, value]) => <input key={name} type="hidden" name={name} value={value} />) : null}
              {locales.map((l) => (
                <button key={l} type="submit" name="lang" value={l} lang={l} aria-current={l === locale ? 'true' : undefined} className={languageButtonClass(l === locale)}>
                  {localeNames[l]}
                </button>
              ))}
            </form>
          </nav>
        </div>
      </div>
    </header>
  );
}
