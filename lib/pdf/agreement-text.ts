import type { DocLocale } from './format';
import { consentEn, consentEnV1, textEn } from './text/en';
import type { AgreementText, ConsentText } from './text/types';
import { consentZh, consentZhV1, textZh } from './text/zh-CN';

/**
 * The repayment agreement's legal text (还款协议), in both languages, versioned
 * with the document. The clauses take the agreement's facts already formatted
 * for their language (lib/pdf/facts.ts), so a clause never formats money or dates.
 */

/**
 * The version of the agreement's clauses. Change it whenever a clause changes; the snapshot records it
 * (textVersion), and an agreement is always rendered in the version it was made in.
 * 2026-11-v1: countersigned by the creditor's authorised representative.
 * 2026-12-v2: three capacities — the creditor's seal applied under its standing authorisation, the mediator as 调解员.
 */
export const agreementTextVersion = '2026-12-v2';
export const firstAgreementTextVersion = '2026-11-v1';

/** The version of the e-signature consent text below; the snapshot records it (consentVersion). */
export const consentTextVersion = '2026-12-v2';

/** The e-signature consent, shown on the signing page and printed in the agreement (article 10). */
export const E_SIGN_CONSENT_TEXT: Readonly<Record<DocLocale, ConsentText>> = {
  'zh-CN': consentZh(consentTextVersion),
  en: consentEn(consentTextVersion),
};

/** Every consent text ever used, by version, so an agreement always prints the text the borrower agreed to. */
const consentTexts: Readonly<Record<string, Readonly<Record<DocLocale, ConsentText>>>> = {
  // v1 spoke of "the signature I draw" as if a drawing were always collected; it is optional.
  '2026-11-v1': { 'zh-CN': consentZhV1('2026-11-v1'), en: consentEnV1('2026-11-v1') },
  [consentTextVersion]: E_SIGN_CONSENT_TEXT,
};

export function consentTextFor(version: string, locale: DocLocale): ConsentText {
  const text = consentTexts[version]?.[locale];
  if (!text) throw new RangeError(`unknown e-signature consent text version ${version}`);
  return text;
}

/** The exact string to hash when recording consent: version, title and paragraphs, one per line. */
export function consentTextCanonical(locale: DocLocale, version = consentTextVersion): string {
  const text = consentTextFor(version, locale);
  return [text.version, text.title, ...text.paragraphs].join('\n');
}

export const AGREEMENT_TEXT: Readonly<Record<DocLocale, AgreementText>> = { 'zh-CN': textZh, en: textEn };
