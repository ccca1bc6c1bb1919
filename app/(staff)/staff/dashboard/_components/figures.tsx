import Link from 'next/link';
import type { ReactNode } from 'react';

/** A figure with its definition one click away (a disclosure under its name). */
export function Figure({ id, title, value, detail, definition, definitionLabel, href, linkLabel, children }: {
  id: string;
  title: string;
  value: ReactNode;
  detail?: ReactNode;
  definition: string;
  definitionLabel: string;
  href?: string;
  linkLabel?: string;
  children?: ReactNode;
}) {
  return (
    <div className="flex flex-col gap-1 rounded-xl border border-slate-200 bg-white p-4 shadow-sm" data-figure={id}>
      <h3 className="text-sm font-medium text-slate-700">{title}</h3>
      <p className="text-2xl font-semibold text-slate-900" data-value={id}>
        {href ? (
          <Link href={href} className="text-brand-700 underline decoration-1 underline-offset-4" aria-label={linkLabel}>
            {value}
          </Link>
        ) : (
          value
        )}
      </p>
      {detail ? <p className="text-sm text-slate-700">{detail}</p> : null}
      {children}
      <details className="text-sm text-slate-700">
        <summary className="min-h-11 cursor-pointer py-2 font-medium text-brand-700">{definitionLabel}</summary>
        <p>{definition}</p>
      </details>
    </div>
  );
}

/**
 * A rate drawn as a bar with the published result beside it as a line on the
 * same scale, and said in words for those who do not see the bar.
 */
export function RateMeter({ rate, benchmark, benchmarkLabel }: { rate: number | null; benchmark: number; benchmarkLabel: string }) {
  const width = `${Math.round(Math.min(1, Math.max(0, rate ?? 0)) * 100)}%`;
  return (
    <div className="flex flex-col gap-1">
      <div className="relative h-3 w-full rounded bg-slate-200" aria-hidden="true">
        <div className="h-3 rounded bg-brand-700" style={{ width }} />
        <div className="absolute -top-1 h-5 w-0.5 bg-warn-800" style={{ left: `${benchmark * 100}%` }} />
      </div>
      <p className="text-xs text-warn-800">{benchmarkLabel}</p>
    </div>
  );
}
