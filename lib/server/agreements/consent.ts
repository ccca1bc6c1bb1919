import 'server-only';
import { consentTextFor } from '@/lib/pdf/agreement-text';

/**
 * The e-signature disclosure as the signing page shows it: the version the agreement was made with (the same text
 * its document prints and its signature record hashes).
 */
export function consentFor(locale: 'zh-CN' | 'en', version: string): { title: string; paragraphs: string[]; version: string } {
  const text = consentTextFor(version, locale);
  return { title: text.title, paragraphs: [...text.paragraphs], version };
}
