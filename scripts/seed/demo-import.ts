import { and, eq } from 'drizzle-orm';
import { getDb } from '@/db/client';
import { creditors, importBatches, staffUsers } from '@/db/schema';
import { addMonths } from '@/lib/domain/dates';
import { residentIdCheckChar } from '@/lib/domain/identity';
import { parseAmountToFen } from '@/lib/domain/money';
import { headerNames, portfolioColumns } from '@/lib/domain/portfolio-columns';
import { repaymentDay } from '@/lib/domain/portfolio-row';
import { buildSchedule } from '@/lib/domain/schedule';
import type { Ctx } from '@/lib/server/actor';
import { applyImport } from '@/lib/server/imports/apply-import';
import { confirmImport, uploadImport } from '@/lib/server/imports/import-batches';
import { validateImport } from '@/lib/server/imports/validate-import';
import { DEMO_CREDITOR_CODE } from './demo-data';

/**
 * The demo's portfolio import: the bank's November file, as an admin would load it at /staff/admin/import — uploaded,
 * checked (two rows refused, each with its reason), confirmed and applied by the import's own services. Its ten
 * loans open ten invited cases whose borrowers get an invitation (SMS, one by letter) carrying a case code, so the
 * demo has an import batch with its error report, invitations in the outbox, and codes that the public
 * "Is this message genuine?" page (/check) recognises.
 */
export const DEMO_IMPORT_FILENAME = '2026年11月逾期贷款.csv';

type DemoRow = {
  name: string;
  /** Region code, birth date (yyyymmdd) and sequence of a resident ID; its check character is computed, or spoiled. */
  id: [string, string, string];
  mobile: string;
  address: string;
  product: string;
  principal: string;
  rate: string;
  method: '等额本息' | '等额本金';
  start: string;
  months: number;
  /** Installments paid in full on their due dates (the file's payments column: each with its date and amount). */
  paid: number;
  /** Yuan paid towards the next installment, a month late. */
  partial?: string;
  language?: 'English';
  letter?: boolean;
  /** A row the check refuses, as files from the field have them. */
  spoil?: 'checkChar';
};

const rows: DemoRow[] = [
  { name: '徐海涛', id: ['330106', '19850314', '031'], mobile: '13905710231', address: '浙江省杭州市西湖区文二路 118 号, 3 幢 502 室', product: '个人消费贷', principal: '36000.00', rate: '7.2', method: '等额本息', start: '2025-08-20', months: 24, paid: 3 },
  { name: '钱丽华', id: ['330205', '19900708', '042'], mobile: '13857412290', address: '浙江省宁波市江北区人民路 56 号', product: '个人消费贷', principal: '18000.00', rate: '8.4', method: '等额本息', start: '2025-10-15', months: 12, paid: 2 },
  { name: '孔德明', id: ['330302', '19781122', '015'], mobile: '13967788012', address: '浙江省温州市鹿城区车站大道 9 号, 1 单元 1201', product: '个体经营贷', principal: '120000.00', rate: '6.5', method: '等额本金', start: '2025-06-01', months: 36, paid: 4 },
  { name: '严秀英', id: ['330402', '19680430', '064'], mobile: '15867301188', address: '浙江省嘉兴市南湖区中山东路 300 号', product: '个人消费贷', principal: '9000.00', rate: '9.0', method: '等额本息', start: '2025-12-05', months: 12, paid: 1 },
  { name: '葛志远', id: ['330503', '19920916', '077'], mobile: '18857260345', address: '浙江省湖州市吴兴区红旗路 21 号', product: '装修贷', principal: '60000.00', rate: '5.8', method: '等额本息', start: '2025-09-10', months: 36, paid: 4, partial: '800.00' },
  { name: '潘玉兰', id: ['330602', '19870225', '088'], mobile: '13777501622', address: '浙江省绍兴市越城区解放北路 88 号, 2 楼', product: '个人消费贷', principal: '24000.00', rate: '7.8', method: '等额本息', start: '2025-11-18', months: 18, paid: 2, letter: true },
  { name: '范立军', id: ['330702', '19810612', '093'], mobile: '15905793377', address: '浙江省金华市婺城区八一北街 150 号', product: '个体经营贷', principal: '80000.00', rate: '6.9', method: '等额本金', start: '2025-07-25', months: 24, paid: 2 },
  { name: '彭思远', id: ['330802', '19950118', '105'], mobile: '18268011456', address: '浙江省衢州市柯城区新桥街 33 号', product: '个人消费贷', principal: '15000.00', rate: '8.4', method: '等额本息', start: '2026-01-08', months: 12, paid: 2, language: 'English' },
  { name: '鲁建国', id: ['331002', '19730903', '117'], mobile: '13586602741', address: '浙江省台州市椒江区市府大道 210 号', product: '装修贷', principal: '45000.00', rate: '6.2', method: '等额本息', start: '2025-10-28', months: 24, paid: 3 },
  { name: '韦晓燕', id: ['331102', '19890527', '128'], mobile: '15757813390', address: '浙江省丽水市莲都区中东路 66 号', product: '个人消费贷', principal: '12000.00', rate: '9.0', method: '等额本息', start: '2026-02-14', months: 12, paid: 1 },
  // Refused: the ID's check character does not match (a typo in the bank's file).
  { name: '苗国庆', id: ['330109', '19761001', '136'], mobile: '13858123344', address: '浙江省杭州市余杭区文一西路 998 号', product: '个人消费贷', principal: '20000.00', rate: '7.2', method: '等额本息', start: '2025-09-01', months: 12, paid: 0, spoil: 'checkChar' },
  // Refused: a mobile number one digit short.
  { name: '凤雅琴', id: ['330211', '19830808', '149'], mobile: '1396745210', address: '浙江省宁波市镇海区骆驼街道 12 号', product: '个人消费贷', principal: '10000.00', rate: '8.4', method: '等额本息', start: '2025-10-10', months: 12, paid: 0 },
];

/** A CSV field, quoted when it holds a comma, a quote or a line break. */
const field = (value: string) => (/[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value);

function residentId([region, birth, sequence]: DemoRow['id'], spoil: boolean): string {
  const first17 = `${region}${birth}${sequence}`;
  const check = residentIdCheckChar(first17);
  return first17 + (spoil ? (check === '1' ? '2' : '1') : check);
}

/** The payments the bank's books hold for a row: its first installments, as the domain's schedule prices them. */
function payments(r: DemoRow): string[] {
  const schedule = buildSchedule({
    principal: parseAmountToFen(r.principal)!,
    annualRatePpm: Math.round(Number(r.rate) * 10_000),
    months: r.months,
    method: r.method === '等额本息' ? 'equal_installment' : 'equal_principal',
    firstDueDate: addMonths(r.start, 1),
    // The importer's repayment day for a schedule it rebuilds (a loan started on the 31st stays on the 31st).
    anchorDay: repaymentDay(r.start, addMonths(r.start, 1)),
  });
  const yuan = (fen: number) => (fen / 100).toFixed(2);
  const paid = schedule.slice(0, r.paid).map((row) => `${row.dueDate} ${yuan(row.amount)}`);
  const next = schedule[r.paid];
  return r.partial && next ? [...paid, `${addMonths(next.dueDate, 1)} ${r.partial}`] : paid;
}

/** The file as the bank sends it: UTF-8 with a BOM, the Chinese header, CRLF line ends. */
export function demoPortfolioCsv(): Buffer {
  const header = portfolioColumns.map((c) => headerNames[c]['zh-CN']).join(',');
  const lines = rows.map((r, i) => {
    const cells: Record<(typeof portfolioColumns)[number], string> = {
      name: r.name,
      residentId: residentId(r.id, r.spoil === 'checkChar'),
      mobile: r.mobile,
      address: r.address,
      contractNo: `QXRCB-2025-${String(7101 + i).padStart(6, '0')}`,
      product: r.product,
      principal: r.principal,
      annualRate: r.rate,
      repaymentMethod: r.method,
      startDate: r.start,
      termMonths: String(r.months),
      firstDueDate: '',
      schedule: '',
      payments: payments(r).join(';'),
      language: r.language ?? '中文',
      inviteBy: r.letter ? '信函' : '短信',
    };
    return portfolioColumns.map((c) => field(cells[c])).join(',');
  });
  return Buffer.from(`\uFEFF${header}\r\n${lines.join('\r\n')}\r\n`, 'utf8');
}

async function* once(bytes: Buffer) {
  yield new Uint8Array(bytes);
}

/**
 * Imports the demo file once (skipped when the demo creditor has an import already), through the same services as
 * the admin's page; the jobs the page would queue are run here in turn. Returns what was imported, or null.
 */
export async function seedDemoImport(now = new Date()): Promise<{ imported: number; refused: number; batchId: string } | null> {
  const db = getDb();
  const [creditor] = await db.select({ id: creditors.id }).from(creditors).where(eq(creditors.code, DEMO_CREDITOR_CODE));
  if (!creditor) return null;
  const [already] = await db.select({ id: importBatches.id }).from(importBatches).where(eq(importBatches.creditorId, creditor.id)).limit(1);
  if (already) return null;
  const [admin] = await db.select().from(staffUsers).where(and(eq(staffUsers.email, 'admin@concord.demo'), eq(staffUsers.role, 'admin')));
  if (!admin) return null;
  const ctx: Ctx = { actor: { type: 'staff', id: admin.id, role: 'admin', creditorId: admin.creditorId }, meta: { ip: '127.0.0.1', userAgent: 'demo seed' } };
  const bytes = demoPortfolioCsv();
  const noQueue = async () => {};
  const { batchId } = await uploadImport(ctx, { creditorId: creditor.id, filename: DEMO_IMPORT_FILENAME, encoding: 'auto', declaredSize: bytes.length }, once(bytes), { enqueue: noQueue });
  const report = await validateImport(batchId, { now });
  if (report.status !== 'previewed') throw new Error(`the demo import was not previewed: ${JSON.stringify(report)}`);
  await confirmImport(ctx, batchId, { enqueue: noQueue });
  const applied = await applyImport(batchId, { now });
  if (applied.status !== 'imported') throw new Error(`the demo import was not applied: ${JSON.stringify(applied)}`);
  return { imported: applied.imported, refused: rows.length - applied.imported, batchId };
}
