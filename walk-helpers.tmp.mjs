import { chromium } from '@playwright/test';
export const base = process.env.BASE ?? 'http://localhost:3030';
export async function browser() {
  return chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox'] });
}
export async function phoneContext(b, locale = 'zh-CN') {
  return b.newContext({ viewport: { width: 360, height: 780 }, locale, timezoneId: 'Asia/Shanghai', hasTouch: true });
}
export async function signIn(page, phone) {
  await page.goto(base + '/login');
  await page.locator('input[type=tel]').fill(phone);
  await page.locator('form button').first().click();
  await page.locator('input[autocomplete=one-time-code]').waitFor();
  const out = await page.context().newPage();
  let code;
  for (let i = 0; i < 20 && !code; i++) {
    await out.goto(base + '/staff/outbox');
    const body = await out.locator('li', { hasText: phone }).filter({ hasText: '登录验证码' }).first().innerText().catch(() => '');
    code = /验证码是 (\d{6})/.exec(body)?.[1];
    if (!code) await out.waitForTimeout(500);
  }
  await out.close();
  await page.locator('input[autocomplete=one-time-code]').fill(code);
  await page.locator('form button[type=submit]').click();
  await page.waitForURL((u) => !u.pathname.startsWith('/login'), { timeout: 15000 }).catch(async (e) => { await shot(page, 'signin-failed'); console.log(await page.locator('main').innerText()); throw e; });
}
export async function staffSignIn(page, email) {
  await page.goto(base + '/staff/login');
  await page.locator('input[type=email]').fill(email);
  await page.locator('input[type=password]').fill('Concord-demo-2026');
  await page.locator('form button[type=submit]').click();
  await page.waitForURL(base + '/staff');
}
export async function shot(page, name) {
  await page.screenshot({ path: `/tmp/i12shots/${name}.png`, fullPage: true });
}
export async function shotParts(page, name, chunk = 1300) {
  const height = await page.evaluate(() => document.documentElement.scrollHeight);
  const parts = [];
  for (let y = 0, i = 0; y < height; y += chunk, i++) {
    const path = `/tmp/i12shots/${name}-${i}.png`;
    await page.screenshot({ path, fullPage: true, clip: { x: 0, y, width: 360, height: Math.min(chunk, height - y) } });
    parts.push(path);
  }
  return parts;
}
