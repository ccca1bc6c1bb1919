import en_account from '@/messages/en/account.json';
import zh_account from '@/messages/zh-CN/account.json';
import en_approvals from '@/messages/en/approvals.json';
import zh_approvals from '@/messages/zh-CN/approvals.json';
import en_casePage from '@/messages/en/casePage.json';
import zh_casePage from '@/messages/zh-CN/casePage.json';
import en_caseState from '@/messages/en/caseState.json';
import zh_caseState from '@/messages/zh-CN/caseState.json';
import en_caseThread from '@/messages/en/caseThread.json';
import zh_caseThread from '@/messages/zh-CN/caseThread.json';
import en_check from '@/messages/en/check.json';
import zh_check from '@/messages/zh-CN/check.json';
import en_common from '@/messages/en/common.json';
import zh_common from '@/messages/zh-CN/common.json';
import en_countersign from '@/messages/en/countersign.json';
import zh_countersign from '@/messages/zh-CN/countersign.json';
import en_errorPage from '@/messages/en/errorPage.json';
import zh_errorPage from '@/messages/zh-CN/errorPage.json';
import en_errors from '@/messages/en/errors.json';
import zh_errors from '@/messages/zh-CN/errors.json';
import en_hardship from '@/messages/en/hardship.json';
import zh_hardship from '@/messages/zh-CN/hardship.json';
import en_hardshipTerms from '@/messages/en/hardshipTerms.json';
import zh_hardshipTerms from '@/messages/zh-CN/hardshipTerms.json';
import en_help from '@/messages/en/help.json';
import zh_help from '@/messages/zh-CN/help.json';
import en_home from '@/messages/en/home.json';
import zh_home from '@/messages/zh-CN/home.json';
import en_journey from '@/messages/en/journey.json';
import zh_journey from '@/messages/zh-CN/journey.json';
import en_litigation from '@/messages/en/litigation.json';
import zh_litigation from '@/messages/zh-CN/litigation.json';
import en_loanPage from '@/messages/en/loanPage.json';
import zh_loanPage from '@/messages/zh-CN/loanPage.json';
import en_login from '@/messages/en/login.json';
import zh_login from '@/messages/zh-CN/login.json';
import en_nextStep from '@/messages/en/nextStep.json';
import zh_nextStep from '@/messages/zh-CN/nextStep.json';
import en_notFound from '@/messages/en/notFound.json';
import zh_notFound from '@/messages/zh-CN/notFound.json';
import en_notifications from '@/messages/en/notifications.json';
import zh_notifications from '@/messages/zh-CN/notifications.json';
import en_offerTerms from '@/messages/en/offerTerms.json';
import zh_offerTerms from '@/messages/zh-CN/offerTerms.json';
import en_offers from '@/messages/en/offers.json';
import zh_offers from '@/messages/zh-CN/offers.json';
import en_outbox from '@/messages/en/outbox.json';
import zh_outbox from '@/messages/zh-CN/outbox.json';
import en_rights from '@/messages/en/rights.json';
import zh_rights from '@/messages/zh-CN/rights.json';
import en_signing from '@/messages/en/signing.json';
import zh_signing from '@/messages/zh-CN/signing.json';
import en_staff from '@/messages/en/staff.json';
import zh_staff from '@/messages/zh-CN/staff.json';
import en_staffAdmin from '@/messages/en/staffAdmin.json';
import zh_staffAdmin from '@/messages/zh-CN/staffAdmin.json';
import en_staffCase from '@/messages/en/staffCase.json';
import zh_staffCase from '@/messages/zh-CN/staffCase.json';
import en_staffCaseState from '@/messages/en/staffCaseState.json';
import zh_staffCaseState from '@/messages/zh-CN/staffCaseState.json';
import en_staffCaseThread from '@/messages/en/staffCaseThread.json';
import zh_staffCaseThread from '@/messages/zh-CN/staffCaseThread.json';
import en_staffHardship from '@/messages/en/staffHardship.json';
import zh_staffHardship from '@/messages/zh-CN/staffHardship.json';
import en_staffImport from '@/messages/en/staffImport.json';
import zh_staffImport from '@/messages/zh-CN/staffImport.json';
import en_staffTemplates from '@/messages/en/staffTemplates.json';
import zh_staffTemplates from '@/messages/zh-CN/staffTemplates.json';
import en_staffLogin from '@/messages/en/staffLogin.json';
import zh_staffLogin from '@/messages/zh-CN/staffLogin.json';
import en_staffNotifications from '@/messages/en/staffNotifications.json';
import zh_staffNotifications from '@/messages/zh-CN/staffNotifications.json';
import en_staffOffers from '@/messages/en/staffOffers.json';
import en_contactSettings from '@/messages/en/contactSettings.json';
import zh_contactSettings from '@/messages/zh-CN/contactSettings.json';
import en_staffCaseFile from '@/messages/en/staffCaseFile.json';
import zh_staffCaseFile from '@/messages/zh-CN/staffCaseFile.json';
import en_staffQueue from '@/messages/en/staffQueue.json';
import zh_staffQueue from '@/messages/zh-CN/staffQueue.json';
import zh_staffOffers from '@/messages/zh-CN/staffOffers.json';
import en_staffLitigation from '@/messages/en/staffLitigation.json';
import zh_staffLitigation from '@/messages/zh-CN/staffLitigation.json';
import en_validation from '@/messages/en/validation.json';
import zh_validation from '@/messages/zh-CN/validation.json';
import en_verify from '@/messages/en/verify.json';
import zh_verify from '@/messages/zh-CN/verify.json';
import en_verifyBundle from '@/messages/en/verifyBundle.json';
import zh_verifyBundle from '@/messages/zh-CN/verifyBundle.json';
import en_plan from '@/messages/en/plan.json';
import zh_plan from '@/messages/zh-CN/plan.json';
import en_planDelay from '@/messages/en/planDelay.json';
import zh_planDelay from '@/messages/zh-CN/planDelay.json';
import en_staffPlan from '@/messages/en/staffPlan.json';
import zh_staffPlan from '@/messages/zh-CN/staffPlan.json';
import en_paymentImport from '@/messages/en/paymentImport.json';
import zh_paymentImport from '@/messages/zh-CN/paymentImport.json';
import en_dashboard from '@/messages/en/dashboard.json';
import zh_dashboard from '@/messages/zh-CN/dashboard.json';
import en_outcomes from '@/messages/en/outcomes.json';
import zh_outcomes from '@/messages/zh-CN/outcomes.json';
import en_review from '@/messages/en/review.json';
import zh_review from '@/messages/zh-CN/review.json';
import en_admin from '@/messages/en/admin.json';
import zh_admin from '@/messages/zh-CN/admin.json';
import en_policyForm from '@/messages/en/policyForm.json';
import zh_policyForm from '@/messages/zh-CN/policyForm.json';
import en_setPassword from '@/messages/en/setPassword.json';
import zh_setPassword from '@/messages/zh-CN/setPassword.json';
import type { Locale } from './config';

/**
 * The messages, one JSON file per namespace and language under messages/<locale>/
 * (so that work on different parts of the portal does not edit one shared file).
 * A namespace is listed here once per language; a unit test fails when a file in
 * messages/ is missing from this list or the two languages' keys differ.
 */
const zhCN = {
  setPassword: zh_setPassword,
  policyForm: zh_policyForm,
  admin: zh_admin,
  review: zh_review,
  outcomes: zh_outcomes,
  dashboard: zh_dashboard,
  account: zh_account,
  approvals: zh_approvals,
  casePage: zh_casePage,
  caseState: zh_caseState,
  caseThread: zh_caseThread,
  check: zh_check,
  common: zh_common,
  countersign: zh_countersign,
  errorPage: zh_errorPage,
  errors: zh_errors,
  hardship: zh_hardship,
  hardshipTerms: zh_hardshipTerms,
  help: zh_help,
  home: zh_home,
  journey: zh_journey,
  litigation: zh_litigation,
  loanPage: zh_loanPage,
  login: zh_login,
  nextStep: zh_nextStep,
  notFound: zh_notFound,
  notifications: zh_notifications,
  offerTerms: zh_offerTerms,
  offers: zh_offers,
  outbox: zh_outbox,
  rights: zh_rights,
  signing: zh_signing,
  staff: zh_staff,
  staffAdmin: zh_staffAdmin,
  staffCase: zh_staffCase,
  staffCaseState: zh_staffCaseState,
  staffCaseThread: zh_staffCaseThread,
  staffHardship: zh_staffHardship,
  staffImport: zh_staffImport,
  staffLogin: zh_staffLogin,
  staffTemplates: zh_staffTemplates,
  staffNotifications: zh_staffNotifications,
  staffOffers: zh_staffOffers,
  staffLitigation: zh_staffLitigation,
  contactSettings: zh_contactSettings,
  staffCaseFile: zh_staffCaseFile,
  staffQueue: zh_staffQueue,
  validation: zh_validation,
  verify: zh_verify,
  verifyBundle: zh_verifyBundle,
  plan: zh_plan,
  planDelay: zh_planDelay,
  staffPlan: zh_staffPlan,
  paymentImport: zh_paymentImport,
};

export type Messages = typeof zhCN;

const en: Messages = {
  setPassword: en_setPassword,
  policyForm: en_policyForm,
  admin: en_admin,
  review: en_review,
  outcomes: en_outcomes,
  dashboard: en_dashboard,
  account: en_account,
  approvals: en_approvals,
  casePage: en_casePage,
  caseState: en_caseState,
  caseThread: en_caseThread,
  check: en_check,
  common: en_common,
  countersign: en_countersign,
  errorPage: en_errorPage,
  errors: en_errors,
  hardship: en_hardship,
  hardshipTerms: en_hardshipTerms,
  help: en_help,
  home: en_home,
  journey: en_journey,
  litigation: en_litigation,
  loanPage: en_loanPage,
  login: en_login,
  nextStep: en_nextStep,
  notFound: en_notFound,
  notifications: en_notifications,
  offerTerms: en_offerTerms,
  offers: en_offers,
  outbox: en_outbox,
  rights: en_rights,
  signing: en_signing,
  staff: en_staff,
  staffAdmin: en_staffAdmin,
  staffCase: en_staffCase,
  staffCaseState: en_staffCaseState,
  staffCaseThread: en_staffCaseThread,
  staffHardship: en_staffHardship,
  staffImport: en_staffImport,
  staffLogin: en_staffLogin,
  staffTemplates: en_staffTemplates,
  staffNotifications: en_staffNotifications,
  staffOffers: en_staffOffers,
  staffLitigation: en_staffLitigation,
  contactSettings: en_contactSettings,
  staffCaseFile: en_staffCaseFile,
  staffQueue: en_staffQueue,
  validation: en_validation,
  verify: en_verify,
  verifyBundle: en_verifyBundle,
  plan: en_plan,
  paymentImport: en_paymentImport,
  staffPlan: en_staffPlan,
  planDelay: en_planDelay,
};

const all: Record<Locale, Messages> = { 'zh-CN': zhCN, en };

export function messagesFor(locale: Locale): Messages {
  return all[locale];
}
