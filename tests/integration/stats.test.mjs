// The penalty statistics against the case data: a small hand-built set
// whose every expected number is worked out below (the counting rules of
// migrations/0014 one by one), and a generated set whose figures are
// computed again here, independently, from the lines imported. Both go in
// through the legacy import, which alone can write cases of past years;
// the years used (2016-2019) are no other test's.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { randomInt } from 'node:crypto';
import { signedIn, freshUscc, gsctl } from './lib.mjs';

// A bureau of this run's own: its statistics hold exactly what the tests
// below import, and another bureau's figures are no part of them.
const run = randomInt(100000, 999999);
const code = `stats${run}`;
const PW = 'stats-password-1';
for (const args of [['create-bureau', code, '统计测试分局', '统测'],
  ['create-user', code, `${code}-head`, '统计局领导', 'head'],
  ['create-user', code, `${code}-analyst`, '统计员', 'analyst']]) {
  const r = gsctl(args, { GS_NEW_PASSWORD: PW });
  assert.equal(r.status, 0, r.stderr);
}
const head = await signedIn(`${code}-head`, PW);
const analyst = await signedIn(`${code}-analyst`, PW);
const demo = await signedIn('analyst1');
let serial = 0;

function entity(township, industry) {
  return { uscc: freshUscc(), name: `统计测试企业${serial}号`, township, industry,
    category: 'general' };
}

function kase(o) {
  return { case_no: `永环统〔${o.year || 2017}〕${run}${serial++}号`, party_kind: 'organisation',
    violation_type: '超标排放', hearing_held: false, legal_review: false,
    collective_discussion: false, measures: [], transfers: [], ...o, year: undefined };
}

async function importAll(lines) {
  const body = lines.map((l) => JSON.stringify(l)).join('\n');
  const r = await head.post('/api/v1/cases/import', { body,
    headers: { 'content-type': 'application/x-ndjson' } });
  assert.equal(r.status, 200, r.text);
  assert.equal(r.json.imported, lines.length);
}

async function stats(from, to, by = 'none') {
  const r = await analyst.get(`/api/v1/stats/penalties?from=${from}&to=${to}&group_by=${by}`);
  assert.equal(r.status, 200, r.text);
  return r.json;
}

test('the counting rules on a hand-built year', async () => {
  const demoBefore = (await demo.get('/api/v1/stats/penalties?from=2017-01-01&to=2017-12-31')).json;
  const t = `手算镇${run}`;
  const e1 = entity(t, '手算行业甲'), e2 = entity(t, '手算行业乙');
  await importAll([
    // A: filed March 2017, fined ¥10,000 in May, paid ¥12,000 (¥2,000
    // of surcharge), seizures in March and in May, closed June.
    kase({ entity: e1, clue_source: 'patrol', discovered_on: '2017-03-01',
      filed_on: '2017-03-02', decision: { outcome: 'penalty', decided_on: '2017-05-10',
        fine_fen: 1000000 }, paid_fen: 1200000, legal_review: true,
      measures: [{ kind: 'seizure', decided_on: '2017-03-05' },
        { kind: 'seizure', decided_on: '2017-05-06' }],
      state: 'closed', closed_on: '2017-06-30' }),
    // B: filed March, fined ¥30,001 in May, nothing paid, a daily penalty
    // of ¥5,000 in June and a detention transfer (2 detained) in June.
    kase({ entity: e1, clue_source: 'public_report', discovered_on: '2017-03-10',
      filed_on: '2017-03-11', decision: { outcome: 'penalty', decided_on: '2017-05-20',
        fine_fen: 3000100 }, hearing_held: true,
      measures: [{ kind: 'daily_penalty', decided_on: '2017-06-01', amount_fen: 500000 }],
      transfers: [{ kind: 'detention', transferred_on: '2017-06-02', persons_detained: 2 }],
      state: 'archived', closed_on: '2017-07-01' }),
    // C: filed December 2016, not penalised (first offence) in January
    // 2017, a production suspension in January, closed in January.
    kase({ entity: e2, clue_source: 'patrol', discovered_on: '2016-12-01',
      filed_on: '2016-12-05', decision: { outcome: 'no_penalty', decided_on: '2017-01-10',
        no_penalty_reason: 'first_offence' },
      measures: [{ kind: 'production_suspension', decided_on: '2017-01-03' },
        { kind: 'production_limit', decided_on: '2017-01-04' }],
      state: 'closed', closed_on: '2017-01-20' }),
    // D: not filed, decided so in April 2017 (the clue of March).
    kase({ entity: e2, clue_source: 'media', discovered_on: '2017-03-28', filed_on: null,
      decision: null, state: 'not_filed', closed_on: '2017-04-02' }),
    // E: filed April, revoked in April, after a criminal transfer (3
    // persons) in April.
    kase({ entity: e2, clue_source: 'media', discovered_on: '2017-04-01',
      filed_on: '2017-04-03', decision: null,
      transfers: [{ kind: 'criminal', transferred_on: '2017-04-10', persons_coercive: 3 }],
      state: 'revoked', closed_on: '2017-04-20' }),
    // F: the year before: filed and fined ¥8,000 in 2016.
    kase({ year: 2016, entity: e1, clue_source: 'patrol', discovered_on: '2016-02-01',
      filed_on: '2016-02-02', decision: { outcome: 'penalty', decided_on: '2016-05-03',
        fine_fen: 800000 }, state: 'closed', closed_on: '2016-06-01' }),
  ]);

  const y = await stats('2017-01-01', '2017-12-31');
  const s = y.totals;
  // The demo bureau's statistics are its own: our import did not move them.
  const other = await demo.get('/api/v1/stats/penalties?from=2017-01-01&to=2017-12-31');
  assert.deepEqual(other.json.totals, demoBefore.totals);
  // Filed in 2017: A, B, E (C was filed in 2016, D never).
  assert.equal(s.cases_filed, 3);
  assert.equal(s.cases_not_filed, 1);
  assert.equal(s.cases_revoked, 1);
  // Closed in 2017: A, B, C (D and E ended otherwise).
  assert.equal(s.cases_closed, 3);
  assert.equal(s.penalty_decisions, 2);
  assert.equal(s.no_penalty_decisions, 1);
  assert.equal(s.no_penalty_by_reason.first_offence, 1);
  // ¥10,000 + ¥30,001 = 4,000,100 fen; their average 2,000,050 fen.
  assert.equal(s.fines_fen, 4000100);
  assert.equal(s.average_fine_fen, 2000050);
  // Paid: A's 1,200,000, of which 200,000 beyond its fine; B owes all.
  assert.equal(s.paid_fen, 1200000);
  assert.equal(s.surcharge_paid_fen, 200000);
  assert.equal(s.outstanding_fen, 3000100);
  // One seizure case (A, twice), one daily penalty (B), one limit or
  // suspension case (C, both kinds), one detention (B), one criminal (E):
  // five supporting-measure cases.
  assert.equal(s.seizure_cases, 1);
  assert.equal(s.daily_penalty_cases, 1);
  assert.equal(s.daily_penalty_fines_fen, 500000);
  assert.equal(s.production_limit_cases, 1);
  assert.equal(s.detention_transfer_cases, 1);
  assert.equal(s.criminal_transfer_cases, 1);
  assert.equal(s.supporting_measure_cases, 5);
  assert.equal(s.persons_detained, 2);
  assert.equal(s.persons_coercive, 3);
  // Hearings and reviews of the cases decided in 2017: B heard, A reviewed.
  assert.equal(s.hearings, 1);
  assert.equal(s.legal_reviews, 1);
  // Clues received in 2017: A and B's patrol and report, D and E's media.
  assert.equal(s.clues_by_source.patrol, 1);
  assert.equal(s.clues_by_source.public_report, 1);
  assert.equal(s.clues_by_source.media, 2);
  assert.equal(s.clues, 4);
  // The year before: F filed and fined ¥8,000, C filed (December 2016).
  assert.equal(y.previous.totals.cases_filed, 2);
  assert.equal(y.previous.totals.fines_fen, 800000);
  // 2 decisions against 1: +100.0 %; fines 4,000,100 against 800,000:
  // +400.0 % (4,000.1 / 800 - 1 = 4.000125, per mille 4000.125 -> 4000).
  assert.equal(y.change_permille.penalty_decisions, 1000);
  assert.equal(y.change_permille.fines_fen, 4000);

  // By month: A's two seizures count once in March and once in May.
  const m = await stats('2017-01-01', '2017-12-31', 'month');
  const month = (k) => m.groups.find((g) => g.key === k).totals;
  assert.equal(m.groups.length, 12);
  assert.equal(month('2017-03').seizure_cases, 1);
  assert.equal(month('2017-05').seizure_cases, 1);
  assert.equal(month('2017-03').cases_filed, 2);
  assert.equal(month('2017-04').cases_filed, 1);
  assert.equal(month('2017-05').penalty_decisions, 2);
  assert.equal(month('2017-01').production_limit_cases, 1);
  assert.equal(month('2017-06').supporting_measure_cases, 2);
  assert.equal(month('2017-04').supporting_measure_cases, 1);
  // The year's seizure cases are 1, not the months' 2.
  assert.equal(m.totals.seizure_cases, 1);
  // May 2016 against May 2017: F's ¥8,000.
  assert.equal(m.groups.find((g) => g.key === '2017-05').previous.totals.fines_fen, 800000);

  // By industry: A and B (甲) and C, D, E (乙).
  const i = await stats('2017-01-01', '2017-12-31', 'industry');
  const ind = (k) => i.groups.find((g) => g.key === k).totals;
  assert.equal(ind('手算行业甲').cases_filed, 2);
  assert.equal(ind('手算行业甲').supporting_measure_cases, 3);
  assert.equal(ind('手算行业乙').cases_filed, 1);
  assert.equal(ind('手算行业乙').no_penalty_decisions, 1);
  assert.equal(ind('手算行业乙').supporting_measure_cases, 2);
  // By source: the media clues are D's and E's.
  const src = await stats('2017-01-01', '2017-12-31', 'source');
  assert.equal(src.groups.find((g) => g.key === 'media').label, '媒体曝光');
  assert.equal(src.groups.find((g) => g.key === 'media').totals.clues, 2);
  assert.equal(src.groups.find((g) => g.key === 'media').totals.cases_revoked, 1);
});

// ---- a generated year, computed again here -----------------------------

const SOURCES = ['public_report', 'online_monitoring', 'double_random', 'patrol',
  'assigned', 'referral', 'media', 'campaign'];
const REASONS = ['minor', 'first_offence', 'no_fault', 'not_established'];
const pick = (a) => a[randomInt(0, a.length)];
const iso = (d) => d.toISOString().slice(0, 10);
const addDays = (s, n) => iso(new Date(Date.parse(s) + n * 86400e3));

function generated(n) {
  const towns = [`生成镇${run}甲`, `生成镇${run}乙`, `生成镇${run}丙`];
  const trades = ['生成行业一', '生成行业二'];
  const ents = Array.from({ length: 12 }, () => entity(pick(towns), pick(trades)));
  const lines = [];
  for (let i = 0; i < n; i++) {
    const discovered = addDays('2018-01-01', randomInt(0, 600));
    const kind = randomInt(0, 100);
    const o = { year: 2019, entity: pick(ents), clue_source: pick(SOURCES),
      discovered_on: discovered };
    if (kind < 8) {
      Object.assign(o, { filed_on: null, decision: null, state: 'not_filed',
        closed_on: addDays(discovered, randomInt(1, 20)) });
    } else if (kind < 15) {
      const filed = addDays(discovered, randomInt(0, 10));
      Object.assign(o, { filed_on: filed, decision: null, state: 'revoked',
        closed_on: addDays(filed, randomInt(1, 60)) });
    } else {
      const filed = addDays(discovered, randomInt(0, 10));
      const decided = addDays(filed, randomInt(5, 90));
      const r = randomInt(0, 100);
      const decision = r < 75 ? { outcome: 'penalty', decided_on: decided,
        fine_fen: randomInt(1, 500) * 10000 } :
        r < 95 ? { outcome: 'no_penalty', decided_on: decided, no_penalty_reason: pick(REASONS) } :
          { outcome: 'judicial_transfer', decided_on: decided };
      Object.assign(o, { filed_on: filed, decision, state: pick(['closed', 'archived']),
        closed_on: addDays(decided, randomInt(1, 60)), hearing_held: randomInt(0, 5) === 0,
        legal_review: randomInt(0, 3) === 0, collective_discussion: randomInt(0, 6) === 0 });
      if (decision.outcome === 'penalty' && randomInt(0, 2) === 0)
        o.paid_fen = decision.fine_fen + randomInt(0, 3) * 10000;
      const measures = [];
      for (let k = randomInt(0, 3); k > 0; k--) {
        // a daily penalty builds on the penalty decision, after it
        const mk = pick(['seizure', 'production_limit', 'production_suspension',
          ...(decision.outcome === 'penalty' ? ['daily_penalty'] : [])]);
        const m = { kind: mk, decided_on: mk === 'daily_penalty' ?
          addDays(decided, randomInt(0, 60)) : addDays(filed, randomInt(0, 120)) };
        if (m.decided_on > '2019-12-31') m.decided_on = '2019-12-31';
        if (mk === 'daily_penalty') m.amount_fen = randomInt(1, 50) * 10000;
        measures.push(m);
      }
      o.measures = measures;
      const transfers = [];
      if (randomInt(0, 6) === 0)
        transfers.push({ kind: 'criminal', transferred_on: addDays(filed, randomInt(0, 30)),
          persons_coercive: randomInt(0, 4) });
      if (decision.outcome === 'penalty' && randomInt(0, 6) === 0)
        transfers.push({ kind: 'detention', transferred_on: addDays(decided, randomInt(0, 20)),
          persons_detained: randomInt(0, 3) });
      o.transfers = transfers;
    }
    if (o.closed_on > '2019-12-31') o.closed_on = '2019-12-31';
    for (const t of o.transfers || [])
      if (t.transferred_on > o.closed_on) t.transferred_on = o.closed_on;
    for (const m of o.measures || [])
      if (m.decided_on > o.closed_on) m.decided_on = o.closed_on;
    lines.push(kase(o));
  }
  return lines;
}

// Every figure of the lines for [from, to], by key(line, day) or in all.
function expected(lines, from, to, key) {
  const groups = new Map();
  const g = (k) => {
    if (!groups.has(k)) groups.set(k, { n: {}, sets: {} });
    return groups.get(k);
  };
  const inRange = (d) => d && d >= from && d <= to;
  const add = (k, f, v = 1) => {
    for (const t of [g(k), g(null)]) t.n[f] = (t.n[f] || 0) + v;
  };
  const once = (k, f, id) => {
    for (const t of [g(k), g(null)]) {
      t.sets[f] = t.sets[f] || new Set();
      t.sets[f].add(id);
    }
  };
  for (const l of lines) {
    const d = l.decision;
    if (inRange(l.filed_on)) add(key(l, l.filed_on), 'cases_filed');
    if (l.state === 'not_filed' && inRange(l.closed_on)) add(key(l, l.closed_on), 'cases_not_filed');
    if (l.state === 'revoked' && inRange(l.closed_on)) add(key(l, l.closed_on), 'cases_revoked');
    if ((l.state === 'closed' || l.state === 'archived') && inRange(l.closed_on))
      add(key(l, l.closed_on), 'cases_closed');
    if (inRange(l.discovered_on)) add(key(l, l.discovered_on), `clues.${l.clue_source}`);
    if (d && inRange(d.decided_on)) {
      const k = key(l, d.decided_on);
      if (d.outcome === 'penalty') {
        const paid = l.paid_fen || 0;
        add(k, 'penalty_decisions');
        add(k, 'fines_fen', d.fine_fen);
        add(k, 'paid_fen', paid);
        add(k, 'surcharge_paid_fen', Math.max(paid - d.fine_fen, 0));
        add(k, 'outstanding_fen', Math.max(d.fine_fen - paid, 0));
      } else if (d.outcome === 'no_penalty') {
        add(k, 'no_penalty_decisions');
        add(k, `no_penalty.${d.no_penalty_reason}`);
      } else {
        add(k, 'judicial_transfers');
      }
      if (l.hearing_held) add(k, 'hearings');
      if (l.legal_review) add(k, 'legal_reviews');
      if (l.collective_discussion) add(k, 'collective_discussions');
    }
    for (const m of l.measures || []) {
      if (!inRange(m.decided_on)) continue;
      const k = key(l, m.decided_on);
      if (m.kind === 'seizure') once(k, 'seizure_cases', l.case_no);
      else if (m.kind === 'daily_penalty') {
        once(k, 'daily_penalty_cases', l.case_no);
        add(k, 'daily_penalty_fines_fen', m.amount_fen);
      } else once(k, 'production_limit_cases', l.case_no);
    }
    for (const t of l.transfers || []) {
      if (!inRange(t.transferred_on)) continue;
      const k = key(l, t.transferred_on);
      if (t.kind === 'criminal') {
        once(k, 'criminal_transfer_cases', l.case_no);
        add(k, 'persons_coercive', t.persons_coercive || 0);
      } else {
        once(k, 'detention_transfer_cases', l.case_no);
        add(k, 'persons_detained', t.persons_detained || 0);
      }
    }
  }
  for (const t of groups.values())
    for (const [f, s] of Object.entries(t.sets)) t.n[f] = s.size;
  return groups;
}

// The API's totals as the same flat names.
function flat(t) {
  const out = { ...t };
  for (const [k, v] of Object.entries(t.clues_by_source)) out[`clues.${k}`] = v;
  for (const [k, v] of Object.entries(t.no_penalty_by_reason)) out[`no_penalty.${k}`] = v;
  return out;
}

const FIGURES = ['cases_filed', 'cases_not_filed', 'cases_revoked', 'cases_closed',
  'penalty_decisions', 'fines_fen', 'paid_fen', 'surcharge_paid_fen', 'outstanding_fen',
  'no_penalty_decisions', ...REASONS.map((r) => `no_penalty.${r}`), 'judicial_transfers',
  'hearings', 'legal_reviews', 'collective_discussions', 'seizure_cases',
  'production_limit_cases', 'daily_penalty_cases', 'daily_penalty_fines_fen',
  'detention_transfer_cases', 'criminal_transfer_cases', 'persons_detained',
  'persons_coercive', ...SOURCES.map((s) => `clues.${s}`)];

function compare(api, want, what) {
  const a = flat(api);
  for (const f of FIGURES)
    assert.equal(a[f], want.n[f] || 0, `${what}: ${f}`);
  const supporting = ['daily_penalty_cases', 'seizure_cases', 'production_limit_cases',
    'detention_transfer_cases', 'criminal_transfer_cases'].reduce((s, f) => s + (want.n[f] || 0), 0);
  assert.equal(a.supporting_measure_cases, supporting, `${what}: supporting_measure_cases`);
  const n = want.n.penalty_decisions || 0;
  assert.equal(a.average_fine_fen, n ? Math.floor((2 * (want.n.fines_fen || 0) + n) / (2 * n)) : 0,
    `${what}: average_fine_fen`);
}

test('a generated year equals the same figures computed from its lines', async () => {
  const lines = generated(240);
  await importAll(lines);
  const by = {
    none: () => '',
    month: (l, day) => day.slice(0, 7),
    township: (l) => l.entity.township,
    industry: (l) => l.entity.industry,
    source: (l) => l.clue_source,
  };
  for (const [name, key] of Object.entries(by)) {
    const got = await stats('2019-01-01', '2019-12-31', name);
    const want = expected(lines, '2019-01-01', '2019-12-31', key);
    compare(got.totals, want.get(null), `2019 ${name} total`);
    const prev = expected(lines, '2018-01-01', '2018-12-31', name === 'month' ?
      (l, day) => `2019${day.slice(4, 7)}` : key);
    compare(got.previous.totals, prev.get(null), `2018 ${name} total`);
    if (name === 'none') continue;
    // The generated groups (other tests' cases are in other years, but
    // the township and industry names are this test's own).
    for (const [k, w] of want) {
      if (k === null) continue;
      const grp = got.groups.find((x) => x.key === k);
      assert.ok(grp, `${name} ${k} missing`);
      compare(grp.totals, w, `2019 ${name} ${k}`);
      const p = prev.get(k);
      if (p) compare(grp.previous.totals, p, `2018 ${name} ${k}`);
    }
  }
});
