// measure_journey.test.mjs — a seizure (查封、扣押) through the screens,
// each person in their own browser: an officer proposes it from the case
// page with two officers and two items (after the form refuses one
// officer next to the field, keeping what was typed), the head approves it
// on the seizure's page, which then shows 执行中 with its
// 查封扣押期限届满 clock, and the decision prints on A4. Screenshots of
// each step, and of the seizure's page at tablet width. No page may log a
// console error or lose a request.
//
// Run through scripts/e2e.sh (see lib.mjs).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { randomInt } from 'node:crypto';
import { BASE, DEMO_PW, problems, expectedErrors, notes, launch, newContext,
  shot, signIn, freshUscc } from './lib.mjs';

function day(offset = 0) {
  const t = new Date(Date.now() + 8 * 3600e3 + offset * 86400e3);
  return t.toISOString().slice(0, 10);
}

const run = Date.now().toString(36) + randomInt(36 ** 3).toString(36);
const party = `永安市南湖${run}化工有限公司`;
let browser;
const pages = {};
let caseUrl, measureUrl;

async function as(user) {
  if (!pages[user]) {
    const ctx = await newContext(browser, { viewport: { width: 1280, height: 900 } });
    pages[user] = await ctx.newPage();
    await signIn(pages[user], user, DEMO_PW);
  }
  await settle(pages[user]);
  return pages[user];
}

// Before leaving a page: what it loads on its own (the icon) has loaded,
// so that leaving does not abort it (a failed request).
function settle(page) {
  return page.waitForLoadState('networkidle');
}

// A JSON call with the page's own session (the CSRF token of its forms).
async function api(page, method, path, data) {
  const csrf = await page.locator('input[name="_csrf"]').first().getAttribute('value');
  const r = await page.request.fetch(`${BASE}${path}`, { method,
    headers: { 'x-csrf-token': csrf }, data });
  assert.ok(r.status() < 300, `${method} ${path}: ${r.status()} ${await r.text()}`);
  return r.json();
}

before(async () => {
  browser = await launch();
});

after(async () => {
  await browser?.close();
});

test('a seizure from proposal to execution through the screens', async (t) => {
  await t.test('a filed case of the officer', async () => {
    const officer = await as('officer1');
    const users = (await api(await as('leader1'), 'GET', '/api/v1/users')).items;
    const entity = await api(officer, 'POST', '/api/v1/entities', { uscc: freshUscc(),
      name: party, address: '南湖工业区3号', township: '南湖街道',
      industry: '化学原料和化学制品制造', category: 'key' });
    const kase = await api(officer, 'POST', '/api/v1/cases', { entity_id: entity.id,
      violation_type: 'over_standard_discharge', discovered_on: day(-2),
      party_kind: 'organisation', summary_md: '雨水排口排放高浓度废水。',
      investigator_ids: [users.find((u) => u.username === 'officer2').id] });
    const leader = await as('leader1');
    const shown = await api(leader, 'GET', `/api/v1/cases/${kase.id}`);
    await api(leader, 'POST', `/api/v1/cases/${kase.id}/actions/approve_filing`,
      { version: shown.version });
    caseUrl = `${BASE}/cases/${kase.id}`;
  });

  await t.test('the officer proposes a seizure; one officer is refused next to the field', async () => {
    const page = await as('officer1');
    await page.goto(caseUrl);
    await settle(page);
    const section = page.locator('#measures');
    await section.getByRole('heading', { name: '配套措施与移送' }).waitFor();
    await section.getByText('本案尚未采取配套措施').waitFor();
    let form = page.locator('#propose-seizure');
    await form.locator('summary').click();
    await form.getByLabel('决定日期').fill(day(0));
    await form.getByLabel('查封、扣押期限（天）').fill('30');
    await form.getByLabel('查封、扣押地点').fill('厂区东侧危废仓库');
    await form.getByRole('checkbox', { name: /张伟/ }).check();
    await form.getByRole('checkbox', { name: /李娜/ }).uncheck();
    await form.getByLabel('名称 1').fill('废水处理设备');
    await form.getByLabel('数量 1').fill('1 套');
    await form.getByLabel('备注（规格、存放地点等） 1').fill('型号 XS-200');
    await form.getByLabel('名称 2').fill('暗管');
    await form.getByLabel('数量 2').fill('20 米');
    await form.getByLabel('事实与理由').fill('雨水排口发现**暗管**，排放高浓度废水，可能造成严重污染。');
    await shot(page, 'seizure-form.png');
    await settle(page);
    expectedErrors.push({ status: 422, path: /\/cases\/[0-9a-f-]{36}\/measures$/ });
    const [res] = await Promise.all([
      page.waitForResponse((x) => x.request().method() === 'POST' &&
        new URL(x.url()).pathname.endsWith('/measures')),
      form.getByRole('button', { name: '提出查封、扣押' }).click(),
    ]);
    assert.equal(res.status(), 422);
    await page.waitForLoadState('load');
    await page.getByRole('alert').filter({ hasText: '查封、扣押未提出：实施的执法人员' }).waitFor();
    form = page.locator('#propose-seizure');
    assert.ok(await form.evaluate((el) => el.open), 'the form is open again');
    await form.getByText('查封、扣押须有至少 2 名持有效执法证的执法人员实施').waitFor();
    // what was typed is still there
    assert.equal(await form.getByLabel('名称 2').inputValue(), '暗管');
    assert.equal(await form.getByLabel('查封、扣押地点').inputValue(), '厂区东侧危废仓库');
    assert.ok(await form.getByRole('checkbox', { name: /张伟/ }).isChecked());
    await shot(page, 'seizure-form-error.png');

    await form.getByRole('checkbox', { name: /李娜/ }).check();
    await settle(page);
    await Promise.all([
      page.waitForURL((u) => /^\/measures\/[0-9a-f-]{36}$/.test(u.pathname)),
      form.getByRole('button', { name: '提出查封、扣押' }).click(),
    ]);
    measureUrl = page.url();
    await page.getByRole('status').filter({ hasText: '措施已提出' }).waitFor();
    await page.locator('h1 .state').filter({ hasText: '待负责人批准' }).waitFor();
    const items = page.locator('#items');
    await items.getByRole('cell', { name: '废水处理设备' }).waitFor();
    await items.getByRole('cell', { name: '暗管' }).waitFor();
    await page.getByText(/张伟 执法证号/).waitFor();
    await page.getByText(/李娜 执法证号/).waitFor();
    // the proposer does not approve
    assert.equal(await page.locator('#act-approve').count(), 0);
    await shot(page, 'seizure-proposed.png');
  });

  await t.test('the head approves it on the seizure page', async () => {
    const page = await as('head1');
    await page.goto(caseUrl);
    await settle(page);
    const row = page.locator('#measures .measure').filter({ hasText: '查封、扣押' });
    await row.getByText('待负责人批准').waitFor();
    await Promise.all([page.waitForURL(measureUrl),
      row.getByRole('link', { name: '查看与办理' }).click()]);
    await settle(page);
    const form = page.locator('#act-approve');
    await form.locator('summary').click();
    await Promise.all([
      page.waitForResponse((r) => r.request().method() === 'POST' &&
        new URL(r.url()).pathname.endsWith('/actions/approve')),
      form.getByRole('button', { name: '批准' }).click(),
    ]);
    await page.waitForLoadState('load');
    await page.getByRole('status').filter({ hasText: '已办理' }).waitFor();
    await page.locator('h1 .state').filter({ hasText: '执行中' }).waitFor();
    const clock = page.locator('#clocks tr').filter({ hasText: '查封扣押期限届满' });
    await clock.getByText('自然日').waitFor();
    await clock.getByText('进行中').waitFor();
    await page.getByText(/封〔\d{4}〕\d+号/).first().waitFor();
    const events = await page.locator('.timeline .event-head strong').allTextContents();
    assert.deepEqual(events, ['提出措施', '批准']);
    await shot(page, 'seizure-in-force.png');
    await settle(page);
    // the case page shows the seizure in force with its clock
    await page.goto(caseUrl);
    const m = page.locator('#measures .measure').filter({ hasText: '查封、扣押' });
    await m.getByText('执行中').waitFor();
    await m.getByRole('cell', { name: '查封扣押期限届满' }).waitFor();
    await shot(page, 'case-with-seizure.png');
    await settle(page);
  });

  await t.test('the decision prints as an A4 document', async () => {
    const page = await as('head1');
    await page.goto(measureUrl);
    await settle(page);
    await Promise.all([page.waitForURL(/\/documents\//),
      page.getByRole('link', { name: '查封（扣押）决定书' }).click()]);
    await page.getByRole('heading', { name: '查封（扣押）决定书' }).waitFor();
    await page.getByRole('cell', { name: '废水处理设备' }).waitFor();
    await page.getByText(/《中华人民共和国环境保护法》第二十五条/).waitFor();
    await shot(page, 'seizure-decision-printed.png');
    await settle(page);
  });

  await t.test('the seizure page at tablet width', async () => {
    const tablet = await newContext(browser, {
      viewport: { width: 768, height: 1024 }, deviceScaleFactor: 2, isMobile: true,
      hasTouch: true, storageState: await pages.officer1.context().storageState(),
    });
    try {
      const p = await tablet.newPage();
      await p.goto(measureUrl);
      await p.locator('h1 .state').filter({ hasText: '执行中' }).waitFor();
      await shot(p, 'seizure-in-force-tablet.png');
      for (const url of [measureUrl, caseUrl]) {
        await settle(p);
        await p.goto(url);
        const overflow = await p.evaluate(() =>
          document.documentElement.scrollWidth - document.documentElement.clientWidth);
        assert.ok(overflow <= 0, `tablet: ${url} is ${overflow}px wider than the screen`);
      }
      await settle(p);
    } finally {
      await tablet.close();
    }
  });

  for (const n of new Set(notes)) t.diagnostic(n);
  assert.deepEqual(problems, [], 'no console errors, page errors or failed requests');
});
