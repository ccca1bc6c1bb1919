import type { HTMLAttributes } from 'react';
import { cn } from './cn';

export function Card({ className, ...props }: HTMLAttributes<HTMLElement>) {
  return <section className={cn('rounded-xl border border-slate-200 bg-white p-4 shadow-sm', className)} {...props} />;
}

export function Notice({ tone = 'info', className, ...props }: HTMLAttributes<HTMLDivElement> & { tone?: 'info' | 'warn' | 'error' }) {
  const tones = {
    info: 'border-brand-100 bg-brand-50 text-brand-800',
    warn: 'border-amber-200 bg-warn-50 text-warn-800',
    error: 'border-red-200 bg-danger-50 text-danger-700',
  };
  return <div className={cn('rounded-lg border p-3 text-sm', tones[tone], className)} {...props} />;
}

/** A form-level error, announced to screen readers; renders nothing when there is none. */
export function FormError({ message }: { message?: string }) {
  return message ? (
    <Notice tone="error" role="alert">
      {message}
    </Notice>
  ) : null;
}
