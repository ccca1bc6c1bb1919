/**
 * Every event recorded on an agreement, in words, in both languages, as the
 * signing certificate prints it ("借款人签署 / Signed by the borrower") — never
 * the raw event name. A test checks that every agreement event the code records
 * is here.
 */
export const agreementEvents = {
  'agreement.created': { zh: '方案被接受，协议生成', en: 'Offer accepted, agreement created' },
  'agreement.document_generated': { zh: '待签署文件生成（哈希已记录）', en: 'Document for signature generated (hash recorded)' },
  'agreement.downloaded': { zh: '协议被下载', en: 'Agreement downloaded' },
  'agreement.signing_code_sent': { zh: '签署验证码已发送', en: 'Signing code sent' },
  'agreement.code_failed': { zh: '签署验证码输入错误', en: 'Wrong signing code entered' },
  'agreement.consent_given': { zh: '同意以电子方式签署', en: 'Consent to sign electronically' },
  'agreement.code_verified': { zh: '验证码核验通过', en: 'Code verified' },
  'agreement.signed_by_borrower': { zh: '借款人签署', en: 'Signed by the borrower' },
  'agreement.signed_by_mediator': { zh: '调解员签署', en: 'Signed by the mediator' },
  'agreement.sealed_for_creditor': { zh: '依授权加盖贷款机构电子签章', en: "Creditor's seal applied under its authorisation" },
  'agreement.countersigned': { zh: '贷款机构会签', en: 'Countersigned for the lender' },
  'agreement.superseded': { zh: '协议作废，待更正', en: 'Agreement set aside for correction' },
  'agreement.lapsed': { zh: '协议失效：首期还款日前未签署', en: 'Agreement lapsed: not signed before its first payment date' },
  'agreement.voided': { zh: '协议作废：未生效前案件结束或已订立新协议', en: 'Agreement void: the case ended, or a new agreement was made, before it came into force' },
} as const satisfies Record<`agreement.${string}`, { zh: string; en: string }>;

export type AgreementEvent = keyof typeof agreementEvents;

/** What a download was of, in words. */
const downloadKinds: Record<string, { zh: string; en: string }> = {
  unsigned: { zh: '待签署版', en: 'copy for review' },
  signed: { zh: '借款人签署版', en: 'copy signed by the borrower' },
  executed: { zh: '生效版', en: 'copy in force' },
};

export function isAgreementEvent(action: string): action is AgreementEvent {
  return Object.hasOwn(agreementEvents, action);
}

/** An event in words, Chinese and English; an event this list does not know is still named in words, never by its code. */
export function describeAgreementEvent(action: string, data: Record<string, unknown> = {}): string {
  const words = isAgreementEvent(action) ? agreementEvents[action] : { zh: '其他记录', en: 'Other record' };
  const kind = action === 'agreement.downloaded' && typeof data.kind === 'string' ? downloadKinds[data.kind] : undefined;
  return kind ? `${words.zh}（${kind.zh}）/ ${words.en} (${kind.en})` : `${words.zh} / ${words.en}`;
}
