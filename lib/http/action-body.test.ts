import { describe, expect, it } from 'vitest';
import { MAX_REPLY_DEPTH, checkActionPost, checkMultipartReply, checkTextBytes, checkTextReply } from './action-body';

const nested = (depth: number) => '['.repeat(depth) + ']'.repeat(depth);

describe('server-action bodies the framework could not decode are refused first', () => {
  it('refuses an empty body, non-JSON, unknown tags and deep nesting', () => {
    expect(checkTextReply('')).toMatchObject({ ok: false, status: 400, reason: 'empty body' });
    expect(checkTextReply('hello')).toMatchObject({ ok: false, reason: 'not JSON' });
    expect(checkTextReply('["$Z1"]')).toMatchObject({ ok: false, reason: 'unsupported reference' });
    expect(checkTextReply('["$@1"]')).toMatchObject({ ok: false });
    expect(checkTextReply('["$h1"]')).toMatchObject({ ok: false });
    expect(checkTextReply('["$T"]')).toMatchObject({ ok: false });
    expect(checkTextReply('["$Q1"]')).toMatchObject({ ok: false });
    expect(checkTextReply('[{"a":"$1"}]')).toMatchObject({ ok: false });
    expect(checkTextReply(nested(5000))).toMatchObject({ ok: false, reason: 'nested too deep' });
    expect(checkTextReply(nested(MAX_REPLY_DEPTH + 2))).toMatchObject({ ok: false });
  });

  it('refuses what Next could not call an action with', () => {
    // null and {} are no argument list either: Next calls the action with none, and the action fails (an HTTP 500).
    for (const body of ['null', '{}', '"text"', '5', 'true', '{"length":100000}', `[${Array(1001).fill('0').join(',')}]`]) {
      expect(checkTextReply(body), body).toMatchObject({ ok: false, reason: 'not an argument list' });
    }
  });

  it('accepts what the forms send, leaving the shape to the action', () => {
    for (const body of ['[]', '[null]', '["zh-CN"]', '[{"caseId":"x","body":"$$5 a month"}]', '[{"a":"$undefined","d":"$D2026-01-01T00:00:00.000Z","n":"$n12","i":"$Infinity"}]', nested(10)]) {
      expect(checkTextReply(body), body).toEqual({ ok: true });
    }
  });

  it('accepts a repeated object referenced by its path, and refuses a dangling or cyclic one', () => {
    expect(checkTextReply('[{"terms":{"months":12},"copy":"$0:0:terms"}]')).toEqual({ ok: true });
    expect(checkTextReply('[{"terms":{"months":12},"copy":"$0:0:missing"}]')).toMatchObject({ ok: false, reason: 'dangling reference' });
    expect(checkTextReply('[{"terms":{"months":12},"copy":"$0:0:terms:months"}]')).toMatchObject({ ok: false, reason: 'reference to a value' });
    expect(checkTextReply('[{"self":{"loop":"$0:0:self"}}]')).toMatchObject({ ok: false, reason: 'cyclic reference' });
  });

  it('checks a multipart body: its root part and the files it references', () => {
    const good = new FormData();
    good.set('0', '["$K1"]');
    good.set('_1_caseId', 'c');
    good.set('_1_file', new File([new Uint8Array(3)], 'a.pdf'));
    expect(checkMultipartReply(good)).toEqual({ ok: true });
    // Two roots: the first was checked and Next read the other.
    const twoRoots = new FormData();
    twoRoots.append('0', '[{"caseId":"c","body":"a"}]');
    twoRoots.append('0', 'null');
    expect(checkMultipartReply(twoRoots)).toMatchObject({ ok: false, reason: 'no root part' });

    const blob = new FormData();
    blob.set('0', '[{"file":"$B2"}]');
    blob.set('2', new File([new Uint8Array(3)], 'a.pdf'));
    expect(checkMultipartReply(blob)).toEqual({ ok: true });
    blob.delete('2');
    expect(checkMultipartReply(blob)).toMatchObject({ ok: false, reason: 'missing blob' });

    const noRoot = new FormData();
    noRoot.set('file', new File([new Uint8Array(3)], 'a.pdf'));
    expect(checkMultipartReply(noRoot)).toMatchObject({ ok: false, reason: 'no root part' });
  });
});

describe('a POST to a page', () => {
  const post = (overrides: Partial<Parameters<typeof checkActionPost>[0]>, body = '[{}]') =>
    checkActionPost({ actionId: 'abc', contentType: 'text/plain;charset=UTF-8', length: body.length, bytes: async () => new TextEncoder().encode(body), ...overrides }, 1000);

  it('is an action call or nothing', async () => {
    expect(await post({ actionId: null })).toMatchObject({ ok: false, status: 405 });
    expect(await post({})).toEqual({ ok: true });
  });

  it('may be a form posted without JavaScript to a server action, named by $ACTION_ID_', async () => {
    const form = async (fields: Record<string, string>) => {
      const data = new FormData();
      for (const [name, value] of Object.entries(fields)) data.set(name, value);
      const response = new Response(data);
      const bytes = new Uint8Array(await response.arrayBuffer());
      return checkActionPost({ actionId: null, contentType: response.headers.get('content-type')!, length: bytes.length, bytes: async () => bytes }, 10_000);
    };
    expect(await form({ '$ACTION_ID_7f4058fe7eb6': '', lang: 'en' })).toEqual({ ok: true });
    expect(await form({ lang: 'en' })).toMatchObject({ ok: false, status: 405 });
    expect(await form({ '$ACTION_REF_1': '', '$ACTION_1:0': '{"id":"x","bound":"$@1"}' })).toMatchObject({ ok: false, status: 400 });
    expect(await form({ '$ACTION_ID_7f40': '', '$ACTION_KEY': 'k' })).toMatchObject({ ok: false, status: 400 });
  });

  it('over the limit is refused before it is read; cut short at the limit, too', async () => {
    let read = false;
    expect(await post({ length: 1001, bytes: async () => ((read = true), new Uint8Array()) })).toMatchObject({ ok: false, status: 413 });
    expect(read).toBe(false);
    expect(await post({ length: null, bytes: async () => new Uint8Array(1000) })).toMatchObject({ ok: false, status: 413 });
  });

  it('must decode: UTF-8 text, or well-formed multipart', async () => {
    expect(checkTextBytes(Uint8Array.from([0x5b, 0xff, 0x5d]))).toMatchObject({ ok: false, reason: 'not UTF-8' });
    expect(await post({ contentType: 'multipart/form-data; boundary=x' }, '--x\r\nbroken')).toMatchObject({ ok: false, reason: 'malformed multipart' });
  });
});
