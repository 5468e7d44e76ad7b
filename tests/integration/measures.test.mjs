// Supporting measures and transfers to the police through the API: each
// kind through its steps with the clocks it shows, and the refusals
// (a detention transfer before a penalty decision 422, a second
// extension 422, a stale version 409, a wrong step 409 with what is
// allowed, the proposer's own approval and an analyst 403, the other
// family's id 404).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { day, officer, officer2, leader, head, analyst, idOf, show, act,
  filedWithEvidence, why } from './caselib.mjs';

// A case decided with a fine of fine_fen on decided_on and served.
async function decidedCase(fine = 4000000, decidedOn = day(-20)) {
  const id = await filedWithEvidence();
  await act(leader, id, 'notify', { proposed_fine_fen: fine, ...why, served_on: day(-21) });
  await act(head, id, 'decide', { outcome: 'penalty', fine_fen: fine, ...why,
    decided_on: decidedOn, waived: true });
  await act(officer, id, 'serve', { served_on: decidedOn, method: 'direct' });
  return id;
}

async function measure(c, id, family = 'measures') {
  const r = await c.get(`/api/v1/${family}/${id}`);
  assert.equal(r.status, 200, r.text);
  return r.json;
}

// Takes action on measure id at its current version; expects status.
async function mact(c, id, action, body = {}, expect = 200, family = 'measures') {
  const { version } = await measure(head, id, family);
  const r = await c.post(`/api/v1/${family}/${id}/actions/${action}`,
    { json: { version, ...body } });
  assert.equal(r.status, expect, `${action}: ${r.text}`);
  return r;
}

const deadline = (m, kind) => m.deadlines.find((d) => d.kind === kind);
const officers = () => [idOf('officer1'), idOf('officer2')];

test('a detention transfer needs the penalty decision first, then runs to its outcome', async () => {
  const open = await filedWithEvidence();
  let r = await officer.post(`/api/v1/cases/${open}/transfers`, { json: {
    kind: 'detention', persons: [{ name: '王某', role: '直接负责的主管人员' }] } });
  assert.equal(r.status, 422, r.text);
  assert.match(r.json.error.fields.case, /尚未作出行政处罚决定/);

  const id = await decidedCase();
  r = await officer.post(`/api/v1/cases/${id}/transfers`, { json: { kind: 'detention',
    facts_md: '拒不改正，情节严重。', persons: [{ name: '王某', role: '直接负责的主管人员' }] } });
  assert.equal(r.status, 201, r.text);
  const tid = r.json.id;
  assert.equal(r.json.state, 'proposed');
  // the proposer's squad leader may not approve; the head does
  await mact(leader, tid, 'approve', {}, 403, 'transfers');
  await mact(head, tid, 'approve', {}, 200, 'transfers');
  let t = await measure(officer, tid, 'transfers');
  assert.equal(t.kind, 'detention');
  assert.equal(t.state, 'approved');
  const due = deadline(t, 'transfer');
  assert.equal(due.counting, 'working');
  assert.equal(due.status === 'open' || due.status === 'due_soon', true);

  // a measure's id is not a transfer's and the other way round
  assert.equal((await officer.get(`/api/v1/measures/${tid}`)).status, 404);

  await mact(officer, tid, 'transfer', {}, 422, 'transfers');
  r = await mact(officer, tid, 'transfer', { police_agency: '某县公安局' }, 200, 'transfers');
  t = r.json;
  assert.equal(t.state, 'transferred');
  assert.equal(deadline(t, 'transfer').status, 'met');
  assert.equal(deadline(t, 'police_decision').party, true);
  assert.deepEqual(t.documents.map((d) => d.kind).sort(), ['detention_transfer', 'transfer_list']);
  assert.match(t.doc_no, /移拘〔\d{4}〕\d+号$/);

  await mact(officer, tid, 'request_more', { on: day(0), reason: '补充询问笔录' }, 200, 'transfers');
  await mact(officer, tid, 'resubmit', { on: day(0) }, 200, 'transfers');
  await mact(officer, tid, 'police_accept', { on: day(0) }, 200, 'transfers');
  r = await mact(officer, tid, 'record_outcome', { on: day(0), persons_detained: 2 }, 422, 'transfers');
  assert.match(r.json.error.fields.persons_detained, /不能多于移送的 1 人/);
  r = await mact(officer, tid, 'record_outcome', { on: day(0), persons_detained: 1 }, 200, 'transfers');
  assert.equal(r.json.state, 'concluded');
  assert.equal(r.json.persons_detained, 1);
  assert.deepEqual(r.json.history.map((e) => e.action), ['create', 'approve', 'transfer',
    'request_more', 'resubmit', 'police_accept', 'record_outcome']);
  // nothing more to do: a wrong step answers 409 with what is allowed
  r = await mact(officer, tid, 'approve', {}, 409, 'transfers');
  assert.equal(r.json.error.code, 'transition_not_allowed');
  assert.deepEqual(r.json.error.allowed, []);
});

test('a detention transfer on a penalty decision since revoked is not approved', async () => {
  const id = await decidedCase();
  let r = await officer.post(`/api/v1/cases/${id}/transfers`, { json: { kind: 'detention',
    facts_md: '拒不改正，情节严重。', persons: [{ name: '王某', role: '直接负责的主管人员' }] } });
  assert.equal(r.status, 201, r.text);
  const tid = r.json.id;
  await act(head, id, 'revoke', { reason: '违法主体认定错误' });
  const { version } = await measure(head, tid, 'transfers');
  r = await head.post(`/api/v1/transfers/${tid}/actions/approve`, { json: { version } });
  assert.equal(r.status, 422, r.text);
  assert.equal(r.json.error.fields.case, '本案行政处罚决定已撤销，不能再采取此项措施');
  assert.equal((await measure(head, tid, 'transfers')).state, 'proposed');
});

test('a seizure: approval, one extension, testing time, release on application', async () => {
  const id = await filedWithEvidence();
  const body = { kind: 'seizure', decided_on: day(-1), period_days: 30, place: '厂区仓库',
    officer_ids: [idOf('officer1')], items: [{ name: '废水处理设备', quantity: '1 套' }] };
  let r = await officer.post(`/api/v1/cases/${id}/measures`, { json: body });
  assert.equal(r.status, 422, r.text);
  assert.match(r.json.error.fields.officer_ids, /至少 2 名/);
  r = await officer.post(`/api/v1/cases/${id}/measures`, { json: { ...body, officer_ids: officers(),
    period_days: 31 } });
  assert.equal(r.status, 422);
  assert.ok(r.json.error.fields.period_days);
  r = await officer.post(`/api/v1/cases/${id}/measures`, { json: { ...body, items: [] ,
    officer_ids: officers() } });
  assert.equal(r.status, 422);
  assert.ok(r.json.error.fields.items);
  r = await analyst.post(`/api/v1/cases/${id}/measures`, { json: { ...body, officer_ids: officers() } });
  assert.equal(r.status, 403);
  r = await officer.post(`/api/v1/cases/${id}/measures`, { json: { ...body, officer_ids: officers() } });
  assert.equal(r.status, 201, r.text);
  const mid = r.json.id;

  assert.equal((await measure(officer, mid)).decided_on, day(-1));
  await mact(head, mid, 'approve');
  let m = await measure(officer, mid);
  assert.equal(m.state, 'in_force');
  // the head's approval is the decision: proposed yesterday, decided today
  assert.equal(m.decided_on, day(0));
  assert.equal(m.effective_from, day(0));
  assert.match(m.doc_no, /封〔\d{4}〕\d+号$/);
  assert.equal(m.officers.length, 2);
  assert.equal(m.items[0].name, '废水处理设备');
  const end = deadline(m, 'seizure_end');
  assert.ok(end.due_on >= day(30), end.due_on);

  // a stale version is refused
  r = await head.post(`/api/v1/measures/${mid}/actions/extend`, { json: { version: m.version - 1,
    on: day(0), days: 10, reason: '案情复杂' } });
  assert.equal(r.status, 409);
  assert.equal(r.json.error.code, 'stale_version');
  await mact(officer, mid, 'extend', { on: day(0), days: 10, reason: '案情复杂' }, 403);
  await mact(head, mid, 'extend', { on: day(0), days: 31, reason: '案情复杂' }, 422);
  r = await mact(head, mid, 'extend', { on: day(0), days: 30, reason: '案情复杂' });
  assert.equal(r.json.extension_days, 30);
  assert.ok(deadline(r.json, 'seizure_end').due_on > end.due_on);
  assert.ok(!r.json.allowed_actions.includes('extend'));
  r = await mact(head, mid, 'extend', { on: day(0), days: 5, reason: '再延长' }, 422);
  assert.equal(r.json.error.fields.days, '期限只能延长一次');

  // testing time runs: the end is not known until it stops
  r = await mact(officer, mid, 'start_testing', { on: day(0) });
  assert.equal(deadline(r.json, 'seizure_end').effective_due_on, null);
  r = await mact(officer, mid, 'end_testing', { on: day(0) });
  assert.ok(deadline(r.json, 'seizure_end').effective_due_on);

  r = await mact(officer, mid, 'apply_release', { on: day(0) });
  assert.equal(r.json.state, 'release_applied');
  assert.equal(deadline(r.json, 'release_verification').counting, 'working');
  await mact(head, mid, 'release', { on: day(0), reason: '违法行为已改正' });
  r = await mact(officer, mid, 'serve_release', { on: day(0) });
  assert.equal(r.json.state, 'released');
  assert.ok(r.json.deadlines.every((d) => d.status === 'met'), JSON.stringify(r.json.deadlines));
  const kinds = r.json.documents.map((d) => d.kind);
  for (const k of ['seizure_decision', 'seizure_list', 'seizure_extension', 'seizure_release',
    'service_receipt'])
    assert.ok(kinds.includes(k), k);

  // the case lists its measures
  const list = (await officer.get(`/api/v1/cases/${id}/measures`)).json;
  assert.equal(list.total, 1);
  assert.equal(list.items[0].kind, 'seizure');
});

test('an emergency seizure not approved within 24 hours must be released', async () => {
  const id = await filedWithEvidence();
  const started = new Date(Date.now() - 25 * 3600e3).toISOString();
  let r = await officer.post(`/api/v1/cases/${id}/measures`, { json: { kind: 'seizure',
    decided_on: day(-1), emergency: true, started_at: started, period_days: 30,
    officer_ids: officers(), items: [{ name: '暗管', quantity: '20 米' }] } });
  assert.equal(r.status, 201, r.text);
  const mid = r.json.id;
  assert.equal(r.json.state, 'awaiting_approval');
  let m = await measure(head, mid);
  assert.equal(deadline(m, 'seizure_approval').status, 'overdue');
  assert.equal(deadline(m, 'seizure_approval').counting, 'hours');
  r = await mact(head, mid, 'approve', {}, 422);
  assert.match(r.json.error.fields.at, /24 小时内未补办批准手续/);
  r = await mact(head, mid, 'refuse', { reason: '未及时补办批准' });
  assert.equal(r.json.state, 'release_decided');
  assert.ok(deadline(r.json, 'seizure_release'));
});

test('a daily penalty counts the days after service to the re-inspection, and rounds accumulate', async () => {
  const open = await filedWithEvidence();
  let r = await officer.post(`/api/v1/cases/${open}/measures`, { json: { kind: 'daily_penalty',
    decided_on: day(0) } });
  assert.equal(r.status, 422);
  assert.ok(r.json.error.fields.case);

  const id = await decidedCase(4000000, day(-20));
  // the order to correct follows the penalty decision it builds on
  r = await officer.post(`/api/v1/cases/${id}/measures`, { json: { kind: 'daily_penalty',
    decided_on: day(-21), monitoring_on: day(-22), facts_md: '复查仍超标排放' } });
  assert.equal(r.status, 422, r.text);
  assert.equal(r.json.error.fields.decided_on, '责令改正日期不能早于原行政处罚决定日期');
  r = await officer.post(`/api/v1/cases/${id}/measures`, { json: { kind: 'daily_penalty',
    decided_on: day(-12), monitoring_on: day(-13), facts_md: '复查仍超标排放' } });
  assert.equal(r.status, 201, r.text);
  const mid = r.json.id;
  let m = await measure(officer, mid);
  assert.equal(m.state, 'ordered');
  assert.match(m.doc_no, /改〔\d{4}〕\d+号$/);
  assert.ok(deadline(m, 'correction_service'));

  await mact(officer, mid, 'serve_order', { on: day(-10) });
  r = await mact(officer, mid, 'reinspect', { on: day(0) }, 422);
  assert.ok(r.json.error.fields.continuing);
  r = await mact(officer, mid, 'reinspect', { on: day(0), continuing: true });
  assert.equal(r.json.state, 'continuing');
  assert.equal(r.json.rounds[0].days, 10);
  await mact(officer, mid, 'decide_round', { on: day(0) }, 403);
  r = await mact(head, mid, 'decide_round', { on: day(0) });
  assert.equal(r.json.state, 'awaiting_reinspection');
  assert.equal(r.json.rounds[0].amount_fen, 4000000 * 10);
  assert.equal(r.json.amount_fen, 40000000);
  assert.equal(r.json.rounds[1].counted_from, day(0));
  assert.ok(r.json.documents.some((d) => d.kind === 'daily_penalty_decision' && d.doc_no));
  // corrected at the next re-inspection: no second amount
  r = await mact(officer, mid, 'reinspect', { on: day(0), continuing: false });
  assert.equal(r.json.state, 'corrected');
  assert.equal(r.json.amount_fen, 40000000);
});

test('a production limit: months within the rulebook, one extension, plan, release, follow-up', async () => {
  const id = await filedWithEvidence();
  let r = await leader.post(`/api/v1/cases/${id}/measures`, { json: { kind: 'production_limit',
    decided_on: day(0), period_months: 4 } });
  assert.equal(r.status, 422);
  assert.match(r.json.error.fields.period_months, /1 到 3 个月/);
  r = await leader.post(`/api/v1/cases/${id}/measures`, { json: { kind: 'production_limit',
    decided_on: day(0), period_months: 3, facts_md: '超总量排放' } });
  assert.equal(r.status, 201, r.text);
  const mid = r.json.id;
  await mact(head, mid, 'approve');
  let m = await measure(officer, mid);
  assert.equal(m.state, 'decided');
  assert.equal(deadline(m, 'limit_service').counting, 'working');
  await mact(officer, mid, 'serve', { on: day(0) });
  m = await measure(officer, mid);
  assert.equal(m.state, 'in_force');
  const end = deadline(m, 'limit_end').due_on;
  assert.ok(deadline(m, 'rectification_plan'));
  r = await mact(officer, mid, 'submit_plan', { on: day(0) });
  assert.equal(deadline(r.json, 'rectification_plan').status, 'met');
  await mact(officer, mid, 'submit_plan', { on: day(0) }, 422);
  r = await mact(head, mid, 'extend', { on: day(0), months: 3, reason: '整改工程未完成' });
  assert.ok(deadline(r.json, 'limit_end').due_on > end);
  await mact(head, mid, 'extend', { on: day(0), months: 1, reason: '再延长' }, 422);
  await mact(officer, mid, 'report_completion', { on: day(0) });
  await mact(head, mid, 'release', { on: day(0) });
  m = await measure(officer, mid);
  assert.equal(m.state, 'released');
  assert.ok(deadline(m, 'follow_up_inspection'));
  r = await mact(officer, mid, 'follow_up', { on: day(0) });
  assert.equal(r.json.state, 'followed_up');
});

test('a criminal transfer: two reporters, 24 hours to send, seized items go with it, the case clock waits', async () => {
  const id = await filedWithEvidence();
  let r = await officer.post(`/api/v1/cases/${id}/measures`, { json: { kind: 'seizure',
    decided_on: day(0), period_days: 30, officer_ids: officers(), items: [{ name: '危险废物', quantity: '3 吨' }] } });
  const sid = r.json.id;
  await mact(head, sid, 'approve');

  r = await officer.post(`/api/v1/cases/${id}/transfers`, { json: { kind: 'criminal',
    reported_on: day(0), officer_ids: [idOf('officer1')], persons: [{ name: '赵某' }] } });
  assert.equal(r.status, 422);
  assert.ok(r.json.error.fields.officer_ids);
  r = await officer.post(`/api/v1/cases/${id}/transfers`, { json: { kind: 'criminal',
    reported_on: day(0), officer_ids: officers(), persons: [{ name: '赵某' }, { name: '钱某' }],
    facts_md: '非法处置危险废物三吨以上。' } });
  assert.equal(r.status, 201, r.text);
  const tid = r.json.id;
  let t = await measure(officer, tid, 'transfers');
  assert.equal(deadline(t, 'transfer_approval').counting, 'calendar');
  await mact(head, tid, 'approve', {}, 200, 'transfers');
  t = await measure(officer, tid, 'transfers');
  const due = deadline(t, 'transfer');
  assert.equal(due.counting, 'hours');
  assert.ok(due.due_at.endsWith('+08:00'));
  assert.equal(Date.parse(due.due_at) - Date.parse(t.approved_at), 24 * 3600e3);

  const before = await show(officer, id);
  r = await mact(officer, tid, 'transfer', { police_agency: '某县公安局环境犯罪侦查大队',
    procuratorate_copied_on: day(0), complexity: 'complex', hand_over: true }, 200, 'transfers');
  assert.equal(r.json.state, 'transferred');
  assert.equal(r.json.complexity, 'complex');
  assert.match(r.json.doc_no, /移刑〔\d{4}〕\d+号$/);
  const s = await measure(officer, sid);
  assert.equal(s.state, 'disposed');
  let c = await show(officer, id);
  assert.equal(c.version, before.version + 1);
  const susp = c.suspensions.find((x) => x.kind === 'criminal_transfer');
  assert.ok(susp && susp.to_on === null, JSON.stringify(c.suspensions));
  assert.equal(c.deadlines.find((d) => d.kind === 'decision').effective_due_on >=
    c.deadlines.find((d) => d.kind === 'decision').due_on, true);

  await mact(officer, tid, 'police_accept', { on: day(0) }, 200, 'transfers');
  c = await show(officer, id);
  assert.equal(c.suspensions.find((x) => x.kind === 'criminal_transfer').to_on, day(0));
  r = await mact(officer, tid, 'record_outcome', { on: day(0), persons_coercive: 2 }, 200, 'transfers');
  assert.equal(r.json.persons_coercive, 2);
  assert.equal(r.json.state, 'concluded');
});

test('measures of an unknown id or another bureau answer 404', async () => {
  const nobody = '00000000-0000-4000-8000-000000000000';
  assert.equal((await officer.get(`/api/v1/measures/${nobody}`)).status, 404);
  assert.equal((await officer.get(`/api/v1/transfers/${nobody}`)).status, 404);
  const r = await officer.post(`/api/v1/cases/${nobody}/measures`, { json: { kind: 'seizure',
    decided_on: day(0) } });
  assert.equal(r.status, 404);
  assert.equal((await officer2.get(`/api/v1/cases/${nobody}/measures`)).status, 404);
});
