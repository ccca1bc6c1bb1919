import 'server-only';
import { parse } from 'csv-parse/sync';
import iconv from 'iconv-lite';
import { parseAmountToFen } from '@/lib/domain/money';
import { parseImportDate } from '@/lib/domain/portfolio-row';
import { MAX_PAYMENT_FEN, paymentChannels, referenceField, type PaymentChannel } from '@/lib/validation/plan';
import { readingProblem } from '../imports/import-file';

/**
 * Reading a payment file (CSV) from a bank or a payment processor: decoded as UTF-8 (with or without a BOM) or GBK
 * (GB18030, what Excel on a Chinese Windows saves), detected or chosen; parsed with csv-parse (quoted commas and
 * line breaks, CRLF); each row checked on its own, so the preview can name every problem by line and column.
 * Pure: no database. Which rows belong to a plan is the import service's to decide.
 */
export const MAX_PAYMENT_FILE_BYTES = 5 * 1024 * 1024;
export const MAX_PAYMENT_ROWS = 20_000;

export type FileEncoding = 'utf-8' | 'gbk';
export type EncodingChoice = 'auto' | FileEncoding;

export type PaymentColumn = 'contractNo' | 'amount' | 'receivedOn' | 'channel' | 'reference' | 'note';

/** Header names accepted for each column, in English and Chinese (case and spaces ignored). */
const headerNames: Record<PaymentColumn, readonly string[]> = {
  contractNo: ['contract_no', 'contract', 'contractno', '合同号', '借款合同号', '合同编号'],
  amount: ['amount', '金额', '还款金额', '到账金额'],
  receivedOn: ['received_on', 'date', 'receivedon', '到账日期', '还款日期', '日期'],
  channel: ['channel', '渠道', '还款渠道', '支付方式'],
  reference: ['reference', 'ref', '流水号', '交易流水号', '参考号'],
  note: ['note', '备注'],
};
const required: readonly PaymentColumn[] = ['contractNo', 'amount', 'receivedOn', 'channel', 'reference'];

const channelNames: Record<string, PaymentChannel> = {
  银行转账: 'bank_transfer',
  转账: 'bank_transfer',
  支付宝: 'alipay',
  微信: 'wechat_pay',
  微信支付: 'wechat_pay',
  银联: 'unionpay',
  现金: 'cash',
  其他: 'other',
};

export type RowProblem = { column: PaymentColumn | 'row'; key: string; params?: Record<string, string | number> };

export type ParsedPaymentRow = {
  /** The row number as a spreadsheet shows it (the header is row 1). */
  line: number;
  raw: Record<PaymentColumn, string>;
  value: { contractNo: string; amount: number; receivedOn: string; channel: PaymentChannel; reference: string; note: string } | null;
  problems: RowProblem[];
};

export type PaymentFile =
  | { ok: true; encoding: FileEncoding; rows: ParsedPaymentRow[] }
  | { ok: false; problem: 'empty' | 'tooLarge' | 'binary' | 'encoding' | 'malformed' | 'header' | 'tooManyRows'; params?: Record<string, string | number> };

export function decodePaymentFile(bytes: Buffer, choice: EncodingChoice): { text: string; encoding: FileEncoding } | null {
  const bom = bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf;
  if (choice === 'gbk') return { text: iconv.decode(bytes, 'gb18030'), encoding: 'gbk' };
  try {
    const text = new TextDecoder('utf-8', { fatal: true }).decode(bom ? bytes.subarray(3) : bytes);
    return { text, encoding: 'utf-8' };
  } catch {
    return choice === 'utf-8' ? null : { text: iconv.decode(bytes, 'gb18030'), encoding: 'gbk' };
  }
}

const normalizeHeader = (name: string) => name.normalize('NFKC').trim().toLowerCase().replace(/\s+/g, '_');

/** Decodes, parses and checks a payment file; `today` is the importer's calendar day (no payment is dated after it). */
export function readPaymentFile(bytes: Buffer, choice: EncodingChoice, today: string): PaymentFile {
  if (bytes.length === 0) return { ok: false, problem: 'empty' };
  if (bytes.length > MAX_PAYMENT_FILE_BYTES) return { ok: false, problem: 'tooLarge', params: { max: MAX_PAYMENT_FILE_BYTES / 1024 / 1024 } };
  // A CSV never holds a NUL byte (nor does GBK or UTF-8 text): a spreadsheet, an image or an archive renamed .csv.
  if (bytes.subarray(0, 8192).includes(0)) return { ok: false, problem: 'binary' };
  const decoded = decodePaymentFile(bytes, choice);
  if (!decoded) return { ok: false, problem: 'encoding' };
  let records: string[][];
  try {
    records = parse(decoded.text, { bom: true, relax_column_count: true, skip_empty_lines: true, trim: true }) as string[][];
  } catch (error) {
    // Named by the row the preview would give it (the parser's line count is where it gave up: the end of the file, for
    // a quote never closed).
    const problem = readingProblem(error, 0);
    if (problem.key !== 'malformed') throw error;
    return { ok: false, problem: 'malformed', params: problem.params };
  }
  if (records.length === 0) return { ok: false, problem: 'empty' };
  const [header, ...body] = records;
  const index = new Map<PaymentColumn, number>();
  const unknown: string[] = [];
  header!.forEach((name, i) => {
    const column = (Object.keys(headerNames) as PaymentColumn[]).find((c) => headerNames[c].includes(normalizeHeader(name)));
    if (column && !index.has(column)) index.set(column, i);
    else if (name.trim()) unknown.push(name.trim());
  });
  const missing = required.filter((c) => !index.has(c));
  if (missing.length) return { ok: false, problem: 'header', params: { missing: missing.join(', '), unknown: unknown.join(', ') || '—' } };
  if (body.length === 0) return { ok: false, problem: 'empty' };
  if (body.length > MAX_PAYMENT_ROWS) return { ok: false, problem: 'tooManyRows', params: { max: MAX_PAYMENT_ROWS } };

  const seen = new Map<string, number>();
  const rows = body.map((record, i): ParsedPaymentRow => {
    const cell = (c: PaymentColumn) => (index.has(c) ? (record[index.get(c)!] ?? '').trim() : '');
    const raw = { contractNo: cell('contractNo'), amount: cell('amount'), receivedOn: cell('receivedOn'), channel: cell('channel'), reference: cell('reference'), note: cell('note') };
    const problems: RowProblem[] = [];
    // The row as a spreadsheet numbers it (the header is row 1; a quoted cell spanning lines is still one row).
    const line = i + 2;
    if (!raw.contractNo) problems.push({ column: 'contractNo', key: 'required' });
    const amount = parseAmountToFen(raw.amount);
    if (!raw.amount) problems.push({ column: 'amount', key: 'required' });
    else if (amount === null) problems.push({ column: 'amount', key: 'amount' });
    else if (amount === 0) problems.push({ column: 'amount', key: 'amountZero' });
    else if (amount > MAX_PAYMENT_FEN) problems.push({ column: 'amount', key: 'amountTooLarge' });
    const receivedOn = parseImportDate(raw.receivedOn);
    if (!raw.receivedOn) problems.push({ column: 'receivedOn', key: 'required' });
    else if (!receivedOn) problems.push({ column: 'receivedOn', key: 'date' });
    else if (receivedOn > today) problems.push({ column: 'receivedOn', key: 'dateFuture' });
    const channelText = raw.channel.normalize('NFKC').trim();
    const channel = (paymentChannels as readonly string[]).includes(channelText.toLowerCase()) ? (channelText.toLowerCase() as PaymentChannel) : channelNames[channelText];
    if (!raw.channel) problems.push({ column: 'channel', key: 'required' });
    else if (!channel) problems.push({ column: 'channel', key: 'channel', params: { value: raw.channel } });
    const reference = referenceField.safeParse(raw.reference);
    if (!reference.success) problems.push({ column: 'reference', key: reference.error.issues[0]!.message.replace(/^validation\./, '') });
    else if (seen.has(reference.data)) problems.push({ column: 'reference', key: 'duplicateInFile', params: { line: seen.get(reference.data)! } });
    else seen.set(reference.data, line);
    if (raw.note.length > 500) problems.push({ column: 'note', key: 'tooLong' });
    const value = problems.length ? null : { contractNo: raw.contractNo, amount: amount!, receivedOn: receivedOn!, channel: channel!, reference: reference.data!, note: raw.note };
    return { line, raw, value, problems };
  });
  return { ok: true, encoding: decoded.encoding, rows };
}
