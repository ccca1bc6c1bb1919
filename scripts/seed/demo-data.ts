import type { CaseState } from '@/lib/domain/case-state';
import type { RepaymentMethod } from '@/lib/domain/schedule';
import type { Bucket } from './loans';
import type { Gender } from './names';

/**
 * The demo's fixed cast. The bank, its people and its borrowers are fictional;
 * region codes, ID layout and loan products are real. Case states and DPD
 * buckets are assigned by hand so that every state and every bucket appears,
 * and each state gets a timeline that can actually produce it.
 */
export const DEMO_CREDITOR_CODE = 'DEMO-RCB';
export const DEMO_PASSWORD = 'Concord-demo-2026';
export const DEMO_CONTRACT_PREFIX = 'QXRCB';

export const demoCreditor = {
  code: DEMO_CREDITOR_CODE,
  name: '浙江青溪农村商业银行股份有限公司',
  nameEn: 'Zhejiang Qingxi Rural Commercial Bank Co., Ltd.',
  // Fictional, but with valid GB 11714 and GB 32100 check characters so validators accept it.
  creditCode: '91330500738426155L',
  registeredAddress: '浙江省湖州市青溪区溪山路88号',
  servicePhone: '0572-58809600',
  court: '湖州市青溪区人民法院',
  // Where borrowers pay their plan's installments (shown under "how to pay"). Fictional.
  paymentAccount: {
    bankName: '浙江青溪农村商业银行 营业部',
    accountName: '浙江青溪农村商业银行股份有限公司 还款专户',
    accountNo: '2011 0000 3388 0101 6',
    note: '转账时请在附言中填写您的合同编号；也可在本行任一网点柜台还款。',
    noteEn: 'Quote your contract number in the transfer message; you may also pay at any branch counter.',
  },
};

/** The second creditor the demo's mediation centre serves. */
export const DEMO_SECOND_CREDITOR_CODE = 'DEMO-CF';
export const demoSecondCreditor = {
  code: DEMO_SECOND_CREDITOR_CODE,
  name: '青溪普惠消费金融有限公司',
  nameEn: 'Qingxi Inclusive Consumer Finance Co., Ltd.',
  creditCode: '913301005291340849', // fictional, with valid check characters
  registeredAddress: '浙江省杭州市上城区望江东路99号',
  servicePhone: '0571-86609900',
  court: '杭州市上城区人民法院',
};

export type StaffKey = 'admin' | 'supervisor' | 'mediator1' | 'mediator2' | 'mediator3' | 'centreSupervisor' | 'cfMediator';
/** Whom each works for: the bank, the consumer-finance company, or the mediation centre (every creditor). */
export type Employer = 'bank' | 'cf' | 'centre';

export const demoStaff: readonly { key: StaffKey; email: string; name: string; role: 'admin' | 'supervisor' | 'mediator'; employer: Employer }[] = [
  { key: 'admin', email: 'admin@concord.demo', name: '陈静', role: 'admin', employer: 'centre' },
  { key: 'supervisor', email: 'supervisor@concord.demo', name: '王建国', role: 'supervisor', employer: 'bank' },
  { key: 'mediator1', email: 'mediator1@concord.demo', name: '刘洋', role: 'mediator', employer: 'bank' },
  { key: 'mediator2', email: 'mediator2@concord.demo', name: '赵敏', role: 'mediator', employer: 'bank' },
  { key: 'mediator3', email: 'mediator3@concord.demo', name: '孙志强', role: 'mediator', employer: 'bank' },
  { key: 'centreSupervisor', email: 'centre.supervisor@concord.demo', name: '林海', role: 'supervisor', employer: 'centre' },
  { key: 'cfMediator', email: 'cf.mediator@concord.demo', name: '许婧', role: 'mediator', employer: 'cf' },
];

export type DemoLoan = {
  product: string;
  method?: RepaymentMethod;
  /** Without a case the loan is performing (paid on time so far). */
  case?: { state: CaseState; bucket: Bucket; settled?: boolean; assignee?: StaffKey; ageDays?: number };
  /** The loan's creditor: the bank unless said. */
  creditor?: 'cf';
};

export type DemoBorrower = {
  name: string;
  gender: Gender;
  region: string;
  birth: string;
  locale?: 'zh-CN' | 'en';
  phone?: string;
  email?: string;
  loans: DemoLoan[];
};

const c = (state: CaseState, bucket: Bucket, extra: Omit<NonNullable<DemoLoan['case']>, 'state' | 'bucket'> = {}) => ({ state, bucket, ...extra });

export const demoBorrowers: readonly DemoBorrower[] = [
  // The e2e tests and the README sign in as these two: keep them first and keep their numbers.
  {
    name: '张伟', gender: 'male', region: '330523', birth: '1985-03-12', phone: '13800138000',
    loans: [
      { product: '个人消费贷', method: 'equal_installment', case: c('invited', 'M2', { assignee: 'mediator1' }) },
      { product: '网商信用贷', method: 'equal_installment', case: c('completed', 'M4+') },
      { product: '装修分期贷', method: 'equal_principal' },
    ],
  },
  { name: '李娜', gender: 'female', region: '110105', birth: '1990-07-21', phone: '13900139000', loans: [{ product: '经营贷', method: 'equal_principal', case: c('engaged', 'M1', { assignee: 'mediator1' }) }] },
  { name: '王秀英', gender: 'female', region: '330521', birth: '1968-11-02', loans: [{ product: '农户小额信用贷', method: 'interest_only_bullet', case: c('invited', 'M4+') }] },
  { name: '刘龑', gender: 'male', region: '330502', birth: '1993-05-17', loans: [{ product: '网商信用贷', case: c('invited', 'M1') }] },
  {
    name: '陈明', gender: 'male', region: '330523', birth: '1979-09-08',
    loans: [{ product: '经营贷', method: 'interest_only_bullet', case: c('invited', 'M3') }, { product: '个人消费贷', method: 'equal_principal' }],
  },
  { name: '杨丽', gender: 'female', region: '440305', birth: '1988-02-14', loans: [{ product: '个人消费贷', method: 'equal_installment', case: c('invited', 'M1') }] },
  { name: '赵强', gender: 'male', region: '330102', birth: '1982-12-30', loans: [{ product: '经营贷', method: 'equal_installment', case: c('engaged', 'M2', { assignee: 'mediator1' }) }] },
  { name: '黄晓燕', gender: 'female', region: '310115', birth: '1991-04-09', loans: [{ product: '个人消费贷', method: 'equal_principal', case: c('engaged', 'M4+') }] },
  { name: '周昇', gender: 'male', region: '330106', birth: '1987-08-25', loans: [{ product: '装修分期贷', method: 'equal_installment', case: c('engaged', 'M3') }] },
  { name: '吴敏', gender: 'female', region: '330523', birth: '1976-06-18', loans: [{ product: '农户小额信用贷', method: 'equal_principal', case: c('hardship_submitted', 'M1') }] },
  { name: '徐志刚', gender: 'male', region: '320583', birth: '1984-10-05', loans: [{ product: '经营贷', method: 'interest_only_bullet', case: c('hardship_submitted', 'M3') }] },
  { name: '孙丽华', gender: 'female', region: '330521', birth: '1972-01-23', loans: [{ product: '个人消费贷', method: 'equal_installment', case: c('hardship_submitted', 'M4+') }] },
  { name: '胡建平', gender: 'male', region: '330502', birth: '1970-03-29', loans: [{ product: '农户小额信用贷', method: 'interest_only_bullet', case: c('negotiating', 'M2') }] },
  { name: '朱婷', gender: 'female', region: '340104', birth: '1995-09-12', loans: [{ product: '网商信用贷', case: c('negotiating', 'M3') }] },
  { name: '高峰', gender: 'male', region: '330523', birth: '1981-07-07', loans: [{ product: '经营贷', method: 'equal_principal', case: c('negotiating', 'M4+') }] },
  {
    name: '林雪', gender: 'female', region: '330106', birth: '1994-12-01', locale: 'en', email: 'lin.xue@example.com',
    loans: [{ product: '个人消费贷', method: 'equal_installment', case: c('negotiating', 'M1') }, { product: '网商信用贷' }],
  },
  { name: '何俊杰', gender: 'male', region: '440305', birth: '1989-05-30', locale: 'en', email: 'junjie.he@example.com', loans: [{ product: '装修分期贷', method: 'equal_installment', case: c('agreed', 'M2') }] },
  { name: '郭海燕', gender: 'female', region: '420106', birth: '1983-08-16', loans: [{ product: '个人消费贷', method: 'equal_principal', case: c('agreed', 'M4+') }] },
  { name: '马超', gender: 'male', region: '330523', birth: '1986-02-27', loans: [{ product: '网商信用贷', case: c('signed_by_borrower', 'M1') }] },
  { name: '罗玉兰', gender: 'female', region: '330521', birth: '1965-10-10', loans: [{ product: '农户小额信用贷', method: 'equal_principal', case: c('signed_by_borrower', 'M3') }] },
  { name: '梁文斌', gender: 'male', region: '510107', birth: '1980-04-04', loans: [{ product: '经营贷', method: 'equal_installment', case: c('plan_active', 'M4+') }] },
  { name: '宋佳', gender: 'female', region: '310115', birth: '1992-11-19', locale: 'en', email: 'jia.song@example.com', loans: [{ product: '个人消费贷', method: 'equal_installment', case: c('plan_active', 'M4+') }] },
  { name: '郑伟东', gender: 'male', region: '330502', birth: '1977-06-06', loans: [{ product: '经营贷', method: 'interest_only_bullet', case: c('breached', 'M4+') }] },
  { name: '谢晓红', gender: 'female', region: '350203', birth: '1985-01-15', loans: [{ product: '装修分期贷', method: 'equal_principal', case: c('breached', 'M4+') }] },
  { name: '韩磊', gender: 'male', region: '330523', birth: '1990-09-09', loans: [{ product: '个人消费贷', method: 'equal_installment', case: c('escalated', 'M4+') }] },
  { name: '唐玥', gender: 'female', region: '430104', birth: '1997-03-03', loans: [{ product: '网商信用贷', case: c('escalated', 'M3') }] },
  { name: '冯喆', gender: 'male', region: '330106', birth: '1988-12-12', loans: [{ product: '个人消费贷', method: 'equal_principal', case: c('closed', 'M1', { settled: true }) }] },
  { name: '于桂芳', gender: 'female', region: '330521', birth: '1963-05-05', loans: [{ product: '农户小额信用贷', method: 'interest_only_bullet', case: c('closed', 'M2') }] },
  { name: '董浩', gender: 'male', region: '500103', birth: '1991-08-08', locale: 'en', email: 'hao.dong@example.com', loans: [{ product: '经营贷', method: 'equal_principal', case: c('closed', 'M4+') }] },
  // Still negotiating past the window: on the escalation review list.
  { name: '邵建华', gender: 'male', region: '330502', birth: '1978-07-19', loans: [{ product: '经营贷', method: 'equal_principal', case: c('negotiating', 'M3', { assignee: 'mediator2', ageDays: 36 }) }] },
  // The consumer-finance company's borrowers.
  { name: '蒋文静', gender: 'female', region: '330106', birth: '1993-06-11', loans: [{ product: '网商信用贷', creditor: 'cf', case: c('invited', 'M1', { assignee: 'cfMediator' }) }] },
  { name: '沈磊', gender: 'male', region: '330102', birth: '1986-09-23', loans: [{ product: '个人消费贷', method: 'equal_installment', creditor: 'cf', case: c('negotiating', 'M2', { assignee: 'cfMediator' }) }] },
  { name: '曹丽', gender: 'female', region: '320583', birth: '1990-01-30', loans: [{ product: '网商信用贷', creditor: 'cf', case: c('closed', 'M2', { settled: true, assignee: 'cfMediator' }) }] },
  { name: '彭飞', gender: 'male', region: '430104', birth: '1984-04-14', loans: [{ product: '个人消费贷', method: 'equal_principal', creditor: 'cf', case: c('escalated', 'M4+', { assignee: 'cfMediator' }) }] },
  {
    name: '欧阳秀梅', gender: 'female', region: '330523', birth: '1974-02-20',
    loans: [{ product: '个人消费贷', method: 'equal_installment', case: c('completed', 'M4+') }, { product: '农户小额信用贷', method: 'equal_principal' }],
  },
];

/** Mobile prefixes for the other demo borrowers; 170/171 are left to the benchmark generator. */
export const demoPhonePrefixes = ['135', '136', '137', '139', '150', '151', '152', '158', '159', '182', '187', '188', '189', '199'];

/** What a mediator's call achieved, by the state the case is in now (zh-CN; the record is the creditor's, not the borrower's). */
export const callNotes: Partial<Record<CaseState, string>> = {
  engaged: '电话联系借款人，核实身份后告知调解流程，借款人已登录平台查看欠款明细。',
  hardship_submitted: '借款人表示近期收入下降，已指导其在线填写收支情况说明。',
  negotiating: '与借款人沟通分期方案，借款人希望延长期限、减免部分罚息。',
  agreed: '借款人同意调解方案，已告知签署流程。',
  signed_by_borrower: '借款人已完成电子签署，待我行盖章。',
  plan_active: '提醒借款人按新还款计划按时还款。',
  breached: '借款人连续两期未按协议还款，电话提醒未果。',
  completed: '借款人已按协议结清全部欠款。',
  escalated: '调解期满未达成协议，告知借款人将依法起诉。',
  closed: '借款人已与我行协商处理完毕，案件关闭。',
};

export const borrowerMessages = {
  'zh-CN': ['我最近生意不好，每个月最多能还两千左右，能不能分期？', '罚息能不能减免一些？我不是故意拖欠的。'],
  en: ['I lost my job in the spring. Could I pay in smaller monthly amounts?', 'Is it possible to waive part of the penalty interest?'],
} as const;

/**
 * The mediator's answer: to a borrower who has submitted a hardship statement, and to one who has only written (the
 * answer must not claim a statement the case does not have; the case page then still asks for it).
 */
export const mediatorReplies = {
  statement: {
    'zh-CN': '您好，已收到您的困难情况说明。我们会根据您的收支情况准备分期方案，请留意平台通知。',
    en: 'Thank you, we have your hardship statement. We will prepare an installment plan based on your income and costs; you will be notified in the portal.',
  },
  message: {
    'zh-CN': '您好，您的情况我们已了解，会据此准备分期方案，请留意平台通知。如能填写困难情况说明（收入和开支），方案会更贴合您的实际情况。',
    en: 'Thank you for telling us. We will prepare an installment plan and you will be notified in the portal. If you fill in the hardship statement (your income and costs), the plan can fit them better.',
  },
} as const;

/**
 * What the demo's hardship_submitted borrowers wrote, as typed into the form's steps (amounts in yuan, the way people
 * type them): a farmer whose tea harvest failed, a shop owner whose trade fell away, a clerk off work with an illness.
 */
export const hardshipStatements: Record<string, { household: Record<string, string>; income: Record<string, string>; costs: { fixedCosts: Record<string, string>; flexibleCosts: Record<string, string>; explanations: Record<string, string> }; debts: { lender: string; monthlyPayment: string; priority: boolean }[]; reason: { category: string; sinceMonthsAgo: number; duration: string; details: string } }> = {
  吴敏: {
    household: { adults: '2', childrenUnder6: '0', children6to17: '1', otherDependants: '1', housing: 'own', employment: 'self_employed' },
    income: { wages: '', business: '1,800', pension: '', benefits: '300', familySupport: '', otherIncome: '' },
    costs: { fixedCosts: { housing: '', utilities: '180', transport: '120', education: '600', medical: '250', insurance: '90', otherFixed: '' }, flexibleCosts: { food: '900', communications: '60', personal: '80', otherFlexible: '' }, explanations: {} },
    debts: [{ lender: '村信用社农资贷款', monthlyPayment: '400', priority: false }],
    reason: { category: 'disaster', sinceMonthsAgo: 3, duration: 'temporary', details: '今年春季倒春寒，茶园减产七成，收入大幅下降。秋茶采摘后收入会有所恢复，希望暂时减少每月还款。' },
  },
  徐志刚: {
    household: { adults: '2', childrenUnder6: '1', children6to17: '1', otherDependants: '0', housing: 'mortgage', employment: 'self_employed' },
    income: { wages: '3,500', business: '4,200', pension: '', benefits: '', familySupport: '', otherIncome: '' },
    costs: { fixedCosts: { housing: '2,800', utilities: '350', transport: '500', education: '1,200', medical: '', insurance: '300', otherFixed: '' }, flexibleCosts: { food: '2,200', communications: '150', personal: '300', otherFlexible: '' }, explanations: {} },
    debts: [{ lender: '招商银行信用卡', monthlyPayment: '800', priority: false }, { lender: '房屋按揭', monthlyPayment: '0', priority: true }],
    reason: { category: 'business_downturn', sinceMonthsAgo: 6, duration: 'lasting', details: '五金店所在街区改造，客流减少一半以上，店面收入不足以支付原来的每月还款。妻子在超市工作，收入稳定。' },
  },
  孙丽华: {
    household: { adults: '1', childrenUnder6: '0', children6to17: '0', otherDependants: '1', housing: 'rent', employment: 'unable_to_work' },
    income: { wages: '', business: '', pension: '', benefits: '1,600', familySupport: '1,000', otherIncome: '' },
    costs: { fixedCosts: { housing: '1,100', utilities: '200', transport: '100', education: '', medical: '650', insurance: '', otherFixed: '' }, flexibleCosts: { food: '800', communications: '50', personal: '50', otherFlexible: '' }, explanations: {} },
    debts: [],
    reason: { category: 'illness', sinceMonthsAgo: 5, duration: 'unsure', details: '今年确诊乳腺癌，正在化疗，无法工作，目前靠病假工资和女儿接济生活。' },
  },
};

/** Each demo creditor's counsel (named on the lawyer's letter) and courts by region, as its admin set them. Fictional. */
export const demoLitigation = {
  [DEMO_CREDITOR_CODE]: { firm: '浙江青溪律师事务所', lawyer: '周明远', phone: '0572-5888 1200', address: '浙江省湖州市青溪区溪山路120号', courts: [{ region: '湖州市', court: '湖州市青溪区人民法院' }, { region: '杭州市', court: '杭州市上城区人民法院' }] },
  [DEMO_SECOND_CREDITOR_CODE]: { firm: '浙江钱塘律师事务所', lawyer: '钱立', phone: '0571-8760 3300', address: '浙江省杭州市上城区望江东路108号', courts: [{ region: '杭州市', court: '杭州市上城区人民法院' }] },
} as const;
