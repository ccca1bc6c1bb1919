import { View } from '@react-pdf/renderer';
import type { AgreementSnapshot } from '@/lib/domain/agreement';
import type { AgreementText } from '../text/types';
import { formatDate, money, type DocLocale } from '../format';
import { T } from './primitives';
import { styles } from './styles';

const widths = [0.65, 1.45, 1.3, 1.1, 1.15, 1.3, 1.45];
const dash = '—';

function Row({ cells, style, tag, fixed }: { cells: string[]; style: (typeof styles)[keyof typeof styles]; tag?: string; fixed?: boolean }) {
  return (
    <View style={style} wrap={false} fixed={fixed}>
      {cells.map((text, i) => (
        <T key={i} style={[styles.cell, { flex: widths[i] }, i >= 2 ? styles.num : {}]}>
          {text}
          {i === 0 && tag ? <T style={styles.tag}>{`\n${tag}`}</T> : null}
        </T>
      ))}
    </View>
  );
}

/** The full schedule: the down payment, every installment, and the totals; the header repeats on every page. */
export function ScheduleTable({ s, t, locale }: { s: AgreementSnapshot; t: AgreementText; locale: DocLocale }) {
  const p = s.priced;
  const fen = (v: number) => money(v, locale);
  const h = t.schedule;
  const sum = (key: 'principal' | 'interest' | 'charges') => p.schedule.reduce((acc, row) => acc + row[key], 0);
  return (
    <View style={styles.table}>
      <Row fixed style={styles.tableHead} cells={[h.seq, h.dueDate, h.principal, h.interest, h.charges, h.amount, h.balanceAfter]} />
      {p.downPayment > 0 ? <Row style={styles.tableRow} cells={[h.downPayment, formatDate(p.asOf, locale), dash, dash, dash, fen(p.downPayment), dash]} /> : null}
      {p.schedule.map((row) => (
        <Row
          key={`${row.source}-${row.seq}-${row.dueDate}`}
          style={styles.tableRow}
          tag={row.source === 'contract' ? h.contract : undefined}
          cells={[String(row.seq), formatDate(row.dueDate, locale), fen(row.principal), fen(row.interest), fen(row.charges), fen(row.amount), fen(row.balanceAfter)]}
        />
      ))}
      <Row style={styles.tableTotal} cells={[h.total, '', fen(sum('principal')), fen(sum('interest')), fen(sum('charges')), fen(p.totalPayable), '']} />
    </View>
  );
}
