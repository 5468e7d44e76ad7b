// The penalty case through the API: every outcome end to end, the
// refusals (409 with allowed, 403, 422, stale version), evidence stored
// by hash and re-checked on download, archived cases frozen in the
// database, and gapless document numbers under concurrency.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { psql } from './lib.mjs';
import { day, officer, officer2, leader, legal, head, analyst, newEntity,
  propose, show, act, upload, filedWithEvidence, why } from './caselib.mjs';

test('penalty with hearing, legal review and collective discussion, to the archive', async () => {
  const id = await filedWithEvidence();
  let c = await show(officer, id);
  assert.equal(c.state, 'under_review');
  assert.match(c.case_no, /^.+立〔\d{4}〕\d+号$/);
  assert.deepEqual(c.investigators.map((i) => i.display_name).sort(), ['张伟', '李娜'].sort());

  await act(leader, id, 'notify', { proposed_fine_fen: 60000000, ...why, served_on: day(-1) });
  c = await show(officer, id);
  assert.equal(c.hearing_eligible, true);
  assert.equal(c.legal_review_required, true);
  assert.equal(c.discussion_required, true);
  assert.ok(c.deadlines.some((d) => d.kind === 'statement' && d.counting === 'working'));
  assert.ok(c.deadlines.some((d) => d.kind === 'hearing_request'));

  await act(officer, id, 'request_hearing', { requested_on: day(0) });
  c = await show(officer, id);
  assert.equal(c.state, 'hearing');
  let r0;
  assert.equal(c.suspensions[0].kind, 'hearing');
  assert.equal(c.suspensions[0].to_on, null);

  // the hearing is held by legal staff or a leader, not an officer (the
  // investigator exclusion itself: tests/unit/test_caseflow.c)
  r0 = await act(officer, id, 'record_hearing', { held_on: day(0), record_md: '听证' }, 403);
  assert.match(r0.json.error.message, /角色不能/);
  await act(legal, id, 'record_hearing', { held_on: day(0), record_md: '当事人陈述意见。' });
  await act(legal, id, 'legal_approve', { opinion_md: '事实清楚，证据确凿，同意。' });
  c = await show(head, id);
  assert.equal(c.state, 'collective_discussion');
  await act(head, id, 'record_discussion', { held_on: day(0), record_md: '同意处罚。' });
  // the fine may not rise above the notice
  let r = await act(head, id, 'decide', { outcome: 'penalty', fine_fen: 60000001, ...why, decided_on: day(0) }, 422);
  assert.ok(r.json.error.fields.fine_fen);
  await act(head, id, 'decide', { outcome: 'penalty', fine_fen: 50000000, ...why, decided_on: day(0) });
  c = await show(head, id);
  assert.equal(c.state, 'decided');
  assert.match(c.decision_no, /^.+罚〔\d{4}〕\d+号$/);
  assert.ok(c.deadlines.some((d) => d.kind === 'service'));
  assert.ok(c.deadlines.some((d) => d.kind === 'disclosure'));

  await act(officer, id, 'serve', { served_on: day(0), method: 'direct' });
  c = await show(head, id);
  assert.equal(c.amounts.fine_fen, 50000000);
  assert.equal(c.amounts.outstanding_fen, 50000000);
  assert.ok(c.deadlines.some((d) => d.kind === 'payment'));
  // closing needs the money
  r = await act(head, id, 'close', {}, 422);
  assert.ok(r.json.error.fields.basis);
  await act(officer, id, 'record_payment', { amount_fen: 20000000, paid_on: day(0) });
  await act(officer, id, 'record_payment', { amount_fen: 30000001, paid_on: day(0) }, 422);
  await act(officer, id, 'record_payment', { amount_fen: 30000000, paid_on: day(0) });
  c = await show(head, id);
  assert.equal(c.amounts.outstanding_fen, 0);
  assert.equal(c.deadlines.find((d) => d.kind === 'payment').status, 'met');
  await act(head, id, 'close');
  await act(legal, id, 'archive');
  c = await show(head, id);
  assert.equal(c.state, 'archived');
  assert.deepEqual(c.allowed_actions, []);
  assert.deepEqual(c.history.map((h) => h.action), ['create', 'approve_filing',
    'submit_report', 'assess', 'notify', 'request_hearing', 'record_hearing', 'legal_approve',
    'record_discussion', 'decide', 'serve', 'record_payment', 'record_payment',
    'close', 'archive']);
  const kinds = c.documents.map((d) => d.kind);
  for (const k of ['filing_approval', 'penalty_notice', 'hearing_record', 'legal_review',
    'discussion_record', 'penalty_decision', 'service_receipt', 'closure_approval'])
    assert.ok(kinds.includes(k), k);

  // archived: frozen in the database too, whoever asks
  assert.throws(() => psql(`UPDATE case_file SET summary_md = 'x' WHERE id = '${id}'`),
    /archived/);
  assert.throws(() => psql(`INSERT INTO case_payment (bureau_id, case_id, amount_fen, paid_on)
    SELECT bureau_id, id, 1, current_date FROM case_file WHERE id = '${id}'`), /archived/);
  const ev = await upload(officer, id, new TextEncoder().encode('late'));
  assert.equal(ev.status, 409);
  assert.match(ev.json.error.message, /不能再添加证据/);
});

test('penalty without hearing: a small fine goes straight to the decision', async () => {
  const id = await filedWithEvidence();
  await act(leader, id, 'notify', { proposed_fine_fen: 5000000, ...why, served_on: day(0) });
  let c = await show(head, id);
  assert.equal(c.hearing_eligible, false);
  assert.equal(c.legal_review_required, false);
  assert.ok(c.allowed_actions.includes('decide'));
  assert.ok(!(await show(officer, id)).allowed_actions.includes('request_hearing'));
  // the statement period is still running unless waived
  let r = await act(head, id, 'decide', { outcome: 'penalty', fine_fen: 5000000, ...why, decided_on: day(0) }, 422);
  assert.ok(r.json.error.fields.waived);
  await act(officer, id, 'request_hearing', { requested_on: day(0) }, 422);
  await act(head, id, 'decide', { outcome: 'penalty', fine_fen: 4000000, ...why, decided_on: day(0), waived: true });
  await act(officer, id, 'serve', { served_on: day(0), method: 'mail' });
  await act(officer, id, 'record_payment', { amount_fen: 4000000, paid_on: day(0) });
  await act(head, id, 'close');
  c = await show(head, id);
  assert.equal(c.state, 'closed');
  assert.equal(c.close_basis, 'paid');
});

test('no penalty: decided, served and closed with nothing to execute', async () => {
  const id = await filedWithEvidence({ party_kind: 'individual' });
  await act(leader, id, 'notify', { proposed_fine_fen: 0, served_on: day(0) });
  let r = await act(head, id, 'decide', { outcome: 'no_penalty', decided_on: day(0), waived: true }, 422);
  assert.ok(r.json.error.fields.no_penalty_reason);
  await act(head, id, 'decide', { outcome: 'no_penalty', no_penalty_reason: 'first_offence',
    decided_on: day(0), waived: true });
  let c = await show(head, id);
  assert.match(c.decision_no, /不罚〔\d{4}〕\d+号$/);
  assert.ok(!c.deadlines.some((d) => d.kind === 'disclosure'));
  await act(officer, id, 'serve', { served_on: day(0), method: 'direct' });
  await act(officer, id, 'record_payment', { amount_fen: 1, paid_on: day(0) }, 422);
  await act(head, id, 'close');
  c = await show(head, id);
  assert.equal(c.close_basis, 'nothing_to_execute');
});

test('revoked: the head ends a case, and nothing more happens', async () => {
  const id = await filedWithEvidence();
  await act(leader, id, 'revoke', { reason: '撤销' }, 403);
  await act(head, id, 'revoke', {}, 422);
  await act(head, id, 'revoke', { reason: '违法主体认定错误' });
  const c = await show(head, id);
  assert.equal(c.state, 'revoked');
  assert.deepEqual(c.allowed_actions, []);
  const r = await act(head, id, 'notify', { proposed_fine_fen: 1, ...why, served_on: day(0) }, 409);
  assert.equal(r.json.error.code, 'transition_not_allowed');
  assert.deepEqual(r.json.error.allowed, []);
});

test('refusals: wrong state 409 with allowed, wrong role 403, maker-checker 403, stale 409', async () => {
  const id = await propose();
  // transition not allowed now, with what this user may do
  let r = await act(leader, id, 'decide', { outcome: 'penalty', fine_fen: 1, decided_on: day(0) }, 409);
  assert.equal(r.json.error.code, 'transition_not_allowed');
  assert.match(r.json.error.message, /当前状态下不能执行/);
  assert.deepEqual(r.json.error.allowed.sort(), ['approve_filing', 'reject_filing'].sort());
  // the proposer may not approve the filing (officer1 proposed; give them nothing else)
  r = await act(officer, id, 'approve_filing', {}, 403);
  assert.equal(r.json.error.code, 'forbidden');
  assert.match(r.json.error.message, /审批分离|角色/);
  // a squad leader who proposed a case may not approve its filing
  const own = await leader.post('/api/v1/cases', { json: { entity_id: await newEntity(),
    violation_type: 'no_permit', summary_md: '中队长提出', discovered_on: day(0),
    party_kind: 'organisation' } });
  assert.equal(own.status, 201, own.text);
  r = await leader.post(`/api/v1/cases/${own.json.id}/actions/approve_filing`, { json: { version: 1 } });
  assert.equal(r.status, 403);
  assert.match(r.json.error.message, /审批分离/);
  // an analyst cannot act on cases at all
  r = await analyst.post(`/api/v1/cases/${id}/actions/approve_filing`, { json: { version: 1 } });
  assert.equal(r.status, 403);
  // a stale version
  r = await leader.post(`/api/v1/cases/${id}/actions/approve_filing`, { json: { version: 7 } });
  assert.equal(r.status, 409);
  assert.equal(r.json.error.code, 'stale_version');
  assert.match(r.json.error.message, /已被他人修改/);
  // an unknown action, a missing version
  r = await leader.post(`/api/v1/cases/${id}/actions/approve`, { json: { version: 1 } });
  assert.equal(r.status, 404);
  r = await leader.post(`/api/v1/cases/${id}/actions/approve_filing`, { json: {} });
  assert.equal(r.status, 422);
  assert.ok(r.json.error.fields.version);
  // the report needs evidence
  await act(leader, id, 'approve_filing');
  r = await act(officer, id, 'submit_report', { report_md: '报告' }, 422);
  assert.match(r.json.error.fields.evidence, /至少收集一项证据/);
  assert.ok(!(await show(officer, id)).allowed_actions.includes('submit_report'));
  // nothing was written by the refusals
  const c = await show(head, id);
  assert.equal(c.version, 2);
  assert.equal(c.state, 'investigating');
});

test('bad proposals get 422 naming the field', async () => {
  let r = await officer.post('/api/v1/cases', { json: { entity_id: await newEntity(),
    violation_type: 'nope', summary_md: 'x', discovered_on: day(0), party_kind: 'organisation' } });
  assert.equal(r.status, 422, r.text);
  assert.ok(r.json.error.fields.violation_type);
  r = await officer.post('/api/v1/cases', { json: { entity_id: await newEntity(),
    violation_type: 'no_permit', summary_md: 'x', discovered_on: day(5), party_kind: 'company' } });
  assert.equal(r.status, 422);
  assert.ok(r.json.error.fields.discovered_on);
  assert.ok(r.json.error.fields.party_kind);
  r = await legal.post('/api/v1/cases', { json: {} });
  assert.equal(r.status, 403);
});

// Two values of one rule in force on the same day are a broken rulebook:
// the case is not shown on either of them, and the log names the rule.
test('a rule with two values in force on one day refuses the case page, never picks one', async () => {
  const id = await propose();
  const b = psql("SELECT id FROM bureau WHERE code = 'demo'");
  psql(`INSERT INTO rule (bureau_id, key, value, effective_from, note)
    VALUES ('${b}', 'surcharge.cap_percent', 50, DATE '2000-01-02', 'overlap test')`);
  try {
    const r = await officer.get(`/api/v1/cases/${id}`);
    assert.equal(r.status, 500);
    assert.equal(r.json.error.code, 'internal');
    assert.match(r.json.error.message, /服务器内部错误/);
    const { readFileSync } = await import('node:fs');
    const log = readFileSync(`${process.env.GS_TEST_DIR}/kore.log`, 'utf8');
    assert.match(log, /rulebook: two values of surcharge\.cap_percent/);
  } finally {
    psql(`DELETE FROM rule WHERE bureau_id = '${b}' AND note = 'overlap test'`);
  }
  assert.equal((await officer.get(`/api/v1/cases/${id}`)).status, 200);
});

// scripts/integration.sh sets the evidence limit to 5 MiB (the default is
// 200): a file above Kore's 4 MiB disk spool still passes and round-trips,
// one above the limit is refused with the limit named and leaves nothing.
test('evidence above the limit gets 413 with the limit, a large one below it is kept whole', async () => {
  const id = await propose();
  const { randomBytes, createHash } = await import('node:crypto');
  const big = new Uint8Array(randomBytes(4.5 * 1024 * 1024));
  const up = await upload(officer, id, big, '现场视频.mp4');
  assert.equal(up.status, 201, JSON.stringify(up.json));
  assert.equal(up.json.size, big.length);
  assert.equal(up.json.sha256, createHash('sha256').update(big).digest('hex'));
  const dl = await fetch(`${process.env.GS_URL}/api/v1/evidence/${up.json.id}/content`,
    { headers: { cookie: officer.cookieHeader(), 'x-forwarded-for': officer.addr } });
  assert.equal(dl.status, 200);
  const got = new Uint8Array(await dl.arrayBuffer());
  assert.equal(createHash('sha256').update(got).digest('hex'), up.json.sha256);

  const before = (await show(officer, id)).evidence_count;
  const tooBig = await upload(officer, id, new Uint8Array(5.5 * 1024 * 1024), '太大.mp4');
  assert.equal(tooBig.status, 413);
  assert.equal(tooBig.json.error.code, 'too_large');
  assert.match(tooBig.json.error.message, /上限为 5 MiB/);
  assert.equal((await show(officer, id)).evidence_count, before);
});

test('evidence is stored by its SHA-256, downloaded as an attachment, and a changed byte is an alarm', async () => {
  const id = await propose();
  const { randomBytes } = await import('node:crypto');
  const bytes = new Uint8Array(randomBytes(300000));
  const up = await upload(officer, id, bytes, '现场照片 1.jpg');
  assert.equal(up.status, 201, JSON.stringify(up.json));
  const { createHash } = await import('node:crypto');
  assert.equal(up.json.sha256, createHash('sha256').update(bytes).digest('hex'));
  assert.equal(up.json.size, 300000);
  const dl = await fetch(`${process.env.GS_URL}/api/v1/evidence/${up.json.id}/content`,
    { headers: { cookie: officer.cookieHeader(), 'x-forwarded-for': officer.addr } });
  assert.equal(dl.status, 200);
  assert.match(dl.headers.get('content-disposition'), /^attachment;.*filename\*=UTF-8''%E7%8E%B0/);
  const got = new Uint8Array(await dl.arrayBuffer());
  assert.equal(createHash('sha256').update(got).digest('hex'), up.json.sha256);

  // the same bytes again are stored once
  const again = await upload(officer, id, bytes, 'copy.jpg');
  assert.equal(again.json.sha256, up.json.sha256);

  // one byte changed on disk: the download refuses and the custody log says so
  const { readFileSync, writeFileSync, chmodSync } = await import('node:fs');
  const path = `${process.env.GS_VAR_DIR}/evidence/${up.json.sha256.slice(0, 2)}/${up.json.sha256}`;
  const stored = readFileSync(path);
  stored[1000] ^= 1;
  chmodSync(path, 0o600);
  writeFileSync(path, stored);
  const bad = await officer.get(`/api/v1/evidence/${up.json.id}/content`);
  assert.equal(bad.status, 500);
  assert.equal(bad.json.error.code, 'evidence_integrity');
  assert.match(bad.json.error.message, /SHA-256 不一致/);
  const meta = await officer.get(`/api/v1/evidence/${up.json.id}`);
  assert.deepEqual(meta.json.custody.map((e) => e.action),
    ['uploaded', 'downloaded', 'hash_mismatch', 'viewed']);

  // bad metadata names its field; another bureau's case is not found
  const form = new FormData();
  form.append('kind', 'rumour');
  form.append('collected_on', 'yesterday');
  form.append('file', new Blob(['x']), 'x.txt');
  const res = await fetch(`${process.env.GS_URL}/api/v1/cases/${id}/evidence`, {
    method: 'POST', body: form, headers: { cookie: officer.cookieHeader(),
      'x-csrf-token': officer.csrf, 'x-forwarded-for': officer.addr } });
  assert.equal(res.status, 422);
  const err = (await res.json()).error.fields;
  assert.ok(err.kind && err.collected_on && err.description);
});

test('many decisions at once get unique, gapless numbers', async () => {
  const ids = [];
  for (let i = 0; i < 12; i++) {
    const id = await filedWithEvidence({ party_kind: 'individual' });
    await act(leader, id, 'notify', { proposed_fine_fen: 100000, ...why, served_on: day(0) });
    ids.push(id);
  }
  const before = Number(psql(`SELECT coalesce(max(last), 0) FROM doc_counter
    WHERE kind = 'penalty_decision'`));
  const versions = await Promise.all(ids.map(async (id) => (await show(head, id)).version));
  const rs = await Promise.all(ids.map((id, i) => head.post(`/api/v1/cases/${id}/actions/decide`,
    { json: { version: versions[i], outcome: 'penalty', fine_fen: 100000, ...why, decided_on: day(0), waived: true } })));
  for (const r of rs) assert.equal(r.status, 200, r.text);
  const nums = rs.map((r) => Number(/〔\d{4}〕(\d+)号/.exec(r.json.decision_no)[1])).sort((a, b) => a - b);
  assert.deepEqual(nums, Array.from({ length: 12 }, (_, i) => before + 1 + i));
});

test('the list filters by state, search and mine', async () => {
  const id = await propose();
  const c = await show(head, id);
  let r = await head.get(`/api/v1/cases?state=proposed&q=${encodeURIComponent(c.entity_name)}`);
  assert.equal(r.status, 200);
  assert.ok(r.json.items.some((i) => i.id === id));
  assert.ok(r.json.items.every((i) => i.state === 'proposed'));
  r = await officer2.get('/api/v1/cases?mine=1&per_page=200');
  assert.ok(r.json.items.some((i) => i.id === id));
  r = await head.get('/api/v1/cases?state=bogus');
  assert.equal(r.status, 422);
  r = await head.get(`/api/v1/cases?q=${c.entity_uscc.slice(0, 12)}`);
  assert.ok(r.json.items.some((i) => i.id === id));
});

test('the discretion calculator: preview, assess, and a departure needs a reason', async () => {
  const types = await officer.get('/api/v1/violation-types');
  assert.deepEqual(types.json.factors.map((f) => f.code), ['impact', 'duration', 'repeat', 'complaints']);
  assert.deepEqual(types.json.factors[0].tiers, [0, 6, 18, 32]);
  // base 10 % + impact 18 % + repeat 5 % = 33 % of ¥1,000,000
  let r = await officer.get('/api/v1/discretion?violation_type=over_standard_discharge&impact=2&repeat=1');
  assert.equal(r.status, 200, r.text);
  assert.equal(r.json.amount_fen, 33000000);
  assert.match(r.json.derivation, /环境影响程度：较重 18%/);
  r = await officer.get('/api/v1/discretion?violation_type=over_standard_discharge&impact=9');
  assert.equal(r.status, 422, r.text);
  r = await officer.get('/api/v1/discretion?violation_type=no_eia&impact=1');
  assert.equal(r.status, 422, r.text);
  assert.match(r.json.error.message, /investment_fen/);
  // 1 % of a ¥10,000,000 investment is the floor of the no-EIA range
  r = await officer.get('/api/v1/discretion?violation_type=no_eia&impact=0&investment_fen=1000000000');
  assert.equal(r.json.amount_fen, 10000000);

  const id = await propose();
  await act(leader, id, 'approve_filing');
  const ev = await upload(officer, id, new TextEncoder().encode(`evidence ${id}`));
  assert.equal(ev.status, 201);
  await act(officer, id, 'submit_report', { report_md: '调查终结。' });
  r = await act(leader, id, 'notify', { proposed_fine_fen: 33000000, served_on: day(0) }, 422);
  assert.ok(r.json.error.fields.discretion, r.text);
  r = await act(leader, id, 'assess', { factors: { impact: 7 } }, 422);
  assert.ok(r.json.error.fields.factors, r.text);
  await act(leader, id, 'assess', { factors: { impact: 2, repeat: 1 } });
  let c = await show(officer, id);
  assert.equal(c.discretion_fen, 33000000);
  assert.match(c.discretion_detail, /33%/);
  r = await act(leader, id, 'notify', { proposed_fine_fen: 30000000, served_on: day(0) }, 422);
  assert.ok(r.json.error.fields.discretion_reason, r.text);
  await act(leader, id, 'notify', { proposed_fine_fen: 33000000, served_on: day(0) });
  c = await show(officer, id);
  assert.equal(c.discretion_reason, null);
  await act(officer, id, 'submit_legal_review', { waived: true });
  await act(legal, id, 'legal_approve', { opinion_md: '同意。' });
  r = await act(head, id, 'decide', { outcome: 'penalty', fine_fen: 30000000, decided_on: day(0) }, 422);
  assert.ok(r.json.error.fields.discretion_reason, r.text);
  await act(head, id, 'decide', { outcome: 'penalty', fine_fen: 30000000, decided_on: day(0),
    discretion_reason: '当事人积极整改，从轻处罚' });
  c = await show(head, id);
  assert.equal(c.discretion_reason, '当事人积极整改，从轻处罚');
});

test('the list names an entity newer than the registry copy a worker holds', async () => {
  const list = () => officer.get('/api/v1/cases?per_page=5');
  // Every worker holds the registry as of the counter now.
  await Promise.all(Array.from({ length: 12 }, list));
  const bureau = psql("SELECT id FROM bureau WHERE code = 'demo'");
  const rev = psql(`SELECT registry FROM bureau_rev WHERE bureau_id = '${bureau}'`);
  const id = await propose();
  const entity = (await show(officer, id)).entity_id;
  // As if the list's session lookup had run before the entity was made.
  psql(`UPDATE bureau_rev SET registry = ${rev} WHERE bureau_id = '${bureau}'`);
  try {
    const rows = await Promise.all(Array.from({ length: 12 }, list));
    for (const r of rows) {
      assert.equal(r.status, 200, r.text);
      const row = r.json.items.find((c) => c.id === id);
      assert.ok(row, 'the new case is first by time');
      assert.equal(row.entity_id, entity);
      assert.match(row.entity_name, /\S/);
      assert.equal(row.entity_name, psql(`SELECT name FROM entity WHERE id = '${entity}'`));
    }
  } finally {
    psql(`UPDATE bureau_rev SET registry = registry + 2 WHERE bureau_id = '${bureau}'`);
  }
});
