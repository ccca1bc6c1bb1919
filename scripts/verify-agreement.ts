import fs from 'node:fs';
import path from 'node:path';
import { or, sql } from 'drizzle-orm';
import { createDatabase, resolveDatabaseUrl } from '@/db/client';
import { agreements } from '@/db/schema/agreements';
import { existingCertificateSha256 } from '@/lib/pdf/signing-identity';
import { judgeAgreementFile, type KnownAgreement } from '@/lib/pdf/agreement-verdict';
import { verifySealedPdf } from '@/lib/pdf/verify-seal';

/**
 * npm run verify-agreement -- path/to/file.pdf
 *
 * Checks the PKCS#7 seal and, when a database is reachable, that these exact
 * bytes are an agreement this portal issued. Exit code 0 only for an
 * authentic, unaltered agreement; 1 for anything else; 2 for a usage error.
 */
const file = process.argv.slice(2).find((arg) => arg !== '--');
if (!file) {
  console.error('Usage: npm run verify-agreement -- path/to/file.pdf');
  process.exit(2);
}

let pdf: Buffer;
try {
  pdf = fs.readFileSync(file);
} catch (error) {
  console.error(`Cannot read ${file}: ${(error as Error).message}`);
  process.exit(2);
}

const seal = verifySealedPdf(pdf);
console.log(`File:    ${path.resolve(file)} (${pdf.length.toLocaleString('en')} bytes)`);
console.log(`SHA-256: ${seal.sha256}`);
console.log(`Seal:    ${seal.reason}`);

type Lookup = { consulted: true; known: KnownAgreement | null; status?: string } | { consulted: false; why: string };

async function lookUp(sha256: string): Promise<Lookup> {
  let url: string;
  try {
    url = resolveDatabaseUrl();
  } catch (error) {
    return { consulted: false, why: (error as Error).message };
  }
  const { db, pool } = createDatabase(url, 1);
  try {
    const [row] = await db
      .select({
        agreementNo: agreements.agreementNo,
        status: agreements.status,
        borrowerSignedSha256: agreements.borrowerSignedSha256,
        executedSha256: agreements.executedSha256,
      })
      .from(agreements)
      // lower(): the lookup must not depend on how the hex was spelled when it was stored.
      .where(or(sql`lower(${agreements.executedSha256}) = ${sha256}`, sql`lower(${agreements.borrowerSignedSha256}) = ${sha256}`))
      .limit(1);
    if (!row) return { consulted: true, known: null };
    const version = row.executedSha256?.toLowerCase() === sha256 ? 'executed' : 'borrower_signed';
    return { consulted: true, known: { agreementNo: row.agreementNo, version }, status: row.status };
  } catch (error) {
    // drizzle wraps the driver's error in "Failed query: …"; the cause says what actually went wrong.
    const cause = (error as Error & { cause?: unknown }).cause;
    const detail = cause instanceof Error ? cause.message || (cause as NodeJS.ErrnoException).code : (error as Error).message;
    return { consulted: false, why: `the database at ${url.replace(/:[^:@/]+@/, ':***@')} did not answer (${detail})` };
  } finally {
    await pool.end().catch(() => undefined);
  }
}

const lookup = seal.signed ? await lookUp(seal.sha256.toLowerCase()) : ({ consulted: false, why: 'the file is not sealed' } as const);
let trustedCertificateSha256: string | null = null;
if (lookup.consulted) {
  console.log(
    lookup.known
      ? `Record:  agreement ${lookup.known.agreementNo} (${lookup.known.version === 'executed' ? 'executed' : 'borrower-signed'} version${lookup.status ? `, status ${lookup.status}` : ''})`
      : 'Record:  no agreement issued by this portal has this SHA-256',
  );
} else {
  console.log(`Record:  not consulted: ${lookup.why}`);
  if (seal.signed && seal.intact) {
    // Without the records, the seal must at least be this portal's own certificate.
    const ours = await existingCertificateSha256();
    if (ours) {
      trustedCertificateSha256 = ours.sha256;
      console.log(`Signer:  compared with this portal’s certificate “${ours.subjectCn}”`);
    } else {
      console.log('Signer:  this portal’s certificate is not available here; judging by the seal alone');
    }
  }
}

const verdict = judgeAgreementFile(seal, lookup.consulted ? lookup.known : null, {
  databaseConsulted: lookup.consulted,
  trustedCertificateSha256,
});
console.log('');
console.log(verdict.authentic ? `AUTHENTIC AND UNALTERED — ${verdict.reason}` : `ALTERED OR NOT ISSUED BY THIS PORTAL — ${verdict.reason}`);
process.exit(verdict.authentic ? 0 : 1);
