import type { AgreementFacts, AgreementText, ConsentText } from './types';

/**
 * 还款协议 — 中文文本。条款措辞力求平实：先讲清楚金额和后果，再讲法律依据。
 * 正文中不要用半角空格（数字、英文与汉字之间也不加）：react-pdf 换行时会优先在空格处断行，使该行提前结束（见 fonts.ts）。
 */

/** The consent as first written (2026-11-v1): it spoke of a drawn signature as if it were always collected. */
export const consentZhV1 = (version: string): ConsentText => ({
  version,
  title: '电子签名同意书',
  paragraphs: [
    '我同意以电子方式签署本还款协议。我的电子签名包括我输入的姓名和我手写的签名图像，与我在纸质文件上的亲笔签名具有同等法律效力（《中华人民共和国电子签名法》第十四条）。',
    '签署时，平台会向我登记的手机号码发送一次性验证码，用于确认是我本人签署。验证码只由我本人掌握，我不会把它告诉任何人。',
    '平台会记录签署过程，包括签署时间、IP地址、设备信息和验证结果，并计算协议文件的SHA-256摘要，签署后协议的任何改动都能被发现。这些记录只用于证明协议的签署过程。',
    '我可以在签署前下载并仔细阅读协议全文；也可以不以电子方式签署，联系债权人改为书面签署。签署后，我可以随时下载已签署的协议。',
  ],
});

/** The consent as the signing page collects it: a typed name always, a drawing only if the borrower adds one. */
export const consentZh = (version: string): ConsentText => ({
  version,
  title: '电子签名同意书',
  paragraphs: [
    '我同意以电子方式签署本还款协议。我的电子签名是我输入的姓名；如果我另外手写了签名，手写的签名图像也一并作为我的签名。电子签名与我在纸质文件上的亲笔签名具有同等法律效力（《中华人民共和国电子签名法》第十四条）。',
    '签署时，平台会向我登记的手机号码发送一次性验证码，用于确认是我本人签署。验证码只由我本人掌握，我不会把它告诉任何人。',
    '平台会记录签署过程：签署时间、IP地址、浏览器提供的设备信息、验证码核验结果，以及我是否手写了签名；并计算协议文件的SHA-256摘要，签署后协议的任何改动都能被发现。这些记录只用于证明协议的签署过程。',
    '我可以在签署前阅读并下载协议全文；也可以不以电子方式签署，联系债权人改为书面签署。签署后，我可以随时下载已签署的协议。',
  ],
});

const structureZh = (f: AgreementFacts) =>
  ({
    installments: '分期还款',
    extension: '展期',
    extension_installments: '展期加分期',
    settlement: f.waivedTotal ? '减免后一次结清' : '一次结清',
  })[f.structure];

const methodZh = { equal_installment: '等额本息', equal_principal: '等额本金' } as const;

function plan(f: AgreementFacts): string[] {
  const out: string[] = [];
  if (f.pause) {
    out.push(
      `考虑到乙方目前的困难，自本协议签订之日起至${f.pause.until}，乙方暂停还款${f.pause.months}个月。${f.pause.frozen ? '暂停期间不计利息、罚息和复利。' : `暂停期间按原利率的${f.pause.pct}计收利息，共${f.pause.charged}，平均计入以后各期，不计罚息和复利。`}`,
    );
  }
  const method = f.method ? `按${methodZh[f.method]}方式计算，` : '';
  if (f.downPayment) out.push(`乙方应于本协议签订当日（${f.date}）支付首付款${f.downPayment}。`);
  const rest = f.downPayment ? '扣除首付款后的' : '';
  if (f.structure === 'installments') {
    const base = f.continuingContractRows ? `${rest}逾期欠款` : `${rest}全部欠款`;
    out.push(`乙方${base}分${f.installmentMonths}期按月偿还，${method}首期还款日为${f.firstDueDate}，末期还款日为${f.endDate}。`);
    if (f.continuingContractRows) out.push('原借款合同中尚未到期的各期，按原约定的日期和金额继续偿还（还款计划表中标注“原合同”的期次）。');
  } else if (f.structure === 'extension') {
    out.push(`原借款合同的到期日由${f.loanMaturity}延长至${f.newMaturity}（展期${f.extensionMonths}个月）。乙方的全部欠款（包括逾期部分）自${f.firstDueDate}起按月偿还，共${f.numberOfPayments}期，末期还款日为${f.endDate}。`);
  } else {
    out.push(
      `原借款合同的到期日由${f.loanMaturity}延长至${f.newMaturity}（展期${f.extensionMonths}个月）。乙方${rest}逾期欠款分${f.installmentMonths}期按月偿还，${method}尚未到期的本金在展期后的期限内按月偿还。两部分合并后共${f.numberOfPayments}期，首期还款日为${f.firstDueDate}，末期还款日为${f.endDate}。`,
    );
  }
  out.push('新的还款计划按月计收利息（剩余本金×年利率÷12），已计入还款计划表；结转的逾期利息、罚息、复利和费用不再计收任何利息。各期金额按“分”四舍五入，尾差计入最后一期，因此最后一期可能与其他各期略有差异。');
  return out;
}

export const textZh: AgreementText = {
  title: '还款协议',
  subtitle: '逾期贷款诉前调解',
  meta: { agreementNo: '协议编号', caseNo: '调解案件编号', date: '签订日期', verificationCode: '验证码', verifyHint: '可凭验证码在协和调解平台核验本协议是否真实、未被篡改。', textVersion: '文本版本' },
  parties: {
    heading: '协议双方',
    creditor: '甲方（债权人）',
    borrower: '乙方（借款人）',
    name: '名称 / 姓名',
    creditCode: '统一社会信用代码',
    address: '住所',
    servicePhone: '客服电话',
    residentId: '居民身份证号码',
    phone: '手机号码',
    borrowerAddress: '住址',
    none: '—',
  },
  headings: {
    loan: '第一条　原借款情况',
    arrears: '第二条　截至签订日的欠款',
    relief: '第三条　减免',
    arrangement: '第四条　还款安排',
    schedule: '第五条　还款计划表',
    payment: '第六条　还款方式与提前还款',
    breach: '第七条　宽限期与违约',
    disputes: '第八条　争议解决',
    privacy: '第九条　个人信息保护',
    esign: '第十条　电子签名',
    general: '第十一条　其他约定',
    signatures: '签署',
  },
  loan: {
    contractNo: '借款合同编号',
    product: '贷款产品',
    principal: '借款本金',
    rate: '合同年利率',
    term: '借款期限',
    startDate: '起始日',
    maturityDate: '原到期日',
    termValue: (months) => `${months}个月`,
  },
  arrears: {
    overduePrincipal: '逾期本金',
    overdueInterest: '逾期利息',
    penalty: '罚息',
    compound: '复利',
    fees: '费用',
    totalOverdue: '逾期合计',
    notYetDuePrincipal: '尚未到期的本金',
    totalToSettle: '结清全部欠款所需金额',
    enforceable: '其中依法可主张的金额',
  },
  waived: { penalty: '减免罚息', compound: '减免复利', interest: '减免逾期利息', principal: '减免本金', total: '减免合计' },
  summary: {
    structure: '还款方式',
    method: '计算方式',
    downPayment: '首付款',
    regularPayment: '每月还款（最高）',
    numberOfPayments: '还款期数',
    firstDueDate: '首期还款日',
    endDate: '末期还款日',
    newMaturity: '展期后到期日',
    newInterest: '新增利息',
    totalPayable: '还款总额',
    totalWithDown: '还款总额（含首付款）',
  },
  schedule: { seq: '期数', dueDate: '还款日', principal: '本金', interest: '利息', charges: '结转欠款', amount: '应还金额', balanceAfter: '剩余应还本金及欠款', contract: '原合同', downPayment: '首付', total: '合计' },
  structureName: structureZh,
  methodName: methodZh,
  preamble: (f) =>
    `甲方与乙方于${f.loanStart}签订了编号为${f.contractNo}的借款合同（以下简称“原借款合同”）。乙方因未能按期还款，与甲方通过协和调解平台进行了诉前调解（调解案件编号：${f.caseNo}）。双方本着平等、自愿、公平、诚信的原则，经充分协商，就欠款的偿还达成如下协议，共同遵守。`,
  loanIntro: '原借款合同的主要内容如下。除本协议另有约定外，原借款合同继续有效。',
  arrearsIntro: (f) => `截至${f.arrears.asOf}，乙方在原借款合同项下的欠款如下，与乙方签署前在平台上看到的金额一致：`,
  arrearsAfter: (f) => [
    `乙方最早一期欠款已逾期${f.arrears.daysPastDue}天。`,
    ...(f.arrears.notEnforceable ? [`其中${f.arrears.notEnforceable}超过法定综合资金成本上限，甲方不予主张。`] : []),
  ],
  reliefIntro: (f) => (f.waivedTotal ? '为帮助乙方恢复正常还款，甲方同意减免下列款项：' : '本协议不减免任何款项。'),
  reliefAfter: (f) => [
    ...(f.rateReduction ? [`此外，还款计划前${f.rateReduction.months}期的利率在原利率基础上下调${f.rateReduction.pct}。`] : []),
    ...(f.capReduction ? [`另有${f.capReduction}因超过法定综合资金成本上限，不计入本协议，甲方不予主张。`] : []),
    ...(f.waivedTotal || f.rateReduction
      ? [f.waiverFallsAway ? '上述减免以乙方履行本协议为条件，见第七条。' : '上述减免自本协议生效时起不可撤销。']
      : []),
  ],
  arrangement: (f) => {
    if (f.settlement) {
      return [
        `乙方应于${f.settlement.date}一次性支付${f.settlement.amount}。甲方收到该笔款项后，乙方在原借款合同项下的欠款全部结清，甲方不再向乙方主张任何款项。`,
      ];
    }
    const out = plan(f);
    if (f.saving) out.push(f.saving.positive ? `与不调整还款安排相比，乙方共少还${f.saving.amount}。` : `与不调整还款安排相比，由于还款期限延长，乙方共多还${f.saving.amount}（主要为延长期间的利息）。`);
    return out;
  },
  scheduleIntro: '还款计划表是本协议的组成部分。',
  payment: (f) => [
    '一、乙方应在每期还款日当日或之前，将当期应还金额存入原借款合同约定的还款账户，或通过协和调解平台提供的方式支付。',
    '二、乙方可以随时提前偿还全部或部分欠款，无需支付违约金或手续费。提前还款的，按照实际借款期间计算利息（《中华人民共和国民法典》第六百七十七条）；提前结清时，尚未到期各期的利息不再收取。',
    ...(f.selfServiceDelayMaxDays > 0 && !f.settlement
      ? [`三、在本还款计划期间，乙方可以通过平台自行将其中一期的还款日延后一次，最多${f.selfServiceDelayMaxDays}天，无需另行签订协议。`]
      : []),
  ],
  breach: (f) => [
    f.graceDays > 0 ? `一、每个还款日后${f.graceDays}天为宽限期。乙方在宽限期内足额还款的，视为按期还款。` : '一、本协议不设宽限期，乙方应在每期还款日当日或之前足额还款。',
    `二、乙方${f.settlement ? '' : f.breachMisses === 1 ? '任何一期' : `连续${f.breachMisses}期`}未在${f.graceDays > 0 ? '宽限期届满前' : '还款日'}足额${f.settlement ? '支付第四条约定的款项' : '还款'}的，构成违约，本协议终止。届时甲方可以恢复对全部剩余欠款的催收，或依法向人民法院提起诉讼。`,
    ...(f.waivedTotal || f.rateReduction
      ? [
          f.waiverFallsAway
            ? `三、本协议因乙方违约而终止的，第三条约定的减免${f.rateReduction ? '（包括利率下调）' : ''}不再适用，甲方可以按原借款合同主张欠款，乙方已经支付的款项全部予以扣除。`
            : '三、本协议因乙方违约而终止的，第三条约定的减免仍然有效。',
        ]
      : []),
    `${f.waivedTotal || f.rateReduction ? '四' : '三'}、乙方还款遇到困难的，可以在还款日前通过平台或甲方客服电话${f.servicePhone}联系甲方，双方可以协商调整。甲方催收时遵守法律法规，尊重乙方人格，不向与欠款无关的第三方透露欠款情况。`,
  ],
  disputes: (f) => [
    `因本协议引起或者与本协议有关的争议，双方应先友好协商；协商不成的，任何一方均可向${f.court}提起诉讼。`,
    '本协议是双方经诉前调解达成的协议，双方可以依法共同向人民法院申请司法确认。',
  ],
  privacy: (f) => [
    '甲方依照《中华人民共和国个人信息保护法》处理乙方的个人信息，仅用于履行本协议、管理本笔借款和依法维护甲方的权利，不出售，也不向无关的第三方提供。',
    '本协议中乙方的身份证号码和手机号码以遮蔽方式显示。乙方有权查阅、复制、更正自己的个人信息，可以通过平台或甲方客服电话' + f.servicePhone + '行使这些权利。',
    '甲方依照国家规定如实报送本笔借款及本协议的履行情况。',
  ],
  esignIntro: (f) => `双方同意以电子方式签署本协议。乙方在签署前已阅读并同意以下《电子签名同意书》（版本${f.consentVersion}）：`,
  esignAfter: (f) =>
    f.textVersion === '2026-11-v1'
      ? ['甲方以其授权代表的电子签名及甲方的数字证书签署本协议。签署后，协议文件的任何改动都能被发现。']
      : [
          '甲方的电子签章（协议上的可见签章，以及以甲方数字证书作出的数字签名）由协和调解平台依甲方的长期授权加盖。',
          '调解员以中立调解员的身份签署，确认本协议经其主持的诉前调解达成；调解员不代表任何一方。签署后，协议文件的任何改动都能被发现。',
        ],
  general: () => [
    '一、本协议自双方签署之日起生效。本协议未约定的事项，仍按原借款合同执行；本协议与原借款合同不一致的，以本协议为准。',
    '二、本协议以中文写成，主要条款另附英文译文。两种文字具有同等效力；如有不一致，按照《中华人民共和国民法典》第四百九十八条，作出不利于提供格式条款一方（甲方）的解释。',
    '三、本协议的电子文本由双方各自留存，乙方可以随时在协和调解平台下载，并可凭验证码核验本协议是否真实、未被篡改。',
  ],
  endOfText: '（以下无正文）',
  keyTermsTitle: '主要条款（中文）',
  keyTermsNote: '以下为本协议主要条款的中文译文；完整条款见上文，两种文字的效力见第十一条。',
  keyTerms: (f) => [
    ['协议', `${f.agreementNo}，签订于${f.date}`],
    ['双方', `甲方：${f.creditorName}；乙方：${f.borrowerName}`],
    ['原借款', `借款合同${f.contractNo}，年利率${f.loanRate}，原到期日${f.loanMaturity}`],
    ['欠款', `截至${f.arrears.asOf}，逾期合计${f.arrears.totalOverdue}，结清全部欠款需${f.arrears.totalToSettle}`],
    ['减免', f.waivedTotal ? `${f.waivedTotal}${f.rateReduction ? `；前${f.rateReduction.months}期利率下调${f.rateReduction.pct}` : ''}` : f.rateReduction ? `前${f.rateReduction.months}期利率下调${f.rateReduction.pct}` : '无'],
    [
      '还款安排',
      f.settlement
        ? `${f.settlement.date}一次性支付${f.settlement.amount}，结清全部欠款`
        : `${structureZh(f)}：${f.downPayment ? `首付${f.downPayment}；` : ''}共${f.numberOfPayments}期，每月最高${f.regularPayment}，自${f.firstDueDate}至${f.endDate}${f.newMaturity ? `；展期后到期日${f.newMaturity}` : ''}`,
    ],
    ...(f.pause ? ([['暂停还款', `${f.pause.months}个月，至${f.pause.until}；${f.pause.frozen ? '期间不计利息' : `期间利息${f.pause.charged}`}`]] as [string, string][]) : []),
    ['还款总额', f.totalPayable],
    [
      '违约',
      `宽限期${f.graceDays}天；${f.settlement ? '未足额支付' : f.breachMisses === 1 ? '任何一期未足额还款' : `连续${f.breachMisses}期未足额还款`}即构成违约，协议终止，甲方可以恢复催收或起诉${(f.waivedTotal || f.rateReduction) && f.waiverFallsAway ? '，减免不再适用' : ''}`,
    ],
    ['提前还款', '随时可以，不收违约金或手续费'],
    ['争议解决', f.court],
  ],
  signatures: {
    creditor: '甲方（债权人）',
    representative: '授权代表',
    borrower: '乙方（借款人）',
    typedName: '签署人',
    signedAt: '签署时间',
    signature: '签名',
    mediator: '调解员',
    mediatorRole: '中立调解员，不代表任何一方',
    seal: '电子签章',
    sealPending: '（调解员签署后，由平台依甲方授权加盖）',
    sealNote: (signatory, date) => `协和调解平台依甲方授权加盖（授权人：${signatory}，授权日期：${date}）`,
  },
  certificate: {
    title: '签署证书',
    intro: '本证书由协和调解平台生成，记录本协议的签署过程，是本协议的组成部分。',
    agreement: '协议与签署方',
    representative: '甲方授权代表',
    mediator: '调解员',
    seal: '甲方电子签章',
    document: '文件',
    sha256: '原始文件 SHA-256',
    sha256Hint: '乙方审阅并签署的协议文件（加入签名之前）的SHA-256摘要。',
    events: '签署过程',
    event: '事件',
    who: '操作人',
    time: '时间',
    utc: 'UTC',
    local: '当地',
    ipDevice: 'IP 地址 / 设备',
    verification: '身份验证',
    verify: '核验',
    scan: '扫码核验',
    verifyHint: '扫描二维码或访问以下网址，输入验证码，即可核验本协议是否真实、未被篡改：',
  },
  pageOf: (page, total) => `第 ${page} 页 / 共 ${total} 页`,
};
