import { pgEnum } from 'drizzle-orm/pg-core';
import { caseStates } from '@/lib/domain/case-state';
import { outcomeKinds } from '@/lib/domain/outcomes';

export const staffRole = pgEnum('staff_role', ['mediator', 'supervisor', 'admin']);
export const repaymentMethod = pgEnum('repayment_method', ['equal_installment', 'equal_principal', 'interest_only_bullet']);
export const loanStatus = pgEnum('loan_status', ['performing', 'delinquent', 'restructured', 'repaid', 'written_off']);
export const caseState = pgEnum('case_state', caseStates);
export const actorType = pgEnum('actor_type', ['borrower', 'staff', 'system', 'anonymous']);
export const offerStatus = pgEnum('offer_status', ['pending_approval', 'proposed', 'accepted', 'rejected', 'countered', 'withdrawn', 'expired', 'superseded']);
export const agreementStatus = pgEnum('agreement_status', ['awaiting_borrower', 'signed_by_borrower', 'executed', 'superseded', 'void']);
/** The agreement's three capacities: the borrower, the creditor (its seal, applied under a standing authorisation), the mediator (调解员). */
export const signerType = pgEnum('signer_type', ['borrower', 'creditor', 'mediator']);
export const statementStatus = pgEnum('statement_status', ['draft', 'submitted', 'superseded']);
export const fileKind = pgEnum('file_kind', ['evidence', 'agreement_unsigned', 'agreement_signed', 'agreement_executed', 'signature_image', 'evidence_bundle', 'plan_addendum', 'settlement_certificate', 'notice', 'judicial_application', 'judicial_document']);
export const channel = pgEnum('channel', ['sms', 'email', 'in_app', 'phone', 'letter', 'visit']);
export const notificationStatus = pgEnum('notification_status', ['pending', 'sent', 'failed', 'blocked']);
export const contactOutcome = pgEnum('contact_outcome', ['effective', 'unanswered', 'attempted', 'blocked']);
export const contactDirection = pgEnum('contact_direction', ['outbound', 'inbound']);
export const caseOutcomeKind = pgEnum('case_outcome_kind', outcomeKinds);
export const staffTokenPurpose = pgEnum('staff_token_purpose', ['invite', 'reset']);
export const planInstallmentStatus = pgEnum('plan_installment_status', ['scheduled', 'paid', 'partially_paid', 'missed', 'deferred']);
export const otpPurpose = pgEnum('otp_purpose', ['login', 'sign']);
/** Who a contact reached: the borrower, or a third party (never told anything about the debt). */
export const contactParty = pgEnum('contact_party', ['borrower', 'third_party']);
/** What a staff member's contact came to, as they record it (the rules count it through contact_outcome). */
export const contactResult = pgEnum('contact_result', ['reached', 'no_answer', 'promise_to_pay', 'refused', 'wrong_number', 'dispute']);
export const promiseStatus = pgEnum('promise_status', ['open', 'kept', 'broken', 'cancelled']);
export const callbackStatus = pgEnum('callback_status', ['open', 'done', 'cancelled']);
export const planDocumentKind = pgEnum('plan_document_kind', ['delay_addendum', 'settlement_certificate']);
export const paymentSource = pgEnum('payment_source', ['staff', 'import', 'seed']);
