import 'server-only';
import { consentTextVersion, E_SIGN_CONSENT_TEXT } from '@/lib/pdf/agreement-text';

/** The e-signature disclosure as the signing page shows it (the same text the document prints and the record hashes). */
export function consentFor(locale: 'zh-CN' | 'en'): { title: string; paragraphs: string[]; version: string } {
  const text = E_SIGN_CONSENT_TEXT[locale];
  return { title: text.title, paragraphs: [...text.paragraphs], version: consentTextVersion };
}
