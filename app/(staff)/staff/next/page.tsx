import { redirect } from 'next/navigation';
import { requireStaff } from '@/lib/auth/session';
import { nextInQueue } from '@/lib/server/queue/next-in-queue';
import { parseQueueParams } from '@/lib/validation/queue';

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

/** "Work next": opens the case after `after` in the view `view` (its first case without one); back to the queue at the end. */
export default async function WorkNextPage({ searchParams }: { searchParams: SearchParams }) {
  const { actor } = await requireStaff();
  const raw = await searchParams;
  const view = typeof raw.view === 'string' ? raw.view : '';
  const after = typeof raw.after === 'string' ? raw.after : undefined;
  const next = await nextInQueue(actor, parseQueueParams(new URLSearchParams(view)), after);
  redirect(next ? `/staff/cases/${next}${view ? `?view=${encodeURIComponent(view)}` : ''}` : `/staff${view ? `?${view}` : ''}`);
}
