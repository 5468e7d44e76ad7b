// case_journey.test.mjs — a penalty case through the screens, each person
// in their own browser: an officer proposes it (after the form refuses a
// missing violation type next to the field), the squad leader approves the
// filing from the approvals queue, the second investigator uploads
// evidence and submits the report, the leader serves the notice, the
// officer sends it to legal review, legal staff approve from their queue,
// and the head decides. Screenshots of the case page at each step, and at
// tablet width. No page may log a console error or lose a request.
//
// Run through scripts/e2e.sh (see lib.mjs).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { randomInt } from 'node:crypto';
import { join } from 'node:path';
import { BASE, DEMO_PW, problems, expectedErrors, notes, launch, newContext,
  shot, signIn, mainNav, freshUscc, OUT } from './lib.mjs';

function day(offset = 0) {
  const t = new Date(Date.now() + 8 * 3600e3 + offset * 86400e3);
  return t.toISOString().slice(0, 10);
}

const run = Date.now().toString(36) + randomInt(36 ** 3).toString(36);
const party = { name: `永安市东溪${run}电镀有限公司`, search: `东溪${run}`,
  late: `永安市西山${run}印染有限公司` };
let browser;
const pages = {};
let caseUrl;

// Everyone at a desk (1280 wide) in their own session.
async function as(user) {
  if (!pages[user]) {
    const ctx = await newContext(browser, { viewport: { width: 1280, height: 900 } });
    pages[user] = await ctx.newPage();
    await signIn(pages[user], user, DEMO_PW);
  }
  return pages[user];
}

// The action's form on the case page: opened, filled by fill(form), sent;
// resolves when the case page is back with the "done" message.
async function act(page, code, label, fill) {
  const form = page.locator(`#act-${code}`);
  if (await form.locator('summary').count() > 0)
    await form.locator('summary').click();
  if (fill) await fill(form);
  await Promise.all([
    page.waitForResponse((r) => r.request().method() === 'POST' &&
      new URL(r.url()).pathname.endsWith(`/actions/${code}`)),
    form.locator('button[type="submit"]').filter({ hasText: label }).click(),
  ]);
  await page.waitForLoadState('load');
  await page.getByRole('status').filter({ hasText: '已办理' }).waitFor();
}

async function state(page, label) {
  await page.locator('h1 .state').filter({ hasText: label }).waitFor();
}

before(async () => {
  browser = await launch();
});

after(async () => {
  await browser?.close();
});

test('a case from proposal to decision through the screens', async (t) => {
  await t.test('the officer proposes a case; a missing field is named', async () => {
    const page = await as('officer1');
    await page.getByRole('heading', { name: '我的案件' }).waitFor();
    // the party, registered through the API with the page's own session
    const csrf = await page.locator('input[name="_csrf"]').first().getAttribute('value');
    const r = await page.request.post(`${BASE}/api/v1/entities`, {
      headers: { 'x-csrf-token': csrf },
      data: { uscc: freshUscc(), name: party.name, address: '东溪工业区1号',
        township: '东溪街道', industry: '金属表面处理及热处理加工', category: 'key' } });
    assert.equal(r.status(), 201, await r.text());
    // and an older case of theirs, whose filing decision is overdue
    const other = await page.request.post(`${BASE}/api/v1/entities`, {
      headers: { 'x-csrf-token': csrf },
      data: { uscc: freshUscc(), name: party.late, address: '西山工业区2号',
        township: '西山镇', industry: '纺织业', category: 'general' } });
    assert.equal(other.status(), 201, await other.text());
    const late = await page.request.post(`${BASE}/api/v1/cases`, {
      headers: { 'x-csrf-token': csrf },
      data: { entity_id: (await other.json()).id, violation_type: 'no_permit',
        summary_md: '群众举报：夜间偷排。', discovered_on: day(-40), party_kind: 'organisation' } });
    assert.equal(late.status(), 201, await late.text());

    await mainNav(page).getByRole('link', { name: '案件', exact: true }).click();
    await page.waitForURL((u) => u.pathname === '/cases');
    await page.getByRole('link', { name: '立案申请' }).click();
    await page.waitForURL((u) => u.pathname === '/cases/new');
    await page.getByLabel('查找检查对象').fill(party.search);
    await Promise.all([
      page.waitForURL((u) => u.searchParams.get('entity_q') === party.search),
      page.getByRole('button', { name: '查找' }).click(),
    ]);
    await page.getByRole('radio', { name: party.name }).check();
    await page.getByLabel('发现日期').fill(day(-1));
    await page.getByLabel('案情摘要').fill('电镀废水**未经处理**经暗管直排东溪。\n\n- 现场发现暗管一处\n- 排口水样已送检');
    await page.getByRole('checkbox', { name: /李娜/ }).check();
    expectedErrors.push({ status: 422, path: '/cases' });
    const [res] = await Promise.all([
      page.waitForResponse((x) => x.request().method() === 'POST' &&
        new URL(x.url()).pathname === '/cases'),
      page.getByRole('button', { name: '提交立案申请' }).click(),
    ]);
    assert.equal(res.status(), 422);
    await page.waitForLoadState('load');
    const field = page.locator('label').filter({ has: page.locator('select[name="violation_type"]') });
    await field.getByText('请选择违法行为类型', { exact: true }).waitFor();
    // what was typed is still there
    assert.match(await page.getByLabel('案情摘要').inputValue(), /暗管直排东溪/);
    assert.ok(await page.getByRole('radio', { name: party.name }).isChecked());
    assert.ok(await page.getByRole('checkbox', { name: /李娜/ }).isChecked());
    await shot(page, 'case-form-error.png');

    await field.locator('select').selectOption({ label: '超过排放标准排放水污染物' });
    await Promise.all([
      page.waitForURL((u) => /^\/cases\/[0-9a-f-]{36}$/.test(u.pathname)),
      page.getByRole('button', { name: '提交立案申请' }).click(),
    ]);
    caseUrl = page.url();
    await page.getByRole('status').filter({ hasText: '立案申请已提交' }).waitFor();
    await state(page, '待立案审批');
    await page.getByRole('heading', { name: '案情摘要' }).waitFor();
    await page.locator('.markdown strong').filter({ hasText: '未经处理' }).waitFor();
    // the proposer has nothing to approve
    assert.equal(await page.locator('#act-approve_filing').count(), 0);
    await shot(page, 'case-proposed.png');
  });

  await t.test('the squad leader approves the filing from the queue', async () => {
    const page = await as('leader1');
    await mainNav(page).getByRole('link', { name: '待审批' }).click();
    await page.waitForURL((u) => u.pathname === '/queues/approvals');
    await page.getByRole('heading', { name: /待立案审批/ }).waitFor();
    await shot(page, 'queue-approvals.png');
    const row = page.getByRole('row').filter({ hasText: party.name });
    await Promise.all([
      page.waitForURL(caseUrl),
      row.getByRole('link', { name: '立案申请' }).click(),
    ]);
    await act(page, 'approve_filing', '批准立案');
    await state(page, '调查取证');
    await page.getByRole('heading', { level: 1, name: /立〔\d{4}〕\d+号/ }).waitFor();
    await page.getByRole('link', { name: '立案审批表' }).waitFor();
    await shot(page, 'case-filed.png');
  });

  await t.test('the second investigator adds evidence and submits the report', async () => {
    const page = await as('officer2');
    // the case is on the officer's start page
    await page.getByRole('link', { name: /立〔\d{4}〕\d+号/ }).first().waitFor();
    await page.goto(caseUrl);
    const upload = page.locator('details').filter({ has: page.locator('summary', { hasText: '上传证据' }) });
    await upload.locator('summary').click();
    await upload.locator('input[type="file"]').setInputFiles({ name: '东溪排口监测报告.pdf',
      mimeType: 'application/pdf', buffer: Buffer.from(`%PDF-1.4 monitoring ${run}`) });
    await upload.locator('select[name="kind"]').selectOption({ label: '监测报告' });
    await upload.getByLabel('证据说明').fill('排口水样第三方监测报告，总铬超标 3.2 倍');
    await Promise.all([
      page.waitForURL((u) => u.hash === '#evidence'),
      upload.getByRole('button', { name: '上传' }).click(),
    ]);
    await page.getByRole('status').filter({ hasText: '证据已上传' }).waitFor();
    await page.getByRole('link', { name: '东溪排口监测报告.pdf' }).waitFor();

    await act(page, 'submit_report', '提交调查报告', (f) =>
      f.locator('textarea[name="report_md"]').fill('## 调查结论\n\n当事人通过暗管排放电镀废水，违法事实清楚，证据确凿。'));
    await state(page, '案件审查');
    await shot(page, 'case-reported.png');
  });

  await t.test('the leader serves the notice with the proposed fine', async () => {
    const page = await as('leader1');
    await page.goto(caseUrl);
    // the discretion calculator: 30 % base for a hidden pipe, serious impact
    await act(page, 'assess', '裁量计算', async (f) => {
      await f.locator('select[name="factors.impact"]').selectOption({ label: '严重（+32%）' });
      await f.locator('select[name="factors.repeat"]').selectOption({ label: '首次（+0%）' });
    });
    // 30 % + 32 % of the ¥1,000,000 maximum; the notice departs and says why
    await act(page, 'notify', '告知（事先告知书）', async (f) => {
      await f.locator('input[name="proposed_fine_yuan"]').fill('300,000');
      await f.locator('textarea[name="discretion_reason"]').fill('当事人主动停止排放并配合调查，从轻处罚');
      await f.getByRole('checkbox', { name: '警告' }).check();
    });
    await state(page, '已告知');
    await page.getByText('300,000.00 元').first().waitFor();
    await page.getByRole('cell', { name: '陈述申辩' }).waitFor();
    await shot(page, 'case-notified.png');
  });

  await t.test('the officer sends it to legal review, the party having waived', async () => {
    const page = await as('officer1');
    await page.goto(caseUrl);
    await act(page, 'submit_legal_review', '提交法制审核', (f) =>
      f.getByRole('checkbox', { name: /书面放弃/ }).check());
    await state(page, '法制审核');
  });

  await t.test('legal staff approve from the review queue', async () => {
    const page = await as('legal1');
    await mainNav(page).getByRole('link', { name: '法制审核' }).click();
    await page.waitForURL((u) => u.pathname === '/queues/legal-review');
    const row = page.getByRole('row').filter({ hasText: party.name });
    await row.getByText('作出处罚决定').waitFor();
    await shot(page, 'queue-legal-review.png');
    await Promise.all([page.waitForURL(caseUrl), row.getByRole('link').first().click()]);
    await act(page, 'legal_approve', '法制审核通过', (f) =>
      f.locator('textarea[name="opinion_md"]').fill('事实清楚，证据确凿，程序合法，拟处罚适当。'));
    await state(page, '待决定');
    await shot(page, 'case-legal-approved.png');
  });

  await t.test('the head decides; the case page shows the decision and the money', async () => {
    const page = await as('head1');
    await mainNav(page).getByRole('link', { name: '待审批' }).click();
    await page.getByRole('heading', { name: /待作出决定/ }).waitFor();
    await Promise.all([page.waitForURL(caseUrl),
      page.getByRole('row').filter({ hasText: party.name }).getByRole('link').first().click()]);
    await act(page, 'decide', '作出决定', async (f) => {
      await f.locator('select[name="outcome"]').selectOption('penalty');
      await f.locator('input[name="fine_yuan"]').fill('250000');
      await f.locator('textarea[name="discretion_reason"]').fill('陈述申辩后已完成整改，从轻处罚');
    });
    await state(page, '已决定');
    await page.getByText(/罚〔\d{4}〕\d+号/).first().waitFor();
    await page.getByRole('link', { name: '行政处罚决定书' }).waitFor();
    // the whole history, in order
    const events = await page.locator('.timeline .event-head strong').allTextContents();
    assert.deepEqual(events, ['提出立案申请', '批准立案', '提交调查报告', '裁量计算',
      '告知（事先告知书）', '提交法制审核', '法制审核通过', '作出决定']);
    await page.getByText('拟罚款金额（元，不罚款填 0）：300,000.00 元').waitFor();
    await shot(page, 'case-decided.png');
    // the decision prints as an official A4 document
    await Promise.all([page.waitForURL(/\/documents\//),
      page.getByRole('link', { name: '行政处罚决定书' }).click()]);
    await page.getByRole('heading', { name: '行政处罚决定书' }).waitFor();
    await page.getByText('罚款人民币 250,000.00 元').waitFor();
    await page.getByText(/调整理由：陈述申辩后已完成整改/).waitFor();
    await shot(page, 'decision-printed.png');
    await page.emulateMedia({ media: 'print' });
    await page.pdf({ path: join(OUT, 'decision-printed.pdf'), format: 'A4' });
  });

  await t.test('the officer\'s start page: overdue work first, then the cases', async () => {
    const page = await as('officer1');
    await page.goto(BASE + '/');
    const overdue = page.getByRole('alert', { name: '逾期期限' });
    await overdue.getByText(/项期限已逾期/).waitFor();
    await overdue.getByText(party.late).waitFor();
    await overdue.getByText(/逾期 \d+ 天/).first().waitFor();
    const mine = page.locator('section').filter({ has: page.getByRole('heading', { name: /我的案件/ }) });
    await mine.locator('li').filter({ hasText: party.name })
      .getByRole('link', { name: /立〔\d{4}〕\d+号/ }).waitFor();
    await shot(page, 'home-officer.png');
  });

  await t.test('the case page at tablet width', async () => {
    const tablet = await newContext(browser, {
      viewport: { width: 768, height: 1024 }, deviceScaleFactor: 2, isMobile: true,
      hasTouch: true, storageState: await pages.head1.context().storageState(),
    });
    try {
      const p = await tablet.newPage();
      await p.goto(caseUrl);
      await state(p, '已决定');
      await shot(p, 'case-decided-tablet.png');
      const overflow = await p.evaluate(() =>
        document.documentElement.scrollWidth - document.documentElement.clientWidth);
      assert.ok(overflow <= 0, `tablet: the case page is ${overflow}px wider than the screen`);
    } finally {
      await tablet.close();
    }
  });

  for (const n of new Set(notes)) t.diagnostic(n);
  assert.deepEqual(problems, [], 'no console errors, page errors or failed requests');
});
