import 'server-only';
import { toCsv, yuan } from '@/lib/bundle/csv';
import { formatBeijingTime, formatDate, formatRatePpm, money } from '@/lib/pdf/format';
import { renderRecordPdf, type RecordBlock, type RecordDocumentInput } from '@/lib/pdf/record-document';
import type { ChainVerdict } from '../audit';
import type { StageTimer } from './create-bundle';
import type { CaseEvidence, StoredFileRef } from './collect-evidence';

/**
 * The bundle's own documents, made from the collected evidence: the contract and the arrears as of the bundle date
 * (PDF and CSV), the contact record (CSV and PDF), offers and messages (CSV), the hardship statements (JSON as
 * submitted), the signing certificates (CSV) and the audit trail with its chain verification. Chinese first, each
 * label with its English beside it: the court reads Chinese, the creditor's counsel may not.
 */
export type BundleDocument = { path: string; bytes: Buffer; description: string };
export type BundleCopy = { path: string; file: StoredFileRef; description: string };

const zhEn = (zh: string, en: string) => `${zh} / ${en}`;
const at = (d: Date | null | undefined) => (d ? d.toISOString() : '');
const beijing = (d: Date | null | undefined) => (d ? formatBeijingTime(d.toISOString(), 'zh-CN') : '');
/** Beijing time as 2026-11-20 14:42, for long tables (the column says it is Beijing time). */
const beijingShort = (d: Date) => new Date(d.getTime() + 8 * 3_600_000).toISOString().slice(0, 16).replace('T', ' ');
const pageOf = (page: number, total: number) => `第 ${page} 页 / 共 ${total} 页`;

const channelZh: Record<string, string> = { sms: '短信', email: '电子邮件', in_app: '站内消息', phone: '电话', letter: '信函', visit: '上门' };
const outcomeZh: Record<string, string> = { effective: '有效沟通', unanswered: '未接通', attempted: '已发送/已拨打', blocked: '被联系规则阻止' };
const statusZh: Record<string, string> = { paid: '已还清', overdue: '逾期', partly_paid: '部分还款', not_due: '未到期' };

function contractRows(e: CaseEvidence): [string, string][] {
  const { loan, creditor, borrower } = e.history;
  return [
    [zhEn('案件编号', 'Case no.'), e.kase.caseNo],
    [zhEn('合同编号', 'Contract no.'), loan.contractNo],
    [zhEn('贷款人', 'Creditor'), `${creditor.name}（${creditor.nameEn}）`],
    [zhEn('统一社会信用代码', 'Credit code'), creditor.creditCode],
    [zhEn('借款人', 'Borrower'), borrower.fullName],
    [zhEn('身份证号（遮蔽）', 'Resident ID (masked)'), borrower.residentIdMasked],
    [zhEn('产品', 'Product'), loan.product],
    [zhEn('本金', 'Principal'), yuan(loan.principal)],
    [zhEn('年利率', 'Annual rate'), formatRatePpm(loan.annualRatePpm)],
    [zhEn('期限（月）', 'Term (months)'), String(loan.termMonths)],
    [zhEn('还款方式', 'Repayment method'), loan.repaymentMethod],
    [zhEn('起息日', 'Start date'), loan.startDate],
    [zhEn('到期日', 'Maturity date'), loan.maturityDate],
    [zhEn('约定管辖法院', 'Agreed court'), creditor.court],
  ];
}

/** The arrears totals, each amount in fen (or a plain value), to be written as decimals in CSV and as money in the PDF. */
function totalsRows(e: CaseEvidence): [string, number | string][] {
  const t = e.arrears.totals;
  return [
    [zhEn('计算日', 'As of'), e.asOf],
    [zhEn('逾期天数', 'Days past due'), String(e.arrears.daysPastDue)],
    [zhEn('逾期本金', 'Overdue principal'), t.overduePrincipal],
    [zhEn('逾期利息', 'Overdue interest'), t.overdueInterest],
    [zhEn('罚息', 'Penalty interest'), t.penalty],
    [zhEn('复利', 'Compound interest'), t.compound],
    [zhEn('费用', 'Fees'), t.fees],
    [zhEn('逾期合计（合同）', 'Total overdue (contract)'), t.totalOverdue],
    [zhEn('未到期本金', 'Principal not yet due'), t.notYetDuePrincipal],
    [zhEn('结清总额（合同）', 'Total to settle (contract)'), t.totalToSettle],
    [zhEn('综合成本上限（年）', 'Total-cost cap (a year)'), `${e.arrears.cap.annualPct}%`],
    [zhEn('超出上限不予支持部分', 'Above the cap, not enforceable'), e.arrears.cap.notEnforceable],
    [zhEn('可执行逾期合计', 'Enforceable total overdue'), t.enforceableTotalOverdue],
    [zhEn('可执行结清总额', 'Enforceable total to settle'), t.enforceableTotalToSettle],
  ];
}

const installmentHeader = [
  zhEn('期次', 'Seq'),
  zhEn('应还日', 'Due date'),
  zhEn('状态', 'Status'),
  zhEn('逾期天数', 'DPD'),
  zhEn('本金未还', 'Principal outstanding'),
  zhEn('利息未还', 'Interest outstanding'),
  zhEn('罚息', 'Penalty'),
  zhEn('复利', 'Compound'),
  zhEn('费用', 'Fees'),
  zhEn('未还合计', 'Total outstanding'),
];
const installmentCells = (i: CaseEvidence['arrears']['installments'][number]) => [
  String(i.seq),
  i.dueDate,
  `${statusZh[i.status] ?? i.status} ${i.status}`,
  String(i.daysPastDue),
  yuan(i.principal.outstanding),
  yuan(i.interest.outstanding),
  yuan(i.penalty.outstanding),
  yuan(i.compound.outstanding),
  yuan(i.fees.outstanding),
  yuan(i.total.outstanding),
];

const contactHeader = [zhEn('时间（UTC）', 'Time (UTC)'), zhEn('北京时间', 'Beijing time'), zhEn('渠道', 'Channel'), zhEn('方向', 'Direction'), zhEn('结果', 'Outcome'), zhEn('阻止规则', 'Blocked by rule'), zhEn('经办人', 'Staff'), zhEn('备注', 'Note')];

function recordPdf(e: CaseEvidence, title: string, titleOther: string, blocks: RecordBlock[], date: Date): Promise<Buffer> {
  const input: RecordDocumentInput = {
    title,
    titleOther,
    subtitle: `${e.kase.caseNo} · ${e.history.loan.contractNo} · ${formatDate(e.asOf, 'zh-CN')}`,
    footer: `${e.history.creditor.name} · ${e.kase.caseNo} · 证据包 Evidence bundle`,
    pageOf,
    locale: 'zh-CN',
    author: e.history.creditor.name,
    date,
    blocks,
  };
  return renderRecordPdf(input);
}

export async function bundleDocuments(e: CaseEvidence, chain: ChainVerdict & { from: number | null; to: number | null }, now: Date, time: StageTimer = (_stage, work) => work()): Promise<BundleDocument[]> {
  const docs: BundleDocument[] = [];
  const staff = (id: string | null) => (id ? (e.staffNames.get(id) ?? id) : '');

  // 01 The contract and the arrears as of the bundle date.
  const contract = contractRows(e);
  const totals = totalsRows(e);
  docs.push({ path: '01-contract/contract.csv', bytes: toCsv([zhEn('项目', 'Item'), zhEn('内容', 'Value')], contract), description: 'Loan contract data' });
  docs.push({ path: '01-contract/arrears-totals.csv', bytes: toCsv([zhEn('项目', 'Item'), zhEn('金额（元）', 'Amount (CNY)')], totals.map(([label, value]) => [label, typeof value === 'number' ? yuan(value) : value])), description: `Arrears as of ${e.asOf}, contractual and enforceable` });
  docs.push({ path: '01-contract/arrears-installments.csv', bytes: toCsv(installmentHeader, e.arrears.installments.map(installmentCells)), description: `Arrears per installment as of ${e.asOf}` });
  docs.push({
    path: '01-contract/payments.csv',
    bytes: toCsv([zhEn('到账日', 'Received on'), zhEn('金额（元）', 'Amount (CNY)'), zhEn('渠道', 'Channel')], e.history.payments.map((p) => [p.receivedOn, yuan(p.amount), p.channel])),
    description: 'Payments received',
  });
  const fen = (v: number) => money(v, 'zh-CN');
  docs.push({
    path: '01-contract/contract-and-arrears.pdf',
    bytes: await time('contract and arrears PDF', () => recordPdf(
      e,
      '借款合同与欠款计算',
      'Loan contract and arrears computation',
      [
        { kind: 'heading', text: '一、合同信息 Contract' },
        { kind: 'rows', rows: contract },
        { kind: 'heading', text: `二、截至 ${formatDate(e.asOf, 'zh-CN')} 的欠款 Arrears as of ${e.asOf}` },
        {
          kind: 'para',
          text: `罚息按合同利率上浮计算（罚息利率 ${formatRatePpm(e.arrears.penaltyRatePpm)}），按日计息，日利率＝年利率÷360；利息、复利、罚息及费用合计超过年 ${e.arrears.cap.annualPct}% 的部分，法院不予支持，已在“可执行”金额中扣除。`,
        },
        { kind: 'rows', rows: totals.map(([label, value]) => [label, typeof value === 'number' ? fen(value) : value] as const) },
        { kind: 'heading', text: '三、分期明细 Installments' },
        {
          kind: 'table',
          columns: [
            { label: '期次', width: 0.6 },
            { label: '应还日', width: 1.4 },
            { label: '状态', width: 1 },
            { label: '逾期天数', width: 0.9, numeric: true },
            { label: '本金', width: 1.3, numeric: true },
            { label: '利息', width: 1.2, numeric: true },
            { label: '罚息＋复利', width: 1.2, numeric: true },
            { label: '未还合计', width: 1.4, numeric: true },
          ],
          rows: e.arrears.installments.map((i) => [String(i.seq), i.dueDate, statusZh[i.status] ?? i.status, String(i.daysPastDue), fen(i.principal.outstanding), fen(i.interest.outstanding), fen(i.penalty.outstanding + i.compound.outstanding), fen(i.total.outstanding)]),
        },
      ],
      now,
    )),
    description: `Contract and arrears computation as of ${e.asOf}`,
  });

  // 03 The contact record.
  const contactRows = e.contacts.map((c) => [at(c.at), beijing(c.at), `${channelZh[c.channel] ?? c.channel} ${c.channel}`, c.direction, `${outcomeZh[c.outcome] ?? c.outcome} ${c.outcome}`, c.blockedRule ?? '', staff(c.staffId), c.note ?? '']);
  docs.push({ path: '03-contacts/contact-record.csv', bytes: toCsv(contactHeader, contactRows), description: `Contact record: ${e.contacts.length} contacts, attempted, made or blocked` });
  docs.push({
    path: '03-contacts/contact-record.pdf',
    bytes: await time('contact record PDF', () => recordPdf(
      e,
      '联系记录',
      'Contact record',
      [
        { kind: 'para', text: `本记录列出本案全部联系，包括已发送、已接通、未接通以及被联系规则（时段、频次、免打扰、退订）阻止的联系，共 ${e.contacts.length} 条。时间为北京时间。` },
        {
          kind: 'table',
          columns: [
            { label: '时间（北京时间）', width: 1.7 },
            { label: '渠道', width: 0.8 },
            { label: '结果', width: 1.2 },
            { label: '规则', width: 1.1 },
            { label: '经办人', width: 0.9 },
            { label: '备注', width: 2.9 },
          ],
          rows: e.contacts.map((c) => [beijingShort(c.at), channelZh[c.channel] ?? c.channel, outcomeZh[c.outcome] ?? c.outcome, c.blockedRule ?? '', staff(c.staffId), c.note ?? '']),
        },
      ],
      now,
    )),
    description: 'Contact record, printable',
  });

  // 04 Offers and messages.
  docs.push({
    path: '04-negotiation/offers.csv',
    bytes: toCsv(
      [zhEn('提出时间', 'Proposed at'), zhEn('提出方', 'By'), zhEn('状态', 'Status'), zhEn('类型与条件', 'Terms'), zhEn('每期（元）', 'Regular payment'), zhEn('期数', 'Payments'), zhEn('应付总额（元）', 'Total payable'), zhEn('减免（元）', 'Waived'), zhEn('结束日', 'End date'), zhEn('审批人', 'Approved by'), zhEn('决定时间', 'Decided at'), zhEn('留言', 'Message')],
      e.offers.map((o) => [at(o.createdAt), o.authorType === 'staff' ? staff(o.authorId) : o.authorType, o.status, JSON.stringify(o.terms), yuan(o.regularPayment), o.numberOfPayments, yuan(o.totalPayable), yuan(o.waivedAmount), o.endDate, staff(o.approvedBy), at(o.decidedAt), o.message ?? '']),
    ),
    description: `Offers and counter-offers: ${e.offers.length}`,
  });
  docs.push({
    path: '04-negotiation/messages.csv',
    bytes: toCsv([zhEn('时间', 'At'), zhEn('发送方', 'From'), zhEn('内容', 'Message')], e.messages.map((m) => [at(m.createdAt), m.authorType === 'staff' ? staff(m.authorId) : m.authorType, m.body])),
    description: `Messages between the borrower and the mediator: ${e.messages.length}`,
  });

  // 05 Hardship statements as the borrower gave them.
  for (const s of e.statements.filter((s) => s.status !== 'draft')) {
    const data = { version: s.version, status: s.status, submittedAt: at(s.submittedAt), disposableIncomeFen: s.disposableIncome, statement: s.data };
    docs.push({ path: `05-hardship/statement-v${s.version}.json`, bytes: Buffer.from(`${JSON.stringify(data, null, 2)}\n`, 'utf8'), description: `Hardship statement, version ${s.version}` });
  }

  // 06 Signing certificates (every signature's record).
  for (const a of e.agreements) {
    if (!a.signatures.length) continue;
    docs.push({
      path: `06-agreements/${a.agreementNo}/signing-certificate.csv`,
      bytes: toCsv(
        [zhEn('身份', 'Capacity'), zhEn('签署名', 'Typed name'), zhEn('签署时间', 'Signed at'), zhEn('同意时间', 'Consented at'), zhEn('验证码验证时间', 'Code verified at'), zhEn('同意文本版本', 'Consent version'), zhEn('同意文本 SHA-256', 'Consent SHA-256'), 'IP', zhEn('设备', 'Device'), zhEn('签署前 SHA-256', 'Document SHA-256 before'), zhEn('签署后 SHA-256', 'Document SHA-256 after')],
        a.signatures.map((s) => [s.signerType, s.typedName, at(s.signedAt), at(s.consentedAt), at(s.codeVerifiedAt), s.consentTextVersion, s.consentTextSha256, s.ip ?? '', s.userAgent ?? '', s.documentSha256Before, s.documentSha256After]),
      ),
      description: `Signing certificate of agreement ${a.agreementNo} (status ${a.row.status})`,
    });
  }

  // 07 The audit trail, with each row's links, and the verification of the chain over its stretch.
  docs.push({
    path: '07-audit/audit-trail.csv',
    bytes: toCsv(
      ['seq', 'at', 'actor_type', 'actor_id', 'action', 'entity_type', 'entity_id', 'ip', 'user_agent', 'request_id', 'data', 'prev_hash', 'hash'],
      e.audit.map((r) => [r.seq, r.at.toISOString(), r.actorType, r.actorId ?? '', r.action, r.entityType ?? '', r.entityId ?? '', r.ip ?? '', r.userAgent ?? '', r.requestId ?? '', JSON.stringify(r.data), r.prevHash, r.hash]),
    ),
    description: `Audit trail of the case: ${e.audit.length} events`,
  });
  const verdict = chain.ok ? 'INTACT' : `BROKEN at seq ${chain.brokenAtSeq} (${chain.reason})`;
  docs.push({
    path: '07-audit/chain-verification.txt',
    bytes: Buffer.from(
      [
        `审计日志哈希链验证 / Audit hash-chain verification`,
        `验证时间 / Verified at: ${now.toISOString()}`,
        `范围 / Range: seq ${chain.from ?? '-'} .. ${chain.to ?? '-'} (every row in it, of any case, linked to the row before it)`,
        `已验证行数 / Rows checked: ${chain.checked}`,
        `结果 / Result: ${chain.ok ? '完整，未被篡改' : '已损坏'} / ${verdict}`,
        '',
        '每行的 hash = SHA-256（规范 JSON：{at, actorType, actorId, action, entityType, entityId, ip, userAgent, requestId, data, prevHash}，键按字母排序）；prev_hash 为前一行的 hash。',
        "Each row's hash is the SHA-256 of canonical JSON (keys sorted at every level) of {at, actorType, actorId, action, entityType, entityId, ip, userAgent, requestId, data, prevHash}; prev_hash is the previous row's hash.",
        '',
      ].join('\r\n'),
      'utf8',
    ),
    description: `Hash-chain verification: ${verdict}`,
  });
  return docs;
}

/** Stored files copied as they are: notices, hardship evidence, every version of every agreement. */
export function bundleCopies(e: CaseEvidence, entryName: (name: string) => string): BundleCopy[] {
  const copies: BundleCopy[] = [];
  const numbered = (n: number) => String(n).padStart(2, '0');
  e.notices.forEach((f, i) => copies.push({ path: `02-notices/${numbered(i + 1)}-${entryName(f.filename)}`, file: f, description: `Notice issued ${f.createdAt.toISOString()}` }));
  const versionOf = new Map(e.statements.map((s) => [s.id, s.version]));
  e.evidence.forEach((f, i) => copies.push({ path: `05-hardship/evidence/${numbered(i + 1)}-${entryName(f.filename)}`, file: f, description: `Hardship evidence${f.ownerId && versionOf.has(f.ownerId) ? ` (statement v${versionOf.get(f.ownerId)})` : ''}, uploaded ${f.createdAt.toISOString()}` }));
  for (const a of e.agreements) {
    for (const f of a.files) copies.push({ path: `06-agreements/${a.agreementNo}/${entryName(f.filename)}`, file: f, description: `Agreement ${a.agreementNo}: ${f.kind.replace('agreement_', '')} copy` });
  }
  return copies;
}
