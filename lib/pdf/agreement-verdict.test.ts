import { describe, expect, it } from 'vitest';
import { judgeAgreementFile } from './agreement-verdict';
import type { SealVerification } from './verify-seal';

/** What verifySealedPdf reports for an intact agreement sealed by the portal (seal.int.test.ts checks that it does). */
const seal: SealVerification = {
  signed: true,
  intact: true,
  coversWholeFile: true,
  signerCn: '浙江青溪农村商业银行',
  signedAt: '2026-11-02T08:00:00.000Z',
  reason: 'every byte is as sealed',
  sha256: 'a'.repeat(64),
  signerCertificateSha256: 'c'.repeat(64),
};

describe('judgeAgreementFile', () => {
  it('needs a stored record when the database was consulted (the default)', () => {
    expect(judgeAgreementFile(seal, null)).toMatchObject({ authentic: false, code: 'not_on_record', agreementNo: null });
    expect(judgeAgreementFile(seal, { agreementNo: 'HZ-1', version: 'executed' })).toEqual({
      authentic: true,
      code: 'authentic',
      agreementNo: 'HZ-1',
      reason: 'Agreement HZ-1 (executed agreement), sealed by “浙江青溪农村商业银行” at 2026-11-02T08:00:00.000Z.',
    });
  });

  it('judges by the seal alone without a database, and by the certificate when it is known', () => {
    expect(judgeAgreementFile(seal, null, { databaseConsulted: false })).toMatchObject({ authentic: true, code: 'authentic', agreementNo: null });
    expect(judgeAgreementFile(seal, null, { databaseConsulted: false, trustedCertificateSha256: 'c'.repeat(64) })).toMatchObject({ authentic: true, code: 'authentic' });
    expect(judgeAgreementFile(seal, null, { databaseConsulted: false, trustedCertificateSha256: 'f'.repeat(64) })).toMatchObject({ authentic: false, code: 'unknown_signer', agreementNo: null });
  });

  it('never calls an altered, partly covered or unsealed file authentic, even with a matching record', () => {
    const known = { agreementNo: 'HZ-1', version: 'executed' } as const;
    expect(judgeAgreementFile({ ...seal, intact: false, reason: 'digest mismatch' }, known)).toEqual({ authentic: false, code: 'altered', agreementNo: null, reason: 'digest mismatch' });
    expect(judgeAgreementFile({ ...seal, signed: false, intact: false }, known)).toMatchObject({ authentic: false, code: 'not_sealed', agreementNo: null });
    expect(judgeAgreementFile({ ...seal, coversWholeFile: false }, known)).toMatchObject({ authentic: false, code: 'partial_coverage', agreementNo: null });
  });
});
