import fs from 'node:fs';
import path from 'node:path';
import { eq } from 'drizzle-orm';
import { createDatabase, resolveDatabaseUrl } from '@/db/client';
import { cases } from '@/db/schema/cases';
import { evidenceBundles } from '@/db/schema/litigation';
import { checkBundle, describeProblem } from '@/lib/bundle/check-bundle';
import { existingCertificateSha256 } from '@/lib/pdf/signing-identity';

/**
 * npm run verify-bundle -- path/to/bundle.zip
 *
 * Checks every file of an evidence bundle against its manifest, the manifest's signature and its sealed printed
 * copy, and, when a database is reachable, that the manifest is one this portal issued (without one, that the
 * signature is this portal's certificate). Exit 0 only for an authentic, unaltered bundle; 1 otherwise; 2 usage.
 */
const file = process.argv.slice(2).find((arg) => arg !== '--');
if (!file || !fs.existsSync(file)) {
  console.error(file ? `Cannot read ${file}` : 'Usage: npm run verify-bundle -- path/to/bundle.zip');
  process.exit(2);
}

const check = await checkBundle(file);
console.log(`File:     ${path.resolve(file)} (${fs.statSync(file).size.toLocaleString('en')} bytes)`);
if (check.manifest) console.log(`Bundle:   case ${check.manifest.caseNo}, contract ${check.manifest.contractNo}, as of ${check.manifest.asOf}, ${check.manifest.files.length} files`);
if (check.manifestSha256) console.log(`Manifest: SHA-256 ${check.manifestSha256}`);
if (check.signer) console.log(`Signed:   by “${check.signer.cn ?? 'unknown'}”${check.signer.signedAt ? ` at ${check.signer.signedAt}` : ''}`);
console.log(`Checked:  ${check.filesChecked} files match their SHA-256`);
for (const problem of check.problems) console.log(`Problem:  ${describeProblem(problem)}`);

async function lookUp(sha256: string): Promise<{ consulted: true; caseNo: string | null } | { consulted: false; why: string }> {
  let url: string;
  try {
    url = resolveDatabaseUrl();
  } catch (error) {
    return { consulted: false, why: (error as Error).message };
  }
  const { db, pool } = createDatabase(url, 1);
  try {
    const [row] = await db.select({ caseNo: cases.caseNo }).from(evidenceBundles).innerJoin(cases, eq(cases.id, evidenceBundles.caseId)).where(eq(evidenceBundles.manifestSha256, sha256)).limit(1);
    return { consulted: true, caseNo: row?.caseNo ?? null };
  } catch (error) {
    const cause = (error as Error & { cause?: unknown }).cause;
    return { consulted: false, why: `the database did not answer (${cause instanceof Error ? cause.message : (error as Error).message})` };
  } finally {
    await pool.end().catch(() => undefined);
  }
}

let authentic = check.intact;
if (check.intact && check.manifestSha256) {
  const lookup = await lookUp(check.manifestSha256);
  if (lookup.consulted) {
    console.log(lookup.caseNo ? `Record:   issued by this portal for case ${lookup.caseNo}` : 'Record:   no bundle issued by this portal has this manifest');
    authentic = lookup.caseNo !== null;
  } else {
    console.log(`Record:   not consulted: ${lookup.why}`);
    const ours = await existingCertificateSha256();
    if (ours) {
      console.log(`Signer:   compared with this portal’s certificate “${ours.subjectCn}”`);
      authentic = check.signer?.certificateSha256 === ours.sha256;
    } else {
      console.log('Signer:   this portal’s certificate is not available here; judging by the signature alone');
    }
  }
}
console.log('');
console.log(authentic ? 'AUTHENTIC AND UNALTERED — every file is as the portal issued it.' : 'ALTERED OR NOT ISSUED BY THIS PORTAL.');
process.exit(authentic ? 0 : 1);
