'use client';

import { forwardRef, useId, type InputHTMLAttributes, type ReactNode, type SelectHTMLAttributes, type TextareaHTMLAttributes } from 'react';
import { cn } from './cn';

type Frame = { label: ReactNode; hint?: ReactNode; error?: string };
type ControlProps = { id: string; 'aria-invalid'?: true; 'aria-describedby'?: string; borderClass: string };

/**
 * A labelled control whose hint and error sit beside it and are announced
 * (aria-invalid, aria-describedby); every form field is drawn by it.
 */
function FieldFrame({ label, hint, error, id: givenId, children }: Frame & { id?: string; children: (control: ControlProps) => ReactNode }) {
  const generated = useId();
  const id = givenId ?? generated;
  const hintId = hint ? `${id}-hint` : undefined;
  const errorId = error ? `${id}-error` : undefined;
  return (
    <div className="flex flex-col gap-1">
      <label htmlFor={id} className="text-sm font-medium text-slate-800">
        {label}
      </label>
      {children({
        id,
        'aria-invalid': error ? true : undefined,
        'aria-describedby': [hintId, errorId].filter(Boolean).join(' ') || undefined,
        borderClass: error ? 'border-danger-700' : 'border-slate-400',
      })}
      {hint ? (
        <p id={hintId} className="text-sm text-slate-600">
          {hint}
        </p>
      ) : null}
      {error ? (
        <p id={errorId} role="alert" className="text-sm font-medium text-danger-700">
          {error}
        </p>
      ) : null}
    </div>
  );
}

export const Field = forwardRef<HTMLInputElement, InputHTMLAttributes<HTMLInputElement> & Frame>(function Field({ label, hint, error, className, id, ...props }, ref) {
  return (
    <FieldFrame label={label} hint={hint} error={error} id={id}>
      {({ borderClass, ...control }) => (
        <input ref={ref} className={cn('min-h-11 w-full rounded-lg border bg-white px-3 py-2 text-base text-slate-900 placeholder:text-slate-500', borderClass, className)} {...control} {...props} />
      )}
    </FieldFrame>
  );
});

export const SelectField = forwardRef<HTMLSelectElement, SelectHTMLAttributes<HTMLSelectElement> & Frame & { options: { value: string; label: string }[]; placeholder?: string }>(
  function SelectField({ label, hint, error, options, placeholder, className, id, ...props }, ref) {
    return (
      <FieldFrame label={label} hint={hint} error={error} id={id}>
        {({ borderClass, ...control }) => (
          <select ref={ref} className={cn('min-h-11 w-full rounded-lg border bg-white px-3 text-base', borderClass, className)} {...control} {...props}>
            {placeholder !== undefined ? <option value="">{placeholder}</option> : null}
            {options.map((o) => (
              <option key={o.value} value={o.value}>
                {o.label}
              </option>
            ))}
          </select>
        )}
      </FieldFrame>
    );
  },
);

export const TextareaField = forwardRef<HTMLTextAreaElement, TextareaHTMLAttributes<HTMLTextAreaElement> & Frame>(function TextareaField({ label, hint, error, className, id, ...props }, ref) {
  return (
    <FieldFrame label={label} hint={hint} error={error} id={id}>
      {({ borderClass, ...control }) => <textarea ref={ref} className={cn('min-h-24 w-full rounded-lg border bg-white px-3 py-2 text-base', borderClass, className)} {...control} {...props} />}
    </FieldFrame>
  );
});
