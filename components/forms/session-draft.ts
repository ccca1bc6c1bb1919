'use client';

import { useEffect } from 'react';
import type { FieldValues, UseFormReturn } from 'react-hook-form';

/** The draft kept under `key` in this tab's session storage, if any (none where storage is refused). */
export function readDraft<T>(key: string): Partial<T> | null {
  try {
    const raw = window.sessionStorage.getItem(key);
    return raw ? (JSON.parse(raw) as Partial<T>) : null;
  } catch {
    return null;
  }
}

export function clearDraft(key: string) {
  try {
    window.sessionStorage.removeItem(key);
  } catch {
    // storage refused (private mode): nothing was kept
  }
}

/**
 * Keeps what is typed into a form that is not saved as it goes (an offer being composed) in this tab's session
 * storage under `key`: a reload, or the page again in the other language, gives it back. Never sent anywhere; gone
 * with the tab, and cleared by the caller once the form is sent.
 */
export function useSessionDraft<T extends FieldValues>(key: string | undefined, form: UseFormReturn<T>, values: T, active: boolean) {
  useEffect(() => {
    if (!key) return;
    const saved = readDraft<T>(key);
    if (saved) form.reset({ ...form.getValues(), ...saved });
    // Restored once, when the form mounts.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [key]);
  useEffect(() => {
    if (!key || !active) return;
    try {
      window.sessionStorage.setItem(key, JSON.stringify(values));
    } catch {
      // storage refused or full: the form still works, without a draft
    }
  }, [key, values, active]);
}
