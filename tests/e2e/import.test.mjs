// import.test.mjs — the legacy import's upload screen in the browser: the
// head picks an NDJSON file of a few thousand cases, the script posts it to
// the API and shows the import's progress from the server while it works,
// then the outcome; the same file again imports nothing and lists the case
// numbers it skipped; a file with a bad line imports nothing and names the
// line and the field. No page may log a console error (a CSP violation is
// one) or lose a request.
//
// Run through scripts/e2e.sh (see lib.mjs).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { randomInt } from 'node:crypto';
import { BASE, DEMO_PW, problems, expectedErrors, notes, launch, newContext,
  shot, signIn, freshUscc } from './lib.mjs';

// Enough lines that the server is still at work after the upload: the
// progress is read from it at least once (every 500 ms).
const CASES = 6000;
const run = randomInt(100000, 999999);

let browser, context;

before(async () => {
  browser = await launch();
  context = await newContext(browser, { viewport: { width: 1280, height: 900 } });
});

after(async () => {
  await browser?.close();
});

function line(i) {
  return JSON.stringify({
    case_no: `永环罚〔2019〕E${run}-${i}号`,
    entity: { uscc: freshUscc(), name: `历史导入测试企业${i}`, township: '东城街道',
      industry: '金属制品', category: 'general' },
    party_kind: 'organisation', violation_type: '超标排放', clue_source: 'patrol',
    discovered_on: '2019-03-02', filed_on: '2019-03-05',
    decision: { outcome: 'penalty', decided_on: '2019-05-10', fine_fen: 5000000,
      served_on: '2019-05-12' },
    paid_fen: 5000000, state: 'closed', closed_on: '2019-06-30' });
}

const file = (lines) => ({ name: 'history.ndjson', mimeType: 'application/x-ndjson',
  buffer: Buffer.from(lines.join('\n') + '\n') });

// Posts the file through the screen; resolves with the answer's status and
// the progress texts the screen showed while the import ran.
async function upload(page, payload) {
  const seen = [];
  let answered = false;
  await page.getByLabel(/NDJSON 文件/).setInputFiles(payload);
  const done = page.waitForResponse((r) => r.request().method() === 'POST' &&
    new URL(r.url()).pathname === '/api/v1/cases/import', { timeout: 120_000 })
    .then((r) => { answered = true; return r; });
  await page.getByRole('button', { name: '导入' }).click();
  while (!answered) {
    const text = await page.locator('#import-progress p').textContent();
    if (text && seen[seen.length - 1] !== text) seen.push(text);
    await page.waitForTimeout(25);
  }
  return { status: (await done).status(), seen };
}

test('the head imports a history file with progress, then the same file adds nothing',
  async (t) => {
    const page = await context.newPage();
    const lines = Array.from({ length: CASES }, (_, i) => line(i));

    await t.test('the screen is the head\'s', async () => {
      await signIn(page, 'head1', DEMO_PW);
      await page.getByRole('navigation', { name: '主导航' })
        .getByRole('link', { name: '历史导入' }).click();
      await page.getByRole('heading', { name: '导入历史案件' }).waitFor();
      // /cases/import lies under /cases: only the nearer item is current
      const nav = page.getByRole('navigation', { name: '主导航' });
      assert.equal(await nav.getByRole('link', { name: '历史导入' })
        .getAttribute('aria-current'), 'page');
      assert.equal(await nav.getByRole('link', { name: '案件' })
        .getAttribute('aria-current'), null);
    });

    await t.test('the import shows its progress from the server, then the outcome',
      async () => {
        const { status, seen } = await upload(page, file(lines));
        assert.equal(status, 200);
        const ok = page.locator('#import-result').getByRole('status');
        await ok.waitFor();
        assert.equal(await ok.textContent(),
          `已导入 ${CASES} 件案件（共读取 ${CASES} 行）。`);
        // read from the server mid-way: "正在读取并检查：已读取 N / 6000 行"
        // or a later phase, not only the upload's own bar
        assert.ok(seen.some((s) => /^(正在读取并检查|正在核对系统中已有的案件|正在写入)：已读取 \d+ \/ 6000 行/.test(s)),
          `progress seen: ${JSON.stringify(seen)}`);
        assert.ok(await page.locator('#import-progress').isHidden());
        assert.ok(await page.getByRole('button', { name: '导入' }).isEnabled());
        await shot(page, 'import-done.png');
      });

    await t.test('the same file again imports nothing and lists what it skipped',
      async () => {
        const { status } = await upload(page, file(lines));
        assert.equal(status, 200);
        const ok = page.locator('#import-result').getByRole('status');
        await ok.filter({ hasText: `已导入 0 件案件（共读取 ${CASES} 行）。` }).waitFor();
        const skipped = page.locator('#import-result').getByRole('heading',
          { name: `已存在的案号（未重复导入）：${CASES} 个` });
        await skipped.waitFor();
      });

    await t.test('a file with one bad line imports nothing and names it', async () => {
      const bad = [line(CASES + 1), JSON.stringify({ ...JSON.parse(line(CASES + 2)),
        filed_on: '2019-02-30' })];
      expectedErrors.push({ status: 422, path: '/api/v1/cases/import' });
      const { status } = await upload(page, file(bad));
      assert.equal(status, 422);
      await page.locator('#import-result').getByRole('alert').waitFor();
      const row = page.locator('#import-result table tbody tr').first();
      assert.equal(await row.locator('td').nth(0).textContent(), '第 2 行');
      assert.equal(await row.locator('td').nth(1).textContent(), 'filed_on');
      await shot(page, 'import-refused.png');
    });

    await page.close();
  });

after(() => {
  for (const n of new Set(notes)) console.log(`note: ${n}`);
  assert.deepEqual(problems, [], problems.join('\n'));
  assert.deepEqual(expectedErrors, [], 'every expected error response happened');
});
