import { z } from 'zod';
import { dpdBuckets } from '@/lib/domain/dashboard';
import { calendarDay } from './fields';

const isoDate = calendarDay;
const uuid = z.string().regex(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i);

/**
 * The dashboard's filters, as they travel in its URL (and on to the queue and
 * the exports): cases opened from `from` to `to` inclusive (calendar days in
 * China Standard Time), a mediator, the DPD bucket at opening, a creditor.
 * Anything unreadable is dropped rather than refused: a bookmarked link with
 * a stale id still shows the dashboard.
 */
export const dashboardFilterSchema = z.object({
  from: isoDate.optional().catch(undefined),
  to: isoDate.optional().catch(undefined),
  mediator: uuid.optional().catch(undefined),
  bucket: z.enum(dpdBuckets).optional().catch(undefined),
  creditor: uuid.optional().catch(undefined),
});
export type DashboardFilter = z.output<typeof dashboardFilterSchema>;

export function readDashboardFilter(params: Record<string, string | string[] | undefined>): DashboardFilter {
  const one = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v) || undefined;
  return dashboardFilterSchema.parse({ from: one(params.from), to: one(params.to), mediator: one(params.mediator), bucket: one(params.bucket), creditor: one(params.creditor) });
}

/** The filter back as URL parameters, empty ones left out. */
export function dashboardFilterParams(filter: DashboardFilter): URLSearchParams {
  const params = new URLSearchParams();
  for (const key of ['from', 'to', 'mediator', 'bucket', 'creditor'] as const) if (filter[key]) params.set(key, filter[key]!);
  return params;
}
