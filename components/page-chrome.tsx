import type { ReactNode } from 'react';
import { AppLink } from './app-link';
import { cn } from './ui/cn';

/**
 * The page chrome shared by the App Router layouts and the plain documents
 * (ADR 0007), so the two kinds of page cannot drift apart: the skip link, the
 * header bar, and the look of the header's buttons.
 */
export function SkipLink({ children }: { children: ReactNode }) {
  return (
    <a href="#main" className="sr-only focus:not-sr-only focus:absolute focus:left-2 focus:top-2 focus:z-50 focus:rounded focus:bg-white focus:p-2">
      {children}
    </a>
  );
}

export function HeaderBar({ home, appName, children }: { home: string; appName: string; children: ReactNode }) {
  return (
    <header className="border-b border-slate-200 bg-white">
      <div className="mx-auto flex max-w-5xl flex-wrap items-center justify-between gap-2 px-4 py-2">
        <AppLink href={home} className="text-lg font-bold text-brand-700">
          {appName}
        </AppLink>
        <div className="flex flex-wrap items-center gap-1">{children}</div>
      </div>
    </header>
  );
}

export const headerButtonClass = 'min-h-11 rounded-md px-3 text-sm text-brand-700 hover:underline';

export function languageButtonClass(current: boolean) {
  return cn('min-h-11 rounded-md px-3 py-1', current ? 'bg-brand-600 font-semibold text-white' : 'text-brand-700 underline-offset-2 hover:underline');
}

/** The not-found page's content: the App Router's `not-found.tsx` and the documents' 404. */
export function NotFoundMain({ title, body, home }: { title: string; body: string; home: string }) {
  return (
    <main id="main" className="mx-auto flex max-w-lg flex-col gap-4 px-4 py-12">
      <h1 className="text-2xl font-bold">{title}</h1>
      <p className="text-slate-700">{body}</p>
      <AppLink href="/" className="text-brand-700 underline">
        {home}
      </AppLink>
    </main>
  );
}
