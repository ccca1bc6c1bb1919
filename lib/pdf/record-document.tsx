import { Document, Page, View, renderToBuffer } from '@react-pdf/renderer';
import { createElement, type ReactNode } from 'react';
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

/** Approximate width in ems at the table's size: ideographs and full-width forms 1, anything else about 0.62. */
const charEms = (ch: string) => (/[\u2E80-\uFFEF]/.test(ch) ? 1 : 0.62);

/** A cell's text cut into lines that fit its column (by estimated width), so the table's lines are known before layout. */
export function wrapCell(text: string, capacityEms: number): string[] {
  const lines: string[] = [];
  for (const paragraph of text.split('\n')) {
    let line = '';
    let width = 0;
    for (const ch of Array.from(paragraph)) {
      const w = charEms(ch);
      if (width + w > capacityEms && line) {
        lines.push(line);
        line = '';
        width = 0;
      }
      line += ch;
      width += w;
    }
    lines.push(line);
  }
  return lines;
}

/** Usable width of an A4 page (595 pt less 2 × 50 pt margins) in ems of the table's 8.5 pt text. */
const TABLE_EMS = 495 / 8.5;
/** Lines of table text that fit on a page under the repeated header and the footer, with room to spare. */
const LINES_PER_BLOCK = 50;

/**
 * A table laid out as lines rather than as a view per row: each cell is wrapped here, rows are grouped into chunks
 * that fit a page, and each chunk is one text per column. react-pdf lays out a handful of nodes per page instead of
 * one per cell; every line stays extractable text. Returns one element per chunk: the document puts every chunk
 * after the first on a page of its own (see `pagesOf`).
 */
function tableChunks({ columns, rows, total }: Extract<RecordBlock, { kind: 'table' }>, key: number): ReactNode[] {
  const flex = columns.reduce((sum, c) => sum + c.width, 0);
  const capacity = columns.map((c) => Math.max(2, Math.floor((c.width / flex) * TABLE_EMS - 0.9)));
  const laid = [...rows, ...(total ? [total] : [])].map((row) => {
    const cells = columns.map((_, i) => wrapCell(row[i] ?? '', capacity[i]!));
    const height = Math.max(...cells.map((c) => c.length));
    return cells.map((c) => [...c, ...Array<string>(height - c.length).fill('')]);
  });
  const chunks: string[][][][] = [];
  let current: string[][][] = [];
  let lines = 0;
  for (const row of laid) {
    const height = row[0]!.length;
    if (current.length && lines + height > LINES_PER_BLOCK) {
      chunks.push(current);
      current = [];
      lines = 0;
    }
    current.push(row);
    lines += height;
  }
  if (current.length || !chunks.length) chunks.push(current);
  const head = (
    <View style={styles.tableHead}>
      {columns.map((column, i) => (
        <T key={i} style={[styles.cell, { flex: column.width }, column.numeric ? styles.num : {}]}>
          {column.label}
        </T>
      ))}
    </View>
  );
  return chunks.map((chunk, b) => (
    <View key={`${key}-${b}`} style={styles.table} wrap={false}>
      {head}
      <View style={styles.tableRow}>
        {columns.map((column, i) => (
          <T key={i} style={[styles.cell, { flex: column.width }, column.numeric ? styles.num : {}]}>
            {chunk.flatMap((row) => row[i]!).join('\n')}
          </T>
        ))}
      </View>
    </View>
  ));
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

function blockElement(block: Exclude<RecordBlock, { kind: 'table' }>, i: number): ReactNode {
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
    case 'signatures':
      return <Signatures key={i} {...block} />;
    case 'pageBreak':
      return <View key={i} break />;
  }
}

/**
 * The blocks as pages: everything flows on one page element until a long table, whose chunks after the first each
 * open a page element of their own. react-pdf paginates one page element by laying out everything still to come
 * again for every page it cuts off, so a long table in one flowing page costs the square of its length (a year of
 * contacts took seconds); pages cut here cost it once. Each chunk fits a page, so nothing is cut mid-table.
 */
function pagesOf(blocks: readonly RecordBlock[]): ReactNode[][] {
  const pages: ReactNode[][] = [[]];
  blocks.forEach((block, i) => {
    if (block.kind !== 'table') {
      pages[pages.length - 1]!.push(blockElement(block, i));
      return;
    }
    tableChunks(block, i).forEach((chunk, c) => {
      if (c > 0) pages.push([]);
      pages[pages.length - 1]!.push(chunk);
    });
  });
  return pages;
}

export function RecordDocument({ input }: { input: RecordDocumentInput }) {
  return (
    <Document title={input.title} author={input.author} subject={input.titleOther ?? input.title} language={input.locale} creator={RECORD_PRODUCER} producer={RECORD_PRODUCER} creationDate={input.date} modificationDate={input.date} keywords={input.keywords}>
      {pagesOf(input.blocks).map((content, p) => (
        <Page key={p} size="A4" style={styles.page} wrap>
          <Footer left={input.footer} pageOf={input.pageOf} />
          {p === 0 ? (
            <>
              <T style={[styles.title, input.locale === 'zh-CN' ? styles.titleZh : {}]}>{input.title}</T>
              {input.titleOther ? <T style={styles.titleOther}>{input.titleOther}</T> : null}
              <T style={styles.subtitle}>{input.subtitle ?? ''}</T>
            </>
          ) : null}
          {content}
        </Page>
      ))}
    </Document>
  );
}

/** Renders a record document to PDF bytes (unsealed; seal with sealPdf when the document is issued). */
export async function renderRecordPdf(input: RecordDocumentInput): Promise<Buffer> {
  await loadFonts();
  const element = createElement(RecordDocument, { input });
  return renderToBuffer(element as unknown as Parameters<typeof renderToBuffer>[0]);
}
