// Clues and on-site inspections through the API: registration with the
// filing-decision clock (overdue when not acted on), assignment, outcome,
// and inspections that need two officers certified on the day.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { signedIn, ADMIN_PW } from './lib.mjs';
import { day, officer, analyst, idOf, newEntity } from './caselib.mjs';

const officer3 = await signedIn('officer3');
const admin = await signedIn('admin', ADMIN_PW);

async function register(overrides = {}) {
  const r = await officer.post('/api/v1/clues', { json: {
    source: 'public_report', entity_id: await newEntity(), received_on: day(-1),
    summary: '群众举报夜间偷排废水', ...overrides } });
  assert.equal(r.status, 201, r.text);
  return r.json;
}

test('a clue carries its filing day and turns overdue when not acted on', async () => {
  const fresh = await register();
  assert.equal(fresh.source_label, '信访举报');
  assert.equal(fresh.outcome, null);
  // 15 calendar days from receipt, moved off a holiday: never earlier.
  const due = new Date(fresh.filing_due_on), rec = new Date(fresh.received_on);
  assert.ok((due - rec) / 86400e3 >= 15, fresh.filing_due_on);
  assert.ok(['open', 'due_soon'].includes(fresh.filing_status), fresh.filing_status);

  const old = await register({ received_on: day(-40), summary: '积压线索 ' + Date.now() });
  assert.equal(old.filing_status, 'overdue');
  const list = await officer.get('/api/v1/clues?overdue=1&per_page=200');
  assert.equal(list.status, 200, list.text);
  assert.ok(list.json.items.some((c) => c.id === old.id));
  assert.ok(!list.json.items.some((c) => c.id === fresh.id));
  const found = await officer.get(`/api/v1/clues?q=${encodeURIComponent(old.summary)}`);
  assert.deepEqual(found.json.items.map((c) => c.id), [old.id]);
});

test('bad clues are refused naming the field, and nothing is written', async () => {
  const before = (await officer.get('/api/v1/clues?per_page=1')).json.total;
  let r = await officer.post('/api/v1/clues', { json: {
    source: 'rumour', received_on: day(1), summary: '' } });
  assert.equal(r.status, 422, r.text);
  for (const f of ['source', 'entity_id', 'received_on', 'summary'])
    assert.ok(r.json.error.fields[f], `${f}: ${r.text}`);
  r = await officer.post('/api/v1/clues', { json: {
    source: 'patrol', received_on: day(), summary: 'x', colour: 'red' } });
  assert.equal(r.status, 422, r.text);
  assert.ok(r.json.error.fields.colour, r.text);
  assert.equal((await officer.get('/api/v1/clues?per_page=1')).json.total, before);
  // A party not yet in the registry, by name.
  const named = await register({ entity_id: undefined, entity_name: '无名小作坊' });
  assert.equal(named.entity_id, null);
  assert.equal(named.entity_name, '无名小作坊');
  r = await analyst.post('/api/v1/clues', { json: {
    source: 'patrol', entity_name: 'x', received_on: day(), summary: 'x' } });
  assert.equal(r.status, 403, r.text);
});

test('assign and record the outcome, with the version checked', async () => {
  const c = await register();
  let r = await officer.post(`/api/v1/clues/${c.id}/assign`, { json: {
    version: c.version, assignee_id: idOf('legal1') } });
  assert.equal(r.status, 422, r.text);
  assert.ok(r.json.error.fields.assignee_id, r.text);
  r = await officer.post(`/api/v1/clues/${c.id}/assign`, { json: {
    version: c.version, assignee_id: idOf('officer3') } });
  assert.equal(r.status, 200, r.text);
  assert.equal(r.json.assignee_name, '王强');
  const mine = await officer3.get('/api/v1/clues?mine=1&open=1&per_page=200');
  assert.ok(mine.json.items.some((x) => x.id === c.id));
  r = await officer.post(`/api/v1/clues/${c.id}/outcome`, { json: {
    version: c.version, outcome: 'no_violation', outcome_on: day() } });
  assert.equal(r.status, 409, r.text);
  assert.match(r.json.error.message, /线索已被他人修改/);
  r = await officer3.post(`/api/v1/clues/${c.id}/outcome`, { json: {
    version: c.version + 1, outcome: 'referred', outcome_on: day() } });
  assert.equal(r.status, 422, r.text);
  assert.ok(r.json.error.fields.note, r.text);
  r = await officer3.post(`/api/v1/clues/${c.id}/outcome`, { json: {
    version: c.version + 1, outcome: 'no_violation', outcome_on: day(), note: '现场核实无排放' } });
  assert.equal(r.status, 200, r.text);
  assert.equal(r.json.filing_status, 'met');
  r = await officer3.post(`/api/v1/clues/${c.id}/outcome`, { json: {
    version: r.json.version, outcome: 'referred', outcome_on: day(), note: '公安' } });
  assert.equal(r.status, 409, r.text);
  assert.match(r.json.error.message, /线索已有处理结果：未发现违法/);
});

test('inspections need two officers certified on the day, and mark the clue inspected', async () => {
  const c = await register();
  const body = { entity_id: c.entity_id, clue_id: c.id, inspected_on: day(),
    findings_md: '雨水排口有**黄色**废水排出。<script>x</script>', outcome: 'violation_found' };
  let r = await officer.post('/api/v1/inspections', { json: { ...body,
    inspector_ids: [idOf('officer1')] } });
  assert.equal(r.status, 422, r.text);
  assert.match(r.json.error.fields.inspector_ids, /至少 2 名/);

  const expired = await admin.post('/api/v1/users', { json: {
    username: `lapsed${Date.now()}`, display_name: '过期证', password: 'a-long-password-1',
    roles: ['officer'], cert_no: '33078409998', cert_valid_until: day(-10) } });
  assert.equal(expired.status, 201, expired.text);
  r = await officer.post('/api/v1/inspections', { json: { ...body,
    inspector_ids: [idOf('officer1'), expired.json.id] } });
  assert.equal(r.status, 422, r.text);
  assert.match(r.json.error.fields.inspector_ids, /过期证 的执法证/);
  r = await officer.post('/api/v1/inspections', { json: { ...body,
    inspector_ids: [idOf('officer1'), idOf('officer1')] } });
  assert.equal(r.status, 422, r.text);
  assert.equal((await officer.get(`/api/v1/clues/${c.id}`)).json.outcome, null);

  r = await officer.post('/api/v1/inspections', { json: { ...body,
    inspector_ids: [idOf('officer1'), idOf('officer2')] } });
  assert.equal(r.status, 201, r.text);
  assert.deepEqual(r.json.officers.map((o) => o.cert_no).sort(), ['33078401001', '33078401002']);
  assert.equal(r.json.findings_md, body.findings_md);
  const insp = r.json;
  const cl = (await officer.get(`/api/v1/clues/${c.id}`)).json;
  assert.equal(cl.outcome, 'inspected');
  const mine = await officer.get(`/api/v1/inspections?mine=1&on=${day()}`);
  assert.ok(mine.json.items.some((i) => i.id === insp.id));
  const other = await officer3.get(`/api/v1/inspections?mine=1&on=${day()}`);
  assert.ok(!other.json.items.some((i) => i.id === insp.id));
  // the 现场检查笔录: officers with their certificates, findings rendered safely
  const rec = await officer.get(`/inspections/${insp.id}/record`);
  assert.equal(rec.status, 200);
  assert.ok(rec.text.includes('现场检查（勘察）笔录'));
  assert.ok(rec.text.includes('33078401001') && rec.text.includes('33078401002'));
  assert.ok(rec.text.includes('<strong>黄色</strong>'));
  assert.ok(!rec.text.includes('<script>x'));
});
