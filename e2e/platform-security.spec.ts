import crypto from 'node:crypto';
import { eq } from 'drizzle-orm';
import { negotiationMessages } from '@/db/schema';
import { rateLimits, type RateLimitRule } from '@/lib/domain/rate-limit';
import { evidenceLimits, requestBodyLimitBytes } from '@/lib/domain/file-type';
import { getEnv } from '@/lib/env';
import { saveHardshipStep } from '@/lib/server/hardship/save-hardship-step';
import { makeBorrower, makeCreditor, makeLoanWithCase, makeStaff, randomPhone } from '@/lib/testing/factories';
import { inOneWindow } from '@/lib/testing/rate-window';
import { mintSession } from '@/lib/testing/sessions';
import { expect, test } from './fixtures/test';
import { actionAnswer, actionNamed, buildActions, callAction, formDataReply, freshLoopback, ownOrigin, request } from './fixtures/http';
import { pdfOfSize } from '@/lib/testing/evidence-factory';

/**
 * The portal as an attacker calls it: every server action in the build with
 * bodies the framework cannot decode and arguments of the wrong shape, forged
 * X-Forwarded-For headers against every per-address limit, and bodies at,
 * just over and far over the upload limit.
 */
const uuid = () => crypto.randomUUID();
const forged = () => `${crypto.randomInt(1, 223)}.${crypto.randomInt(0, 255)}.${crypto.randomInt(0, 255)}.${crypto.randomInt(1, 254)}`;

test.describe('every server action in the build', () => {
  const actions = buildActions();

  test('is found in the build: the list is the framework’s, not written by hand', () => {
    expect(actions.length).toBeGreaterThanOrEqual(20);
    expect(actions.map((a) => a.name)).toEqual(expect.arrayContaining(['requestCodeAction', 'uploadEvidenceAction', 'countersignAction', 'claimCaseAction']));
  });

  test('answers a body it cannot decode with 400, never 500', async () => {
    const from = freshLoopback();
    const bodies = ['', 'hello', 'null', '{}', '["$Z1"]', '[{"a":"$@1"}]', '"text"', '{"length":1e9}', '['.repeat(5000) + ']'.repeat(5000), Buffer.from([0x5b, 0xff, 0xfe, 0x5d])];
    for (const action of actions) {
      for (const body of bodies) {
        const reply = await request(from, 'POST', action.page, { headers: { 'next-action': action.id, 'content-type': 'text/plain;charset=UTF-8' }, body });
        expect(reply.status, `${action.name} with ${String(body).slice(0, 20)}`).toBe(400);
      }
      const multipart = await request(from, 'POST', action.page, { headers: { 'next-action': action.id, 'content-type': 'multipart/form-data; boundary=x' }, body: '--x\r\nContent-Disposition: form-data; name="0"\r\n\r\n["$K1"' });
      expect(multipart.status, `${action.name} with broken multipart`).toBe(400);
    }
  });

  test('answers arguments of the wrong shape with a validation answer, not an error', async () => {
    const from = freshLoopback();
    for (const action of actions) {
      for (const args of ['[null]', '[]', '[1,2]', '["$undefined"]', '[{"caseId":"\\u0000","x":[[[]]]}]']) {
        // With a session cookie that has ended, as a client signed out elsewhere sends (without one, staff pages redirect first).
        const reply = await callAction(from, action, args, 'next-auth.session-token=ended');
        expect(reply.status, `${action.name}(${args})`).toBe(200);
        // The shape is refused; or, for the one action that takes null, the stranger is told to sign in.
        // A form's action (the language buttons) answers nothing, and does nothing: no cookie is set.
        const expected = action.name === 'signOutEverywhereAction' && args === '[null]' ? 'errors.SESSION_EXPIRED' : 'validation.invalid';
        const answer = actionAnswer(reply);
        if (answer) expect(answer, `${action.name}(${args})`).toMatchObject({ ok: false, fieldErrors: {}, formError: { key: expected } });
        else expect(reply.headers['set-cookie'], `${action.name}(${args})`).toBeUndefined();
      }
    }
  });

  test('refuses a call from another origin with 403, not the framework’s 500; one from its own origin goes through', async () => {
    const from = freshLoopback();
    const action = actionNamed('verifyAction');
    const { body, contentType } = await formDataReply({ code: 'AAAA-BBBB-CC' });
    for (const origin of ['null', 'http://evil.example', 'http://[']) {
      const reply = await request(from, 'POST', action.page, { headers: { origin, 'next-action': action.id, 'content-type': contentType }, body });
      expect(reply.status, origin).toBe(403);
    }
    const own = await request(from, 'POST', action.page, { headers: { origin: ownOrigin, 'next-action': action.id, 'content-type': contentType }, body });
    expect(own.status).toBe(200);
  });

  test('refuses a body over the limit with 413 before reading it, declared or not', async () => {
    const from = freshLoopback();
    const upload = actionNamed('uploadEvidenceAction');
    const big = Buffer.alloc(requestBodyLimitBytes + 1, 0x20);
    expect((await request(from, 'POST', upload.page, { headers: { 'next-action': upload.id, 'content-type': 'text/plain' }, body: big })).status).toBe(413);
    expect((await request(from, 'POST', upload.page, { headers: { 'next-action': upload.id, 'content-type': 'text/plain' }, body: big, chunked: true })).status).toBe(413);
  });

  test('takes a posted message with NUL in it, and keeps it without; refuses one too long', async ({ db }) => {
    const creditor = await makeCreditor(db);
    const borrower = await makeBorrower(db);
    const { case: kase } = await makeLoanWithCase(db, creditor.id, borrower.id);
    const session = await mintSession(db, borrower, getEnv().authSecret);
    const reply = await callAction(freshLoopback(), actionNamed('postMessageAction'), [{ caseId: kase.id, body: 'hello\u0000 there' }], `${session.name}=${session.value}`);
    expect(actionAnswer(reply)).toMatchObject({ ok: true });
    const [stored] = await db.select().from(negotiationMessages).where(eq(negotiationMessages.caseId, kase.id));
    expect(stored!.body).toBe('hello there');
    // Too long for a message: told so beside the field; far too long for any request: 413.
    const long = await callAction(freshLoopback(), actionNamed('postMessageAction'), [{ caseId: kase.id, body: '长'.repeat(2001) }], `${session.name}=${session.value}`);
    expect(actionAnswer(long)).toEqual({ ok: false, fieldErrors: { body: { key: 'validation.tooLong' } } });
    const huge = await callAction(freshLoopback(), actionNamed('postMessageAction'), [{ caseId: kase.id, body: 'x'.repeat(requestBodyLimitBytes) }], `${session.name}=${session.value}`);
    expect(huge.status).toBe(413);
  });

  test('pages take no other POST', async () => {
    const from = freshLoopback();
    expect((await request(from, 'POST', '/login', { headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'phone=13800138000' })).status).toBe(405);
    const plain = new FormData();
    plain.set('phone', '13800138000');
    const response = new Response(plain);
    expect((await request(from, 'POST', '/login', { headers: { 'content-type': response.headers.get('content-type')! }, body: Buffer.from(await response.arrayBuffer()) })).status).toBe(405);
  });

  test('a form posted without JavaScript reaches its action, which checks what it was sent', async () => {
    const setLocale = actionNamed('setLocaleAction');
    const post = async (lang: string) => {
      const data = new FormData();
      data.set(`$ACTION_ID_${setLocale.id}`, '');
      data.set('lang', lang);
      const response = new Response(data);
      return request(freshLoopback(), 'POST', '/login', { headers: { 'content-type': response.headers.get('content-type')! }, body: Buffer.from(await response.arrayBuffer()) });
    };
    const english = await post('en');
    expect(english.status).toBe(200);
    expect(String(english.headers['set-cookie'])).toContain('NEXT_LOCALE=en');
    const nonsense = await post('xx-\u0000');
    expect(nonsense.status).toBe(200);
    expect(nonsense.headers['set-cookie']).toBeUndefined();
  });
});

test.describe('per-address limits count the TCP peer, whatever X-Forwarded-For says', () => {
  /** Uses up `limit` from one address with a new forged header each time; the next is refused; another address is not. */
  async function exhaust({ limit, windowSeconds }: RateLimitRule, attempt: (from: string, headers: Record<string, string>) => Promise<boolean>) {
    // A run that crosses the end of the limit's window is run again from a new address (CI once saw the 301st download allowed).
    await inOneWindow(windowSeconds, async () => {
      const from = freshLoopback();
      for (let i = 0; i < limit; i++) expect(await attempt(from, { 'x-forwarded-for': forged(), 'x-real-ip': forged() }), `attempt ${i + 1}`).toBe(false);
      expect(await attempt(from, { 'x-forwarded-for': forged() }), 'one over the limit, forged header or not').toBe(true);
      expect(await attempt(from, { 'x-forwarded-for': `${forged()}, ${forged()}`, 'x-concord-peer-address': `${forged()} token` })).toBe(true);
      expect(await attempt(freshLoopback(), { 'x-forwarded-for': forged() }), 'another address').toBe(false);
    });
  }

  const limited = (reply: { text: string }) => reply.text.includes('RATE_LIMITED');

  async function nextAuth(from: string, provider: 'borrower-code' | 'staff-password', fields: Record<string, string>, headers: Record<string, string>) {
    const csrf = await request(from, 'GET', '/api/auth/csrf', { headers });
    const cookie = (csrf.headers['set-cookie'] ?? []).map((c) => c.split(';')[0]).join('; ');
    const { csrfToken } = JSON.parse(csrf.text) as { csrfToken: string };
    const body = new URLSearchParams({ ...fields, csrfToken, json: 'true' }).toString();
    const reply = await request(from, 'POST', `/api/auth/callback/${provider}`, { headers: { ...headers, cookie, 'content-type': 'application/x-www-form-urlencoded' }, body });
    return decodeURIComponent(reply.text);
  }

  test('sign-in codes asked for', async () => {
    const action = actionNamed('requestCodeAction');
    await exhaust(rateLimits.codePerIp, async (from, headers) => limited(await request(from, 'POST', action.page, { headers: { ...headers, 'next-action': action.id, 'content-type': 'text/plain;charset=UTF-8' }, body: JSON.stringify([{ phone: randomPhone() }]) })));
  });

  test('sign-in codes typed', async ({ db }) => {
    const borrower = await makeBorrower(db);
    await exhaust(rateLimits.verifyPerIp, async (from, headers) => (await nextAuth(from, 'borrower-code', { phone: borrower.phone, code: '000000' }, headers)).includes('RATE_LIMITED'));
  });

  test('staff passwords', async ({ db }) => {
    test.setTimeout(120_000);
    const creditor = await makeCreditor(db);
    // A different address each try, so that the account's own lockout does not answer first.
    await exhaust(rateLimits.staffLoginPerIp, async (from, headers) => (await nextAuth(from, 'staff-password', { email: `nobody-${uuid()}@test.example`, password: 'wrong' }, headers)).includes('RATE_LIMITED'));
    expect(creditor.id).toBeTruthy();
  });

  test('/verify', async () => {
    const action = actionNamed('verifyAction');
    await exhaust(rateLimits.documentCheckPerIp, async (from, headers) => {
      const { body, contentType } = await formDataReply({ code: 'AAAA-BBBB-CC' });
      return limited(await request(from, 'POST', action.page, { headers: { ...headers, 'next-action': action.id, 'content-type': contentType }, body }));
    });
  });

  test('downloads', async ({ db }) => {
    test.setTimeout(120_000);
    const borrower = await makeBorrower(db);
    const session = await mintSession(db, borrower, getEnv().authSecret);
    const cookie = `${session.name}=${session.value}`;
    await exhaust(rateLimits.downloadPerIp, async (from, headers) => (await request(from, 'GET', `/api/agreements/${uuid()}/signed`, { headers: { ...headers, cookie } })).status === 429);
  });
});

test.describe('odd values in links and headers, never a 500', () => {
  test('a day of year 1 in the queue, the dashboard and their exports is dropped as no day; the upload refuses an Origin that is no URL; a batch id that is no id is not found', async ({ db }) => {
    const creditor = await makeCreditor(db);
    const staff = async (role: 'supervisor' | 'admin') => {
      const row = await makeStaff(db, creditor.id, role);
      const session = await mintSession(db, row, getEnv().authSecret);
      return `${session.name}=${session.value}`;
    };
    const supervisor = await staff('supervisor');
    const admin = await staff('admin');
    const from = freshLoopback();
    for (const path of ['/staff?openedFrom=0001-01-01', '/staff?openedTo=2026-02-30', '/staff/dashboard?from=0001-01-01', '/api/dashboard/figures?from=0001-01-01', '/api/dashboard/cases?to=0001-01-01']) {
      expect((await request(from, 'GET', path, { headers: { cookie: supervisor } })).status, path).toBe(200);
    }
    const exported = await request(from, 'POST', '/api/staff/queue-export', { headers: { cookie: supervisor, 'content-type': 'application/x-www-form-urlencoded' }, body: 'view=openedFrom%3D0001-01-01&reason=weekly' });
    expect(exported.status).toBe(200);
    for (const origin of ['null', 'http://[']) {
      expect((await request(from, 'POST', '/api/import-upload?filename=a.csv', { headers: { origin, cookie: admin }, body: 'a' })).status, origin).toBe(403);
    }
    expect((await request(from, 'GET', '/api/imports/xyz/errors', { headers: { cookie: admin } })).status).toBe(404);
    // A queue page past the last goes to the last, not "page 99 of 1" over an empty table.
    const beyond = await request(from, 'GET', '/staff?state=negotiating&page=99', { headers: { cookie: supervisor } });
    expect(beyond.status).toBe(307);
    expect(beyond.headers.location).toMatch(/^\/staff\?(?!.*page=).*state=negotiating/);
  });
});

test.describe('requests that answered with an HTTP 500', () => {
  test('an argument list of null, two root parts, a NUL in the queue search, the delay page of a case with no plan, a broken escape in a path', async ({ db }) => {
    const creditor = await makeCreditor(db);
    const borrower = await makeBorrower(db);
    const supervisorUser = await makeStaff(db, creditor.id, 'supervisor');
    const { case: kase } = await makeLoanWithCase(db, creditor.id, borrower.id, (await makeStaff(db, creditor.id)).id);
    const own = await mintSession(db, borrower, getEnv().authSecret);
    const cookie = `${own.name}=${own.value}`;
    const post = actionNamed('postMessageAction');
    // Next called the action with no arguments, which failed in it.
    for (const body of ['null', '{}']) {
      const reply = await request(freshLoopback(), 'POST', `/cases/${kase.id}`, { headers: { 'next-action': post.id, 'content-type': 'text/plain;charset=UTF-8', cookie }, body });
      expect(reply.status, body).toBe(400);
    }
    // The proxy checked the first root part and Next read the second.
    const boundary = 'x-concord-two-roots';
    const twoRoots = [`--${boundary}`, 'Content-Disposition: form-data; name="0"', '', JSON.stringify([{ caseId: kase.id, body: 'a' }]), `--${boundary}`, 'Content-Disposition: form-data; name="0"', '', 'null', `--${boundary}--`, ''].join('\r\n');
    const multipart = await request(freshLoopback(), 'POST', `/cases/${kase.id}`, { headers: { 'next-action': post.id, 'content-type': `multipart/form-data; boundary=${boundary}`, cookie }, body: twoRoots });
    expect(multipart.status).toBe(400);
    // A NUL typed or linked into the queue's search: the page and the export answer, as for any other search.
    const supervisorSession = await mintSession(db, supervisorUser, getEnv().authSecret);
    const supervisor = `${supervisorSession.name}=${supervisorSession.value}`;
    expect((await request(freshLoopback(), 'GET', '/staff?q=%00', { headers: { cookie: supervisor } })).status).toBe(200);
    const exported = await request(freshLoopback(), 'POST', '/api/staff/queue-export', { headers: { cookie: supervisor, 'content-type': 'application/x-www-form-urlencoded' }, body: 'view=q%3D%2500&reason=weekly' });
    expect(exported.status).toBe(200);
    // The one-time delay of a case whose plan has not begun: back to the case, not the error page.
    const delay = await request(freshLoopback(), 'GET', `/cases/${kase.id}/delay`, { headers: { cookie } });
    expect(delay.status).toBe(307);
    expect(delay.headers.location).toBe(`/cases/${kase.id}`);
    // A broken percent-escape in a path: Next failed decoding the page's parameters.
    for (const path of ['/cases/%ff', '/cases/%E0%A4%A/offers', '/api/files/%ff', '/staff/cases/%ff']) {
      expect((await request(freshLoopback(), 'GET', path, { headers: { cookie: path.startsWith('/staff') ? supervisor : cookie } })).status, path).toBe(400);
    }
    // The refusal a person may see is in their language (it was 'Bad Request' for everyone): the remembered choice, else the browser's.
    const zh = await request(freshLoopback(), 'GET', '/cases/%ff', { headers: { 'accept-language': 'zh-CN,zh;q=0.9' } });
    expect([zh.status, zh.headers['content-type'], zh.text]).toEqual([400, 'text/plain; charset=utf-8', '请求无效：地址或提交的内容无法读取。请返回上一页重试。']);
    const en = await request(freshLoopback(), 'GET', '/cases/%ff', { headers: { 'accept-language': 'zh-CN', cookie: 'NEXT_LOCALE=en' } });
    expect(en.text).toBe('Bad request: the address or what was sent could not be read. Please go back and try again.');
    const foreign = await request(freshLoopback(), 'POST', `/cases/${kase.id}`, { headers: { origin: 'http://evil.example', 'next-action': post.id, 'content-type': 'text/plain;charset=UTF-8', cookie, 'accept-language': 'zh-CN' }, body: '[]' });
    expect([foreign.status, foreign.text]).toEqual([403, '已拒绝：请求并非来自本站页面。请在本站页面上重新操作。']);
  });
});

test.describe('uploads against the stated limit (10 MB, 10,485,760 bytes)', () => {
  async function borrowerWithDraft(db: Parameters<typeof makeCreditor>[0]) {
    const creditor = await makeCreditor(db);
    const borrower = await makeBorrower(db);
    const { case: kase } = await makeLoanWithCase(db, creditor.id, borrower.id, (await makeStaff(db, creditor.id)).id);
    await saveHardshipStep({ actor: { type: 'borrower', id: borrower.id }, meta: {} }, { caseId: kase.id, step: 'household', values: { adults: '1', childrenUnder6: '0', children6to17: '0', otherDependants: '0', housing: 'rent', employment: 'employed' }, rowVersion: null });
    const session = await mintSession(db, borrower, getEnv().authSecret);
    return { kase, cookie: `${session.name}=${session.value}` };
  }

  test('evidence: exactly the limit is kept, one byte over and 50 MB are refused as too large, never a 500', async ({ db }) => {
    const { kase, cookie } = await borrowerWithDraft(db);
    const upload = actionNamed('uploadEvidenceAction');
    const send = async (bytes: Buffer, name = 'scan.pdf') => {
      const { body, contentType } = await formDataReply({ caseId: kase.id, file: { name, type: 'application/pdf', bytes } });
      return request(freshLoopback(), 'POST', `/cases/${kase.id}/hardship`, { headers: { 'next-action': upload.id, 'content-type': contentType, cookie }, body });
    };
    const exact = await send(pdfOfSize(evidenceLimits.maxBytes));
    expect(actionAnswer(exact)).toMatchObject({ ok: true, data: { size: 10_485_760 } });
    const over = await send(pdfOfSize(evidenceLimits.maxBytes + 1));
    expect(over.status).toBe(200);
    expect(actionAnswer(over)).toEqual({ ok: false, fieldErrors: { file: { key: 'errors.FILE_TOO_LARGE', params: { max: 10 } } } });
    expect((await send(pdfOfSize(50 * 1024 * 1024))).status).toBe(413);
  });

  test('evidence with a dangerous name is kept and served under its real type, as an attachment', async ({ db }) => {
    const { kase, cookie } = await borrowerWithDraft(db);
    const upload = actionNamed('uploadEvidenceAction');
    const names: [string, string][] = [
      ['statement.hta', 'statement.pdf'],
      ['page.html', 'page.pdf'],
      ['invoice\u202Efdp.exe', 'invoicefdp.pdf'],
    ];
    for (const [given, kept] of names) {
      const { body, contentType } = await formDataReply({ caseId: kase.id, file: { name: given, type: 'text/html', bytes: pdfOfSize(2000) } });
      const answer = actionAnswer(await request(freshLoopback(), 'POST', `/cases/${kase.id}/hardship`, { headers: { 'next-action': upload.id, 'content-type': contentType, cookie }, body }));
      expect(answer).toMatchObject({ ok: true, data: { filename: kept, contentType: 'application/pdf' } });
      const download = await request(freshLoopback(), 'GET', `/api/files/${(answer!.data as { id: string }).id}`, { headers: { cookie } });
      expect(download.headers['content-disposition']).toBe(`attachment; filename*=UTF-8''${encodeURIComponent(kept)}`);
      expect(download.headers['content-type']).toBe('application/pdf');
      expect(download.headers['x-content-type-options']).toBe('nosniff');
    }
  });

  test('/verify: exactly the limit is checked, one byte over is too large, 50 MB is refused with 413', async () => {
    const verify = actionNamed('verifyAction');
    const send = async (bytes: Buffer) => {
      const { body, contentType } = await formDataReply({ file: { name: 'agreement.pdf', type: 'application/pdf', bytes } });
      return request(freshLoopback(), 'POST', '/verify', { headers: { 'next-action': verify.id, 'content-type': contentType }, body });
    };
    expect(actionAnswer(await send(pdfOfSize(evidenceLimits.maxBytes)))).toMatchObject({ ok: true, data: { verdict: 'altered' } });
    expect(actionAnswer(await send(pdfOfSize(evidenceLimits.maxBytes + 1)))).toEqual({ ok: false, fieldErrors: { file: { key: 'errors.FILE_TOO_LARGE', params: { max: 10 } } } });
    expect((await send(pdfOfSize(50 * 1024 * 1024))).status).toBe(413);
  });
});
