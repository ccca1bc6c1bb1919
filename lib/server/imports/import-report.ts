// i18n-audience: staff
import 'server-only';
import { asc, eq } from 'drizzle-orm';
import { createTranslator } from 'use-intl/core';
import { getDb } from '@/db/client';
import { importBatches, importRowErrors } from '@/db/schema';
import { csvLine, utf8Bom } from '@/lib/domain/csv';
import { headerNames, portfolioColumns, portfolioExample, reasonHeader, requiredColumns } from '@/lib/domain/portfolio-columns';
import type { Locale } from '@/lib/i18n/config';
import { messagesFor, type Messages } from '@/lib/i18n/messages';
import type { Actor } from '../actor';
import { decryptField } from '../crypto';
import { isUuid } from '../cases/case-access';
import { AppError } from '../errors';
import { requireAdmin } from '../require-admin';
import { servesCreditor } from '../staff-scope';

/**
 * The files of the import page, all CSV in UTF-8 with a byte-order mark (so Excel opens them as UTF-8): the
 * template and the field reference in each language, and a batch's error report — the rows that cannot be
 * imported, exactly as they were written under the file's own header, plus a reason column (which the importer
 * ignores), so the admin fixes the cells and uploads the report as it is.
 */
export type CsvFile = { filename: string; body: Buffer };

type Problem = { column: string; key: string; params?: Record<string, string | number> };

function importTranslator(locale: Locale) {
  return createTranslator({ locale, messages: messagesFor(locale) as Messages, namespace: 'staffImport' }) as unknown as (key: string, values?: Record<string, string | number>) => string;
}

/** One problem in words: "Mobile: Not a mainland mobile number…". */
export function describeProblem(locale: Locale, problem: Problem): string {
  const t = importTranslator(locale);
  return t('reasonLine', { column: t(`column.${problem.column}`), problem: t(`problem.${problem.key}`, problem.params ?? {}) });
}

const file = (filename: string, text: string): CsvFile => ({ filename, body: Buffer.from(utf8Bom + text, 'utf8') });

export function portfolioTemplateCsv(locale: Locale): CsvFile {
  const header = portfolioColumns.map((c) => headerNames[c][locale]);
  const example = portfolioColumns.map((c) => portfolioExample[c][locale]);
  return file(`portfolio-template-${locale}.csv`, csvLine(header) + csvLine(example));
}

export function fieldReferenceCsv(locale: Locale): CsvFile {
  const t = importTranslator(locale);
  const lines = [csvLine([t('reference.colColumn'), t('reference.colRequired'), t('reference.colFormat'), t('reference.colExample')])];
  for (const column of portfolioColumns) {
    lines.push(csvLine([headerNames[column][locale], t(requiredColumns.includes(column) ? 'reference.yes' : 'reference.no'), t(`reference.${column}`), portfolioExample[column][locale]]));
  }
  return file(`portfolio-fields-${locale}.csv`, lines.join(''));
}

export async function importErrorReport(actor: Actor, batchId: string, locale: Locale): Promise<CsvFile> {
  const admin = requireAdmin(actor);
  if (!isUuid(batchId)) throw new AppError('NOT_FOUND');
  const db = getDb();
  const [batch] = await db.select().from(importBatches).where(eq(importBatches.id, batchId));
  if (!batch || !servesCreditor(admin, batch.creditorId) || !batch.header) throw new AppError('NOT_FOUND');
  // A report uploaded again keeps its reason column in place, with the new reasons; otherwise one is added.
  const header = batch.header.map((h) => h.replace(/^\uFEFF/, ''));
  const existing = header.findIndex((h) => h.trim() === reasonHeader['zh-CN'] || h.trim() === reasonHeader.en);
  const reasonAt = existing >= 0 ? existing : header.length;
  const lines = [csvLine(existing >= 0 ? header : [...header, reasonHeader[locale]])];
  const rows = await db.select().from(importRowErrors).where(eq(importRowErrors.batchId, batch.id)).orderBy(asc(importRowErrors.line));
  for (const row of rows) {
    const cells = (JSON.parse(decryptField(row.rawEnc)) as string[]).slice(0, header.length);
    while (cells.length < header.length) cells.push('');
    cells[reasonAt] = row.problems.map((p) => describeProblem(locale, p)).join(' ');
    lines.push(csvLine(cells));
  }
  const base = batch.filename.replace(/\.csv$/i, '');
  return file(`${base}-errors.csv`, lines.join(''));
}
