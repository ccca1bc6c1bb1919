'use client';

import { Bar, BarChart, CartesianGrid, Legend, Line, LineChart, ReferenceLine, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';

/**
 * The dashboard's charts (Recharts). Labels arrive translated from the page;
 * each chart is drawn as an image with a summary for screen readers, and its
 * numbers are in the table beside it.
 */
/** Legends in the order the series are drawn (Recharts sorts them by label otherwise: "12 months" before "3 months"). */
const seriesOrder = ['opened', 'engaged', 'signed', 'kept3', 'kept6', 'kept12'];
const inSeriesOrder = (item: { dataKey?: unknown }) => seriesOrder.indexOf(String(item.dataKey));
const palette = { opened: '#1e40af', engaged: '#0f766e', signed: '#b45309', kept3: '#1e40af', kept6: '#0f766e', kept12: '#b45309' };

export function FunnelChart({ steps, label }: { steps: { name: string; value: number }[]; label: string }) {
  return (
    <div role="img" aria-label={label} className="h-64 w-full">
      <ResponsiveContainer width="100%" height="100%">
        <BarChart data={steps} layout="vertical" margin={{ left: 24, right: 24 }}>
          <CartesianGrid strokeDasharray="3 3" horizontal={false} />
          <XAxis type="number" allowDecimals={false} tick={{ fill: '#334155', fontSize: 12 }} />
          <YAxis type="category" dataKey="name" width={150} tick={{ fill: '#0f172a', fontSize: 13 }} />
          <Tooltip />
          <Bar dataKey="value" fill={palette.opened} isAnimationActive={false} />
        </BarChart>
      </ResponsiveContainer>
    </div>
  );
}

export function TrendChart({ weeks, labels, label }: { weeks: { week: string; opened: number; engaged: number; signed: number }[]; labels: { opened: string; engaged: string; signed: string }; label: string }) {
  return (
    <div role="img" aria-label={label} className="h-64 w-full">
      <ResponsiveContainer width="100%" height="100%">
        <LineChart data={weeks} margin={{ left: 8, right: 24 }}>
          <CartesianGrid strokeDasharray="3 3" />
          <XAxis dataKey="week" tick={{ fill: '#334155', fontSize: 12 }} />
          <YAxis allowDecimals={false} tick={{ fill: '#334155', fontSize: 12 }} />
          <Tooltip />
          <Legend itemSorter={inSeriesOrder} />
          {(['opened', 'engaged', 'signed'] as const).map((key) => (
            <Line key={key} type="monotone" dataKey={key} name={labels[key]} stroke={palette[key]} strokeWidth={2} dot={false} isAnimationActive={false} />
          ))}
        </LineChart>
      </ResponsiveContainer>
    </div>
  );
}

export function CohortChart({ cohorts, labels, label }: { cohorts: { month: string; kept3: number | null; kept6: number | null; kept12: number | null }[]; labels: { kept3: string; kept6: string; kept12: string }; label: string }) {
  const percent = (v: number) => `${Math.round(v * 100)}%`;
  return (
    <div role="img" aria-label={label} className="h-64 w-full">
      <ResponsiveContainer width="100%" height="100%">
        <BarChart data={cohorts} margin={{ left: 8, right: 24 }}>
          <CartesianGrid strokeDasharray="3 3" />
          <XAxis dataKey="month" tick={{ fill: '#334155', fontSize: 12 }} />
          <YAxis domain={[0, 1]} tickFormatter={percent} tick={{ fill: '#334155', fontSize: 12 }} />
          <Tooltip formatter={(v) => (typeof v === 'number' ? percent(v) : String(v))} />
          <Legend itemSorter={inSeriesOrder} />
          <ReferenceLine y={1} stroke="#94a3b8" />
          {(['kept3', 'kept6', 'kept12'] as const).map((key) => (
            <Bar key={key} dataKey={key} name={labels[key]} fill={palette[key]} isAnimationActive={false} />
          ))}
        </BarChart>
      </ResponsiveContainer>
    </div>
  );
}
