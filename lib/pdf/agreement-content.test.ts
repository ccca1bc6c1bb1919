import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { agreementContent, type AgreementContent } from './agreement-content';
import { sampleSnapshot, type SampleOptions } from './fixtures';
import { renderAgreementPdf } from './render-agreement';

const poppler = existsSync('/usr/bin/pdftotext');
const withPoppler = poppler ? it : it.skip;
const dir = mkdtempSync(path.join(tmpdir(), 'concord-content-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** The PDF's text in reading order, with the page footers taken out and all white space removed; and the first page's two halves (the party boxes). */
async function pdfText(options: SampleOptions): Promise<{ all: string; left: string; right: string }> {
  const file = path.join(dir, `${Math.random().toString(36).slice(2)}.pdf`);
  writeFileSync(file, await renderAgreementPdf({ snapshot: sampleSnapshot(options) }));
  const read = (...args: string[]) => execFileSync('/usr/bin/pdftotext', [...args, file, '-'], { encoding: 'utf8' });
  const clean = (raw: string) =>
    raw
      .split('\n')
      .filter((line) => !/K7QM-2XWD-9P ·|第 \d+ 页 \/ 共 \d+ 页|Page \d+ of \d+/.test(line))
      .join('')
      .replace(/\s+/g, '');
  const half = (x: number) => clean(read('-f', '1', '-l', '1', '-x', String(x), '-y', '0', '-W', '298', '-H', '842'));
  return { all: clean(read()), left: half(0), right: half(297) };
}

const squeeze = (text: string) => text.replace(/\s+/g, '');

/** Every piece of text the HTML shows. */
function pieces(c: AgreementContent): string[] {
  const rows = (r: { label: string; value: string }[]) => r.flatMap((row) => [row.label, row.value]);
  return [
    c.title,
    c.otherTitle,
    c.subtitle,
    ...rows(c.meta),
    c.verifyHint,
    c.creditor.role,
    c.borrower.role,
    c.preamble,
    ...c.blocks.flatMap((b) => (b.kind === 'heading' || b.kind === 'para' || b.kind === 'intro' ? [b.text] : b.kind === 'rows' ? rows(b.rows) : b.kind === 'quote' ? [b.title, ...b.paras] : [])),
    ...c.schedule.rows.flatMap((r) => [r.dueDate, r.amount]),
    c.schedule.total.amount,
    c.keyTerms.title,
    c.endOfText,
  ];
}

describe('the agreement as readable HTML', () => {
  for (const options of [
    { structure: 'installments', relief: true, downPayment: true },
    { structure: 'extension_installments' },
    { structure: 'settlement', relief: true, locale: 'en' },
    { structure: 'installments', pauseMonths: 3, locale: 'en' },
  ] as SampleOptions[]) {
    withPoppler(`says exactly what its PDF says (${options.structure}, ${options.locale ?? 'zh-CN'})`, async () => {
      const text = await pdfText(options);
      const content = agreementContent(sampleSnapshot(options));
      const missing = pieces(content).filter((piece) => !text.all.includes(squeeze(piece)));
      expect(missing).toEqual([]);
      // The two party boxes stand side by side on the first page: each is read from its own half.
      // A label wraps in its narrow column beside the value: its words are read one by one.
      const inHalf = (half: string, rows: { label: string; value: string }[]) => rows.flatMap((row) => [...row.label.split(' '), row.value]).filter((piece) => !half.includes(squeeze(piece).replace(/[()]/g, '')) && !half.includes(squeeze(piece)));
      expect([...inHalf(text.left, content.creditor.rows), ...inHalf(text.right, content.borrower.rows)]).toEqual([]);
    }, 60_000);
  }

  it('a paused plan says so: how long, until when, and what interest', () => {
    const zh = agreementContent(sampleSnapshot({ structure: 'installments', pauseMonths: 3 }));
    const text = zh.blocks.map((b) => ('text' in b ? b.text : '')).join('\n');
    expect(text).toContain('乙方暂停还款3个月');
    expect(text).toContain('暂停期间按原利率的50%计收利息');
    expect(zh.keyTerms.rows.map((r) => r.label)).toContain('Payment pause');
  });

  it('follows the clauses and consent of the version the agreement was made in', () => {
    const current = agreementContent(sampleSnapshot({ structure: 'installments' }));
    const first = agreementContent(sampleSnapshot({ structure: 'installments', textVersion: '2026-11-v1' }));
    const esign = (c: AgreementContent) => c.blocks.filter((b) => b.kind === 'para' || b.kind === 'intro').map((b) => (b as { text: string }).text).join('\n');
    expect(esign(current)).toContain('调解员以中立调解员的身份签署');
    expect(esign(first)).toContain('授权代表');
    const consent = (c: AgreementContent) => c.blocks.find((b) => b.kind === 'quote') as { paras: string[] };
    expect(consent(current).paras[0]).toContain('如果我另外手写了签名');
    expect(consent(first).paras[0]).toContain('我手写的签名图像');
  });
});
