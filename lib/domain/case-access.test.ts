import { describe, expect, it } from 'vitest';
import { mayClaim, staffCaseAccess } from './case-access';

const mediator = { id: 'm1', role: 'mediator' as const };
const supervisor = { id: 's1', role: 'supervisor' as const };
const admin = { id: 'a1', role: 'admin' as const };

describe('who may act on a case', () => {
  it('a mediator acts on their own cases, claims unassigned ones, only reads the others', () => {
    expect(staffCaseAccess(mediator, 'm1')).toBe('act');
    expect(staffCaseAccess(mediator, null)).toBe('claim');
    expect(staffCaseAccess(mediator, 'm2')).toBe('read');
  });

  it('a supervisor acts on every case of their creditor; an admin only reads', () => {
    for (const assignee of ['m1', null, 's1']) {
      expect(staffCaseAccess(supervisor, assignee)).toBe('act');
      expect(staffCaseAccess(admin, assignee)).toBe('read');
    }
  });

  it('only an unassigned case is claimed, and never by an admin', () => {
    expect(mayClaim(mediator, null)).toBe(true);
    expect(mayClaim(supervisor, null)).toBe(true);
    expect(mayClaim(mediator, 'm2')).toBe(false);
    expect(mayClaim(admin, null)).toBe(false);
  });
});
