// The statistics exports (CSV and XLSX) against the JSON and the page: a
// small dataset of the demo bureau made through the API (clues of two
// sources, cases filed, one decided with a fine, one not filed, one
// revoked), then the same query as JSON, CSV, XLSX and the /stats page,
// which must say the same numbers row by row. Also the refusals (a bad
// query 422, an officer 403) and the printable monthly report.
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { entityBody } from './lib.mjs';
import { readXlsx } from './xlsx.mjs';
import { day, officer, leader, head, analyst, newEntity, propose, act,
  filedWithEvidence, why } from './caselib.mjs';

// A range that holds the dataset whatever today is: last January to today.
const today = day(0);
const FROM = `${Number(today.slice(0, 4)) - 1}-01-01`;
const TO = today;
const FINE = 4565000; // 4.565 万元: rounds half up to 4.57
const TOWNSHIP = `=HYPERLINK("x"),东城${Date.now()}`;
const query = (by) => `from=${FROM}&to=${TO}&group_by=${by}`;

async function clue(source) {
  const r = await officer.post('/api/v1/clues', { json: { source,
    entity_id: await newEntity(), received_on: day(-3),
    summary: `统计测试线索 ${source} ${Date.now()}` } });
  assert.equal(r.status, 201, r.text);
  return r.json.id;
}

async function json(by) {
  const r = await analyst.get(`/api/v1/stats/penalties?${query(by)}`);
  assert.equal(r.status, 200, r.text);
  return r.json;
}

// A figure's value in a JSON totals object ("clues.patrol" lives in
// clues_by_source).
const FAMILIES = { clues: 'clues_by_source', no_penalty: 'no_penalty_by_reason',
  credit: 'credit_grades' };
function valueOf(totals, code) {
  const [family, member] = code.split('.');
  return member === undefined ? totals[code] : totals[FAMILIES[family]][member];
}

// Fen as 万元 with two decimals, rounded half up in integers as the server
// does (never through a float).
function wan(fen, separators = false) {
  const h = Math.floor((fen + 5000) / 10000);
  let whole = String(Math.floor(h / 100));
  if (separators) whole = whole.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return `${whole}.${String(h % 100).padStart(2, '0')}`;
}
const isMoney = (code) => code.endsWith('_fen');
const isRate = (code) => code.endsWith('_permille');
const percent = (pm) => `${Math.floor(pm / 10)}.${pm % 10}%`;
const text = (code, v, separators) => (isMoney(code) ? wan(v, separators) :
  isRate(code) ? percent(v) : String(v));
function changeText(pm) {
  if (pm === null || pm === undefined) return '—';
  const a = Math.abs(pm);
  return `${pm < 0 ? '-' : '+'}${Math.floor(a / 10)}.${a % 10}%`;
}

// The page's table of every figure: its order, codes and labels, and what
// it shows.
async function pageFigures(by) {
  const r = await analyst.get(`/stats?${query(by)}`);
  assert.equal(r.status, 200, r.text.slice(0, 300));
  const rows = [...r.text.matchAll(/<tr data-figure="([^"]+)"><td>([^<]+)<\/td><td class="num">([^<]+)<\/td><td class="num">([^<]+)<\/td><td class="num"><span class="change change-[a-z]+">([^<]+)<\/span><\/td><\/tr>/g)]
    .map((m) => ({ code: m[1], label: m[2], value: m[3], prev: m[4], change: m[5] }));
  assert.ok(rows.length >= 40, `the page lists ${rows.length} figures`);
  return { html: r.text, rows };
}

// The rows an export must have for a JSON answer: the whole range, every
// figure in the page's order, then each group without the figures of the
// whole range only. A figure without a year before (today's grades) has no
// change_permille in the totals; a figure without groups has none in a
// group.
function expectedRows(j, figures) {
  const rows = [];
  const add = (group, cur, prev, change, inGroup) => {
    for (const f of figures) {
      const compared = f.code in change;
      if (inGroup && !compared) continue;
      rows.push({ group, label: f.label, code: f.code,
        cur: valueOf(cur, f.code),
        prev: compared ? valueOf(prev, f.code) : null,
        change: compared ? changeText(change[f.code]) : '—' });
    }
  };
  add('合计', j.totals, j.previous.totals, j.change_permille, false);
  for (const g of j.groups)
    add(g.label, g.totals, g.previous.totals, g.change_permille, true);
  return rows;
}

// RFC 4180, as the export writes it.
function parseCsv(s) {
  const rows = [];
  let row = [], field = '', i = 0, quoted = false;
  while (i < s.length) {
    const c = s[i];
    if (quoted) {
      if (c === '"' && s[i + 1] === '"') { field += '"'; i += 2; continue; }
      if (c === '"') { quoted = false; i++; continue; }
      field += c; i++; continue;
    }
    if (c === '"') { quoted = true; i++; continue; }
    if (c === ',') { row.push(field); field = ''; i++; continue; }
    if (c === '\r' && s[i + 1] === '\n') {
      row.push(field); rows.push(row); row = []; field = ''; i += 2; continue;
    }
    assert.notEqual(c, '\n', 'a bare LF: lines end with CRLF');
    field += c; i++;
  }
  assert.equal(field, '', 'the last line ends with CRLF');
  assert.equal(row.length, 0);
  return rows;
}

async function download(c, path) {
  const res = await fetch(process.env.GS_URL + path, {
    headers: { cookie: c.cookieHeader(), 'x-forwarded-for': c.addr } });
  return { status: res.status, headers: res.headers,
    body: Buffer.from(await res.arrayBuffer()) };
}

let before_, ids;

before(async () => {
  before_ = await json('none');
  ids = {};
  const reported = await clue('public_report');
  const patrolled = await clue('patrol');
  // Filed from a report, decided with a fine.
  ids.fined = await filedWithEvidence({ clue_id: reported });
  await act(leader, ids.fined, 'notify', { proposed_fine_fen: FINE, ...why, served_on: day(0) });
  await act(head, ids.fined, 'decide', { outcome: 'penalty', fine_fen: FINE, ...why,
    decided_on: day(0), waived: true });
  // Filed from a patrol, still under way.
  ids.open = await filedWithEvidence({ clue_id: patrolled });
  // Not filed.
  ids.refused = await propose();
  await act(leader, ids.refused, 'reject_filing', { reason: '不属于本局管辖' });
  // Filed, then revoked; its party's township is a name a spreadsheet
  // would take for a formula, with a comma and quotes in it.
  const e = await officer.post('/api/v1/entities', { json: entityBody({ township: TOWNSHIP }) });
  assert.equal(e.status, 201, e.text);
  ids.revoked = await filedWithEvidence({ entity_id: e.json.id });
  await act(head, ids.revoked, 'revoke', { reason: '违法主体认定错误' });
});

test('the dataset is counted: filed, not filed, revoked, decided, fined, clues', async () => {
  const after = await json('none');
  const delta = (code) => valueOf(after.totals, code) - valueOf(before_.totals, code);
  assert.equal(delta('cases_filed'), 3);
  assert.equal(delta('cases_not_filed'), 1);
  assert.equal(delta('cases_revoked'), 1);
  assert.equal(delta('penalty_decisions'), 1);
  assert.equal(delta('fines_fen'), FINE);
  assert.equal(delta('clues.public_report'), 1);
  assert.equal(delta('clues.patrol'), 1);
});

for (const by of ['source', 'month']) {
  test(`CSV and XLSX say what the JSON and the page say (group_by=${by})`, async () => {
    const j = await json(by);
    assert.equal(j.group_by, by);
    assert.ok(j.groups.length > 0);
    if (by === 'source') {
      const report = j.groups.find((g) => g.key === 'public_report');
      assert.equal(report.label, '信访举报');
      assert.ok(report.totals.fines_fen >= FINE);
      assert.ok(j.groups.some((g) => g.key === 'patrol'));
    } else {
      assert.equal(j.groups[j.groups.length - 1].key, TO.slice(0, 7));
    }
    const page = await pageFigures(by);
    // The screen: every figure of the whole range as the JSON has it.
    for (const f of page.rows) {
      const whole = !(f.code in j.change_permille);
      assert.equal(f.value, text(f.code, valueOf(j.totals, f.code), true), f.code);
      assert.equal(f.prev, whole ? '—' : text(f.code, valueOf(j.previous.totals, f.code), true), f.code);
      assert.equal(f.change, whole ? '—' : changeText(j.change_permille[f.code]), f.code);
    }
    const want = expectedRows(j, page.rows);

    const csv = await download(analyst, `/api/v1/stats/penalties.csv?${query(by)}`);
    assert.equal(csv.status, 200, csv.body.toString());
    assert.match(csv.headers.get('content-type'), /^text\/csv; charset=utf-8/);
    assert.equal(csv.headers.get('content-disposition'),
      `attachment; filename="download"; filename*=UTF-8''${encodeURIComponent(`处罚统计_${FROM}_${TO}.csv`)}`);
    assert.deepEqual([...csv.body.subarray(0, 3)], [0xef, 0xbb, 0xbf], 'a UTF-8 BOM');
    const lines = parseCsv(csv.body.subarray(3).toString('utf8'));
    assert.deepEqual(lines[0], ['分组', '指标', '本期', '上年同期', '同比']);
    assert.equal(lines.length - 1, want.length);
    want.forEach((w, i) => {
      const what = `CSV row ${i + 1} (${w.group} ${w.code})`;
      assert.deepEqual(lines[i + 1], [w.group, w.label, text(w.code, w.cur),
        w.prev === null ? '' : text(w.code, w.prev), w.change], what);
    });

    const xlsx = await download(analyst, `/api/v1/stats/penalties.xlsx?${query(by)}`);
    assert.equal(xlsx.status, 200, xlsx.body.toString().slice(0, 300));
    assert.equal(xlsx.headers.get('content-type'),
      'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    assert.match(xlsx.headers.get('content-disposition'),
      new RegExp(`filename\\*=UTF-8''${encodeURIComponent(`处罚统计_${FROM}_${TO}.xlsx`)}$`));
    const book = readXlsx(xlsx.body);
    assert.equal(book.name, '处罚统计');
    assert.deepEqual(book.rows[0].map((c) => c.value), ['分组', '指标', '本期', '上年同期', '同比']);
    assert.ok(book.rows[0].every((c) => c.bold), 'the header row is bold');
    assert.equal(book.rows.length - 1, want.length);
    want.forEach((w, i) => {
      const what = `XLSX row ${i + 2} (${w.group} ${w.code})`;
      const [g, label, cur, prev, change] = book.rows[i + 1];
      assert.equal(g.value, w.group, what);
      assert.equal(label.value, w.label, what);
      assert.equal(typeof cur.value, 'number', what);
      // what the cell holds: 万元, a fraction shown as a percentage, a count
      const cell = (v) => (isMoney(w.code) ? Number(wan(v)) : isRate(w.code) ? v / 1000 : v);
      assert.ok(Math.abs(cur.value - cell(w.cur)) < 1e-9, `${what}: ${cur.value}`);
      if (isMoney(w.code)) assert.equal(cur.format, '0.00', what);
      if (isRate(w.code)) assert.equal(cur.format, '0.0%', what);
      if (w.prev === null) {
        assert.equal(prev, undefined, what);
      } else {
        assert.ok(Math.abs(prev.value - cell(w.prev)) < 1e-9, `${what}: ${prev.value}`);
      }
      assert.equal(change.value, w.change, what);
    });
  });
}

test('a label with a comma, quotes or a leading "=" stays one text field', async () => {
  const j = await json('township');
  const g = j.groups.find((x) => x.key === TOWNSHIP);
  assert.ok(g, 'the township is a group');
  assert.equal(g.label, TOWNSHIP);
  const csv = await download(analyst, `/api/v1/stats/penalties.csv?${query('township')}`);
  const raw = csv.body.toString('utf8');
  assert.ok(raw.includes(`\r\n"'=HYPERLINK(""x""),东城`), 'quoted, quotes doubled, apostrophe first');
  const rows = parseCsv(csv.body.subarray(3).toString('utf8')).filter((r) => r[0] === `'${TOWNSHIP}`);
  assert.ok(rows.length > 0);
  assert.ok(rows.every((r) => r.length === 5));
  assert.deepEqual(rows.find((r) => r[1] === '立案数').slice(2, 3), [String(g.totals.cases_filed)]);
  const book = readXlsx((await download(analyst, `/api/v1/stats/penalties.xlsx?${query('township')}`)).body);
  const cells = book.rows.filter((r) => r[0].value === TOWNSHIP);
  assert.equal(cells.length, rows.length, 'the workbook has the name as it is, as text');
});

test('a bad query answers 422 on both exports, naming the field', async () => {
  for (const ext of ['csv', 'xlsx']) {
    let r = await analyst.get(`/api/v1/stats/penalties.${ext}?from=2026-13-01`);
    assert.equal(r.status, 422, r.text);
    assert.ok(r.json.error.fields.from, r.text);
    r = await analyst.get(`/api/v1/stats/penalties.${ext}?group_by=colour`);
    assert.equal(r.status, 422, r.text);
    assert.ok(r.json.error.fields.group_by, r.text);
    r = await analyst.get(`/api/v1/stats/penalties.${ext}?from=2026-05-01&to=2026-04-30`);
    assert.equal(r.status, 422, r.text);
    assert.ok(r.json.error.fields.to, r.text);
  }
  const page = await analyst.get('/stats?group_by=colour');
  assert.equal(page.status, 422);
  assert.match(page.text, /<div class="alert" role="alert">分组只能是/);
  assert.match(page.text, /<input type="date" name="from"/);
});

test('analysts take the exports, officers may not', async () => {
  for (const ext of ['csv', 'xlsx']) {
    const ok = await download(analyst, `/api/v1/stats/penalties.${ext}`);
    assert.equal(ok.status, 200);
    assert.ok(ok.body.length > 0);
    const no = await officer.get(`/api/v1/stats/penalties.${ext}`);
    assert.equal(no.status, 403, no.text);
    assert.equal(no.json.error.code, 'forbidden');
  }
  assert.equal((await officer.get('/stats')).status, 403);
  assert.equal((await officer.get('/stats/monthly')).status, 403);
});

test('the page links the exports, the monthly report and the charts with its query', async () => {
  const { html } = await pageFigures('source');
  const q = `from=${FROM}&amp;to=${TO}&amp;group_by=source`;
  assert.ok(html.includes(`href="/api/v1/stats/penalties.csv?${q}"`));
  assert.ok(html.includes(`href="/api/v1/stats/penalties.xlsx?${q}"`));
  assert.ok(html.includes(`href="/stats/monthly?month=${TO.slice(0, 7)}"`));
  assert.ok(html.includes(`data-src="/api/v1/stats/penalties?from=${FROM}&amp;to=${TO}&amp;group_by=month"`));
  assert.ok(html.includes(`data-src="/api/v1/stats/penalties?${q}"`));
  assert.match(html, /<script src="\/assets\/vendor\/echarts\.min\.js\?v=[0-9a-f]+" defer><\/script>/);
  assert.doesNotMatch(html, /<script>/, 'no inline script');
  // The vendored ECharts is served.
  const src = /<script src="(\/assets\/vendor\/echarts\.min\.js\?v=[0-9a-f]+)"/.exec(html)[1];
  const js = await analyst.get(src);
  assert.equal(js.status, 200);
  assert.match(js.text, /echarts/);
});

test('the monthly report: the month and the year to date, each against last year', async () => {
  const month = TO.slice(0, 7);
  const [y, m] = month.split('-').map(Number);
  const r = await analyst.get(`/stats/monthly?month=${month}`);
  assert.equal(r.status, 200, r.text.slice(0, 300));
  assert.match(r.text, /<body class="print">/);
  assert.ok(r.text.includes(`<p class="docno">${y}年${m}月</p>`));
  assert.ok(r.text.includes(`${y}年1月1日至`), 'the year to date from 1 January');
  // This month's figures as the JSON counts them for the month.
  const last = new Date(Date.UTC(y, m, 0)).toISOString().slice(0, 10);
  const mj = (await analyst.get(`/api/v1/stats/penalties?from=${month}-01&to=${last}`)).json;
  const yj = (await analyst.get(`/api/v1/stats/penalties?from=${y}-01-01&to=${last}`)).json;
  const row = new RegExp('<tr><th scope="row">罚款总额（万元）</th>((?:<td>[^<]*</td>){6})</tr>').exec(r.text);
  assert.ok(row, 'the fines row');
  const cells = [...row[1].matchAll(/<td>([^<]*)<\/td>/g)].map((c) => c[1]);
  assert.deepEqual(cells, [wan(mj.totals.fines_fen, true), wan(mj.previous.totals.fines_fen, true),
    changeText(mj.change_permille.fines_fen), wan(yj.totals.fines_fen, true),
    wan(yj.previous.totals.fines_fen, true), changeText(yj.change_permille.fines_fen)]);
  assert.ok(mj.totals.fines_fen >= FINE);
  // Last month by default; a malformed month is refused.
  assert.equal((await analyst.get('/stats/monthly')).status, 200);
  assert.equal((await analyst.get('/stats/monthly?month=2026-13')).status, 422);
  assert.equal((await analyst.get('/stats/monthly?month=202603')).status, 422);
});
