import { Text, View } from '@react-pdf/renderer';
import type { ComponentProps, ReactNode } from 'react';
import { styles } from './styles';

/**
 * Text that never gets a hyphen inserted: react-pdf allows a hyphenated break
 * wherever a run changes script inside a word (e.g. between 当地… and Asia),
 * and a penalty of 10000 (its "infinity") rules those breaks out.
 */
export function T(props: ComponentProps<typeof Text>) {
  return <Text hyphenationPenalty={10_000} {...props} />;
}

/** An article heading, kept with at least a few lines of what follows it. */
export function Heading({ children }: { children: ReactNode }) {
  return (
    <T style={styles.heading} minPresenceAhead={48}>
      {children}
    </T>
  );
}

/** A paragraph introducing a table: kept on the same page as the table's start. */
export function Intro({ children }: { children: ReactNode }) {
  return (
    <T style={styles.para} minPresenceAhead={56}>
      {children}
    </T>
  );
}

export function Paras({ items }: { items: readonly string[] }) {
  return (
    <>
      {items.map((text, i) => (
        <T key={i} style={styles.para}>
          {text}
        </T>
      ))}
    </>
  );
}

export type KvRow = readonly [label: string, value: string, strong?: boolean];

/** Approximate width in ems: ideographs and full-width forms 1, anything else about 0.6. */
const ems = (text: string) => Array.from(text).reduce((sum, ch) => sum + (/[\u2E80-\uFFEF]/.test(ch) ? 1 : 0.6), 0);

/** Rows this short never wrap in a full-width block, so they can be two text columns instead of a view per row (far fewer layout nodes). */
const fitsOneLine = (rows: readonly KvRow[]) => rows.every(([label, value]) => ems(label) <= 15 && ems(value) <= 28 && !value.includes('\n'));

/**
 * Label–value rows; each row stays on one page. `compact` (full-width blocks only)
 * sets short rows as two text columns, which lays out much faster.
 */
export function KeyValues({ rows, labelWidth, compact = false }: { rows: readonly KvRow[]; labelWidth?: string; compact?: boolean }) {
  const labelStyle = labelWidth ? [styles.kvLabel, { width: labelWidth }] : styles.kvLabel;
  if (compact && fitsOneLine(rows)) {
    return (
      <View style={styles.kvBlock} wrap={false}>
        <T style={labelStyle}>{rows.map(([label]) => label).join('\n')}</T>
        <T style={styles.kvValue}>
          {rows.map(([, value, strong], i) => (
            <T key={i} style={strong ? styles.kvStrong : {}}>
              {i < rows.length - 1 ? `${value}\n` : value}
            </T>
          ))}
        </T>
      </View>
    );
  }
  return (
    <View style={{ marginVertical: 3 }}>
      {rows.map(([label, value, strong], i) => (
        <View key={i} style={styles.kv} wrap={false}>
          <T style={labelStyle}>{label}</T>
          <T style={strong ? [styles.kvValue, styles.kvStrong] : styles.kvValue}>{value}</T>
        </View>
      ))}
    </View>
  );
}

/** The footer on every page: the agreement's number and code, and 第 x 页 / 共 y 页. */
export function Footer({ left, pageOf }: { left: string; pageOf: (page: number, total: number) => string }) {
  return (
    <View style={styles.footer} fixed>
      <T>{left}</T>
      <T render={({ pageNumber, totalPages }) => pageOf(pageNumber, totalPages)} />
    </View>
  );
}
