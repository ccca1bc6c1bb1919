import { AppLink } from './app-link';

/**
 * The not-found and error pages' content, one for both kinds of page (ADR
 * 0007): the App Router's not-found.tsx and error.tsx, and the documents' 404
 * and 500. Plain markup, no hooks, so a client error boundary can show it too.
 */
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

/**
 * What to do when a page failed, never a stack trace: the reference lets
 * support find the server's log line. "Try again" loads the page afresh (an
 * empty link is the page's own address), which works with or without
 * JavaScript and, unlike re-rendering in place, asks the server again.
 */
export function ErrorMain({ title, body, reference, retry }: { title: string; body: string; reference: string | null; retry: string }) {
  return (
    <main id="main" className="mx-auto flex max-w-lg flex-col gap-4 px-4 py-12">
      <h1 className="text-2xl font-bold">{title}</h1>
      <p className="text-slate-700">{body}</p>
      {reference ? <p className="text-sm text-slate-600">{reference}</p> : null}
      <a href="" className="inline-flex min-h-11 items-center self-start rounded-lg bg-brand-600 px-4 text-white">
        {retry}
      </a>
    </main>
  );
}
