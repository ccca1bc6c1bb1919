'use client';

import { forwardRef, type InputHTMLAttributes, type ReactNode } from 'react';
import { Field } from '@/components/ui/field';

/** An amount in yuan: a decimal keypad on phones; "1,234.50", "1234.5" and full-width digits are all accepted. */
export const AmountField = forwardRef<HTMLInputElement, InputHTMLAttributes<HTMLInputElement> & { label: ReactNode; hint?: ReactNode; error?: string }>(
  function AmountField(props, ref) {
    return <Field ref={ref} inputMode="decimal" autoComplete="off" placeholder="0.00" {...props} />;
  },
);
