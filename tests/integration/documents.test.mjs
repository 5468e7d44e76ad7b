// The legal documents as A4 print pages: a decision prints with its
// number, the party, the facts in Markdown (escaped), the evidence, the
// discretion and the rights; another bureau's document is not found.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Client } from './lib.mjs';
import { officer, leader, legal, head, analyst, propose, show, act, upload, why, day }
  from './caselib.mjs';

async function decided() {
  const id = await propose({ summary_md: '排口废水超标。<script>alert(1)</script> **严重**' });
  await act(leader, id, 'approve_filing');
  assert.equal((await upload(officer, id, new TextEncoder().encode(`d ${id}`))).status, 201);
  await act(officer, id, 'submit_report', { report_md: '调查终结。' });
  await act(leader, id, 'assess', { factors: { impact: 1 } });
  await act(leader, id, 'notify', { proposed_fine_fen: 16000000, served_on: day(0) });
  await act(officer, id, 'submit_legal_review', { waived: true });
  return id;
}

test('a penalty decision prints as an official document', async () => {
  const id = await decided();
  await act(legal, id, 'legal_approve', { opinion_md: '同意。' });
  await act(head, id, 'decide', { outcome: 'penalty', fine_fen: 15000000, decided_on: day(0),
    ...why });
  const c = await show(head, id);
  const doc = c.documents.find((d) => d.kind === 'penalty_decision');
  const r = await officer.get(`/documents/${doc.id}`);
  assert.equal(r.status, 200, r.text.slice(0, 300));
  assert.match(r.headers.get('content-type'), /text\/html/);
  const html = r.text;
  assert.ok(html.includes('行政处罚决定书'));
  assert.ok(html.includes(c.decision_no), c.decision_no);
  assert.ok(html.includes(c.entity_name));
  assert.ok(html.includes('罚款人民币 150,000.00 元'), 'the fine in yuan');
  assert.ok(html.includes('<strong>严重</strong>'), 'Markdown rendered');
  assert.ok(!html.includes('<script>alert'), 'raw HTML never passes');
  assert.ok(html.includes('监测报告：第三方监测报告'), 'the evidence listed');
  assert.ok(html.includes('按测试所需的数额'), 'the departure reason');
  assert.ok(html.includes('六十日内'), 'the rights to reconsideration');
  assert.match(html, /css\/print\.css/);
  // the notice, with the hearing right only when eligible
  const notice = c.documents.find((d) => d.kind === 'penalty_notice');
  const n = await officer.get(`/documents/${notice.id}`);
  assert.ok(n.text.includes('陈述、申辩'));
  assert.ok(n.text.includes('要求举行听证') === c.hearing_eligible);
  // roles without case.read, and unknown ids
  assert.equal((await analyst.get(`/documents/${doc.id}`)).status, 403);
  assert.equal((await officer.get('/documents/00000000-0000-4000-8000-000000000000')).status, 404);
});

test('the public disclosure shows published decisions only, masked, and withdraws on revoke', async () => {
  const anon = new Client();
  const id = await decided();
  await act(legal, id, 'legal_approve', { opinion_md: '同意。' });
  const before = (await anon.get('/api/v1/disclosure/demo')).json.total;
  await act(head, id, 'decide', { outcome: 'penalty', fine_fen: 16000000, decided_on: day(0) });
  let c = await show(head, id);
  assert.equal(c.deadlines.find((d) => d.kind === 'disclosure').status, 'met');
  let list = await anon.get('/api/v1/disclosure/demo');
  assert.equal(list.status, 200, list.text);
  assert.equal(list.json.total, before + 1);
  const item = list.json.items.find((i) => i.decision_no === c.decision_no);
  assert.ok(item, list.text.slice(0, 300));
  assert.equal(item.party, c.entity_name);
  assert.equal(item.fine_fen, 16000000);
  assert.match(item.penalty, /罚款 160,000.00 元/);
  // only the public fields: no narrative, no ids, no 副卷
  assert.deepEqual(Object.keys(item).sort(), ['bureau', 'decided_on', 'decision_no', 'fine_fen',
    'legal_basis', 'party', 'penalty', 'published_on', 'uscc', 'violation']);
  const page = await anon.get('/disclosure/demo');
  assert.equal(page.status, 200);
  assert.ok(page.text.includes(c.decision_no));
  assert.ok(!page.text.includes('排口废水超标'), 'the facts stay inside');
  // revoking withdraws it
  await act(head, id, 'revoke', { reason: '复议撤销' });
  list = await anon.get('/api/v1/disclosure/demo?page=1');
  assert.ok(!list.json.items.some((i) => i.decision_no === c.decision_no));
  assert.equal(list.json.total, before);
  assert.equal((await anon.get('/disclosure/NOT_A_CODE')).status, 404);
});

test('an individual party is masked on the public page', async () => {
  const anon = new Client();
  const id = await propose({ party_kind: 'individual' });
  await act(leader, id, 'approve_filing');
  assert.equal((await upload(officer, id, new TextEncoder().encode(`i ${id}`))).status, 201);
  await act(officer, id, 'submit_report', { report_md: '调查终结。' });
  await act(leader, id, 'assess', { factors: { impact: 0 } });
  await act(leader, id, 'notify', { proposed_fine_fen: 300000, served_on: day(0), ...why });
  await act(head, id, 'decide', { outcome: 'penalty', fine_fen: 300000, decided_on: day(0),
    waived: true, ...why });
  const c = await show(head, id);
  const list = await anon.get('/api/v1/disclosure/demo?page=1');
  const item = list.json.items.find((i) => i.decision_no === c.decision_no);
  assert.ok(item);
  assert.equal(item.uscc, null);
  assert.notEqual(item.party, c.entity_name);
  assert.equal(item.party[0], c.entity_name[0]);
  assert.match(item.party, /^.\*+$/);
});

test('the dossier exports as a signed ZIP that gsctl verifies, and rejects after one byte changes', async () => {
  const { gsctl } = await import('./lib.mjs');
  const { writeFileSync, mkdtempSync } = await import('node:fs');
  const { join } = await import('node:path');
  const { tmpdir } = await import('node:os');
  const id = await decided();
  const bytes = new Uint8Array(256 * 1024).map((_, i) => (i * 7) & 255);
  const ev = await upload(officer, id, bytes, '现场照片.jpg');
  assert.equal(ev.status, 201);
  await act(legal, id, 'legal_approve', { opinion_md: '事实清楚。' });
  await act(head, id, 'decide', { outcome: 'penalty', fine_fen: 16000000, decided_on: day(0) });
  await act(officer, id, 'serve', { served_on: day(0), method: 'direct' });
  await act(officer, id, 'record_payment', { amount_fen: 16000000, paid_on: day(0) });
  await act(head, id, 'close');
  await act(legal, id, 'archive');

  // the view: 正卷 before 副卷, the decision first
  const view = await officer.get(`/cases/${id}/dossier`);
  assert.equal(view.status, 200);
  const t = view.text;
  assert.ok(t.includes('卷内目录') && t.includes('行政处罚案卷'));
  assert.ok(t.indexOf('正卷') < t.indexOf('副卷'));
  assert.ok(t.indexOf('行政处罚决定书') < t.indexOf('立案审批表'));
  assert.ok(t.indexOf('法制审核意见书') > t.indexOf('副卷'));

  const res = await fetch(`${process.env.GS_URL}/cases/${id}/dossier/export`, {
    headers: { cookie: officer.cookieHeader(), 'x-forwarded-for': officer.addr } });
  assert.equal(res.status, 200);
  assert.equal(res.headers.get('content-type'), 'application/zip');
  assert.match(res.headers.get('content-disposition'), /^attachment;/);
  const zip = Buffer.from(await res.arrayBuffer());
  // the custody log of the evidence names the export (the case is archived)
  const meta = await officer.get(`/api/v1/evidence/${ev.json.id}`);
  assert.deepEqual(meta.json.custody.map((e) => e.action), ['uploaded', 'exported', 'viewed']);
  const dir = mkdtempSync(join(tmpdir(), 'gs-dossier-'));
  const file = join(dir, 'dossier.zip');
  writeFileSync(file, zip);
  let v = gsctl(['verify-dossier', file]);
  assert.equal(v.status, 0, v.stdout + v.stderr);
  assert.match(v.stdout, /^verified: /);
  const key = /key ed25519:([0-9a-f]{16})/.exec(v.stdout)[1];
  // pinned to the key the bureau publishes
  const pub = (await officer.get('/api/v1/dossier-key')).json.public_key;
  assert.ok(pub.startsWith(`ed25519:${key}`), pub);
  v = gsctl(['verify-dossier', file, '--public-key', pub]);
  assert.equal(v.status, 0, v.stdout + v.stderr);
  // the evidence's bytes are in the archive as stored: change one
  const at = zip.indexOf(Buffer.from(bytes.subarray(1000, 1064)));
  assert.ok(at > 0, 'the evidence bytes are in the archive');
  const bad = Buffer.from(zip);
  bad[at] ^= 1;
  writeFileSync(file, bad);
  v = gsctl(['verify-dossier', file]);
  assert.equal(v.status, 1, v.stdout + v.stderr);
  assert.match(v.stdout + v.stderr, /REJECTED: .*现场照片\.jpg/);
});

test('a dossier whose stored evidence changed is not exported, and the custody log says so', async () => {
  const { readFileSync, writeFileSync, chmodSync } = await import('node:fs');
  const id = await propose();
  await act(leader, id, 'approve_filing');
  const bytes = new TextEncoder().encode(`dossier tamper ${id} `.repeat(200));
  const up = await upload(officer, id, bytes, '现场照片.jpg');
  assert.equal(up.status, 201);
  const path = `${process.env.GS_VAR_DIR}/evidence/${up.json.sha256.slice(0, 2)}/${up.json.sha256}`;
  const stored = readFileSync(path);
  stored[100] ^= 1;
  chmodSync(path, 0o600);
  writeFileSync(path, stored);
  const r = await officer.get(`/cases/${id}/dossier/export`);
  assert.equal(r.status, 500);
  assert.match(r.text, /证据文件校验失败：存储内容与登记的 SHA-256 不一致，案卷未导出/);
  const meta = await officer.get(`/api/v1/evidence/${up.json.id}`);
  assert.ok(meta.json.custody.some((e) => e.action === 'hash_mismatch'), meta.text);
});
