'use client';

import { getSession } from 'next-auth/react';
import { useEffect } from 'react';

/**
 * Borrowers are signed out after a quiet period. Activity on the page renews
 * the session cookie (at most once a minute) through next-auth's session endpoint.
 */
export function ActivityPing() {
  useEffect(() => {
    let last = 0;
    const renew = () => {
      const now = Date.now();
      if (now - last < 60_000) return;
      last = now;
      void getSession();
    };
    renew();
    const events = ['pointerdown', 'keydown', 'scroll', 'visibilitychange'] as const;
    events.forEach((name) => window.addEventListener(name, renew, { passive: true }));
    return () => events.forEach((name) => window.removeEventListener(name, renew));
  }, []);
  return null;
}
