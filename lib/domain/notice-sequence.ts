import { z } from 'zod';
import type { CaseState } from './case-state';

/**
 * Pre-litigation notices (DESIGN.md, the journey): the collection letter (催收函), the lawyer's letter (律师函) and
 * the notice of intended suit (起诉通知). Which of them a creditor sends, in which order and how many days apart is
 * its policy; the lawyer's letter and the notice of suit wait for a supervisor's approval.
 */
export const noticeKinds = ['collection_letter', 'lawyers_letter', 'intended_suit'] as const;
export type NoticeKind = (typeof noticeKinds)[number];

export const noticeChannels = ['letter', 'email', 'in_app'] as const;
export type NoticeChannel = (typeof noticeChannels)[number];

/** The longest wait between two notices (or before the first), in days: half a year. */
export const NOTICE_DAYS_MAX = 180;
/** Which notices always need a supervisor's approval before they are sent: the lawyer's letter and the notice of suit. */
export const approvalRequired = (kind: NoticeKind) => kind !== 'collection_letter';

export const noticeSequenceSchema = z
  .object({
    steps: z
      .array(
        z.object({
          kind: z.enum(noticeKinds),
          /** Days after the previous notice was sent (the first: after the case was opened). */
          daysAfterPrevious: z.number().int().min(0).max(NOTICE_DAYS_MAX),
          /** The lawyer's letter and the notice of suit always need a supervisor; a collection letter may. */
          approval: z.boolean(),
        }),
      )
      .min(1)
      .max(3),
  })
  .refine((s) => new Set(s.steps.map((step) => step.kind)).size === s.steps.length, { message: 'a notice appears twice in the sequence', path: ['steps'] })
  .refine((s) => s.steps.every((step) => step.approval || !approvalRequired(step.kind)), { message: 'the lawyer’s letter and the notice of suit need a supervisor’s approval', path: ['steps'] })
  .refine((s) => s.steps.every((step, i) => i === 0 || noticeKinds.indexOf(step.kind) > noticeKinds.indexOf(s.steps[i - 1]!.kind)), { message: 'notices escalate: a letter, then counsel, then suit', path: ['steps'] });

export type NoticeSequence = z.infer<typeof noticeSequenceSchema>;

export const defaultNoticeSequence: NoticeSequence = {
  steps: [
    { kind: 'collection_letter', daysAfterPrevious: 0, approval: false },
    { kind: 'lawyers_letter', daysAfterPrevious: 15, approval: true },
    { kind: 'intended_suit', daysAfterPrevious: 15, approval: true },
  ],
};

/**
 * Notices go to a borrower who is in arrears with nothing agreed: during mediation, after a breach of the plan, or
 * once the case is escalated. Never while an agreement is being signed or performed, nor after the case ended:
 * a collection letter or a notice of suit to a borrower keeping a signed plan would threaten a debt that is settled.
 */
export const noticeStates: readonly CaseState[] = ['invited', 'engaged', 'hardship_submitted', 'negotiating', 'breached', 'escalated'];

export function noticesAllowedIn(state: CaseState): boolean {
  return noticeStates.includes(state);
}

export type IssuedNotice = { kind: NoticeKind; sentAt: Date | null; status: 'pending_approval' | 'sent' | 'rejected' | 'blocked' };

export type NextNotice =
  | { ok: true; kind: NoticeKind; approval: boolean; earliest: Date; step: number }
  | { ok: false; reason: 'sequence_complete' | 'awaiting_approval'; kind?: NoticeKind };

const DAY_MS = 86_400_000;

/**
 * The next notice of the sequence and the earliest moment it may be sent: a notice waiting for approval holds the
 * sequence, a rejected one may be prepared again, and each step waits its days after the one before was sent.
 */
export function nextNotice(sequence: NoticeSequence, issued: readonly IssuedNotice[], openedAt: Date): NextNotice {
  const pending = issued.find((n) => n.status === 'pending_approval');
  if (pending) return { ok: false, reason: 'awaiting_approval', kind: pending.kind };
  let previous = openedAt;
  for (const [i, step] of sequence.steps.entries()) {
    const sent = issued.filter((n) => n.kind === step.kind && n.status === 'sent' && n.sentAt).sort((a, b) => a.sentAt!.getTime() - b.sentAt!.getTime())[0];
    if (sent) {
      previous = sent.sentAt!;
      continue;
    }
    return { ok: true, kind: step.kind, approval: step.approval, earliest: new Date(previous.getTime() + step.daysAfterPrevious * DAY_MS), step: i };
  }
  return { ok: false, reason: 'sequence_complete' };
}

export type NoticeRefusal = 'notice.notInSequence' | 'notice.outOfOrder' | 'notice.tooSoon' | 'notice.sequenceComplete' | 'notice.awaitingApproval';

/** Whether this notice may be prepared now; the refusal names the rule. */
export function checkNotice(sequence: NoticeSequence, issued: readonly IssuedNotice[], openedAt: Date, kind: NoticeKind, now: Date): { ok: true; approval: boolean } | { ok: false; rule: NoticeRefusal; earliest?: Date } {
  if (!sequence.steps.some((step) => step.kind === kind)) return { ok: false, rule: 'notice.notInSequence' };
  const next = nextNotice(sequence, issued, openedAt);
  if (!next.ok) return { ok: false, rule: next.reason === 'awaiting_approval' ? 'notice.awaitingApproval' : 'notice.sequenceComplete' };
  if (next.kind !== kind) return { ok: false, rule: 'notice.outOfOrder' };
  if (now.getTime() < next.earliest.getTime()) return { ok: false, rule: 'notice.tooSoon', earliest: next.earliest };
  return { ok: true, approval: next.approval };
}

/**
 * The note on the contact record a notice's sending writes (prepare-notice.ts): the kind, its Chinese title and the
 * sealed PDF's SHA-256, which the evidence bundle carries as written. Read back, the case file names the notice in
 * the reader's language.
 */
export function noticeContactNote(kind: NoticeKind, titleZh: string, sha256: string): string {
  return `notice:${kind} ${titleZh} SHA-256 ${sha256}`;
}

export function readNoticeContactNote(note: string): { kind: NoticeKind; sha256: string } | null {
  const match = /^notice:([a-z_]+) .* SHA-256 ([0-9a-f]{64})$/.exec(note);
  const kind = noticeKinds.find((k) => k === match?.[1]);
  return kind ? { kind, sha256: match![2]! } : null;
}
