import { NextIntlClientProvider } from 'next-intl';
import { getMessages } from 'next-intl/server';
import type { ReactNode } from 'react';

/** What every client component may need: chrome, error pages, validation and error messages. */
export const baseClientNamespaces = ['common', 'errorPage', 'validation', 'errors'] as const;

/**
 * Hands client components only the message namespaces they use, so a cheap
 * phone downloads and parses a page's strings, not the whole application's.
 */
export async function ClientMessages({ namespaces = [], children }: { namespaces?: readonly string[]; children: ReactNode }) {
  const messages = (await getMessages()) as Record<string, unknown>;
  const picked = Object.fromEntries([...baseClientNamespaces, ...namespaces].map((ns) => [ns, messages[ns]]));
  return <NextIntlClientProvider messages={picked}>{children}</NextIntlClientProvider>;
}
