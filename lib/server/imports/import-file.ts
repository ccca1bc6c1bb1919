import 'server-only';
import { Readable } from 'node:stream';
import { parse } from 'csv-parse';
import iconv from 'iconv-lite';
import type pg from 'pg';
import { detectEncoding, sniffBinary, type EncodingChoice, type TextEncoding } from '@/lib/domain/text-file';

/**
 * The portfolio file as stored (import_file_chunks, about 1 MB each) and read back as CSV records, streaming:
 * chunks are fetched one at a time, decoded (iconv-lite: UTF-8 with or without a BOM, or GBK as GB18030) and
 * parsed (csv-parse: quoted commas and line breaks, CRLF), so memory stays flat however large the file.
 */
export const importLimits = {
  /** The largest file taken, as told to admins ("100 MB") and as enforced. */
  maxMegabytes: 100,
  maxBytes: 100 * 1024 * 1024,
  maxRows: 300_000,
  chunkBytes: 1024 * 1024,
  /** A record longer than this is not a portfolio row (a file with an unclosed quote, or not a CSV at all). */
  maxRecordBytes: 64 * 1024,
} as const;

export async function* fileChunks(client: pg.ClientBase, batchId: string): AsyncGenerator<Buffer> {
  for (let seq = 0; ; seq++) {
    const { rows } = await client.query<{ bytes: Buffer }>('select bytes from import_file_chunks where batch_id = $1 and seq = $2', [batchId, seq]);
    if (!rows[0]) return;
    yield rows[0].bytes;
  }
}

export type FileProblem = { key: 'empty' | 'binary' | 'workbook' | 'malformed' | 'header' | 'noRows' | 'tooManyRows' | 'checkFailed'; params?: Record<string, string | number> };

/**
 * What an error met while reading and checking a file says to the admin: a CSV parser's error (its codes start with
 * CSV_: an unclosed quote, a record over the size limit) is the file's, from the row that could not be read — the
 * one after the last record parsed, numbered as the preview numbers rows (the parser's line count is where it gave
 * up: for a quote never closed, the end of the file); anything else (the database, a checker thread, the
 * configuration) is ours, and is not blamed on the file.
 */
export function readingProblem(error: unknown, nextRow: number): FileProblem {
  const { code, records } = (error ?? {}) as { code?: unknown; records?: unknown };
  // The parser's count of the records it read, the header's included (row 1): the next is on row records + 1. The
  // reader's own count can be behind it, since the parser reads ahead of what it has handed over.
  if (typeof code === 'string' && code.startsWith('CSV_')) return { key: 'malformed', params: { line: typeof records === 'number' ? records + 1 : nextRow } };
  return { key: 'checkFailed' };
}

/** The first bytes of the file: what it is, and in which encoding it is read. */
export function sniffFile(prefix: Buffer, choice: EncodingChoice): { ok: true; encoding: TextEncoding } | { ok: false; problem: FileProblem } {
  if (prefix.length === 0) return { ok: false, problem: { key: 'empty' } };
  const binary = sniffBinary(prefix.subarray(0, 64 * 1024));
  if (binary === 'xlsx' || binary === 'xls') return { ok: false, problem: { key: 'workbook' } };
  if (binary) return { ok: false, problem: { key: 'binary', params: { kind: binary } } };
  return { ok: true, encoding: detectEncoding(prefix.subarray(0, 64 * 1024), choice) };
}

/** CSV records from a stream of bytes; each with the spreadsheet row it came from is the caller's count. */
export function csvRecords(bytes: AsyncIterable<Buffer>, encoding: TextEncoding): AsyncIterable<string[]> {
  const decoder = iconv.decodeStream(encoding === 'gbk' ? 'gb18030' : 'utf-8', { stripBOM: true });
  const parser = parse({ bom: true, relax_column_count: true, skip_empty_lines: true, trim: false, max_record_size: importLimits.maxRecordBytes });
  const source = Readable.from(bytes);
  source.on('error', (error) => parser.destroy(error));
  decoder.on('error', (error: Error) => parser.destroy(error));
  source.pipe(decoder).pipe(parser);
  return parser;
}

/** A cell that held bytes the chosen encoding cannot read (decoded as U+FFFD). */
export const hasUndecodable = (value: string) => value.includes('\uFFFD');
