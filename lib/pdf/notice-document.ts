import type { NoticeKind } from '@/lib/domain/notice-sequence';
import { formatDate, money } from './format';
import type { RecordBlock, RecordDocumentInput } from './record-document';

/**
 * The pre-litigation notices as documents: the whole text in Chinese, then in English, like the agreement stating
 * the enforceable amount beside the contractual one (what a court would allow, the total-cost cap applied), the
 * borrower's rights and how to reach the mediator. Sealed with the creditor's certificate when issued.
 */
export type NoticeFacts = {
  kind: NoticeKind;
  noticeNo: string;
  date: string;
  creditor: { name: string; nameEn: string; address: string; servicePhone: string };
  counsel: { firm: string; lawyer: string; phone: string; address: string } | null;
  court: string;
  borrower: { name: string; residentIdMasked: string; address: string | null };
  contractNo: string;
  caseNo: string;
  amounts: { asOf: string; daysPastDue: number; totalOverdue: number; totalToSettle: number; enforceableTotalOverdue: number; enforceableTotalToSettle: number; notEnforceable: number };
  mediator: { name: string; phone: string };
  caseUrl: string;
  /** The day by which the borrower is asked to respond or pay (and, for the notice of suit, after which the creditor may sue). */
  respondBy: string;
};

export const noticeTitles: Record<NoticeKind, { zh: string; en: string }> = {
  collection_letter: { zh: '催收函', en: 'Collection letter' },
  lawyers_letter: { zh: '律师函', en: "Lawyer's letter" },
  intended_suit: { zh: '起诉通知书', en: 'Notice of intended suit' },
};

function zhBlocks(f: NoticeFacts): RecordBlock[] {
  const m = (fen: number) => money(fen, 'zh-CN');
  const a = f.amounts;
  const opening: Record<NoticeKind, string> = {
    collection_letter: `${f.creditor.name}（以下简称“贷款人”）与您签订的借款合同（编号 ${f.contractNo}）项下的借款已逾期 ${a.daysPastDue} 天。现特函告知您欠款情况，请您于 ${formatDate(f.respondBy, 'zh-CN')} 前还款，或通过调解与我们商定还款方案。`,
    lawyers_letter: `${f.counsel?.firm ?? ''}受${f.creditor.name}（以下简称“贷款人”）委托，由${f.counsel?.lawyer ?? ''}律师就您在借款合同（编号 ${f.contractNo}）项下的逾期欠款致函如下：您的借款已逾期 ${a.daysPastDue} 天，贷款人此前已向您发出催收函。请您于 ${formatDate(f.respondBy, 'zh-CN')} 前还款，或与调解员商定还款方案；否则贷款人将通过诉讼途径主张权利。`,
    intended_suit: `您在借款合同（编号 ${f.contractNo}）项下的借款已逾期 ${a.daysPastDue} 天，经催收及律师函告知仍未还款或达成还款方案。贷款人拟于 ${formatDate(f.respondBy, 'zh-CN')} 后向${f.court}提起诉讼，请求您偿还欠款。在此之前，您仍可通过调解与贷款人达成还款协议，避免诉讼。`,
  };
  return [
    { kind: 'para', text: `致：${f.borrower.name}（身份证号 ${f.borrower.residentIdMasked}）${f.borrower.address ? `，地址：${f.borrower.address}` : ''}` },
    { kind: 'para', text: opening[f.kind] },
    { kind: 'heading', text: `截至 ${formatDate(a.asOf, 'zh-CN')} 的欠款` },
    {
      kind: 'rows',
      rows: [
        ['按合同计算的逾期金额', m(a.totalOverdue)],
        ['按合同计算的结清金额', m(a.totalToSettle)],
        ['可依法主张的逾期金额', m(a.enforceableTotalOverdue), true],
        ['可依法主张的结清金额', m(a.enforceableTotalToSettle), true],
      ],
    },
    {
      kind: 'para',
      text:
        a.notEnforceable > 0
          ? `利息、罚息、复利及费用合计超过年利率 24% 的部分（${m(a.notEnforceable)}），法院不予支持，贷款人不向您主张。`
          : '上述金额未超过法律规定的综合成本上限（年利率 24%）。',
    },
    { kind: 'heading', text: '您的权利' },
    {
      kind: 'paras',
      texts: [
        '1. 您有权要求贷款人提供欠款的计算明细；对金额有异议的，可以提出，我们将核实并答复。',
        '2. 您有权通过调解与贷款人协商还款方案（延期、分期或减免），调解不收取费用。',
        '3. 我们只在当地时间 8:00 至 21:00 之间联系您，不会骚扰您，也不会向第三人透露您的债务。',
        '4. 您可以在门户上核验本函件的真伪；如有投诉，可向贷款人客服或金融监管部门反映。',
      ],
    },
    { kind: 'heading', text: '联系调解员' },
    { kind: 'rows', rows: [['调解员', f.mediator.name], ['电话', f.mediator.phone], ['在线处理', f.caseUrl], ['案件编号', f.caseNo]] },
  ];
}

function enBlocks(f: NoticeFacts): RecordBlock[] {
  const m = (fen: number) => money(fen, 'en');
  const a = f.amounts;
  const opening: Record<NoticeKind, string> = {
    collection_letter: `Your loan under contract ${f.contractNo} with ${f.creditor.nameEn} (the lender) is ${a.daysPastDue} days overdue. This letter tells you what you owe. Please pay by ${formatDate(f.respondBy, 'en')}, or agree a repayment plan with us through mediation.`,
    lawyers_letter: `${f.counsel?.firm ?? ''}, instructed by ${f.creditor.nameEn} (the lender), writes through ${f.counsel?.lawyer ?? ''} about your overdue debt under contract ${f.contractNo}: it is ${a.daysPastDue} days overdue and the lender has already sent you a collection letter. Please pay by ${formatDate(f.respondBy, 'en')} or agree a plan with the mediator; otherwise the lender will go to court.`,
    intended_suit: `Your loan under contract ${f.contractNo} is ${a.daysPastDue} days overdue, and neither the collection letter nor the lawyer's letter led to payment or a plan. The lender intends to sue you at ${f.court} after ${formatDate(f.respondBy, 'en')}. Until then you can still agree a repayment plan through mediation and avoid the lawsuit.`,
  };
  return [
    { kind: 'heading', text: `English version — ${noticeTitles[f.kind].en}` },
    { kind: 'para', text: `To: ${f.borrower.name} (resident ID ${f.borrower.residentIdMasked})` },
    { kind: 'para', text: opening[f.kind] },
    {
      kind: 'rows',
      rows: [
        [`Overdue as of ${formatDate(a.asOf, 'en')} (contract)`, m(a.totalOverdue)],
        ['To settle the loan (contract)', m(a.totalToSettle)],
        ['Overdue, enforceable by law', m(a.enforceableTotalOverdue), true],
        ['To settle, enforceable by law', m(a.enforceableTotalToSettle), true],
      ],
    },
    { kind: 'para', text: a.notEnforceable > 0 ? `Interest, penalty, compound interest and fees above 24% a year (${m(a.notEnforceable)}) are not enforceable and are not claimed.` : 'These amounts are within the legal total-cost cap of 24% a year.' },
    {
      kind: 'paras',
      texts: [
        'Your rights: to ask for the computation of what you owe and dispute it; to negotiate a plan (extension, installments, relief) through mediation, free of charge; to be contacted only between 08:00 and 21:00, never harassed, and your debt never disclosed to anyone else; to check this letter is genuine on the portal, and to complain to the lender or the financial regulator.',
        `Your mediator: ${f.mediator.name}, ${f.mediator.phone}, online at ${f.caseUrl} (case ${f.caseNo}).`,
      ],
    },
  ];
}

export function noticeDocument(f: NoticeFacts): RecordDocumentInput {
  const title = noticeTitles[f.kind];
  const signer = f.kind === 'lawyers_letter' && f.counsel ? `${f.counsel.firm}　${f.counsel.lawyer} 律师（受 ${f.creditor.name} 委托）` : f.creditor.name;
  return {
    title: title.zh,
    titleOther: title.en,
    subtitle: `${f.noticeNo} · ${formatDate(f.date, 'zh-CN')}`,
    footer: `${f.creditor.name} · ${title.zh} ${f.noticeNo}`,
    pageOf: (page, total) => `第 ${page} 页 / 共 ${total} 页`,
    locale: 'zh-CN',
    author: f.creditor.name,
    date: new Date(`${f.date}T00:00:00+08:00`),
    blocks: [
      ...zhBlocks(f),
      { kind: 'para', text: `${signer}（电子印章）　${formatDate(f.date, 'zh-CN')}` },
      ...enBlocks(f),
    ],
  };
}
