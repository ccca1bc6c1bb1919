import type { ReactNode } from 'react';
import { SignOutButton } from '@/components/sign-out-button';
import { SiteHeader } from '@/components/site-header';
import { ActivityPing } from './_components/activity-ping';

// Access is checked in each page (CONVENTIONS: never in a layout); this is chrome only.
export default function BorrowerLayout({ children }: { children: ReactNode }) {
  return (
    <>
      <SiteHeader home="/">
        <SignOutButton to="/login" />
      </SiteHeader>
      <ActivityPing />
      {children}
    </>
  );
}
