import { describe, expect, it } from 'vitest';
import { requestBodyLimitBytes, uploadLimit } from '@/lib/domain/file-type';

const megabytes = (text: string) => {
  const match = /^(\d+)mb$/i.exec(text);
  if (!match) throw new Error(`not a size in mb: ${text}`);
  return Number(match[1]) * 1024 * 1024;
};

describe('request-body limits', () => {
  it('next.config.js gives actions and the proxy the body limit the code enforces, above the upload limit', async () => {
    // @ts-expect-error: the config is plain JavaScript
    const { default: config } = (await import('../../next.config.js')) as { default: { experimental: { serverActions: { bodySizeLimit: string }; proxyClientMaxBodySize: string } } };
    expect(megabytes(config.experimental.serverActions.bodySizeLimit)).toBe(requestBodyLimitBytes);
    expect(megabytes(config.experimental.proxyClientMaxBodySize)).toBe(requestBodyLimitBytes);
    // Room for the form around a file at the limit (a multipart envelope is a few hundred bytes).
    expect(requestBodyLimitBytes - uploadLimit.maxBytes).toBeGreaterThanOrEqual(64 * 1024);
  });
});
