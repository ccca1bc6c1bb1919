import Link from 'next/link';
import type { ComponentProps } from 'react';
import { isDocumentPath } from './document/paths';

/** `next/link` for App Router pages, a plain link for the pages served as documents (ADR 0007). */
export function AppLink({ href, ...props }: Omit<ComponentProps<'a'>, 'href'> & { href: string }) {
  return isDocumentPath(href) ? <a href={href} {...props} /> : <Link href={href} {...props} />;
}
