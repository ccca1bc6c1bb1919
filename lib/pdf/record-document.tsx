import { Document, Page, View, renderToBuffer } from '@react-pdf/renderer';
import { createElement, type ReactNode } from 'react';
import type { Style } from '@react-pdf/types';
import { loadFonts } from './fonts';
import { Footer, Heading, KeyValues, Paras, T, type KvRow } from './parts/primitives';
import { styles } from './parts/styles';

/**
 * Documents other than the agreement that Concord issues or files — the evidence bundle's records (contract and
 * arrears, contact record, manifest), the pre-litigation notices, the application for judicial confirmation —
 * laid out from plain blocks, with the agreement's fonts, line breaking and styles, so each text is written once
 * and every one of them carries extractable Chinese text.
 */
export type RecordColumn = { label: string; width: number; numeric?: boolean };
export type RecordBlock =
  | { kind: 'heading'; text: string }
  | { kind: 'para'; text: string }
  | { kind: 'paras'; texts: readonly string[] }
  | { kind: 'rows'; rows: readonly KvRow[] }
  | { kind: 'table'; columns: readonly RecordColumn[]; rows: readonly (readonly string[])[]; total?: readonly string[] }
  | { kind: 'signatures'; parties: readonly { role: string; name: string; signedAt?: string; note?: string }[] }
  | { kind: 'pageBreak' };

export type RecordDocumentInput = {
  title: string;
  /** The title in the other language, under it. */
  titleOther?: string;
  subtitle?: string;
  /** Printed at the foot of every page, beside "page x of y". */
  footer: string;
  pageOf: (page: number, total: number) => string;
  locale: 'zh-CN' | 'en';
  author: string;
  /** The document's creation date: fixed by the caller so the same input gives the same bytes. */
  date: Date;
  /** The PDF's keywords (the printed manifest names the manifest it prints, by its SHA-256). */
  keywords?: string;
  blocks: readonly RecordBlock[];
};

export const RECORD_PRODUCER = 'Concord record renderer (react-pdf 4)';

function Table({ columns, rows, total }: Extract<RecordBlock, { kind: 'table' }>) {
  const line = (cells: readonly string[], style: Style, key?: number, fixed?: boolean) => (
    <View key={key} style={style} wrap={false} fixed={fixed}>
      {columns.map((column, i) => (
        <T key={i} style={[styles.cell, { flex: column.width }, column.numeric ? styles.num : {}]}>
          {cells[i] ?? ''}
        </T>
      ))}
    </View>
  );
  return (
    <View style={styles.table}>
      {line(
        columns.map((c) => c.label),
        styles.tableHead,
        undefined,
        true,
      )}
      {rows.map((row, i) => line(row, styles.tableRow, i))}
      {total ? line(total, styles.tableTotal) : null}
    </View>
  );
}

function Signatures({ parties }: Extract<RecordBlock, { kind: 'signatures' }>) {
  return (
    <View style={styles.signatures} wrap={false}>
      {parties.map((party, i) => (
        <View key={i} style={styles.signBlock}>
          <T style={styles.partyRole}>{party.role}</T>
          <View style={styles.signArea}>
            <T style={styles.signTyped}>{party.signedAt ? party.name : ''}</T>
          </View>
          <T>{party.signedAt ? party.signedAt : party.name}</T>
          {party.note ? <T style={styles.hint}>{party.note}</T> : null}
        </View>
      ))}
    </View>
  );
}

function Blocks({ blocks }: { blocks: readonly RecordBlock[] }): ReactNode {
  return blocks.map((block, i) => {
    switch (block.kind) {
      case 'heading':
        return <Heading key={i}>{block.text}</Heading>;
      case 'para':
        return (
          <T key={i} style={styles.para}>
            {block.text}
          </T>
        );
      case 'paras':
        return <Paras key={i} items={block.texts} />;
      case 'rows':
        return <KeyValues key={i} compact rows={block.rows} />;
      case 'table':
        return <Table key={i} {...block} />;
      case 'signatures':
        return <Signatures key={i} {...block} />;
      case 'pageBreak':
        return <View key={i} break />;
    }
  });
}

export function RecordDocument({ input }: { input: RecordDocumentInput }) {
  return (
    <Document title={input.title} author={input.author} subject={input.titleOther ?? input.title} language={input.locale} creator={RECORD_PRODUCER} producer={RECORD_PRODUCER} creationDate={input.date} modificationDate={input.date} keywords={input.keywords}>
      <Page size="A4" style={styles.page} wrap>
        <Footer left={input.footer} pageOf={input.pageOf} />
        <T style={[styles.title, input.locale === 'zh-CN' ? styles.titleZh : {}]}>{input.title}</T>
        {input.titleOther ? <T style={styles.titleOther}>{input.titleOther}</T> : null}
        <T style={styles.subtitle}>{input.subtitle ?? ''}</T>
        <Blocks blocks={input.blocks} />
      </Page>
    </Document>
  );
}

/** Renders a record document to PDF bytes (unsealed; seal with sealPdf when the document is issued). */
export async function renderRecordPdf(input: RecordDocumentInput): Promise<Buffer> {
  await loadFonts();
  const element = createElement(RecordDocument, { input });
  return renderToBuffer(element as unknown as Parameters<typeof renderToBuffer>[0]);
}
