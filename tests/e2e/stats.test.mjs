// stats.test.mjs — the statistics page in the browser: an analyst opens a
// year grouped by month, both charts (the vendored ECharts, fed by the JSON
// API) draw, and the CSV and Excel exports download as files. No page may
// log a console error (a Content-Security-Policy violation shows up as one)
// or lose a request.
//
// Run through scripts/e2e.sh (see lib.mjs).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { BASE, DEMO_PW, problems, notes, launch, newContext, shot,
  signIn } from './lib.mjs';

let browser, context;

before(async () => {
  browser = await launch();
  context = await newContext(browser, { viewport: { width: 1280, height: 900 },
    acceptDownloads: true });
});

after(async () => {
  await browser?.close();
});

// The chart container has an ECharts instance and something drawn in it.
async function drawn(page, id) {
  await page.waitForFunction((sel) => {
    const el = document.querySelector(sel);
    return el && el.hasAttribute('_echarts_instance_') &&
      el.querySelector('canvas, svg') !== null;
  }, `#${id}`, { timeout: 15_000 });
}

async function download(page, name, ext) {
  const [dl] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('link', { name }).click(),
  ]);
  assert.match(dl.suggestedFilename(), new RegExp(`^处罚统计_2026-01-01_2026-12-31\\.${ext}$`));
  const path = await dl.path();
  const bytes = await readFile(path);
  assert.ok(bytes.length > 0, `${name}: an empty file`);
  return bytes;
}

test('an analyst sees a year of statistics in charts and takes the exports', async (t) => {
  const page = await context.newPage();

  await t.test('the analyst opens a year grouped by month', async () => {
    await signIn(page, 'analyst1', DEMO_PW);
    await page.goto(`${BASE}/stats?from=2026-01-01&to=2026-12-31&group_by=month`);
    await page.getByRole('heading', { name: /处罚统计/ }).waitFor();
    assert.equal(await page.getByLabel('起始日期').inputValue(), '2026-01-01');
    assert.equal(await page.getByLabel('截止日期').inputValue(), '2026-12-31');
    assert.equal(await page.getByRole('combobox', { name: '分组' }).inputValue(), 'month');
    // The numbers are on the page before any script runs.
    await page.locator('.stat-card').first().waitFor();
    assert.equal(await page.locator('table.stats-groups tbody tr').count(), 12);
  });

  await t.test('both charts draw', async () => {
    await drawn(page, 'chart-trend');
    await drawn(page, 'chart-breakdown');
    // Let the first animation settle before the picture.
    await page.waitForTimeout(1200);
    await shot(page, 'stats-year-by-month.png');
  });

  await t.test('the CSV export downloads', async () => {
    const csv = await download(page, '导出 CSV', 'csv');
    assert.deepEqual([...csv.subarray(0, 3)], [0xef, 0xbb, 0xbf]);
    assert.match(csv.subarray(3).toString('utf8'), /^分组,指标,本期,上年同期,同比\r\n合计,立案数,/);
  });

  await t.test('the Excel export downloads', async () => {
    const xlsx = await download(page, '导出 Excel', 'xlsx');
    assert.equal(xlsx.readUInt32LE(0), 0x04034b50, 'a ZIP (XLSX) file');
  });

  await t.test('the monthly report opens for printing', async () => {
    const [report] = await Promise.all([
      context.waitForEvent('page'),
      page.getByRole('link', { name: /打印月报/ }).click(),
    ]);
    await report.waitForLoadState('load');
    await report.getByRole('heading', { name: '行政处罚统计月报' }).waitFor();
    assert.match(new URL(report.url()).search, /^\?month=2026-12$/);
    await shot(report, 'stats-monthly-report.png');
    await report.close();
  });

  for (const n of new Set(notes)) t.diagnostic(n);
  assert.deepEqual(problems, [], 'no console errors, page errors or failed requests');
});
