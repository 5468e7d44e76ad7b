// Shared by the case suites: signed-in users of each role, and a case
// driven through the API step by step.
import assert from 'node:assert/strict';
import { signedIn, entityBody } from './lib.mjs';

// Today as the server sees it (Asia/Shanghai), and days before it.
export function day(offset = 0) {
  const t = new Date(Date.now() + 8 * 3600e3 + offset * 86400e3);
  return t.toISOString().slice(0, 10);
}

export const officer = await signedIn('officer1');
export const officer2 = await signedIn('officer2');
export const leader = await signedIn('leader1');
export const legal = await signedIn('legal1');
export const head = await signedIn('head1');
export const analyst = await signedIn('analyst1');

export const users = (await head.get('/api/v1/users')).json.items;
export const idOf = (name) => users.find((u) => u.username === name).id;

export async function newEntity() {
  const r = await officer.post('/api/v1/entities', { json: entityBody() });
  assert.equal(r.status, 201, r.text);
  return r.json.id;
}

export async function propose(overrides = {}) {
  const r = await officer.post('/api/v1/cases', { json: {
    entity_id: await newEntity(), violation_type: 'over_standard_discharge',
    summary_md: '废水总排口化学需氧量超标 **1.8 倍**。', discovered_on: day(-3),
    party_kind: 'organisation', investigator_ids: [idOf('officer2')], ...overrides } });
  assert.equal(r.status, 201, r.text);
  assert.equal(r.json.state, 'proposed');
  return r.json.id;
}

export async function show(c, id) {
  const r = await c.get(`/api/v1/cases/${id}`);
  assert.equal(r.status, 200, r.text);
  return r.json;
}

export async function act(c, id, action, body = {}, expect = 200) {
  const { version } = await show(head, id);
  const r = await c.post(`/api/v1/cases/${id}/actions/${action}`, { json: { version, ...body } });
  assert.equal(r.status, expect, `${action}: ${r.text}`);
  return r;
}

export async function upload(c, id, bytes, name = '监测报告.pdf') {
  const form = new FormData();
  form.append('kind', 'monitoring_report');
  form.append('description', '第三方监测报告');
  form.append('collected_on', day(-2));
  form.append('file', new Blob([bytes]), name);
  const res = await fetch(`${process.env.GS_URL}/api/v1/cases/${id}/evidence`, {
    method: 'POST', body: form, headers: { cookie: c.cookieHeader(),
      'x-csrf-token': c.csrf, 'x-forwarded-for': c.addr } });
  return { status: res.status, json: await res.json() };
}

// Filed and investigated with evidence, ready for the report.
export async function filedWithEvidence(overrides) {
  const id = await propose(overrides);
  await act(leader, id, 'approve_filing');
  const ev = await upload(officer, id, new TextEncoder().encode(`evidence ${id}`));
  assert.equal(ev.status, 201, JSON.stringify(ev.json));
  await act(officer, id, 'submit_report', { report_md: '调查终结，违法事实清楚。' });
  await act(leader, id, 'assess', { factors: { impact: 1 } });
  return id;
}

// These tests pick fines for the thresholds they exercise, not the
// calculator's amount: each says why (the departure rule).
export const why = { discretion_reason: '按测试所需的数额' };

