// import_gen.mjs N FILE — N historical cases for the legacy import
// (POST /api/v1/cases/import, shared api.md) as NDJSON, one case a line,
// written to FILE (default build/bench/import.ndjson).
//
// The cases of an older system, 2012 to 2018 (before the bench's own
// cases, which start in 2019, so that no number is taken twice): over
// ~3,000 entities with valid USCCs (91330784MD…), in the importable
// states (closed 25 %, archived 60 %, revoked 7 %, not filed 8 %), the
// decided ones penalty 75 %, no penalty 20 % (with the four reasons),
// judicial transfer 5 %; hearings, legal reviews and collective
// discussions where the fine calls for them; payments; ~8 % of the
// decided cases with supporting measures (seizure, production limit or
// suspension, daily penalty with its amount) and some transfers to the
// police (criminal, and detention after a penalty). Case numbers are
// unique: 永环罚〔2015〕123号, 永环不罚〔…〕, 永环移〔…〕 for the decided,
// 永环撤〔…〕 and 永环不立〔…〕 for the revoked and the not filed, numbered
// per mark and year. Every date is before today and in the order the
// format requires (filed ≥ discovered, decided ≥ filed, served ≥
// decided, measures ≥ filed, detention ≥ decided, closed last).
//
// The violation type is written as the violation_type table's Chinese
// name (an old system's text); GS_BENCH_IMPORT_VT=code writes the code.
// Deterministic: a fixed seed, so every run writes the same file.
import { createWriteStream, mkdirSync } from 'node:fs';
import { dirname } from 'node:path';

const n = Number(process.argv[2] || 100000);
const file = process.argv[3] || 'build/bench/import.ndjson';
const vtAsCode = process.env.GS_BENCH_IMPORT_VT === 'code';

// mulberry32: a small PRNG with a fixed seed.
let seed = 20260404;
function rnd() {
  seed = (seed + 0x6d2b79f5) | 0;
  let t = seed;
  t = Math.imul(t ^ (t >>> 15), t | 1);
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
}
const int = (lo, hi) => lo + Math.floor(rnd() * (hi - lo + 1));
const pick = (a) => a[Math.floor(rnd() * a.length)];
// weighted pick: [[value, weight], ...]
function wpick(list) {
  let total = 0;
  for (const [, w] of list) total += w;
  let r = rnd() * total;
  for (const [v, w] of list) {
    if ((r -= w) < 0) return v;
  }
  return list[list.length - 1][0];
}

// USCC (GB 32100-2015), as tests/integration/lib.mjs makes them.
const ALPHABET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];
function usccCheck(first17) {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += ALPHABET.indexOf(first17[i]) * WEIGHTS[i];
  return ALPHABET[(31 - (sum % 31)) % 31];
}
function uscc(k, prefix = '91330784MD') {
  let body = '';
  for (let i = 0; i < 7; i++) { body = ALPHABET[k % 31] + body; k = Math.floor(k / 31); }
  const first = (prefix + body).slice(0, 17);
  return first + usccCheck(first);
}

const towns = ['东城街道', '西城街道', '江南街道', '石柱镇', '古山镇', '芝英镇', '方岩镇', '舟山镇'];
const brands = ['华鑫', '恒达', '金源', '宏盛', '东方', '新峰', '瑞丰', '天成', '佳美', '永盛',
  '昌隆', '汇通', '鼎泰', '博远', '嘉禾', '锦程', '盛世', '中天', '富达', '万隆'];
const kinds = [['化学原料和化学制品制造', '化工有限公司'], ['金属制品', '五金制品有限公司'],
  ['电镀', '表面处理有限公司'], ['纺织印染', '印染有限公司'], ['食品制造', '食品有限公司'],
  ['非金属矿物制品', '建材有限公司']];
const NENT = 3000;
const entities = [];
for (let k = 0; k < NENT; k++) {
  const [industry, suffix] = kinds[k % 6];
  const town = towns[Math.floor(k / 6) % 8];
  entities.push({
    uscc: uscc(k + 1),
    name: `永安市${town.slice(0, 2)}${brands[Math.floor(k / 48) % 20]}旧${k}号${suffix}`,
    township: town, industry,
    category: k % 10 === 0 ? 'key' : (k % 37 === 0 ? 'special' : 'general'),
    address: `永安市${town}老工业区${k % 200}号`,
  });
}

// violation_type: code and name (migrations/0004_cases.sql), weighted
const vts = [[['over_standard_discharge', '超过排放标准排放水污染物'], 35],
  [['no_permit', '未取得排污许可证排放污染物'], 15],
  [['hidden_pipe', '私设暗管等逃避监管的方式排放水污染物'], 8],
  [['hazardous_waste', '未按规定贮存、转移、处置危险废物'], 20],
  [['falsified_monitoring', '篡改、伪造监测数据排放大气污染物'], 10],
  [['no_eia', '建设项目未依法报批环境影响评价文件擅自开工建设'], 12]];
const sources = [['public_report', 25], ['online_monitoring', 15], ['double_random', 15],
  ['patrol', 20], ['assigned', 8], ['referral', 7], ['media', 4], ['campaign', 6]];

const DAY = 86400000;
const day0 = Date.UTC(2012, 0, 1);
const iso = (d) => new Date(day0 + d * DAY).toISOString().slice(0, 10);
const yearOf = (d) => new Date(day0 + d * DAY).getUTCFullYear();
const yearStart = (y) => Math.round((Date.UTC(y, 0, 1) - day0) / DAY);

const counters = new Map();
function caseNo(mark, year) {
  const key = mark + year;
  const k = (counters.get(key) || 0) + 1;
  counters.set(key, k);
  return `永环${mark}〔${year}〕${k}号`;
}

mkdirSync(dirname(file), { recursive: true });
const out = createWriteStream(file);
let buf = [];
let stats = { closed: 0, archived: 0, revoked: 0, not_filed: 0, measures: 0, transfers: 0 };

function line(i) {
  // discovered in 2012..2018, spread evenly over the years
  const year = 2012 + Math.floor((i * 7) / n);
  const ys = yearStart(year);
  const disc = ys + int(0, yearStart(year + 1) - ys - 1);
  const state = wpick([['not_filed', 8], ['revoked', 7], ['closed', 25], ['archived', 60]]);
  stats[state]++;
  const ent = entities[Math.floor(NENT * Math.pow(rnd(), 1.3))];
  const [vtCode, vtName] = wpick(vts);
  const c = {
    case_no: null,
    entity: ent,
    party_kind: rnd() < 0.05 ? 'individual' : 'organisation',
    violation_type: vtAsCode ? vtCode : vtName,
    clue_source: wpick(sources),
    discovered_on: iso(disc),
    filed_on: null,
    decision: null,
    hearing_held: false, legal_review: false, collective_discussion: false,
  };
  let last = disc;
  if (state === 'not_filed') {
    c.case_no = caseNo('不立', year);
    c.state = state;
    c.closed_on = iso(disc + int(1, 15));
    return c;
  }
  const filed = disc + int(1, 14);
  c.filed_on = iso(filed);
  last = filed;
  const measures = [];
  const transfers = [];
  if (state === 'revoked') {
    if (rnd() < 0.05) {
      const m = filed + int(0, 10);
      measures.push({ kind: 'seizure', decided_on: iso(m) });
      last = Math.max(last, m);
    }
    c.case_no = caseNo('撤', yearOf(filed));
    if (measures.length) c.measures = measures;
    c.state = state;
    c.closed_on = iso(last + int(5, 60));
    return c;
  }
  // closed or archived: decided
  const outcome = wpick([['penalty', 75], ['no_penalty', 20], ['judicial_transfer', 5]]);
  const fine = Math.round(10 * Math.exp(rnd() * Math.log(50))) * 100000;
  const decided = filed + int(30, 100);
  const served = decided + int(1, 7);
  const d = { outcome, decided_on: iso(decided) };
  if (outcome === 'penalty') d.fine_fen = fine;
  if (outcome === 'no_penalty') {
    d.no_penalty_reason = wpick([['minor', 40], ['first_offence', 30], ['no_fault', 15],
      ['not_established', 15]]);
  }
  d.served_on = iso(served);
  c.decision = d;
  last = served;
  if (outcome === 'penalty') {
    c.hearing_held = fine >= 10000000 && rnd() < 0.3;
    c.legal_review = c.hearing_held || fine >= 5000000 || rnd() < 0.3;
    c.collective_discussion = c.legal_review && fine >= 20000000;
    const p = rnd();
    c.paid_fen = p < 0.85 ? fine : p < 0.92 ? fine + fine * 3 / 100 * int(1, 20)
      : Math.floor(fine * int(0, 5) / 10);
  } else {
    c.legal_review = rnd() < 0.2;
  }
  if (rnd() < 0.08) {
    const kind = wpick([['seizure', 45], ['production_limit', 20], ['production_suspension', 15],
      ['daily_penalty', outcome === 'penalty' ? 20 : 0]]);
    if (kind === 'seizure') {
      const m = filed + int(0, 10);
      measures.push({ kind, decided_on: iso(m) });
      if (rnd() < 0.12) measures.push({ kind, decided_on: iso(m + int(5, 40)) });
    } else if (kind === 'daily_penalty') {
      const m = decided + int(21, 51);
      const days = int(10, 30);
      measures.push({ kind, decided_on: iso(m), amount_fen: fine * days });
      last = Math.max(last, m);
    } else {
      measures.push({ kind, decided_on: iso(filed + int(3, 30)) });
    }
    if (rnd() < 0.15) measures.push({ kind: 'production_suspension', decided_on: iso(filed + int(3, 30)) });
  }
  if ((outcome === 'judicial_transfer' && rnd() < 0.5) || rnd() < 0.01) {
    const t = filed + int(5, 40);
    transfers.push({ kind: 'criminal', transferred_on: iso(t), persons_coercive: int(0, 3) });
    last = Math.max(last, t);
  }
  if (outcome === 'penalty' && rnd() < 0.02) {
    const t = decided + int(1, 10);
    transfers.push({ kind: 'detention', transferred_on: iso(t), persons_detained: int(1, 3) });
    last = Math.max(last, t);
  }
  for (const m of measures) last = Math.max(last, Math.round((Date.parse(m.decided_on) - day0) / DAY));
  if (measures.length) { c.measures = measures; stats.measures += measures.length; }
  if (transfers.length) { c.transfers = transfers; stats.transfers += transfers.length; }
  const mark = outcome === 'penalty' ? '罚' : outcome === 'no_penalty' ? '不罚' : '移';
  c.case_no = caseNo(mark, yearOf(decided));
  c.state = state;
  c.closed_on = iso(last + int(5, 60));
  return c;
}

for (let i = 0; i < n; i++) {
  buf.push(JSON.stringify(line(i)));
  if (buf.length === 2000) {
    out.write(buf.join('\n') + '\n');
    buf = [];
  }
}
if (buf.length) out.write(buf.join('\n') + '\n');
out.end(() => {
  process.stderr.write(`import_gen: ${n} cases to ${file} (${JSON.stringify(stats)})\n`);
});
