import { spawnSync } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import { and, eq, sql } from 'drizzle-orm';
import yauzl from 'yauzl';
import yazl from 'yazl';
import { describe, expect, it } from 'vitest';
import { auditEvents, evidenceBundles, storedFiles } from '@/db/schema';
import { checkBundle } from '@/lib/bundle/check-bundle';
import { makeBorrower, makeCreditor, makeLoanWithCase, makeStaff } from '@/lib/testing/factories';
import { makeCaseHistory } from '@/lib/testing/evidence-factory';
import { databaseWithDataDir } from '@/lib/testing/integration';
import type { Ctx } from '../actor';
import { createEvidenceBundle } from './create-bundle';
import { verifyBundleFile } from './verify-bundle';

const test = databaseWithDataDir('concord-bundle-');
const dir = test.dir;

const meta = { ip: '203.0.113.40', userAgent: 'vitest' };
const tmp = (name: string) => path.join(dir, `${crypto.randomBytes(4).toString('hex')}-${name}`);

async function caseWithHistory(options: Parameters<typeof makeCaseHistory>[2] = {}) {
  const creditor = await makeCreditor(test.db);
  const mediator = await makeStaff(test.db, creditor.id, 'mediator');
  const supervisor = await makeStaff(test.db, creditor.id, 'supervisor');
  const borrower = await makeBorrower(test.db, { fullName: '钱多多' });
  const { case: kase } = await makeLoanWithCase(test.db, creditor.id, borrower.id, mediator.id);
  await makeCaseHistory(test.db, kase, { staffId: mediator.id, ...options });
  const ctx = (who: typeof mediator): Ctx => ({ actor: { type: 'staff', id: who.id, role: who.role, creditorId: creditor.id }, meta });
  return { kase, creditor, mediator, supervisor, ctx };
}

async function download(ctx: Ctx, caseId: string, now = new Date('2026-12-01T03:00:00Z')) {
  const bundle = await createEvidenceBundle(ctx, caseId, { now });
  const file = tmp('bundle.zip');
  await pipeline(bundle.stream, fs.createWriteStream(file));
  return { ...bundle, file };
}

/** Every entry of a ZIP, as a forger would unpack it. */
async function unzip(file: string): Promise<Map<string, Buffer>> {
  const zip = await yauzl.openPromise(file, { lazyEntries: true });
  const out = new Map<string, Buffer>();
  await new Promise<void>((resolve, reject) => {
    zip.on('end', () => resolve());
    zip.on('error', reject);
    zip.on('entry', (entry: yauzl.Entry) =>
      zip.openReadStream(entry, (error, stream) => {
        if (error) return reject(error);
        const chunks: Buffer[] = [];
        stream.on('data', (c: Buffer) => chunks.push(c));
        stream.on('end', () => {
          out.set(entry.fileName, Buffer.concat(chunks));
          zip.readEntry();
        });
      }),
    );
    zip.readEntry();
  });
  zip.close();
  return out;
}

/** Zips the entries again, as a forger who changed something would. */
async function rezip(entries: Map<string, Buffer>): Promise<string> {
  const zip = new yazl.ZipFile();
  for (const [name, bytes] of entries) zip.addBuffer(bytes, name);
  zip.end();
  const file = tmp('forged.zip');
  await pipeline(zip.outputStream, fs.createWriteStream(file));
  return file;
}

describe('the evidence bundle', () => {
  it('holds every record of the case, its manifest matches every file, and it verifies as issued here', async () => {
    const s = await caseWithHistory({ evidenceFiles: 4, days: 20 });
    const bundle = await download(s.ctx(s.supervisor), s.kase.id);
    expect(fs.statSync(bundle.file).size).toBe(bundle.size);
    const entries = await unzip(bundle.file);
    const names = [...entries.keys()];
    for (const expected of ['README.txt', '01-contract/contract-and-arrears.pdf', '01-contract/contract.csv', '01-contract/arrears-totals.csv', '01-contract/arrears-installments.csv', '03-contacts/contact-record.csv', '03-contacts/contact-record.pdf', '04-negotiation/offers.csv', '04-negotiation/messages.csv', '05-hardship/statement-v1.json', '07-audit/audit-trail.csv', '07-audit/chain-verification.txt', 'manifest.json', 'manifest.p7s', 'manifest.pdf']) {
      expect(names).toContain(expected);
    }
    expect(names.filter((n) => n.startsWith('05-hardship/evidence/'))).toHaveLength(4);
    // The manifest's hashes, recomputed here independently of the checker.
    const manifest = JSON.parse(entries.get('manifest.json')!.toString('utf8')) as { files: { path: string; sha256: string; size: number }[] };
    expect(manifest.files.map((f) => f.path).sort()).toEqual(names.filter((n) => !n.startsWith('manifest.')).sort());
    for (const f of manifest.files) expect(crypto.createHash('sha256').update(entries.get(f.path)!).digest('hex')).toBe(f.sha256);
    // 20 days × 1 contact, and the CSV defuses the formula a note carries.
    const contacts = entries.get('03-contacts/contact-record.csv')!.toString('utf8');
    expect(contacts.trim().split('\r\n')).toHaveLength(21);
    expect(contacts).toContain('借款人表示下月发工资后联系');
    expect(contacts).toContain("'=1+1");
    expect(contacts).not.toMatch(/(^|,)=1\+1/m);
    expect(entries.get('07-audit/chain-verification.txt')!.toString('utf8')).toContain('INTACT');

    const check = await checkBundle(bundle.file);
    expect(check.problems).toEqual([]);
    expect(check.intact).toBe(true);
    expect(await verifyBundleFile(meta, bundle.file)).toMatchObject({ verdict: 'authentic', caseNo: s.kase.caseNo, asOf: '2026-12-01' });
    // Recorded and audited, with the manifest's hash.
    const [row] = await test.db.select().from(evidenceBundles).where(eq(evidenceBundles.caseId, s.kase.id));
    expect(row!.manifestSha256).toBe(bundle.manifestSha256);
    const events = await test.db.select().from(auditEvents).where(and(eq(auditEvents.entityId, s.kase.id), eq(auditEvents.action, 'case.evidence_bundle_issued')));
    expect(events).toHaveLength(1);
    expect(events[0]!.actorId).toBe(s.supervisor.id);
  });

  it('renders its PDFs in Chinese with extractable text', async () => {
    const s = await caseWithHistory({ evidenceFiles: 1, days: 3 });
    const entries = await unzip((await download(s.ctx(s.supervisor), s.kase.id)).file);
    for (const [name, needle] of [
      ['01-contract/contract-and-arrears.pdf', '可执行结清总额'],
      ['03-contacts/contact-record.pdf', '联系记录'],
      ['manifest.pdf', '证据包文件清单'],
    ] as const) {
      const text = test.pdfText(entries.get(name)!);
      expect(text, name).toContain(needle);
    }
  });

  it('prints a long contact record on numbered pages, every contact in it, each page counted out of the whole', async () => {
    // 120 days × 2 contacts: several pages of the table, each chunk after the first on a page element of its own.
    const s = await caseWithHistory({ evidenceFiles: 0, days: 120, contactsPerDay: 2 });
    const entries = await unzip((await download(s.ctx(s.supervisor), s.kase.id)).file);
    const text = test.pdfText(entries.get('03-contacts/contact-record.pdf')!);
    const pages = [...text.matchAll(/第(\d+)页\/共(\d+)页/g)].map((m) => [Number(m[1]), Number(m[2])] as const);
    expect(pages.length).toBeGreaterThanOrEqual(5);
    expect(pages.map(([page]) => page)).toEqual(pages.map((_, i) => i + 1));
    expect(new Set(pages.map(([, total]) => total))).toEqual(new Set([pages.length]));
    // Every contact once, by its Beijing time (minutes: the factory's contacts are an hour apart at least).
    expect(text.match(/\d{4}-\d{2}-\d{2}\d{2}:\d{2}/g)).toHaveLength(240);
  });

  it('copies a stored file larger than one read byte for byte, and fails rather than copy a file changed in storage', async () => {
    const s = await caseWithHistory({ evidenceFiles: 2, fileBytes: 700_000, days: 1 });
    const bundle = await download(s.ctx(s.supervisor), s.kase.id);
    expect(fs.statSync(bundle.file).size).toBe(bundle.size);
    expect((await checkBundle(bundle.file)).intact).toBe(true);
    const [first] = await test.db.select().from(storedFiles).where(and(eq(storedFiles.caseId, s.kase.id), eq(storedFiles.kind, 'evidence'))).orderBy(storedFiles.createdAt);
    const entries = await unzip(bundle.file);
    const copied = [...entries].find(([name]) => name.startsWith('05-hardship/evidence/01-'))![1];
    expect(copied.equals(first!.bytes)).toBe(true);
    // Someone changes the file's last byte in the database: the bundle stops before that byte leaves.
    const tampered = Buffer.from(first!.bytes);
    tampered.writeUInt8(tampered.readUInt8(tampered.length - 1) ^ 0xff, tampered.length - 1);
    await test.db.update(storedFiles).set({ bytes: tampered }).where(eq(storedFiles.id, first!.id));
    const broken = await createEvidenceBundle(s.ctx(s.supervisor), s.kase.id, { now: new Date('2026-12-01T03:00:00Z') });
    await expect(pipeline(broken.stream, fs.createWriteStream(tmp('broken.zip')))).rejects.toThrow(/no longer matches its recorded SHA-256/);
  });

  it('gives its database connection back when a download stops halfway', async () => {
    const s = await caseWithHistory({ evidenceFiles: 2, fileBytes: 12_000_000, days: 1 });
    const bundle = await createEvidenceBundle(s.ctx(s.supervisor), s.kase.id, { now: new Date('2026-12-01T03:00:00Z') });
    // Read into the first evidence file (the documents come first, a few hundred KB), then stop, as a cancelled download does.
    let read = 0;
    await new Promise<void>((resolve) => {
      bundle.stream.on('data', (chunk: Buffer) => {
        read += chunk.length;
        if (read > 1_500_000) {
          bundle.stream.destroy();
          resolve();
        }
      });
    });
    const copying = async () => (await test.db.execute<{ n: number }>(sql`select count(*)::int as n from pg_stat_activity where datname = current_database() and query like 'COPY (SELECT bytes FROM stored_files%' and state <> 'idle'`)).rows[0]!.n;
    await expect.poll(copying, { timeout: 5000 }).toBe(0);
  });

  it('detects a changed, an added and a removed file, and a changed manifest', async () => {
    const s = await caseWithHistory({ evidenceFiles: 2, days: 5 });
    const issued = await download(s.ctx(s.supervisor), s.kase.id);
    const original = await unzip(issued.file);
    const cli = (file: string) => spawnSync(process.execPath, ['node_modules/tsx/dist/cli.mjs', '--import', './scripts/lib/server-only-shim.mjs', 'scripts/verify-bundle.ts', file], { encoding: 'utf8', env: { ...process.env, DATABASE_URL: test.url } });
    const good = cli(issued.file);
    expect(good.stdout).toContain(`issued by this portal for case ${s.kase.caseNo}`);
    expect(good.status).toBe(0);

    const changed = new Map(original);
    changed.set('03-contacts/contact-record.csv', Buffer.from(original.get('03-contacts/contact-record.csv')!.toString('utf8').replace('blocked', 'effective')));
    expect((await checkBundle(await rezip(changed))).problems).toEqual([expect.objectContaining({ code: 'file_changed', path: '03-contacts/contact-record.csv' })]);

    const added = new Map(original);
    added.set('05-hardship/evidence/99-extra.pdf', Buffer.from('%PDF-1.4 forged'));
    expect((await checkBundle(await rezip(added))).problems).toEqual([expect.objectContaining({ code: 'file_added' })]);

    const removed = new Map(original);
    removed.delete('01-contract/contract-and-arrears.pdf');
    expect((await checkBundle(await rezip(removed))).problems).toEqual([expect.objectContaining({ code: 'file_missing' })]);

    // A forger who also rewrites the manifest breaks its signature.
    const rewritten = new Map(changed);
    const manifest = JSON.parse(original.get('manifest.json')!.toString('utf8')) as { files: { path: string; sha256: string; size: number }[] };
    const csv = changed.get('03-contacts/contact-record.csv')!;
    for (const f of manifest.files) if (f.path === '03-contacts/contact-record.csv') Object.assign(f, { sha256: crypto.createHash('sha256').update(csv).digest('hex'), size: csv.length });
    rewritten.set('manifest.json', Buffer.from(`${JSON.stringify(manifest, null, 2)}\n`));
    const forged = await rezip(rewritten);
    const codes = (await checkBundle(forged)).problems.map((p) => p.code);
    expect(codes).toContain('manifest_signature_invalid');
    expect(codes).toContain('manifest_pdf_mismatch');
    expect(await verifyBundleFile(meta, forged)).toMatchObject({ verdict: 'altered' });
    const bad = cli(forged);
    expect(bad.stdout).toContain('The manifest’s signature does not verify');
    expect(bad.status).toBe(1);

    // Not a ZIP at all.
    const junk = tmp('junk.zip');
    fs.writeFileSync(junk, 'not a zip');
    expect((await checkBundle(junk)).problems[0]!.code).toBe('not_a_zip');
  });

  it('is for supervisors and admins only: a mediator, a borrower and another creditor’s staff are refused', async () => {
    const s = await caseWithHistory({ evidenceFiles: 0, days: 1 });
    await expect(createEvidenceBundle(s.ctx(s.mediator), s.kase.id)).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(createEvidenceBundle({ actor: { type: 'borrower', id: s.kase.borrowerId }, meta }, s.kase.id)).rejects.toMatchObject({ code: 'NOT_FOUND' });
    const other = await makeCreditor(test.db);
    const stranger = await makeStaff(test.db, other.id, 'supervisor');
    await expect(createEvidenceBundle({ actor: { type: 'staff', id: stranger.id, role: 'supervisor', creditorId: other.id }, meta }, s.kase.id)).rejects.toMatchObject({ code: 'NOT_FOUND' });
    const admin = await makeStaff(test.db, s.creditor.id, 'admin');
    const bundle = await download(s.ctx(admin), s.kase.id);
    expect((await checkBundle(bundle.file)).intact).toBe(true);
  });
});
