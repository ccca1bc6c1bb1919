/**
 * Who may act on a case, among the creditor's staff who may all read it:
 * a supervisor on every case of their creditor; a mediator on the cases
 * assigned to them, and on an unassigned one once they have claimed it; an
 * admin on none (admins read). A borrower acts on their own cases only, which
 * the queries that find a case already ensure.
 */
export type StaffCaseAccess = 'act' | 'claim' | 'read';

export function staffCaseAccess(staff: { id: string; role: 'mediator' | 'supervisor' | 'admin' }, assigneeId: string | null): StaffCaseAccess {
  if (staff.role === 'supervisor') return 'act';
  if (staff.role === 'admin') return 'read';
  if (assigneeId === staff.id) return 'act';
  return assigneeId === null ? 'claim' : 'read';
}

/** Who may claim: a mediator or supervisor, on an unassigned case. */
export function mayClaim(staff: { role: 'mediator' | 'supervisor' | 'admin' }, assigneeId: string | null): boolean {
  return staff.role !== 'admin' && assigneeId === null;
}
