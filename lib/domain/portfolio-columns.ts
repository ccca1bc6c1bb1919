/**
 * The columns of a portfolio file (one row per loan), with the header names
 * accepted for each in Chinese and English. The template and the field
 * reference are written from this list, and the importer reads headers by it,
 * so the three cannot drift apart.
 */
export const portfolioColumns = [
  'name',
  'residentId',
  'mobile',
  'address',
  'contractNo',
  'product',
  'principal',
  'annualRate',
  'repaymentMethod',
  'startDate',
  'termMonths',
  'firstDueDate',
  'schedule',
  'payments',
  'language',
  'inviteBy',
] as const;
export type PortfolioColumn = (typeof portfolioColumns)[number];

export const requiredColumns: readonly PortfolioColumn[] = ['name', 'residentId', 'mobile', 'contractNo', 'product', 'principal', 'annualRate', 'repaymentMethod', 'startDate', 'termMonths'];

/** The header written in each language's template (the first name of each list below). */
export const headerNames: Record<PortfolioColumn, { 'zh-CN': string; en: string; aliases?: readonly string[] }> = {
  name: { 'zh-CN': '借款人姓名', en: 'borrower_name', aliases: ['姓名', 'name', '客户姓名'] },
  residentId: { 'zh-CN': '身份证号', en: 'resident_id', aliases: ['身份证号码', '证件号码', 'id_number'] },
  mobile: { 'zh-CN': '手机号', en: 'mobile', aliases: ['手机号码', '手机', 'phone'] },
  address: { 'zh-CN': '地址', en: 'address', aliases: ['联系地址', '通讯地址'] },
  contractNo: { 'zh-CN': '合同号', en: 'contract_no', aliases: ['合同编号', '借款合同号', 'contract'] },
  product: { 'zh-CN': '产品', en: 'product', aliases: ['产品名称', '贷款产品'] },
  principal: { 'zh-CN': '本金', en: 'principal', aliases: ['贷款本金', '借款金额', '放款金额'] },
  annualRate: { 'zh-CN': '年利率', en: 'annual_rate', aliases: ['年化利率', '执行利率', 'rate'] },
  repaymentMethod: { 'zh-CN': '还款方式', en: 'repayment_method', aliases: ['method'] },
  startDate: { 'zh-CN': '放款日', en: 'start_date', aliases: ['放款日期', '起息日', '借款日期'] },
  termMonths: { 'zh-CN': '期限（月）', en: 'term_months', aliases: ['期限', '期数', '贷款期限', 'term'] },
  firstDueDate: { 'zh-CN': '首期还款日', en: 'first_due_date', aliases: ['首期还款日期', '首个还款日'] },
  schedule: { 'zh-CN': '还款计划', en: 'schedule' },
  payments: { 'zh-CN': '已还款', en: 'payments', aliases: ['还款记录', '已还款记录'] },
  language: { 'zh-CN': '语言', en: 'language', aliases: ['locale'] },
  inviteBy: { 'zh-CN': '邀请方式', en: 'invite_by', aliases: ['通知方式'] },
};

/** Case, width and spacing do not matter in a header: "Contract No", "contract_no" and "ＣＯＮＴＲＡＣＴ＿ＮＯ" are one name. */
export function normalizeHeader(name: string): string {
  return name
    .normalize('NFKC')
    .replace(/^\uFEFF/, '')
    .trim()
    .toLowerCase()
    .replace(/[\s_\-()（）]+/g, '');
}

const byHeader = new Map<string, PortfolioColumn>();
for (const column of portfolioColumns) {
  const names = headerNames[column];
  for (const name of [names['zh-CN'], names.en, ...(names.aliases ?? [])]) byHeader.set(normalizeHeader(name), column);
}

/** The reason column the error report adds: read back as nothing, so a fixed report is re-uploaded as it is. */
export const reasonHeader = { 'zh-CN': '错误原因', en: 'errors' } as const;
const ignoredHeaders = new Set([reasonHeader['zh-CN'], reasonHeader.en, '错误', 'error', 'reason'].map(normalizeHeader));

export type HeaderMapping =
  | { ok: true; index: Map<PortfolioColumn, number> }
  | { ok: false; missing: PortfolioColumn[]; unknown: string[]; duplicate: string[] };

/**
 * Which cell holds which column. Refused when a required column is missing, a header names no column, or two name
 * the same one: each is listed, so the admin can fix the header.
 */
export function mapHeader(header: readonly string[]): HeaderMapping {
  const index = new Map<PortfolioColumn, number>();
  const unknown: string[] = [];
  const duplicate: string[] = [];
  header.forEach((raw, i) => {
    const name = raw.normalize('NFKC').replace(/^\uFEFF/, '').trim();
    if (!name) return;
    if (ignoredHeaders.has(normalizeHeader(name))) return;
    const column = byHeader.get(normalizeHeader(name));
    if (!column) unknown.push(name);
    else if (index.has(column)) duplicate.push(name);
    else index.set(column, i);
  });
  const missing = requiredColumns.filter((c) => !index.has(c));
  if (missing.length || unknown.length || duplicate.length) return { ok: false, missing, unknown, duplicate };
  return { ok: true, index };
}

/** A spreadsheet's row number for the i-th record after the header (the header is row 1). */
export const lineOf = (recordIndex: number) => recordIndex + 2;

/** The example row of the template and the field reference (a loan in arrears, valid as written). */
export const portfolioExample: Record<PortfolioColumn, { 'zh-CN': string; en: string }> = {
  name: { 'zh-CN': '张三', en: 'Zhang San' },
  residentId: { 'zh-CN': '110101199003071233', en: '110101199003071233' },
  mobile: { 'zh-CN': '13912345678', en: '13912345678' },
  address: { 'zh-CN': '北京市东城区东四北大街1号', en: '1 Dongsi North Street, Dongcheng, Beijing' },
  contractNo: { 'zh-CN': 'HT-2025-000001', en: 'HT-2025-000001' },
  product: { 'zh-CN': '消费贷', en: 'Consumer loan' },
  principal: { 'zh-CN': '12000.00', en: '12000.00' },
  annualRate: { 'zh-CN': '7.2', en: '7.2' },
  repaymentMethod: { 'zh-CN': '等额本息', en: 'equal_installment' },
  startDate: { 'zh-CN': '2025-06-10', en: '2025-06-10' },
  termMonths: { 'zh-CN': '12', en: '12' },
  firstDueDate: { 'zh-CN': '2025-07-10', en: '2025-07-10' },
  schedule: { 'zh-CN': '', en: '' },
  payments: { 'zh-CN': '2025-07-10 1038.50;2025-08-10 1038.50', en: '2025-07-10 1038.50;2025-08-10 1038.50' },
  language: { 'zh-CN': 'zh-CN', en: 'en' },
  inviteBy: { 'zh-CN': '短信', en: 'sms' },
};
