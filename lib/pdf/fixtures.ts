import { arrearsSnapshot, type AgreementSnapshot, type SignatureMark, type SigningCertificate } from '@/lib/domain/agreement';
import { computeArrears } from '@/lib/domain/arrears';
import { addMonths } from '@/lib/domain/dates';
import { priceOffer } from '@/lib/domain/offer-pricing';
import type { OfferContext, OfferStructure, OfferTerms } from '@/lib/domain/offer-terms';
import { pricePausedPlan, type PausedTerms } from '@/lib/domain/hardship-pause';
import { defaultPolicy } from '@/lib/domain/policy';
import { buildSchedule } from '@/lib/domain/schedule';
import { agreementTextVersion, consentTextVersion } from './agreement-text';
import { encodePng } from './png';

/**
 * Sample agreements for tests and previews, priced by the real domain engine.
 * The loan: ¥120,000.00 个人消费贷 at 12 % a year over 36 months (equal
 * installments) from 2025-07-15; the first 12 installments paid on time, 13–16
 * (due 2026-08-15 … 2026-11-15) missed; the agreement made on 2026-11-20.
 * Fictional creditor and borrower; the borrower's name has a rare character (龑).
 */
export type SampleOptions = {
  structure: OfferStructure;
  relief?: boolean;
  downPayment?: boolean;
  /** Installments (installments structures); 24 unless given. */
  months?: number;
  locale?: 'zh-CN' | 'en';
  borrowerName?: string;
  /** The clauses' version; the current one unless given (2026-11-v1: a representative countersigns, no mediator). */
  textVersion?: string;
  /** A hardship pause of this many months before the installments (installments only). */
  pauseMonths?: number;
};

const asOf = '2026-11-20';
const loanSpec = { principal: 12_000_000, annualRatePpm: 120_000, termMonths: 36, startDate: '2025-07-15', paidOnTime: 12 };

let cachedContext: OfferContext | undefined;

export function sampleContext(): OfferContext {
  if (cachedContext) return cachedContext;
  const schedule = buildSchedule({ principal: loanSpec.principal, annualRatePpm: loanSpec.annualRatePpm, months: loanSpec.termMonths, method: 'equal_installment', firstDueDate: addMonths(loanSpec.startDate, 1) });
  const installments = schedule.map((r) => ({ seq: r.seq, dueDate: r.dueDate, principalDue: r.principal, interestDue: r.interest, feesDue: 0 }));
  const payments = installments.slice(0, loanSpec.paidOnTime).map((r) => ({ receivedOn: r.dueDate, amount: r.principalDue + r.interestDue }));
  const loan = { principal: loanSpec.principal, annualRatePpm: loanSpec.annualRatePpm, startDate: loanSpec.startDate };
  const arrears = computeArrears({ loan, installments, payments, asOf, policy: defaultPolicy });
  cachedContext = {
    asOf,
    loan: { ...loan, termMonths: loanSpec.termMonths, maturityDate: schedule.at(-1)!.dueDate, extendedMonths: 0, installments },
    arrears,
    policy: defaultPolicy,
    disposableIncome: 600_000,
  };
  return cachedContext;
}

export function sampleTerms(options: SampleOptions): OfferTerms {
  const { structure, relief = false, downPayment = false, months = 24 } = options;
  const terms: OfferTerms = {};
  if (structure === 'extension' || structure === 'extension_installments') terms.extensionMonths = 12;
  if (structure === 'installments' || structure === 'extension_installments') {
    terms.installments = { months, method: 'equal_installment', downPayment: downPayment ? 500_000 : 0, firstDueDate: '2026-12-15' };
  }
  if (relief) {
    terms.relief = { penaltyWaivePct: 100, compoundWaivePct: 100, interestWaivePct: 30, principalWaive: 0 };
    if (structure !== 'settlement') terms.relief.rateReduction = { pct: 20, months: 6 };
  } else if (structure === 'settlement') {
    // Relief alone is a settlement; with nothing waived it is simply paying everything at once.
    terms.relief = { penaltyWaivePct: 0, compoundWaivePct: 0, interestWaivePct: 0, principalWaive: 0 };
  }
  return terms;
}

export function sampleSnapshot(options: SampleOptions): AgreementSnapshot {
  const ctx = sampleContext();
  const base = sampleTerms(options);
  const terms: OfferTerms = options.pauseMonths && base.installments
    ? { ...base, installments: { ...base.installments, firstDueDate: addMonths(asOf, options.pauseMonths + 1) }, pause: { months: options.pauseMonths, interest: 'reduced', ratePct: 50 } }
    : base;
  const priced = terms.pause ? pricePausedPlan(ctx, terms as PausedTerms) : priceOffer(ctx, terms);
  return {
    agreementNo: 'CASE-2026-000123-A1',
    verificationCode: 'K7QM-2XWD-9P',
    locale: options.locale ?? 'zh-CN',
    date: asOf,
    creditor: {
      name: '浙江青溪农村商业银行股份有限公司',
      nameEn: 'Zhejiang Qingxi Rural Commercial Bank Co., Ltd.',
      creditCode: '91330500738426155L',
      address: '浙江省湖州市青溪区溪山路88号',
      servicePhone: '0572-58809600',
      court: '湖州市青溪区人民法院',
    },
    borrower: { name: options.borrowerName ?? '李龑', residentIdMasked: '3305**********1234', phoneMasked: '138****8000', address: '浙江省湖州市青溪区溪山街道梅园小区3幢2单元501室' },
    caseNo: 'CASE-2026-000123',
    loan: { contractNo: 'QXRCB-2025-0715-0042', product: '个人消费贷', principal: loanSpec.principal, annualRatePpm: loanSpec.annualRatePpm, termMonths: loanSpec.termMonths, startDate: loanSpec.startDate, maturityDate: ctx.loan.maturityDate },
    arrears: arrearsSnapshot(ctx.arrears),
    terms,
    priced,
    policy: { graceDays: 3, breachConsecutiveMisses: 2, waiverFallsAwayOnBreach: true, selfServiceDelayMaxDays: 14 },
    consentVersion: options.textVersion === '2026-11-v1' ? '2026-11-v1' : consentTextVersion,
    textVersion: options.textVersion ?? agreementTextVersion,
  };
}

/** A small RGBA PNG with a pen stroke, standing in for a drawn signature. */
export function samplePng(width = 240, height = 80): Uint8Array {
  const pixels = new Uint8Array(width * height * 4);
  for (let x = 0; x < width; x++) {
    const y0 = Math.round(height / 2 + Math.sin(x / 14) * (height / 4) + Math.cos(x / 5) * 4);
    for (let dy = -1; dy <= 1; dy++) {
      const y = y0 + dy;
      if (y < 0 || y >= height) continue;
      pixels.set([20, 30, 90, 255], (y * width + x) * 4);
    }
  }
  return new Uint8Array(encodePng(width, height, 4, pixels));
}

export function sampleSignatures(snapshot: AgreementSnapshot): SignatureMark[] {
  return [
    { signer: 'borrower', typedName: snapshot.borrower.name, drawnPng: samplePng(), signedAt: '2026-11-20T06:42:13Z' },
    ...(snapshot.textVersion === undefined || snapshot.textVersion === '2026-11-v1'
      ? [{ signer: 'creditor' as const, typedName: '王建国', signedAt: '2026-11-20T07:05:40Z' }]
      : [
          { signer: 'mediator' as const, typedName: '王建国', signedAt: '2026-11-20T07:05:40Z' },
          { signer: 'creditor' as const, typedName: snapshot.creditor.name, signedAt: '2026-11-20T07:05:40Z', seal: { signatory: '法定代表人 陈立新', authorisedAt: '2026-11-01T02:00:00Z' } },
        ]),
  ];
}

export function sampleCertificate(snapshot: AgreementSnapshot): SigningCertificate {
  const device = 'Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Mobile/15E148 Safari/604.1';
  return {
    originalSha256: 'b5d4045c3f466fa91fe2cc6abe79232a1a57cdf104f7a26e716e0a1e2789df78',
    verificationCode: snapshot.verificationCode,
    verificationUrl: `https://concord.example.cn/verify/${snapshot.verificationCode}`,
    events: [
      { what: '借款人查阅协议 / Borrower opened the agreement', who: snapshot.borrower.name, atUtc: '2026-11-20T06:31:02Z', atLocal: '2026-11-20 14:31:02 (Asia/Shanghai)', ip: '115.236.12.40', device, verification: null },
      { what: '同意电子签名 / Consent to e-signature', who: snapshot.borrower.name, atUtc: '2026-11-20T06:40:55Z', atLocal: '2026-11-20 14:40:55 (Asia/Shanghai)', ip: '115.236.12.40', device, verification: null },
      { what: '借款人签署 / Borrower signed', who: snapshot.borrower.name, atUtc: '2026-11-20T06:42:13Z', atLocal: '2026-11-20 14:42:13 (Asia/Shanghai)', ip: '115.236.12.40', device, verification: '短信验证码 138****8000 / SMS code to 138****8000' },
      { what: '债权人代表签署 / Creditor signed', who: '王建国', atUtc: '2026-11-20T07:05:40Z', atLocal: '2026-11-20 15:05:40 (Asia/Shanghai)', ip: '10.20.1.7', device: 'Chrome 141 / Windows 11', verification: '员工账户登录 / Staff sign-in' },
    ],
  };
}
