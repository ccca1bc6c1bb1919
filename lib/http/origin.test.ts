import { describe, expect, it } from 'vitest';
import { fromSameOrigin } from './origin';

const headers = (values: Record<string, string>) => new Headers(values);

describe('fromSameOrigin', () => {
  it('takes a request without an Origin, and one whose Origin names the host it came to', () => {
    expect(fromSameOrigin(headers({ host: 'concord.example' }))).toBe(true);
    expect(fromSameOrigin(headers({ host: 'concord.example', origin: 'https://concord.example' }))).toBe(true);
    expect(fromSameOrigin(headers({ host: '127.0.0.1:3000', origin: 'http://127.0.0.1:3000' }))).toBe(true);
    // Behind a proxy, the host the visitor reached.
    expect(fromSameOrigin(headers({ host: '10.0.0.5:3000', 'x-forwarded-host': 'concord.example', origin: 'https://concord.example' }))).toBe(true);
  });

  it('refuses another site, another port, and an Origin that is no URL, without throwing', () => {
    expect(fromSameOrigin(headers({ host: 'concord.example', origin: 'https://evil.example' }))).toBe(false);
    expect(fromSameOrigin(headers({ host: '127.0.0.1:3000', origin: 'http://127.0.0.1:3001' }))).toBe(false);
    expect(fromSameOrigin(headers({ host: '10.0.0.5:3000', 'x-forwarded-host': 'concord.example', origin: 'http://10.0.0.5:3000' }))).toBe(false);
    for (const origin of ['null', 'http://[', 'concord.example']) expect(fromSameOrigin(headers({ host: 'concord.example', origin })), origin).toBe(false);
  });
});
