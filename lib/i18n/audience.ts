import type { Messages } from './messages';

/**
 * Who a message namespace speaks to. Borrower namespaces address the borrower
 * about their own debt ("您已签署"); staff namespaces speak of the borrower in
 * the third person ("借款人已签署"); the others are for whoever reads them
 * (errors, the page chrome, neutral terms such as "分期还款").
 *
 * A borrower page uses borrower and neutral namespaces only, a staff page staff
 * and neutral ones; a component drawn on both takes the audience and picks its
 * namespace with `forAudience`. lib/i18n/audience.test.ts checks every source file.
 */
export type Audience = 'borrower' | 'staff';
export type NamespaceAudience = Audience | 'any';
export type Namespace = keyof Messages;

export const namespaceAudience: Record<Namespace, NamespaceAudience> = {
  // The reader's own account (sessions, password), whoever they are.
  account: 'any',
  admin: 'staff',
  approvals: 'staff',
  casePage: 'borrower',
  caseState: 'borrower',
  caseThread: 'borrower',
  // The public "is this message genuine?" page: read by the borrower who received an invitation.
  check: 'borrower',
  common: 'any',
  countersign: 'staff',
  dashboard: 'staff',
  errorPage: 'any',
  errors: 'any',
  hardship: 'borrower',
  hardshipTerms: 'any',
  help: 'any',
  home: 'borrower',
  journey: 'borrower',
  litigation: 'borrower',
  loanPage: 'borrower',
  login: 'borrower',
  nextStep: 'borrower',
  notFound: 'any',
  notifications: 'borrower',
  offerTerms: 'any',
  offers: 'borrower',
  outbox: 'staff',
  // Plan tracking (issue 17): the borrower's plan and delay pages; the case file's plan section and the payment import.
  plan: 'borrower',
  planDelay: 'borrower',
  staffPlan: 'staff',
  paymentImport: 'staff',
  outcomes: 'staff',
  policyForm: 'staff',
  review: 'staff',
  setPassword: 'staff',
  rights: 'borrower',
  signing: 'borrower',
  staff: 'staff',
  staffAdmin: 'staff',
  staffCase: 'staff',
  staffCaseState: 'staff',
  staffCaseThread: 'staff',
  staffHardship: 'staff',
  staffImport: 'staff',
  staffLogin: 'staff',
  staffTemplates: 'staff',
  staffNotifications: 'staff',
  staffOffers: 'staff',
  staffLitigation: 'staff',
  contactSettings: 'borrower',
  staffCaseFile: 'staff',
  staffQueue: 'staff',
  validation: 'any',
  verify: 'any',
  verifyBundle: 'any',
};

/** The namespace a shared component uses for its reader: `forAudience(audience, { borrower: 'caseState', staff: 'staffCaseState' })`. */
export function forAudience<B extends Namespace, S extends Namespace>(audience: Audience, namespaces: { borrower: B; staff: S }): B | S {
  return audience === 'staff' ? namespaces.staff : namespaces.borrower;
}
