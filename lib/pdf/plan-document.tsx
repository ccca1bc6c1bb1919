import { Document, Image as PdfImage, Page, View, renderToBuffer } from '@react-pdf/renderer';
import { createElement } from 'react';
import type { Fen } from '@/lib/domain/money';
import { loadFonts } from './fonts';
import { formatBeijingTime, formatDate, money } from './format';
import { Footer, Heading, KeyValues, T, type KvRow } from './parts/primitives';
import { styles } from './parts/styles';
import { verificationQrDataUrl } from './render-agreement';

/**
 * The documents a plan issues after the agreement: the addendum recording the
 * one-time delay (the agreement, art. 6) and the settlement certificate
 * (结清证明). Both are bilingual, Chinese first, each line followed by its
 * English, carry their own verification code and QR code, and are sealed with
 * the creditor's certificate like the agreement (lib/pdf/seal.ts).
 */
type Parties = {
  documentNo: string;
  verificationCode: string;
  verificationUrl: string;
  /** When it was issued (ISO 8601). */
  issuedAt: string;
  agreementNo: string;
  agreementDate: string;
  caseNo: string;
  contractNo: string;
  creditor: { name: string; nameEn: string };
  borrower: { name: string; residentIdMasked: string };
};

export type DelayAddendumFacts = Parties & {
  kind: 'delay_addendum';
  seq: number;
  outstanding: Fen;
  fromDate: string;
  toDate: string;
  days: number;
  graceEnds: string;
  maxDays: number;
  /** How the borrower confirmed it. */
  confirmed: { at: string; ip: string | null; device: string | null };
};

export type SettlementCertificateFacts = Parties & {
  kind: 'settlement_certificate';
  /** Allocated to the plan's installments. */
  totalPaid: Fen;
  payments: number;
  firstPaymentOn: string | null;
  completedOn: string;
  /** Interest of installments not yet due that an early settlement cancelled. */
  interestCancelled: Fen;
  /** Paid above the plan, for a refund decision. */
  excess: Fen;
};

export type PlanDocumentFacts = DelayAddendumFacts | SettlementCertificateFacts;

const both = (zh: string, en: string): KvRow => [zh, en];
const zhEn = (fen: Fen) => `${money(fen, 'zh-CN')}`;
const date2 = (d: string) => `${formatDate(d, 'zh-CN')} / ${formatDate(d, 'en')}`;

function Body({ f }: { f: PlanDocumentFacts }) {
  const common: KvRow[] = [
    [`协议编号 Agreement no.`, f.agreementNo],
    [`协议日期 Agreement date`, date2(f.agreementDate)],
    [`调解案件号 Case no.`, f.caseNo],
    [`借款合同号 Loan contract`, f.contractNo],
    [`甲方（债权人） Creditor`, `${f.creditor.name} / ${f.creditor.nameEn}`],
    [`乙方（借款人） Borrower`, `${f.borrower.name}（${f.borrower.residentIdMasked}）`],
  ];
  if (f.kind === 'delay_addendum') {
    return (
      <>
        <T style={[styles.title, styles.titleZh]}>还款协议补充协议（一次性延期）</T>
        <T style={styles.titleOther}>Addendum to the Repayment Agreement: the one-time delay</T>
        <Heading>当事人与协议 · Parties and agreement</Heading>
        <KeyValues rows={common} labelWidth="34%" />
        <Heading>延期内容 · What changes</Heading>
        <KeyValues
          labelWidth="34%"
          rows={[
            both('延期的期次 Installment', `第 ${f.seq} 期 / no. ${f.seq}`),
            both('原还款日 Original due date', date2(f.fromDate)),
            both('新还款日 New due date', date2(f.toDate)),
            both('延期天数 Days', `${f.days} 天 / ${f.days} days`),
            both('本期应还金额 Amount of the installment', `${zhEn(f.outstanding)}（不变 / unchanged）`),
            both('宽限期截至 Grace period ends', date2(f.graceEnds)),
          ]}
        />
        <T style={styles.para}>
          {`依据还款协议第六条，乙方在本还款计划中可一次将一期还款日推迟不超过${f.maxDays}天，无需另订协议。乙方已于平台上选择将第${f.seq}期的还款日由${formatDate(f.fromDate, 'zh-CN')}推迟至${formatDate(f.toDate, 'zh-CN')}。本期应还金额不变，不因延期收取利息或任何费用；宽限期自新还款日起算；其他各期的还款日与金额不变。本次延期使用后，本还款计划内不得再次申请。除本补充协议所述外，还款协议的其他条款继续有效。`}
        </T>
        <T style={styles.para}>
          {`Under Article 6 of the repayment agreement, the Borrower may once during this plan move one due date back by up to ${f.maxDays} days without a new agreement. On the platform the Borrower chose to move installment no. ${f.seq} from ${formatDate(f.fromDate, 'en')} to ${formatDate(f.toDate, 'en')}. The amount is unchanged, and no interest or fee is charged for the delay; the grace period runs from the new date; every other installment keeps its date and amount. Once used, the delay cannot be asked for again during this plan. The repayment agreement otherwise remains in force as it is.`}
        </T>
        <Heading>确认记录 · Confirmation</Heading>
        <KeyValues
          labelWidth="34%"
          rows={[
            both('确认人 Confirmed by', `${f.borrower.name}（乙方本人登录确认 / signed in as the Borrower）`),
            both('确认时间 Confirmed at', `${formatBeijingTime(f.confirmed.at, 'zh-CN')}\n${formatBeijingTime(f.confirmed.at, 'en')}`),
            both('IP 地址 / 设备 IP / device', `${f.confirmed.ip ?? '—'} / ${f.confirmed.device ?? '—'}`),
            both('甲方电子印章 Creditor’s seal', `${f.creditor.name}（数字证书签章 / digital seal）`),
          ]}
        />
      </>
    );
  }
  return (
    <>
      <T style={[styles.title, styles.titleZh]}>结清证明</T>
      <T style={styles.titleOther}>Settlement Certificate</T>
      <Heading>当事人与协议 · Parties and agreement</Heading>
      <KeyValues rows={common} labelWidth="34%" />
      <Heading>还款情况 · What was paid</Heading>
      <KeyValues
        labelWidth="34%"
        rows={[
          both('已还金额 Paid under the plan', zhEn(f.totalPaid)),
          both('还款笔数 Payments', String(f.payments)),
          ...(f.firstPaymentOn ? [both('首笔还款日 First payment', date2(f.firstPaymentOn))] : []),
          both('结清日期 Paid in full on', date2(f.completedOn)),
          ...(f.interestCancelled > 0 ? [both('提前还款少收利息 Interest not charged (repaid early)', zhEn(f.interestCancelled))] : []),
          ...(f.excess > 0 ? [both('多付金额（待退还） Paid above the plan (to be refunded)', zhEn(f.excess))] : []),
        ]}
      />
      <T style={styles.para}>
        {`兹证明：乙方${f.borrower.name}已按编号为${f.agreementNo}的还款协议还清全部应还款项，该协议项下的还款计划已于${formatDate(f.completedOn, 'zh-CN')}结清。甲方确认，就借款合同${f.contractNo}，乙方对甲方已无任何未清偿债务，甲方不再向乙方主张任何款项，并将按照国家规定如实报送结清信息。`}
      </T>
      <T style={styles.para}>
        {`This certifies that the Borrower, ${f.borrower.name}, has paid everything due under repayment agreement ${f.agreementNo}, and that its repayment plan was paid in full on ${formatDate(f.completedOn, 'en')}. The Creditor confirms that under loan contract ${f.contractNo} the Borrower owes the Creditor nothing more, that the Creditor will claim nothing further, and that it will report the settlement truthfully as national rules require.`}
      </T>
    </>
  );
}

function PlanDocument({ f, qr }: { f: PlanDocumentFacts; qr: string }) {
  const issued = new Date(f.issuedAt);
  return (
    <Document title={f.documentNo} author={f.creditor.name} creator="Concord" producer="Concord plan documents (react-pdf 4)" creationDate={issued} modificationDate={issued}>
      <Page size="A4" style={styles.page}>
        <Body f={f} />
        <Heading>核验 · Verification</Heading>
        <View style={styles.qrRow}>
          <View style={{ flex: 1 }}>
            <KeyValues
              labelWidth="34%"
              rows={[
                both('文件编号 Document no.', f.documentNo),
                both('核验码 Verification code', f.verificationCode),
                both('出具时间 Issued at', `${formatBeijingTime(f.issuedAt, 'zh-CN')}\n${formatBeijingTime(f.issuedAt, 'en')}`),
              ]}
            />
            <T style={styles.hint}>{`扫描二维码或打开 ${f.verificationUrl}，核验本文件的真实性与完整性。Scan the QR code or open the address to check that this document is authentic and unaltered.`}</T>
          </View>
          <View style={styles.qrBox}>
            <PdfImage src={qr} style={styles.qr} />
            <T style={styles.qrCaption}>扫码核验 · Scan to verify</T>
          </View>
        </View>
        <Footer left={`${f.documentNo} · ${f.verificationCode}`} pageOf={(page, total) => `第 ${page} 页 / 共 ${total} 页 · Page ${page} of ${total}`} />
      </Page>
    </Document>
  );
}

/** Renders a plan document to PDF bytes (sealed afterwards, like the agreement). */
export async function renderPlanDocumentPdf(facts: PlanDocumentFacts): Promise<Buffer> {
  await loadFonts();
  const element = createElement(PlanDocument, { f: facts, qr: verificationQrDataUrl(facts.verificationUrl) });
  return renderToBuffer(element as unknown as Parameters<typeof renderToBuffer>[0]);
}
