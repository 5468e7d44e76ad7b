// lib.mjs — what the browser journeys share: headless Debian chromium
// through playwright-core, contexts that report every console error, page
// error, failed request and server error into `problems`, screenshots, and
// signing in and out through the forms.
//
// Run through scripts/e2e.sh, which starts the server (scripts/testenv.sh)
// and sets GS_URL; screenshots land in test-output/e2e/.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { randomInt } from 'node:crypto';
import { chromium } from 'playwright-core';

export const BASE = process.env.GS_URL;
export const ADMIN_PW = process.env.GS_ADMIN_PASSWORD;
export const DEMO_PW = process.env.GS_DEMO_PASSWORD;
if (!BASE || !ADMIN_PW) throw new Error('GS_URL is not set: run through scripts/e2e.sh');
export const OUT = process.env.GS_E2E_OUT || 'test-output/e2e';
mkdirSync(OUT, { recursive: true });

const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-quic',
  '--no-first-run', '--disable-background-networking',
  '--disable-component-update', '--disable-sync'];

// Everything a page should not do, with where it happened.
export const problems = [];
// Error responses a step expects (a form sent back with 422): chromium logs
// each as a console error "Failed to load resource"; one entry allows one.
export const expectedErrors = [];
// The app serves no /favicon.ico, which chromium asks for on its own; that
// 404 is noted, not failed (it is no request a page makes).
export const notes = [];

function expectedError(msg) {
  const m = /^Failed to load resource: the server responded with a status of (\d+)/
    .exec(msg.text());
  if (!m) return false;
  const url = new URL(msg.location().url || 'about:blank');
  if (url.pathname === '/favicon.ico' && m[1] === '404') {
    notes.push('GET /favicon.ico: 404 (the app has no favicon)');
    return true;
  }
  const i = expectedErrors.findIndex((e) =>
    e.status === Number(m[1]) && (e.path === url.pathname ||
      (e.path instanceof RegExp && e.path.test(url.pathname))));
  if (i < 0) return false;
  expectedErrors.splice(i, 1);
  return true;
}

// A valid unified social credit code (GB 32100-2015): the 18th character is
// the check character over the first 17.
export const ALPHABET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];
function usccCheck(first17) {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += ALPHABET.indexOf(first17[i]) * WEIGHTS[i];
  return ALPHABET[(31 - (sum % 31)) % 31];
}
export function freshUscc() {
  let body = '';
  for (let i = 0; i < 7; i++) body += ALPHABET[randomInt(ALPHABET.length)];
  const first = '91330784' + 'E2' + body; // 17 characters
  return first + usccCheck(first);
}

export function launch() {
  return chromium.launch({
    executablePath: process.env.GS_CHROMIUM || '/usr/bin/chromium',
    headless: true,
    args: CHROMIUM_ARGS,
  });
}

// A context that reports console errors, uncaught page errors, failed
// requests and server errors into `problems`.
export async function newContext(browser, options) {
  const ctx = await browser.newContext({
    locale: 'zh-CN',
    timezoneId: 'Asia/Shanghai',
    // Its own client address: login throttling by address (trusted from
    // X-Forwarded-For under testenv) cannot leak in from other suites.
    extraHTTPHeaders: { 'x-forwarded-for':
      `10.${randomInt(1, 250)}.${randomInt(1, 250)}.${randomInt(1, 250)}` },
    ...options,
  });
  ctx.setDefaultTimeout(10_000);
  ctx.setDefaultNavigationTimeout(15_000);
  ctx.on('console', (msg) => {
    if (msg.type() === 'error' && !expectedError(msg))
      problems.push(`console error on ${msg.page()?.url()}: ${msg.text()}`);
  });
  ctx.on('weberror', (err) => problems.push(`page error: ${err.error()}`));
  ctx.on('requestfailed', (req) =>
    problems.push(`request failed: ${req.method()} ${req.url()}: ${req.failure()?.errorText}`));
  ctx.on('response', (res) => {
    if (res.status() >= 500)
      problems.push(`server error: ${res.status()} ${res.request().method()} ${res.url()}`);
  });
  return ctx;
}

export function shot(page, name) {
  return page.screenshot({ path: join(OUT, name), fullPage: true });
}

export async function signIn(page, username, password) {
  await page.goto(BASE + '/login');
  await page.getByLabel('用户名').fill(username);
  await page.getByLabel('密码').fill(password);
  await Promise.all([
    page.waitForURL((u) => u.pathname !== '/login'),
    page.getByRole('button', { name: '登录' }).click(),
  ]);
  await page.getByRole('button', { name: '退出' }).waitFor();
}

export async function signOut(page) {
  await Promise.all([
    page.waitForURL((u) => u.pathname === '/login'),
    page.getByRole('button', { name: '退出' }).click(),
  ]);
  await page.getByRole('button', { name: '登录' }).waitFor();
}

export function mainNav(page) {
  return page.getByRole('navigation', { name: '主导航' });
}
