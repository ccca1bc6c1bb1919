import { base, browser, phoneContext, signIn, shotParts } from './walk-helpers.tmp.mjs';
const b = await browser();
const ctx = await phoneContext(b);
const page = await ctx.newPage();
await signIn(page, '13900139000');
const caseLink = await page.locator('a', { hasText: '查看案件与下一步' }).first().getAttribute('href');
await page.goto(base + caseLink + '/agreement');
console.log((await shotParts(page, 'w4-agr')).length);
await b.close();
