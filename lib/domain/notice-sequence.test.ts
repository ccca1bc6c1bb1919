import { describe, expect, it } from 'vitest';
import { caseStates } from './case-state';
import { checkNotice, defaultNoticeSequence, nextNotice, noticeContactNote, noticesAllowedIn, noticeSequenceSchema, readNoticeContactNote, type IssuedNotice } from './notice-sequence';

const opened = new Date('2026-11-01T02:00:00Z');
const at = (iso: string) => new Date(iso);

describe('the notice sequence', () => {
  it('starts with the collection letter, at once, without approval', () => {
    expect(nextNotice(defaultNoticeSequence, [], opened)).toEqual({ ok: true, kind: 'collection_letter', approval: false, earliest: opened, step: 0 });
  });

  it('waits 15 days after the letter was sent before the lawyer’s letter, which needs approval', () => {
    const issued: IssuedNotice[] = [{ kind: 'collection_letter', status: 'sent', sentAt: at('2026-11-03T06:30:00Z') }];
    expect(nextNotice(defaultNoticeSequence, issued, opened)).toEqual({ ok: true, kind: 'lawyers_letter', approval: true, earliest: at('2026-11-18T06:30:00Z'), step: 1 });
    expect(checkNotice(defaultNoticeSequence, issued, opened, 'lawyers_letter', at('2026-11-18T06:29:59Z'))).toEqual({ ok: false, rule: 'notice.tooSoon', earliest: at('2026-11-18T06:30:00Z') });
    expect(checkNotice(defaultNoticeSequence, issued, opened, 'lawyers_letter', at('2026-11-18T06:30:00Z'))).toEqual({ ok: true, approval: true });
  });

  it('refuses a notice out of order, one while another waits for approval, and any after the last', () => {
    expect(checkNotice(defaultNoticeSequence, [], opened, 'intended_suit', at('2027-01-01T00:00:00Z'))).toEqual({ ok: false, rule: 'notice.outOfOrder' });
    const waiting: IssuedNotice[] = [
      { kind: 'collection_letter', status: 'sent', sentAt: at('2026-11-03T00:00:00Z') },
      { kind: 'lawyers_letter', status: 'pending_approval', sentAt: null },
    ];
    expect(checkNotice(defaultNoticeSequence, waiting, opened, 'lawyers_letter', at('2027-01-01T00:00:00Z'))).toEqual({ ok: false, rule: 'notice.awaitingApproval' });
    const all: IssuedNotice[] = [
      { kind: 'collection_letter', status: 'sent', sentAt: at('2026-11-03T00:00:00Z') },
      { kind: 'lawyers_letter', status: 'sent', sentAt: at('2026-11-20T00:00:00Z') },
      { kind: 'intended_suit', status: 'sent', sentAt: at('2026-12-06T00:00:00Z') },
    ];
    expect(checkNotice(defaultNoticeSequence, all, opened, 'intended_suit', at('2027-01-01T00:00:00Z'))).toEqual({ ok: false, rule: 'notice.sequenceComplete' });
  });

  it('lets a rejected or blocked notice be prepared again', () => {
    const issued: IssuedNotice[] = [{ kind: 'collection_letter', status: 'blocked', sentAt: null }];
    expect(checkNotice(defaultNoticeSequence, issued, opened, 'collection_letter', opened)).toEqual({ ok: true, approval: false });
  });

  it('follows a creditor’s own sequence: no lawyer’s letter, the suit notice 30 days after the letter', () => {
    const sequence = noticeSequenceSchema.parse({ steps: [{ kind: 'collection_letter', daysAfterPrevious: 5, approval: false }, { kind: 'intended_suit', daysAfterPrevious: 30, approval: true }] });
    expect(checkNotice(sequence, [], opened, 'lawyers_letter', opened)).toEqual({ ok: false, rule: 'notice.notInSequence' });
    expect(nextNotice(sequence, [], opened)).toMatchObject({ kind: 'collection_letter', earliest: at('2026-11-06T02:00:00Z') });
    expect(nextNotice(sequence, [{ kind: 'collection_letter', status: 'sent', sentAt: at('2026-11-06T02:00:00Z') }], opened)).toMatchObject({ kind: 'intended_suit', earliest: at('2026-12-06T02:00:00Z') });
  });

  it('refuses a policy that drops the approval of counsel or suit, repeats or de-escalates', () => {
    expect(noticeSequenceSchema.safeParse({ steps: [{ kind: 'lawyers_letter', daysAfterPrevious: 0, approval: false }] }).success).toBe(false);
    expect(noticeSequenceSchema.safeParse({ steps: [{ kind: 'collection_letter', daysAfterPrevious: 0, approval: false }, { kind: 'collection_letter', daysAfterPrevious: 3, approval: false }] }).success).toBe(false);
    expect(noticeSequenceSchema.safeParse({ steps: [{ kind: 'intended_suit', daysAfterPrevious: 0, approval: true }, { kind: 'lawyers_letter', daysAfterPrevious: 3, approval: true }] }).success).toBe(false);
  });
});

describe('when notices may go', () => {
  it('only to a case in arrears with nothing agreed: in mediation, after a breach, or escalated', () => {
    const allowed = caseStates.filter(noticesAllowedIn);
    expect(allowed).toEqual(['invited', 'engaged', 'hardship_submitted', 'negotiating', 'breached', 'escalated']);
    // Never while an agreement is being signed or performed, nor after the case ended.
    for (const state of ['agreed', 'signed_by_borrower', 'plan_active', 'completed', 'closed'] as const) expect(noticesAllowedIn(state), state).toBe(false);
  });
});

describe('the contact record of a notice sent', () => {
  const sha = 'ab'.repeat(32);
  it('is read back as the notice and its hash', () => {
    expect(noticeContactNote('lawyers_letter', '律师函', sha)).toBe(`notice:lawyers_letter 律师函 SHA-256 ${sha}`);
    expect(readNoticeContactNote(`notice:lawyers_letter 律师函 SHA-256 ${sha}`)).toEqual({ kind: 'lawyers_letter', sha256: sha });
    expect(readNoticeContactNote(`notice:intended_suit 起诉通知书 SHA-256 ${sha}`)).toEqual({ kind: 'intended_suit', sha256: sha });
  });
  it('leaves any other note alone: a staff member’s, an unknown kind, a hash cut short', () => {
    expect(readNoticeContactNote('Called, no answer')).toBeNull();
    expect(readNoticeContactNote(`notice:summons 传票 SHA-256 ${sha}`)).toBeNull();
    expect(readNoticeContactNote(`notice:lawyers_letter 律师函 SHA-256 ${sha.slice(1)}`)).toBeNull();
    expect(readNoticeContactNote(`I said notice:lawyers_letter 律师函 SHA-256 ${sha}`)).toBeNull();
  });
});
