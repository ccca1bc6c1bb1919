import 'server-only';
import { and, eq, lte, sql } from 'drizzle-orm';
import { getDb } from '@/db/client';
import { callbacks, contactRecords } from '@/db/schema';
import { ruleOutcome, thirdPartyRule } from '@/lib/domain/contact-record';
import { mayContact, nextContactMoment, type ContactRule } from '@/lib/domain/contact-rules';
import { contactFormSchema, type ContactFormInput } from '@/lib/validation/contact';
import type { Ctx } from '../actor';
import { recordAudit } from '../audit';
import { AppError } from '../errors';
import { loadVisibleCase } from '../cases/case-access';
import { contactContext } from './contact-context';
import { insertPromise } from './record-promise';

export type RecordedContact = { id: string; status: 'recorded' } | { id: string; status: 'blocked'; rule: ContactRule | string; nextAllowedAt: string | null };

/**
 * A staff member records a contact with a case's borrower (or a third party). The rules decide first: an outbound
 * contact they refuse now — the hours, the borrower's quiet hours or opt-out, today's or this week's count — or a
 * third-party contact the recording rules refuse, is recorded as blocked with the rule, and nothing else happens.
 * Inbound contact (the borrower called in) is recorded as it came. A promise to pay given in the contact is
 * recorded with it; a call made settles the callbacks that were due.
 */
export async function recordContact(ctx: Ctx, raw: { caseId: string } & ContactFormInput, now: Date = new Date()): Promise<RecordedContact> {
  const { actor } = ctx;
  if (actor.type !== 'staff') throw new AppError('NOT_FOUND');
  const input = contactFormSchema.parse(raw);
  return getDb().transaction(async (tx) => {
    const kase = await loadVisibleCase(tx, actor, raw.caseId, { forUpdate: true, act: true });
    // One decision per borrower at a time: two staff recording at once must not both take the last call of the day.
    await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`contact:${kase.borrowerId}`}))`);
    const { request, policy, borrower } = await contactContext(tx, kase, now);
    const base = { caseId: kase.id, borrowerId: kase.borrowerId, staffId: actor.id, channel: input.channel, direction: input.direction, party: input.party, note: input.note || null, at: now };
    let refusal: ContactRule | string | null = thirdPartyRule({ ...input, noDebtDisclosed: input.noDebtDisclosed });
    let nextAllowedAt: Date | null = null;
    if (!refusal && input.direction === 'outbound') {
      const decision = mayContact({ ...request, channel: input.channel, mandatory: false });
      if (!decision.allowed) {
        refusal = decision.rule;
        nextAllowedAt = nextContactMoment({ ...request, channel: input.channel, mandatory: false });
      }
    }
    if (refusal) {
      const [blocked] = await tx.insert(contactRecords).values({ ...base, outcome: 'blocked', blockedRule: refusal, result: null, noDebtDisclosed: input.party === 'third_party' ? input.noDebtDisclosed : null }).returning({ id: contactRecords.id });
      await recordAudit(tx, ctx, { action: 'contact.blocked', entityType: 'case', entityId: kase.id, data: { contactId: blocked!.id, channel: input.channel, party: input.party, rule: refusal } });
      return { id: blocked!.id, status: 'blocked', rule: refusal, nextAllowedAt: nextAllowedAt?.toISOString() ?? null };
    }
    const outcome = input.direction === 'inbound' && input.result !== 'no_answer' ? 'effective' : ruleOutcome(input);
    const [contact] = await tx
      .insert(contactRecords)
      .values({ ...base, outcome, result: input.result, noDebtDisclosed: input.party === 'third_party' ? true : null })
      .returning({ id: contactRecords.id });
    await recordAudit(tx, ctx, { action: 'contact.recorded', entityType: 'case', entityId: kase.id, data: { contactId: contact!.id, channel: input.channel, direction: input.direction, party: input.party, result: input.result } });
    if (input.result === 'promise_to_pay' && input.party === 'borrower') {
      const promiseInput = contactFormSchema.parse(raw);
      await insertPromise(tx, ctx, kase, { promisedOn: promiseInput.promiseDate, amountText: promiseInput.promiseAmount, contactId: contact!.id, graceDays: policy.graceDays, timeZone: borrower.timezone }, now);
    }
    if (input.channel === 'phone' || input.channel === 'visit') {
      await tx
        .update(callbacks)
        .set({ status: 'done', doneAt: now })
        .where(and(eq(callbacks.caseId, kase.id), eq(callbacks.status, 'open'), lte(callbacks.dueAt, new Date(now.getTime() + 30 * 60_000))));
    }
    return { id: contact!.id, status: 'recorded' };
  });
}
