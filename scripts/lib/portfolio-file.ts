import fs from 'node:fs';
import { residentIdCheckChar } from '@/lib/domain/identity';
import { headerNames, portfolioColumns } from '@/lib/domain/portfolio-columns';

/**
 * A generated portfolio file of `rows` valid loans in arrears (the bench's), written as UTF-8 CSV with the
 * Chinese header: unique resident IDs (valid check characters and birth dates), mobiles and contract numbers
 * from `offset`, a quoted address with a comma, a schedule rebuilt from the terms and one or two payments.
 */
export function writePortfolioFile(file: string, rows: number, offset: number, tag: string): void {
  const out = fs.openSync(file, 'w');
  const header = portfolioColumns.map((c) => headerNames[c]['zh-CN']).join(',');
  let buffer = `\uFEFF${header}\r\n`;
  const base = Date.UTC(1970, 0, 1);
  for (let i = 0; i < rows; i++) {
    const n = offset + i;
    const birth = new Date(base + (n % 10_000) * 86_400_000).toISOString().slice(0, 10).replace(/-/g, '');
    const first17 = `330102${birth}${String(Math.floor(n / 10_000) % 1000).padStart(3, '0')}`;
    const id = first17 + residentIdCheckChar(first17);
    const mobile = `16${String(n).padStart(9, '0')}`;
    const months = 6 + (n % 4) * 6;
    const payments = n % 3 === 0 ? '2025-07-10 1000;2025-08-10 1000' : '2025-07-10 1000';
    buffer += `借款人${n},${id},${mobile},"浙江省杭州市西湖区文三路${n % 500}号, ${n % 30}室",${tag}-${n},消费贷,${(10_000 + (n % 50) * 1000).toFixed(2)},${(6 + (n % 10) * 0.5).toFixed(1)},${n % 2 ? '等额本息' : '等额本金'},2025-06-10,${months},2025-07-10,,${payments},中文,${n % 10 === 0 ? '信函' : '短信'}\r\n`;
    if (buffer.length > 1 << 20) {
      fs.writeSync(out, buffer);
      buffer = '';
    }
  }
  fs.writeSync(out, buffer);
  fs.closeSync(out);
}
