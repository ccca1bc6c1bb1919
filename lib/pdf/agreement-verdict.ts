import type { SealVerification } from './verify-seal';

/**
 * The verdict on an uploaded agreement, shared by the verification page and the
 * verify-agreement CLI: pure, from what verifySealedPdf found in the file and
 * what the agreements table holds for its hash.
 */

/** A stored agreement whose file hash equals the file's; version says which of its two sealed files matched. */
export type KnownAgreement = { agreementNo: string; version?: 'borrower_signed' | 'executed' };

export type AgreementVerdictCode = 'authentic' | 'not_sealed' | 'altered' | 'partial_coverage' | 'not_on_record' | 'unknown_signer';

export type AgreementVerdict = {
  authentic: boolean;
  /** Stable code for localized messages on the verification page. */
  code: AgreementVerdictCode;
  agreementNo: string | null;
  /** English explanation for logs and the CLI; the page shows a localized text chosen by code. */
  reason: string;
};

export type JudgeOptions = {
  /**
   * Whether the agreements table was searched for the file's SHA-256. Defaults
   * to true, so a caller that passes null without saying otherwise gets the
   * safe answer (not on record). The CLI passes false when no database is reachable.
   */
  databaseConsulted?: boolean;
  /**
   * SHA-256 of this portal's own sealing certificate; when the database was not
   * consulted, a seal by any other certificate is not ours.
   */
  trustedCertificateSha256?: string | null;
};

/**
 * Authentic only when the file is sealed, unchanged and wholly covered by the
 * seal, and (when the database was consulted) its exact bytes are an agreement
 * this portal issued; without a database, the sealing certificate must be the
 * portal's own, when known.
 */
export function judgeAgreementFile(seal: SealVerification, known: KnownAgreement | null, options: JudgeOptions = {}): AgreementVerdict {
  const databaseConsulted = options.databaseConsulted ?? true;
  const verdict = (code: AgreementVerdictCode, reason: string): AgreementVerdict => ({
    authentic: code === 'authentic',
    code,
    agreementNo: code === 'authentic' ? (known?.agreementNo ?? null) : null,
    reason,
  });
  if (!seal.signed) return verdict('not_sealed', 'The file carries no digital seal.');
  if (!seal.intact) return verdict('altered', seal.reason);
  if (!seal.coversWholeFile) return verdict('partial_coverage', 'The seal does not cover the whole file: content was added or changed after sealing.');
  if (databaseConsulted) {
    if (!known) return verdict('not_on_record', 'The seal is intact, but no agreement issued by this portal has exactly these bytes.');
    const which = known.version === 'executed' ? ' (executed agreement)' : known.version === 'borrower_signed' ? ' (borrower-signed agreement)' : '';
    return verdict('authentic', `Agreement ${known.agreementNo}${which}, sealed by “${seal.signerCn ?? 'unknown'}”${seal.signedAt ? ` at ${seal.signedAt}` : ''}.`);
  }
  if (options.trustedCertificateSha256 && seal.signerCertificateSha256 !== options.trustedCertificateSha256) {
    return verdict('unknown_signer', `The seal is intact but was made with a different certificate (“${seal.signerCn ?? 'unknown'}”), not this portal’s.`);
  }
  return verdict(
    'authentic',
    `Sealed by “${seal.signerCn ?? 'unknown'}”${seal.signedAt ? ` at ${seal.signedAt}` : ''}; judged by the seal alone (no agreement record was consulted).`,
  );
}
