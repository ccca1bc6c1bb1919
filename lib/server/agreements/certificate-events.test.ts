import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { agreementEvents, describeAgreementEvent } from './certificate-events';

const root = path.resolve(import.meta.dirname, '../../..');
const files = (dir: string): string[] =>
  fs.readdirSync(path.join(root, dir), { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? files(path.join(dir, e.name)) : /\.tsx?$/.test(e.name) && !e.name.includes('.test.') ? [path.join(dir, e.name)] : []));

describe('the signing certificate says every event in words', () => {
  it('knows every agreement event the code records', () => {
    const recorded = new Set<string>();
    for (const file of [...files('lib'), ...files('db'), ...files('app')]) {
      for (const m of fs.readFileSync(path.join(root, file), 'utf8').matchAll(/action: '(agreement\.[a-z_]+)'/g)) recorded.add(m[1]!);
    }
    expect(recorded.size).toBeGreaterThan(8);
    expect([...recorded].filter((a) => !(a in agreementEvents))).toEqual([]);
  });

  it('in Chinese and English, never by its code', () => {
    expect(describeAgreementEvent('agreement.code_failed')).toBe('签署验证码输入错误 / Wrong signing code entered');
    expect(describeAgreementEvent('agreement.downloaded', { kind: 'signed' })).toBe('协议被下载（借款人签署版）/ Agreement downloaded (copy signed by the borrower)');
    for (const action of [...Object.keys(agreementEvents), 'agreement.something_new']) expect(describeAgreementEvent(action)).not.toMatch(/agreement\.|_/);
  });
});
