// journey.test.mjs — the first browser journey, in headless Debian chromium
// through playwright-core: an administrator creates an officer; the officer
// signs in, registers a pollution source (after a USCC with a wrong check
// character is refused next to the field) and finds it again by a Chinese
// substring. No page may log a console error (a Content-Security-Policy
// violation shows up as one) or lose a request.
//
// Run through scripts/e2e.sh (see lib.mjs).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { randomInt } from 'node:crypto';
import { BASE, ADMIN_PW, problems, expectedErrors, notes, launch, newContext,
  shot, signIn, signOut, mainNav, ALPHABET, freshUscc } from './lib.mjs';

// The same code with any other check character.
function badCheck(uscc) {
  const good = uscc[17];
  const wrong = ALPHABET[(ALPHABET.indexOf(good) + 1 + randomInt(29)) % 31];
  return uscc.slice(0, 17) + wrong;
}

const run = Date.now().toString(36) + randomInt(36 ** 3).toString(36);
const officer = {
  username: `e2e.off.${run}`,
  displayName: '青山测试员',
  password: `Lvjian-${run}-Pw`,
  certNo: `ZJ${run}`.slice(0, 32),
  certUntil: '2027-12-31',
};
const entity = {
  uscc: freshUscc(),
  name: '永安市青山湖精细化工有限公司',
  address: '永安市青山湖工业区8号',
  township: '青山湖街道',
  industry: '化学原料和化学制品制造',
  category: '重点排污单位',
  search: '青山湖',
};

let browser, context;

before(async () => {
  browser = await launch();
  context = await newContext(browser, { viewport: { width: 1024, height: 768 } });
});

after(async () => {
  await browser?.close();
});

test('admin creates an officer, who registers and finds an entity', async (t) => {
  const page = await context.newPage();

  await t.test('admin signs in', async () => {
    await page.goto(BASE + '/login');
    await page.getByRole('heading', { name: '绿剑执法办案系统' }).waitFor();
    await shot(page, 'login.png');
    await signIn(page, 'admin', ADMIN_PW);
  });

  await t.test('admin creates the officer', async () => {
    await mainNav(page).getByRole('link', { name: '用户', exact: true }).click();
    await page.waitForURL((u) => u.pathname === '/admin/users');
    await page.getByRole('link', { name: '新建用户' }).click();
    await page.waitForURL((u) => u.pathname === '/admin/users/new');
    await page.getByRole('heading', { name: '新建用户' }).waitFor();

    await page.getByLabel('用户名').fill(officer.username);
    await page.getByLabel('姓名').fill(officer.displayName);
    await page.getByLabel('初始密码').fill(officer.password);
    await page.getByRole('checkbox', { name: '执法人员' }).check();
    await page.getByRole('combobox', { name: '中队' }).selectOption({ label: '二中队' });
    await page.getByLabel('执法证号').fill(officer.certNo);
    await page.getByLabel('执法证有效期至').fill(officer.certUntil);
    // The password is hashed with argon2id before the redirect.
    await Promise.all([
      page.waitForURL((u) => /^\/admin\/users\/[0-9a-f-]{36}$/.test(u.pathname),
        { timeout: 20_000 }),
      page.getByRole('button', { name: '保存' }).click(),
    ]);

    await page.getByRole('status').filter({ hasText: '已创建' }).waitFor();
    await page.getByRole('heading', { name: '修改用户' }).waitFor();
    assert.equal(await page.getByLabel('用户名').inputValue(), officer.username);
    assert.equal(await page.getByLabel('姓名').inputValue(), officer.displayName);
    assert.ok(await page.getByRole('checkbox', { name: '执法人员' }).isChecked());
    assert.equal(await page.getByRole('combobox', { name: '中队' })
      .locator('option:checked').textContent(), '二中队');
    assert.equal(await page.getByLabel('执法证号').inputValue(), officer.certNo);
    assert.equal(await page.getByLabel('执法证有效期至').inputValue(), officer.certUntil);
    await shot(page, 'user-created.png');
  });

  await t.test('admin signs out; the officer signs in', async () => {
    await signOut(page);
    await signIn(page, officer.username, officer.password);
    await page.getByRole('link', { name: officer.displayName }).waitFor();
    // An officer has no user administration.
    assert.equal(await mainNav(page).getByRole('link', { name: '用户', exact: true }).count(), 0);
  });

  await t.test('a wrong USCC check character is refused next to the field', async () => {
    await mainNav(page).getByRole('link', { name: '污染源库' }).click();
    await page.waitForURL((u) => u.pathname === '/entities');
    await page.getByRole('link', { name: '登记检查对象' }).click();
    await page.waitForURL((u) => u.pathname === '/entities/new');
    await page.getByRole('heading', { name: '登记检查对象' }).waitFor();

    await page.getByLabel('统一社会信用代码').fill(badCheck(entity.uscc));
    await page.getByLabel('名称').fill(entity.name);
    await page.getByLabel('地址').fill(entity.address);
    await page.getByLabel('镇街').fill(entity.township);
    await page.getByLabel('行业').fill(entity.industry);
    await page.getByRole('combobox', { name: '监管类别' }).selectOption({ label: entity.category });
    expectedErrors.push({ status: 422, path: '/entities' });
    const [res] = await Promise.all([
      page.waitForResponse((r) => r.request().method() === 'POST' &&
        new URL(r.url()).pathname === '/entities'),
      page.getByRole('button', { name: '保存' }).click(),
    ]);
    assert.equal(res.status(), 422);
    await page.waitForLoadState('load');

    const field = page.locator('label').filter({ has: page.locator('input[name="uscc"]') });
    await field.getByText('统一社会信用代码校验位不正确', { exact: true }).waitFor();
    // The other fields keep what was typed.
    assert.equal(await page.getByLabel('名称').inputValue(), entity.name);
    assert.equal(await page.getByLabel('镇街').inputValue(), entity.township);
    await shot(page, 'entity-form-error.png');
  });

  await t.test('the officer registers the entity', async () => {
    await page.getByLabel('统一社会信用代码').fill(entity.uscc);
    await Promise.all([
      page.waitForURL((u) => /^\/entities\/[0-9a-f-]{36}$/.test(u.pathname)),
      page.getByRole('button', { name: '保存' }).click(),
    ]);
    await page.getByRole('heading', { level: 1, name: entity.name }).waitFor();
    await page.getByRole('status').filter({ hasText: '已创建' }).waitFor();
    await page.getByRole('definition').filter({ hasText: entity.uscc }).waitFor();
    await shot(page, 'entity.png');
  });

  await t.test('the officer finds it by a Chinese substring', async () => {
    await page.getByRole('link', { name: '返回列表' }).click();
    await page.waitForURL((u) => u.pathname === '/entities');
    await page.getByRole('searchbox', { name: '搜索' }).fill(entity.search);
    await Promise.all([
      page.waitForURL((u) => u.pathname === '/entities' && u.searchParams.has('q')),
      page.getByRole('button', { name: '查询' }).click(),
    ]);
    assert.equal(new URL(page.url()).searchParams.get('q'), entity.search);
    assert.equal(await page.getByRole('searchbox', { name: '搜索' }).inputValue(), entity.search);

    const row = page.getByRole('row').filter({ hasText: entity.uscc });
    await row.getByRole('link', { name: entity.name }).waitFor();
    // Every row found carries the substring in its name.
    const names = await page.locator('table.entities tbody tr td:first-child a').allTextContents();
    assert.ok(names.length >= 1);
    for (const n of names) assert.ok(n.includes(entity.search), `${n} does not match`);
    await shot(page, 'search.png');
  });

  await t.test('the entity list at phone width', async () => {
    const phone = await newContext(browser, {
      viewport: { width: 390, height: 844 },
      deviceScaleFactor: 2,
      isMobile: true,
      hasTouch: true,
      storageState: await context.storageState(),
    });
    try {
      const p = await phone.newPage();
      await p.goto(`${BASE}/entities?q=${encodeURIComponent(entity.search)}`);
      await p.getByRole('row').filter({ hasText: entity.uscc }).waitFor();
      await shot(p, 'search-phone.png');
      // Whatever is wide must scroll inside its own box, not the page.
      const overflow = await p.evaluate(() =>
        document.documentElement.scrollWidth - document.documentElement.clientWidth);
      if (overflow > 0) t.diagnostic(`phone: page is ${overflow}px wider than the viewport`);
    } finally {
      await phone.close();
    }
  });

  await page.close();
  for (const n of new Set(notes)) t.diagnostic(n);
  assert.deepEqual(problems, [], 'no console errors, page errors or failed requests');
});
