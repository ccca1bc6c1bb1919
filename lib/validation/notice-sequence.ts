import { z } from 'zod';
import { approvalRequired, defaultNoticeSequence, NOTICE_DAYS_MAX, noticeKinds, type NoticeSequence } from '@/lib/domain/notice-sequence';
import { countField } from './fields';

const days = countField(NOTICE_DAYS_MAX);

/**
 * The admin's form for a creditor's notice sequence: one row per notice, in the order they escalate (a collection
 * letter, then counsel's letter, then the notice of suit: lib/domain/notice-sequence.ts), each sent or not, with the
 * days it waits after the notice before it (the first: after the case was opened) and, for the collection letter,
 * whether a supervisor approves it too. Days of a notice left out are not read. The result is the policy's value.
 */
export const noticeSequenceFormSchema = z
  .object({
    rows: z.array(z.object({ kind: z.enum(noticeKinds), included: z.boolean(), days: z.string().max(20), approval: z.boolean() })).max(noticeKinds.length),
  })
  .superRefine((v, ctx) => {
    const included = v.rows.map((row, i) => ({ row, i })).filter(({ row }) => row.included);
    if (!included.length) ctx.addIssue({ code: 'custom', path: ['rows'], message: 'validation.noticeSequence.none' });
    const seen = new Set<string>();
    v.rows.forEach((row, i) => {
      if (seen.has(row.kind)) ctx.addIssue({ code: 'custom', path: ['rows', i, 'kind'], message: 'validation.noticeSequence.twice' });
      seen.add(row.kind);
    });
    included.forEach(({ row, i }, n) => {
      const previous = included[n - 1]?.row;
      // A notice of suit before the letters, or counsel's letter before the collection letter: notices escalate.
      if (previous && noticeKinds.indexOf(row.kind) <= noticeKinds.indexOf(previous.kind)) ctx.addIssue({ code: 'custom', path: ['rows', i, 'kind'], message: 'validation.noticeSequence.order' });
      if (!row.approval && approvalRequired(row.kind)) ctx.addIssue({ code: 'custom', path: ['rows', i, 'approval'], message: 'validation.noticeSequence.approvalRequired' });
      const parsed = days.safeParse(row.days);
      if (!parsed.success) ctx.addIssue({ code: 'custom', path: ['rows', i, 'days'], message: parsed.error.issues[0]!.message });
    });
  })
  .transform(
    (v): NoticeSequence => ({
      steps: v.rows.filter((row) => row.included).map((row) => ({ kind: row.kind, daysAfterPrevious: days.parse(row.days), approval: row.approval || approvalRequired(row.kind) })),
    }),
  );
export type NoticeSequenceForm = z.input<typeof noticeSequenceFormSchema>;

/** The form's rows for a sequence: every notice in escalation order, those the sequence leaves out unticked (with the default's days, ready if ticked). */
export function noticeSequenceRows(sequence: NoticeSequence): NoticeSequenceForm['rows'] {
  return noticeKinds.map((kind) => {
    const step = sequence.steps.find((s) => s.kind === kind);
    const fallback = defaultNoticeSequence.steps.find((s) => s.kind === kind);
    return { kind, included: Boolean(step), days: String((step ?? fallback)?.daysAfterPrevious ?? ''), approval: step ? step.approval : approvalRequired(kind) };
  });
}
