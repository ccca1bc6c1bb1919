import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { PNG } from 'pngjs';
import QRCode from 'qrcode';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatMoney } from '@/lib/domain/money';
import type { OfferStructure } from '@/lib/domain/offer-terms';
import { AGREEMENT_TEXT, consentTextCanonical, consentTextFor, consentTextVersion, E_SIGN_CONSENT_TEXT } from './agreement-text';
import { agreementFacts } from './facts';
import { splitForLineBreaks } from './fonts';
import { formatBeijingTime, formatDate, formatRatePpm } from './format';
import { sampleCertificate, samplePng, sampleSignatures, sampleSnapshot, type SampleOptions } from './fixtures';
import { encodePng, flattenPng, isPng } from './png';
import { renderAgreementPdf, verificationQrDataUrl } from './render-agreement';

const bin = (name: string) => `/usr/bin/${name}`;
const poppler = ['pdftotext', 'pdffonts', 'pdfinfo'].every((name) => existsSync(bin(name)));
if (!poppler) console.warn('poppler-utils (pdftotext, pdffonts, pdfinfo) not found in /usr/bin: skipping the text, font and page checks. CI installs poppler-utils.');
const withPoppler = poppler ? it : it.skip;

let dir = '';
let files = 0;
beforeAll(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'concord-agreement-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function save(pdf: Buffer): string {
  const file = path.join(dir, `agreement-${++files}.pdf`);
  writeFileSync(file, pdf);
  return file;
}
const run = (name: string, ...args: string[]) => execFileSync(bin(name), args, { encoding: 'utf8' });
const text = (file: string) => run('pdftotext', '-layout', file, '-');
const pages = (file: string) => Number(/^Pages:\s+(\d+)/m.exec(run('pdfinfo', file))?.[1]);
/** Rows of pdffonts: name, then emb / sub / uni columns. */
const fonts = (file: string) =>
  run('pdffonts', file)
    .split('\n')
    .slice(2)
    .filter(Boolean)
    .map((line) => {
      const cols = line.trim().split(/\s+/);
      return { name: cols[0]!, emb: cols.at(-5), sub: cols.at(-4), uni: cols.at(-3) };
    });
/** The right edge of the rightmost word on any page, from pdftotext's word boxes. */
const rightmostWord = (file: string) => Math.max(...[...run('pdftotext', '-bbox', file, '-').matchAll(/xMax="([\d.]+)"/g)].map((m) => Number(m[1])));

const a4Width = 595.28;
const margin = 50;

describe('the repayment agreement PDF', () => {
  const structures: OfferStructure[] = ['settlement', 'installments', 'extension', 'extension_installments'];
  const combos: SampleOptions[] = [];
  for (const locale of ['zh-CN', 'en'] as const) {
    for (const structure of structures) {
      for (const relief of [false, true]) {
        // A down payment belongs to installments; an extension alone or a settlement has none.
        for (const downPayment of structure === 'installments' || structure === 'extension_installments' ? [false, true] : [false]) {
          combos.push({ locale, structure, relief, downPayment });
        }
      }
    }
  }

  it.each(combos)('renders $structure, relief $relief, down payment $downPayment, in $locale', async (options) => {
    const snapshot = sampleSnapshot(options);
    const pdf = await renderAgreementPdf({ snapshot });
    expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    if (!poppler) return;
    const file = save(pdf);
    const out = text(file);
    const t = AGREEMENT_TEXT[options.locale!];
    const f = agreementFacts(snapshot, options.locale!);
    expect(out).toContain(t.title);
    expect(out).toContain(snapshot.agreementNo);
    expect(out).toContain(t.structureName(f));
    expect(out).toContain(formatMoney(snapshot.priced.totalPayable, options.locale!));
    expect(out).toContain(formatMoney(snapshot.arrears.totalToSettle, options.locale!));
    if (snapshot.priced.waived.total > 0) expect(out).toContain(formatMoney(snapshot.priced.waived.total, options.locale!));
    if (snapshot.priced.downPayment > 0) expect(out).toContain(formatMoney(snapshot.priced.downPayment, options.locale!));
    if (snapshot.priced.newMaturityDate) expect(out).toContain(formatDate(snapshot.priced.newMaturityDate, options.locale!));
    // The key terms are also in the other language.
    expect(out).toContain(AGREEMENT_TEXT[options.locale === 'en' ? 'zh-CN' : 'en'].keyTermsTitle);
    // Every schedule row is there: its due date and amount.
    for (const row of snapshot.priced.schedule) expect(out).toContain(formatMoney(row.amount, options.locale!));
    // Nothing runs past the right margin (long Chinese paragraphs wrap).
    expect(rightmostWord(file)).toBeLessThanOrEqual(a4Width - margin + 1);
  }, 30_000);

  withPoppler('has real, searchable Chinese text with the rare character in the borrower’s name, in an embedded Noto Sans SC subset', async () => {
    const snapshot = sampleSnapshot({ structure: 'installments', relief: true, downPayment: true, borrowerName: '李龑' });
    const file = save(await renderAgreementPdf({ snapshot }));
    const out = text(file);
    expect(out).toContain('还款协议');
    expect(out).toContain('李龑');
    expect(out).toContain('CASE-2026-000123-A1');
    expect(out).toContain('K7QM-2XWD-9P');
    expect(out).toContain('3305**********1234');
    expect(out).toContain('138****8000');
    expect(out).toContain('第一条');
    expect(out).toContain('湖州市青溪区人民法院');
    expect(out).toMatch(/¥\d{1,3}(,\d{3})+\.\d{2}/);
    expect(out).toContain('¥88,273.94');
    expect(out).toContain('¥1,365.70');
    expect(out).toContain('2026年12月15日');
    // Page numbers on every page.
    const total = pages(file);
    for (let page = 1; page <= total; page++) expect(out.replace(/\s+/g, '')).toContain(`第${page}页/共${total}页`);
    const embedded = fonts(file);
    expect(embedded.map((font) => font.name.replace(/^[A-Z]{6}\+/, '')).sort()).toEqual(['NotoSansSC-Bold', 'NotoSansSC-Regular']);
    for (const font of embedded) expect(font, font.name).toMatchObject({ emb: 'yes', sub: 'yes', uni: 'yes' });
    console.info(`pdffonts:\n${run('pdffonts', file)}`);
  }, 30_000);

  withPoppler('is signed: the signatures, and the certificate with the original hash, the verification code and the QR code', async () => {
    const snapshot = sampleSnapshot({ structure: 'installments', relief: true, downPayment: true });
    const certificate = sampleCertificate(snapshot);
    const pdf = await renderAgreementPdf({ snapshot, signatures: sampleSignatures(snapshot), certificate });
    const file = save(pdf);
    const out = text(file);
    expect(out).toContain('签署证书');
    expect(out).toContain('Signing certificate');
    expect(out).toContain(certificate.originalSha256);
    expect(out).toContain(certificate.verificationCode);
    expect(out).toContain(certificate.verificationUrl);
    expect(out).toContain('2026-11-20T06:42:13Z');
    expect(out).toContain('115.236.12.40');
    expect(out).toContain('短信验证码');
    expect(out).toContain('王建国');
    // Three narrow signature blocks: the time may wrap within its block.
    expect(out.replace(/\s+/g, '')).toContain(formatBeijingTime('2026-11-20T06:42:13Z', 'zh-CN').replace(/\s+/g, ''));
    // The three capacities: the creditor's seal applied under its authorisation, the borrower, the mediator as 调解员.
    for (const words of ['甲方（债权人）', '乙方（借款人）', '中立调解员，不代表任何一方', '电子签章', '依甲方授权加盖']) expect(out.replace(/\s+/g, '')).toContain(words);
    // The drawn signature (flattened onto white) and the QR code are images in the file.
    const images = run('pdfimages', '-list', file).split('\n').slice(2).filter(Boolean);
    expect(images.length).toBeGreaterThanOrEqual(2);
    // Unsigned, the same agreement has neither.
    const unsigned = text(save(await renderAgreementPdf({ snapshot })));
    expect(unsigned).not.toContain('签署证书');
    expect(unsigned).not.toContain('王建国');
  }, 30_000);

  withPoppler('an agreement made in the first text version keeps its representative block and its consent text', async () => {
    const snapshot = sampleSnapshot({ structure: 'installments', textVersion: '2026-11-v1' });
    const out = text(save(await renderAgreementPdf({ snapshot, signatures: sampleSignatures(snapshot), certificate: sampleCertificate(snapshot) }))).replace(/\s+/g, '');
    expect(out).toContain('授权代表');
    expect(out).toContain('我手写的签名图像');
    expect(out).not.toContain('中立调解员，不代表任何一方');
    expect(out).toContain('文本版本2026-11-v1');
  }, 30_000);

  it('keeps a signed 24-installment agreement under 300 KB, and reports a warm render time', async () => {
    const snapshot = sampleSnapshot({ structure: 'installments', relief: true, downPayment: true, months: 24 });
    const input = { snapshot, signatures: sampleSignatures(snapshot), certificate: sampleCertificate(snapshot) };
    await renderAgreementPdf(input);
    const times: number[] = [];
    let size = 0;
    for (let i = 0; i < 5; i++) {
      const started = performance.now();
      size = (await renderAgreementPdf(input)).length;
      times.push(performance.now() - started);
    }
    times.sort((a, b) => a - b);
    console.info(`signed 24-installment agreement: ${(size / 1024).toFixed(1)} KB; warm render ${times.map((ms) => ms.toFixed(0)).join(' / ')} ms (median ${times[2]!.toFixed(0)} ms)`);
    expect(size).toBeLessThan(300 * 1024);
  }, 60_000);

  withPoppler('prints a 60-installment schedule in full, its header repeated on every page it spans', async () => {
    const snapshot = sampleSnapshot({ structure: 'installments', relief: false, downPayment: false, months: 60 });
    expect(snapshot.priced.schedule).toHaveLength(60);
    const file = save(await renderAgreementPdf({ snapshot }));
    const out = text(file);
    const last = snapshot.priced.schedule.at(-1)!;
    expect(out).toContain(formatDate(last.dueDate, 'zh-CN'));
    expect(out).toContain(formatMoney(last.amount, 'zh-CN'));
    expect(out.split('剩余应还本金及欠款').length - 1).toBeGreaterThanOrEqual(2);
    expect(rightmostWord(file)).toBeLessThanOrEqual(a4Width - margin + 1);
  }, 30_000);

  it('gives the same bytes for the same input, even rendered concurrently with transparent signature images', async () => {
    const snapshot = sampleSnapshot({ structure: 'extension_installments', relief: true, downPayment: true });
    const a = await renderAgreementPdf({ snapshot });
    const b = await renderAgreementPdf({ snapshot: structuredClone(snapshot) });
    expect(a.equals(b)).toBe(true);
    // Two drawn (RGBA) signatures and the QR code: pdfkit would decode alpha PNGs on the zlib pool, in a racy order.
    const signatures = sampleSignatures(snapshot).map((mark) => ({ ...mark, drawnPng: samplePng(600, 200) }));
    const signed = { snapshot, signatures, certificate: sampleCertificate(snapshot) };
    const outputs = await Promise.all(Array.from({ length: 4 }, () => renderAgreementPdf(signed)));
    for (const output of outputs) expect(output.equals(outputs[0]!)).toBe(true);
  }, 60_000);

  it('refuses a drawn signature that is not a PNG', async () => {
    const snapshot = sampleSnapshot({ structure: 'settlement', relief: true });
    const signatures = [{ signer: 'borrower' as const, typedName: '李龑', drawnPng: new Uint8Array([0xff, 0xd8, 0xff]), signedAt: '2026-11-20T06:42:13Z' }];
    await expect(renderAgreementPdf({ snapshot, signatures })).rejects.toThrow(/not a PNG/);
  });
});

describe('the agreement text', () => {
  it('exports the e-signature consent for the signing page, versioned and hashable', () => {
    expect(consentTextVersion).toMatch(/^\d{4}-\d{2}-v\d+$/);
    for (const locale of ['zh-CN', 'en'] as const) {
      expect(E_SIGN_CONSENT_TEXT[locale].version).toBe(consentTextVersion);
      expect(consentTextFor(consentTextVersion, locale)).toBe(E_SIGN_CONSENT_TEXT[locale]);
      expect(consentTextCanonical(locale).split('\n')).toEqual([consentTextVersion, E_SIGN_CONSENT_TEXT[locale].title, ...E_SIGN_CONSENT_TEXT[locale].paragraphs]);
    }
    expect(() => consentTextFor('1999-01-v1', 'zh-CN')).toThrow(/unknown/);
  });

  it('states the breach rules from the policy', () => {
    const snapshot = sampleSnapshot({ structure: 'installments', relief: true });
    const zh = AGREEMENT_TEXT['zh-CN'].breach(agreementFacts(snapshot, 'zh-CN')).join('');
    expect(zh).toContain('3天为宽限期');
    expect(zh).toContain('连续2期');
    expect(zh).toContain('减免（包括利率下调）不再适用');
    const kept = { ...snapshot, policy: { ...snapshot.policy, waiverFallsAwayOnBreach: false, breachConsecutiveMisses: 1 } };
    const en = AGREEMENT_TEXT.en.breach(agreementFacts(kept, 'en')).join(' ');
    expect(en).toContain('any installment is not paid in full');
    expect(en).toContain('the relief in Article 3 still stands');
  });

  it('formats dates, times and rates by hand, the same on every runtime', () => {
    expect(formatDate('2026-01-05', 'zh-CN')).toBe('2026年1月5日');
    expect(formatDate('2026-01-05', 'en')).toBe('5 Jan 2026');
    expect(formatBeijingTime('2026-11-20T16:30:00Z', 'zh-CN')).toBe('2026年11月21日 00:30（北京时间）');
    expect(formatRatePpm(120_000)).toBe('12%');
    expect(formatRatePpm(43_500)).toBe('4.35%');
  });

  it('lets Chinese break between characters, never before closing or after opening punctuation, and keeps Latin words whole', () => {
    expect(splitForLineBreaks('还款协议')).toEqual(['还', '', '款', '', '协', '', '议']);
    expect(splitForLineBreaks('（以下简称“原借款合同”）。')).toEqual(['（以', '', '下', '', '简', '', '称', '', '“原', '', '借', '', '款', '', '合', '', '同”）。']);
    expect(splitForLineBreaks('支付¥1,234.50元')).toEqual(['支', '', '付', '', '¥1,234.50', '', '元']);
    expect(splitForLineBreaks('Borrower')).toEqual(['Borrower']);
  });
});

describe('the images', () => {
  // pngjs is the encoder under test; the decoder here is PNG.sync.read's, with the symbol drawn by hand as the reference.
  const decoded = (png: Buffer) => PNG.sync.read(png);

  it('flattens a filtered RGBA PNG onto white, pixel for pixel, as an opaque RGB image', async () => {
    // qrcode writes RGBA PNGs with adaptive scanline filters; the same symbol drawn by hand is the reference.
    const url = 'https://concord.example.cn/verify/K7QM-2XWD-9P';
    const rgba = await QRCode.toBuffer(url, { errorCorrectionLevel: 'M', margin: 2, scale: 4, color: { dark: '#000000ff', light: '#00000000' } });
    expect(decoded(rgba).alpha).toBe(true);
    const flat = decoded(flattenPng(rgba));
    const reference = decoded(Buffer.from(verificationQrDataUrl(url).split(',')[1]!, 'base64'));
    expect({ alpha: flat.alpha, colorType: flat.colorType, depth: flat.depth }).toEqual({ alpha: false, colorType: 2, depth: 8 });
    expect({ colorType: reference.colorType, depth: reference.depth, interlace: reference.interlace }).toEqual({ colorType: 0, depth: 8, interlace: false });
    expect([flat.width, flat.height]).toEqual([reference.width, reference.height]);
    expect(flat.data.equals(reference.data)).toBe(true);
    // Black modules and white light modules only, no grey left over from the alpha.
    expect(new Set(flat.data)).toEqual(new Set([0, 255]));
  });

  it('flattens a half-transparent pen stroke to its blend with white', () => {
    const pixels = new Uint8Array([20, 30, 90, 255, 20, 30, 90, 128, 20, 30, 90, 0]);
    const flat = decoded(flattenPng(encodePng(3, 1, 4, pixels)));
    // (c × α + 255 × (255 − α)) / 255, rounded: 20·128/255 + 255·127/255 = 137.04 → 137, and so on.
    expect([...flat.data]).toEqual([20, 30, 90, 255, 137, 142, 172, 255, 255, 255, 255, 255]);
  });

  it('leaves opaque PNGs as they are and refuses what is not a PNG', () => {
    const qr = Buffer.from(verificationQrDataUrl('https://example.cn/v/1').split(',')[1]!, 'base64');
    expect(isPng(qr)).toBe(true);
    expect(flattenPng(qr).equals(qr)).toBe(true);
    expect(isPng(samplePng())).toBe(true);
    expect(() => flattenPng(new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 0, 0, 0, 0, 0]))).toThrow(/not a PNG/);
  });
});
