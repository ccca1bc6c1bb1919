import 'server-only';
import crypto from 'node:crypto';
import type { Readable } from 'node:stream';
import yazl from 'yazl';
import { getDb, getPool } from '@/db/client';
import { evidenceBundles } from '@/db/schema';
import { manifestKeyword } from '@/lib/bundle/check-bundle';
import { entryName, MANIFEST_FORMAT, MANIFEST_JSON, MANIFEST_PDF, MANIFEST_SIGNATURE, manifestBytes, type Manifest } from '@/lib/bundle/manifest';
import { rateLimits } from '@/lib/domain/rate-limit';
import { renderRecordPdf } from '@/lib/pdf/record-document';
import { sealPdf, signDetached } from '@/lib/pdf/seal';
import type { Ctx } from '../actor';
import { recordAudit, verifyAuditChain } from '../audit';
import { loadVisibleCase } from '../cases/case-access';
import { AppError } from '../errors';
import { storedFileStream } from '../files/stored-file-stream';
import { limitAddress } from '../rate-limit';
import { bundleCopies, bundleDocuments, type BundleDocument } from './bundle-documents';
import { auditSpan, collectEvidence } from './collect-evidence';

/** Times one stage of making a bundle (the bench passes one to see where the time goes); by default, none. */
export type StageTimer = <T>(stage: string, work: () => Promise<T>) => Promise<T>;
const untimed: StageTimer = (_stage, work) => work();

export type EvidenceBundleStream = {
  bundleId: string;
  caseNo: string;
  asOf: string;
  manifestSha256: string;
  fileCount: number;
  /** The ZIP's exact size in bytes, known before the first byte (nothing is compressed): the download shows its progress. */
  size: number;
  stream: Readable;
};

/** Who may take a case's evidence out of the portal: supervisors and admins of the creditors they serve. */
export const mayDownloadBundle = (actor: Ctx['actor']) => actor.type === 'staff' && (actor.role === 'supervisor' || actor.role === 'admin');

const readme = (caseNo: string, asOf: string) =>
  Buffer.from(
    [
      `Concord 证据包 / Evidence bundle — ${caseNo}（计算日 / as of ${asOf}）`,
      '',
      '01-contract     借款合同数据与截至计算日的欠款计算（PDF、CSV） / contract data and arrears as of the bundle date',
      '02-notices      已发送的催收函、律师函、起诉通知（已加盖电子印章的 PDF） / notices sent, sealed PDFs',
      '03-contacts     全部联系记录，包括被规则阻止的联系（CSV、PDF） / every contact, blocked ones included',
      '04-negotiation  方案、还价与留言 / offers, counter-offers and messages',
      '05-hardship     困难说明及证明材料 / hardship statements and their evidence',
      '06-agreements   协议各版本及签署证书 / every agreement version and its signing certificate',
      '07-audit        审计日志及哈希链验证结果 / the audit trail and its hash-chain verification',
      '',
      `${MANIFEST_JSON} 列出每个文件的 SHA-256；${MANIFEST_SIGNATURE} 为其电子签名（PKCS#7，贷款人证书）；${MANIFEST_PDF} 为加盖电子印章的清单。`,
      `${MANIFEST_JSON} lists every file with its SHA-256; ${MANIFEST_SIGNATURE} is its detached PKCS#7 signature (the creditor's certificate); ${MANIFEST_PDF} is the sealed, printable list.`,
      '核验 / Verify: 在本门户 /verify 上传本 ZIP，或 npm run verify-bundle -- bundle.zip / upload this ZIP at /verify, or run npm run verify-bundle -- bundle.zip',
      '',
    ].join('\r\n'),
    'utf8',
  );

/**
 * One case's evidence bundle, as a ZIP streamed to the caller: the documents made now (small, in memory), then
 * every stored file streamed from the database when the ZIP reaches it (lib/server/files/stored-file-stream.ts),
 * checked against its recorded SHA-256 on the way, then the manifest, its detached
 * signature and its sealed printable copy. The bundle is recorded (its manifest's SHA-256, for /verify) and the
 * download audited before the first byte leaves.
 */
export async function createEvidenceBundle(ctx: Ctx, caseId: unknown, options: { now?: Date; time?: StageTimer } = {}): Promise<EvidenceBundleStream> {
  const { actor } = ctx;
  if (actor.type !== 'staff' || !mayDownloadBundle(actor)) throw new AppError('NOT_FOUND');
  const db = getDb();
  await limitAddress(db, rateLimits.downloadPerIp, ctx.meta.ip);
  const now = options.now ?? new Date();
  const time = options.time ?? untimed;
  const kase = await loadVisibleCase(db, actor, caseId);
  const evidence = await time('database reads', () => collectEvidence(db, kase, now));
  const span = auditSpan(evidence);
  const chain = span ? await time('audit chain verification', () => verifyAuditChain(db, 5000, { fromSeq: span.from, toSeq: span.to })) : ({ ok: true, checked: 0 } as const);
  const documents: BundleDocument[] = [
    { path: 'README.txt', bytes: readme(kase.caseNo, evidence.asOf), description: 'What the bundle holds and how to verify it' },
    ...(await bundleDocuments(evidence, { ...chain, from: span?.from ?? null, to: span?.to ?? null }, now, time)),
  ];
  const copies = bundleCopies(evidence, entryName);

  const bundleId = crypto.randomUUID();
  const manifest: Manifest = {
    format: MANIFEST_FORMAT,
    bundleId,
    caseNo: kase.caseNo,
    contractNo: evidence.history.loan.contractNo,
    creditor: evidence.history.creditor.name,
    asOf: evidence.asOf,
    createdAt: now.toISOString(),
    createdBy: actor.id,
    files: [
      ...documents.map((d) => ({ path: d.path, size: d.bytes.length, sha256: crypto.createHash('sha256').update(d.bytes).digest('hex'), description: d.description })),
      ...copies.map((c) => ({ path: c.path, size: c.file.size, sha256: c.file.sha256, description: c.description })),
    ],
  };
  const json = manifestBytes(manifest);
  const manifestSha256 = crypto.createHash('sha256').update(json).digest('hex');
  const signature = await time('manifest signature', () => signDetached(json, now));
  const unsealed = await time('manifest PDF', () =>
    renderRecordPdf({
      title: '证据包文件清单',
      titleOther: 'Evidence bundle manifest',
      subtitle: `${kase.caseNo} · ${evidence.history.loan.contractNo} · ${evidence.asOf}`,
      footer: `${evidence.history.creditor.name} · ${kase.caseNo} · manifest ${manifestSha256.slice(0, 16)}…`,
      pageOf: (page, total) => `第 ${page} 页 / 共 ${total} 页`,
      locale: 'zh-CN',
      author: evidence.history.creditor.name,
      date: now,
      keywords: manifestKeyword(manifestSha256),
      blocks: [
        {
          kind: 'rows',
          rows: [
            ['证据包编号 Bundle', bundleId],
            ['生成时间 Created', now.toISOString()],
            ['文件数 Files', String(manifest.files.length)],
            [`${MANIFEST_JSON} SHA-256`, manifestSha256],
          ],
        },
        { kind: 'para', text: `下列每个文件的 SHA-256 均记载于 ${MANIFEST_JSON}，该清单已由贷款人证书电子签名（${MANIFEST_SIGNATURE}），本 PDF 已加盖电子印章。任何文件被修改、删除或添加，核验即会失败。` },
        {
          kind: 'table',
          columns: [
            { label: '文件 File', width: 3 },
            { label: '字节 Bytes', width: 0.9, numeric: true },
            { label: 'SHA-256', width: 3.4 },
          ],
          rows: manifest.files.map((f) => [f.path, String(f.size), f.sha256]),
        },
      ],
    }),
  );
  const printed = await time('sealing the manifest PDF', () => sealPdf(unsealed, { reason: `Evidence bundle manifest ${kase.caseNo}`, location: 'Concord', name: evidence.history.creditor.name }));
  const totalBytes = manifest.files.reduce((sum, f) => sum + f.size, 0) + json.length + signature.length + printed.length;

  await time('record and audit', () => db.transaction(async (tx) => {
    await tx.insert(evidenceBundles).values({ id: bundleId, caseId: kase.id, asOf: evidence.asOf, manifestSha256, fileCount: manifest.files.length, totalBytes, createdBy: actor.id, createdAt: now });
    await recordAudit(tx, ctx, { action: 'case.evidence_bundle_issued', entityType: 'case', entityId: kase.id, data: { bundleId, manifestSha256, files: manifest.files.length, totalBytes, asOf: evidence.asOf, chainOk: chain.ok } });
  }));

  const zip = new yazl.ZipFile();
  const entry = { mtime: now, compress: false } as const;
  for (const d of documents) zip.addBuffer(d.bytes, d.path, entry);
  // The file being copied holds a database connection in a COPY: a download that stops (cancelled, failed) ends it.
  const open = new Set<Readable>();
  for (const c of copies) {
    zip.addReadStreamLazy(c.path, { ...entry, size: c.file.size }, (cb) => {
      // yazl pipes the stream without listening for its failure: a file that fails its check must fail the ZIP.
      const file = storedFileStream(getPool(), c.file).on('error', (error: Error) => zip.emit('error', error));
      open.add(file);
      file.on('close', () => open.delete(file));
      cb(null, file);
    });
  }
  zip.addBuffer(json, MANIFEST_JSON, entry);
  zip.addBuffer(signature, MANIFEST_SIGNATURE, entry);
  zip.addBuffer(printed, MANIFEST_PDF, entry);
  // yazl's types omit the size it passes: -1 only when a size is unknown, never here (no compression, every size given).
  const size = await new Promise<number>((resolve) => zip.end({ forceZip64Format: false, comment: '' }, ((total: number) => resolve(total)) as unknown as () => void));
  const stream = zip.outputStream as unknown as Readable;
  zip.on('error', (error: Error) => stream.destroy(error));
  stream.on('close', () => {
    for (const file of open) file.destroy();
  });
  return { bundleId, caseNo: kase.caseNo, asOf: evidence.asOf, manifestSha256, fileCount: manifest.files.length, size, stream };
}

