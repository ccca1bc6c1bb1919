import type { ReactNode } from 'react';
import { SiteHeader } from '@/components/site-header';

// Access is checked in each page (CONVENTIONS: never in a layout); this is chrome only.
// The same header as the plain documents' (ADR 0007): sign-out, language, session renewal.
export default function BorrowerLayout({ children }: { children: ReactNode }) {
  return (
    <>
      <SiteHeader home="/" signOutTo="/login" account="/account" renewSession />
      {children}
    </>
  );
}
