import type { Fen } from '@/lib/domain/money';
import { formatBeijingTime, formatDate, money } from './format';
import type { RecordDocumentInput } from './record-document';

/**
 * The joint application for judicial confirmation of the mediation agreement (司法确认申请书), in Chinese, as a court
 * receives it: the parties, the request, the facts (the agreement and its terms), the parties' undertakings, the
 * competent court, and the signatures — the borrower's (consent and one-time code), the mediator's and the
 * creditor's seal — with the record of how each was given.
 */
export type ConfirmationFacts = {
  applicationNo: string;
  /** The day it was prepared (Beijing). */
  date: string;
  court: string;
  creditor: { name: string; creditCode: string; address: string; servicePhone: string };
  borrower: { name: string; residentIdMasked: string; phoneMasked: string; address: string | null };
  caseNo: string;
  contractNo: string;
  agreement: { no: string; date: string; effectiveAt: string; sha256: string; totalPayable: Fen; waived: Fen; numberOfPayments: number; firstDueDate: string | null; endDate: string };
  mediator: string;
  deadline: string;
  signatures: {
    borrower?: { typedName: string; signedAt: string; consentVersion: string; consentSha256: string; phoneMasked: string };
    mediator?: { name: string; signedAt: string };
    creditor?: { signatory: string; signedAt: string; authorisedAt: string };
  };
};

export function confirmationDocument(f: ConfirmationFacts): RecordDocumentInput {
  const m = (fen: Fen) => money(fen, 'zh-CN');
  const d = (day: string) => formatDate(day, 'zh-CN');
  const at = (iso: string) => formatBeijingTime(iso, 'zh-CN');
  const a = f.agreement;
  const s = f.signatures;
  return {
    title: '司法确认申请书',
    subtitle: `${f.applicationNo} · ${d(f.date)}`,
    footer: `司法确认申请书 ${f.applicationNo} · 还款协议 ${a.no}`,
    pageOf: (page, total) => `第 ${page} 页 / 共 ${total} 页`,
    locale: 'zh-CN',
    author: f.creditor.name,
    date: new Date(`${f.date}T00:00:00+08:00`),
    keywords: `agreement ${a.no} sha256 ${a.sha256}`,
    blocks: [
      { kind: 'heading', text: '申请人' },
      {
        kind: 'rows',
        rows: [
          ['申请人一（债权人）', f.creditor.name, true],
          ['统一社会信用代码', f.creditor.creditCode],
          ['住所', f.creditor.address],
          ['联系电话', f.creditor.servicePhone],
        ],
      },
      {
        kind: 'rows',
        rows: [
          ['申请人二（债务人）', f.borrower.name, true],
          ['公民身份号码', f.borrower.residentIdMasked],
          ['住址', f.borrower.address ?? '（未登记）'],
          ['手机号码', f.borrower.phoneMasked],
        ],
      },
      { kind: 'heading', text: '请求事项' },
      { kind: 'para', text: `请求${f.court}依法确认申请人双方于 ${d(a.date)} 经调解达成的《还款协议》（编号 ${a.no}）有效。` },
      { kind: 'heading', text: '事实与理由' },
      {
        kind: 'para',
        text: `申请人二与申请人一签订的借款合同（编号 ${f.contractNo}）项下借款逾期。经 Concord 诉前调解平台调解员 ${f.mediator} 主持调解（案件编号 ${f.caseNo}），双方自愿达成《还款协议》（编号 ${a.no}），该协议经双方签署，于 ${at(a.effectiveAt)} 生效。协议主要内容如下：`,
      },
      {
        kind: 'rows',
        rows: [
          ['还款总额', m(a.totalPayable), true],
          ['减免金额', m(a.waived)],
          ['还款期数', `${a.numberOfPayments} 期`],
          ['首期还款日', a.firstDueDate ? d(a.firstDueDate) : '—'],
          ['末期还款日', d(a.endDate)],
          ['协议文件 SHA-256', `${a.sha256.slice(0, 32)}\n${a.sha256.slice(32)}`],
        ],
      },
      {
        kind: 'para',
        text: `根据《中华人民共和国民事诉讼法》第二百零五条、第二百零六条及《最高人民法院关于人民调解协议司法确认程序的若干规定》，双方自调解协议生效之日起三十日内（即 ${d(f.deadline)} 前）共同向有管辖权的人民法院申请司法确认。`,
      },
      { kind: 'heading', text: '申请人承诺' },
      {
        kind: 'paras',
        texts: [
          '一、双方出于解决纠纷的目的，自愿达成上述协议，没有恶意串通、规避法律的行为，协议内容不违反法律、行政法规的强制性规定，不损害国家利益、社会公共利益或者他人合法权益。',
          '二、双方提交的材料真实、合法。如因虚假陈述或者提交虚假材料损害他人合法权益的，愿意承担相应的法律责任。',
          '三、双方知悉：人民法院依法确认调解协议有效后，一方拒绝履行或者未全部履行的，对方当事人可以向人民法院申请强制执行。',
          '四、申请人二知悉：在人民法院审查期间，其有权向人民法院陈述意见、提出异议；确认裁定作出后，如认为裁定错误，可以依法提出异议。',
        ],
      },
      { kind: 'para', text: `此致\n${f.court}` },
      {
        kind: 'signatures',
        parties: [
          { role: '申请人一（债权人）', name: f.creditor.name, signedAt: s.creditor ? at(s.creditor.signedAt) : undefined, note: s.creditor ? `电子印章，经授权由 ${s.creditor.signatory} 加盖（授权日期 ${at(s.creditor.authorisedAt)}）` : '（待签署）' },
          {
            role: '申请人二（债务人）',
            name: s.borrower?.typedName ?? f.borrower.name,
            signedAt: s.borrower ? at(s.borrower.signedAt) : undefined,
            note: s.borrower ? `电子签名：同意电子签名声明（版本 ${s.borrower.consentVersion}，SHA-256 ${s.borrower.consentSha256.slice(0, 16)}…），短信验证码验证 ${s.borrower.phoneMasked}` : '（待签署）',
          },
          { role: '调解员', name: s.mediator?.name ?? f.mediator, signedAt: s.mediator ? at(s.mediator.signedAt) : undefined, note: s.mediator ? '电子签名（重新输入密码验证）' : '（待签署）' },
        ],
      },
    ],
  };
}
