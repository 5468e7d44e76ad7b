// The legacy case import (POST /api/v1/cases/import, NDJSON): a file is
// imported whole or not at all, every bad line named; a case number
// already present is skipped and never duplicated; the imported cases are
// closed or archived, frozen like any other, in the audit chain, and
// counted by the statistics.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { randomInt } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';
import { signedIn, freshUscc, psql } from './lib.mjs';
import { propose, act, show, leader, day } from './caselib.mjs';

const head = await signedIn('head1');
const officer = await signedIn('officer1');
const analyst = await signedIn('analyst1');
const run = randomInt(100000, 999999);
let serial = 0;

// A line like shared/api.md's example, with a case number of its own.
function line(overrides = {}) {
  return {
    case_no: `永环罚〔2021〕${run}${serial++}号`,
    entity: { uscc: freshUscc(), name: '某五金制品有限公司', township: '东城街道',
      industry: '金属制品', category: 'general' },
    party_kind: 'organisation', violation_type: '超标排放',
    clue_source: 'public_report', discovered_on: '2021-03-02', filed_on: '2021-03-05',
    decision: { outcome: 'penalty', decided_on: '2021-05-10', fine_fen: 12000000,
      served_on: '2021-05-12' },
    hearing_held: false, legal_review: true, collective_discussion: false,
    measures: [{ kind: 'seizure', decided_on: '2021-03-06' },
      { kind: 'daily_penalty', decided_on: '2021-06-20', amount_fen: 3000000 }],
    transfers: [{ kind: 'criminal', transferred_on: '2021-03-20', persons_coercive: 2 },
      { kind: 'detention', transferred_on: '2021-05-15', persons_detained: 1 }],
    state: 'closed', closed_on: '2021-06-30', ...overrides };
}

const ndjson = (lines) => lines.map((l) => typeof l === 'string' ? l : JSON.stringify(l)).join('\n') + '\n';

function post(c, body, type = 'application/x-ndjson') {
  return c.post('/api/v1/cases/import', { body, headers: { 'content-type': type } });
}

const count = (sql) => Number(psql(sql));
const casesOf = (no) => count(`SELECT count(*) FROM case_file WHERE case_no = '${no}'`);

test('a file imports whole, then a second time adds nothing', async () => {
  const a = line();
  const b = line({ state: 'archived', violation_type: '在饮用水水源保护区内设置排污口',
    decision: { outcome: 'no_penalty', no_penalty_reason: 'first_offence', decided_on: '2021-05-10' },
    measures: [], transfers: [], entity: { ...line().entity, name: '某纸业有限公司' } });
  const c = line({ state: 'revoked', filed_on: '2021-03-05', decision: null, closed_on: '2021-04-01',
    legal_review: false,
    measures: [], transfers: [{ kind: 'criminal', transferred_on: '2021-03-20', persons_coercive: 1 }] });
  const body = ndjson([a, '', b, c]);
  const before = (await analyst.get('/api/v1/stats/penalties?from=2021-01-01&to=2021-12-31')).json.totals;
  let r = await post(head, body);
  assert.equal(r.status, 200, r.text);
  assert.equal(r.json.imported, 3);
  assert.equal(r.json.lines, 3);
  assert.deepEqual(r.json.skipped, []);

  // the cases, as the system knows them
  const kase = psql(`SELECT state || '|' || violation_type || '|' || coalesce(fine_fen::text, '') ||
    '|' || imported || '|' || coalesce(legal_reviewed_on::text, '') FROM case_file WHERE case_no = '${a.case_no}'`);
  assert.equal(kase, 'closed|over_standard_discharge|12000000|true|2021-05-10');
  assert.equal(psql(`SELECT state || '|' || violation_type || '|' || violation_text FROM case_file
    WHERE case_no = '${b.case_no}'`), 'archived|other|在饮用水水源保护区内设置排污口');
  assert.equal(psql(`SELECT count(*) FROM case_measure m JOIN case_file c ON c.id = m.case_id
    WHERE c.case_no = '${a.case_no}' AND m.state = 'imported'`), '4');
  // the entity was registered once, from its line
  assert.equal(count(`SELECT count(*) FROM entity WHERE uscc = '${a.entity.uscc}'`), 1);

  // they count in the statistics like any other case
  const after = (await analyst.get('/api/v1/stats/penalties?from=2021-01-01&to=2021-12-31')).json.totals;
  assert.equal(after.cases_filed - before.cases_filed, 3);
  assert.equal(after.penalty_decisions - before.penalty_decisions, 1);
  assert.equal(after.no_penalty_by_reason.first_offence - before.no_penalty_by_reason.first_offence, 1);
  assert.equal(after.cases_revoked - before.cases_revoked, 1);
  assert.equal(after.seizure_cases - before.seizure_cases, 1);
  assert.equal(after.daily_penalty_fines_fen - before.daily_penalty_fines_fen, 3000000);
  assert.equal(after.criminal_transfer_cases - before.criminal_transfer_cases, 2);
  assert.equal(after.persons_coercive - before.persons_coercive, 3);
  assert.equal(after.persons_detained - before.persons_detained, 1);
  assert.equal(after.clues_by_source.public_report - before.clues_by_source.public_report, 3);
  // supporting measures: seizure + daily penalty + 2 criminal + detention
  assert.equal(after.supporting_measure_cases - before.supporting_measure_cases, 5);

  // the same file again: nothing added, every case number reported
  r = await post(head, body);
  assert.equal(r.status, 200, r.text);
  assert.equal(r.json.imported, 0);
  assert.deepEqual(r.json.skipped, [a.case_no, b.case_no, c.case_no]);
  assert.equal(casesOf(a.case_no), 1);

  // the progress of the last import says it is done
  const p = await head.get('/api/v1/cases/import/progress');
  assert.equal(p.status, 200);
  assert.equal(p.json.state, 'done');
  assert.equal(p.json.imported, 0);
  assert.equal(p.json.skipped, 3);

  // an archived imported case is frozen
  assert.throws(() => psql(`UPDATE case_file SET summary_md = 'x' WHERE case_no = '${b.case_no}'`),
    /archived/);
  // and the chain of the bureau is intact, the import in it with its hash
  const v = await head.get('/api/v1/audit/verify');
  assert.equal(v.status, 200, v.text);
  assert.equal(v.json.intact, true, v.text);
  assert.ok(count(`SELECT count(*) FROM audit_log WHERE action = 'cases.import'
    AND after ->> 'imported' = '3'`) >= 1);
});

test('one bad line imports nothing and every error names its line and field', async () => {
  const good = line();
  const bad = line({ entity: { ...line().entity, uscc: '91330784MA2DXXXXXX' } });
  const worse = line({ decision: { outcome: 'penalty', decided_on: '2021-05-10', fine_fen: 1.5 } });
  const r = await post(head, ndjson([good, bad, 'not json', worse]));
  assert.equal(r.status, 422, r.text);
  const lines = r.json.error.lines;
  assert.ok(lines.some((l) => l.line === 2 && l.field === 'entity.uscc'), JSON.stringify(lines));
  assert.ok(lines.some((l) => l.line === 3 && l.field === ''), JSON.stringify(lines));
  assert.ok(lines.some((l) => l.line === 4 && l.field === 'decision.fine_fen'), JSON.stringify(lines));
  assert.ok(!lines.some((l) => l.line === 1));
  assert.equal(casesOf(good.case_no), 0);
  assert.equal(count(`SELECT count(*) FROM entity WHERE uscc = '${good.entity.uscc}'`), 0);
});

test('a case number twice in one file is refused on its second line', async () => {
  const a = line();
  const r = await post(head, ndjson([a, line(), { ...line(), case_no: a.case_no }]));
  assert.equal(r.status, 422, r.text);
  assert.deepEqual(r.json.error.lines.map((l) => [l.line, l.field]), [[3, 'case_no']]);
  assert.equal(casesOf(a.case_no), 0);
});

test('a repeated case number is found with the file\'s other errors, all in line order', async () => {
  const a = line();
  const bad = line({ entity: { ...line().entity, uscc: '91330784MA2DXXXXXX' } });
  const r = await post(head, ndjson([a, { ...line(), case_no: a.case_no }, bad]));
  assert.equal(r.status, 422, r.text);
  assert.deepEqual(r.json.error.lines.map((l) => [l.line, l.field]),
    [[2, 'case_no'], [3, 'entity.uscc']]);
});

test('a number in the bureau\'s own form moves its counter: the system never issues it again', async () => {
  const year = day().slice(0, 4);
  const numberOf = (no) => Number(new RegExp(`^永环立〔${year}〕(\\d+)号$`).exec(no)?.[1]);
  const first = await propose();
  await act(leader, first, 'approve_filing');
  const n = numberOf((await show(head, first)).case_no);
  assert.ok(n > 0, 'a filing number of this year');
  // a history that went on past the counter (this year, and a year the
  // counter has not seen), and one behind it, which must not pull it back
  const ahead = line({ case_no: `永环立〔${year}〕${n + 40}号`, measures: [], transfers: [] });
  const behind = line({ case_no: `永环立〔${year}〕${Math.max(1, n - 1)}号`,
    measures: [], transfers: [] });
  const old = line({ case_no: '永环罚〔2003〕17号', measures: [], transfers: [] });
  const r = await post(head, ndjson([ahead, behind, old]));
  assert.equal(r.status, 200, r.text);
  assert.equal(r.json.skipped.length + r.json.imported, 3);
  const next = await propose();
  await act(leader, next, 'approve_filing');
  assert.equal((await show(head, next)).case_no, `永环立〔${year}〕${n + 41}号`);
  assert.equal(psql(`SELECT last FROM doc_counter WHERE year = 2003 AND kind = 'penalty_decision'`), '17');
});

test('an upload given up mid-import leaves the worker alive, and the import finishes', async () => {
  const before = (await head.get('/api/v1/cases/import/progress')).json.id;
  const lines = Array.from({ length: 20000 }, () => line({ measures: [], transfers: [] }));
  const ac = new AbortController();
  const sent = fetch(`${process.env.GS_URL}/api/v1/cases/import`, { method: 'POST',
    body: ndjson(lines), signal: ac.signal, headers: { cookie: head.cookieHeader(),
      'x-csrf-token': head.csrf, 'content-type': 'application/x-ndjson',
      'x-forwarded-for': head.addr } }).catch((e) => e);
  let p;
  for (let i = 0; i < 600; i++) {
    p = (await head.get('/api/v1/cases/import/progress')).json;
    if (p.id !== before && p.state === 'running' && p.lines_read > 0) break;
    await sleep(25);
  }
  assert.equal(p.state, 'running', JSON.stringify(p));
  ac.abort();
  assert.equal((await sent).name, 'AbortError');
  for (let i = 0; i < 1200 && p.state === 'running'; i++) {
    await sleep(100);
    p = (await head.get('/api/v1/cases/import/progress')).json;
  }
  assert.equal(p.state, 'done', JSON.stringify(p));
  assert.equal(p.imported, 20000);
  assert.equal(casesOf(lines[19999].case_no), 1);
  // no worker went down on it, and each answers on
  for (let i = 0; i < 12; i++)
    assert.equal((await fetch(`${process.env.GS_URL}/healthz`)).status, 200);
  const log = readFileSync(`${process.env.GS_TEST_DIR}/kore.log`, 'utf8');
  assert.doesNotMatch(log, /worker \S+ \(\d+\) exited with status|\) gone/);
});

test('the import is the head\'s, in NDJSON only, and not empty', async () => {
  assert.equal((await post(officer, ndjson([line()]))).status, 403);
  assert.equal((await post(analyst, ndjson([line()]))).status, 403);
  let r = await post(head, ndjson([line()]), 'text/csv');
  assert.equal(r.status, 400);
  r = await post(head, '\n\n');
  assert.equal(r.status, 422);
  assert.match(r.json.error.lines[0].message, /没有案件/);
});

test('the upload screen imports without JavaScript too', async () => {
  const page = await head.get('/cases/import');
  assert.equal(page.status, 200);
  assert.match(page.text, /导入历史案件/);
  const a = line();
  const form = new FormData();
  form.append('_csrf', head.csrf);
  form.append('file', new Blob([ndjson([a])]), 'history.ndjson');
  const res = await fetch(`${process.env.GS_URL}/cases/import`, { method: 'POST', body: form,
    headers: { cookie: head.cookieHeader(), 'x-forwarded-for': head.addr } });
  const text = await res.text();
  assert.equal(res.status, 200, text);
  assert.match(text, /已导入 1 件案件/);
  assert.equal(casesOf(a.case_no), 1);
});
