// The case screens (HTML): proposing through the form, acting through the
// forms of the case page (the same reader and services as the API), the
// refusals shown on the page in Chinese, CSRF, escaping, the list, the
// start page and the work queues.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { signedIn, entityBody, psql } from './lib.mjs';

function day(offset = 0) {
  const t = new Date(Date.now() + 8 * 3600e3 + offset * 86400e3);
  return t.toISOString().slice(0, 10);
}

const officer = await signedIn('officer1');
const leader = await signedIn('leader1');
const legal = await signedIn('legal1');
const head = await signedIn('head1');

const users = (await head.get('/api/v1/users')).json.items;
const idOf = (name) => users.find((u) => u.username === name).id;

// Posts a form as a browser does: the token in the _csrf field, no header.
function post(c, path, fields, opts = {}) {
  const pairs = Array.isArray(fields) ? fields : Object.entries(fields);
  const form = opts.noToken ? pairs : [['_csrf', c.csrf], ...pairs];
  return c.post(path, { form, csrf: false });
}

async function newEntity(overrides = {}) {
  const r = await officer.post('/api/v1/entities', { json: entityBody(overrides) });
  assert.equal(r.status, 201, r.text);
  return r.json.id;
}

async function proposeByForm(extra = []) {
  const entity = await newEntity();
  const r = await post(officer, '/cases', [['entity_id', entity], ['party_kind', 'organisation'],
    ['violation_type', 'over_standard_discharge'], ['discovered_on', day(-2)],
    ['summary_md', '废水总排口化学需氧量超标。'], ['investigator_ids', idOf('officer2')], ...extra]);
  assert.equal(r.status, 303, r.text.slice(0, 500));
  const m = /^\/cases\/([0-9a-f-]{36})$/.exec(r.headers.get('location'));
  assert.ok(m, r.headers.get('location'));
  return m[1];
}

async function page(c, id, status = 200) {
  const r = await c.get(`/cases/${id}`);
  assert.equal(r.status, status, r.text.slice(0, 300));
  return r.text;
}

function versionOf(html) {
  return /name="version" value="(\d+)"/.exec(html)[1];
}

async function act(c, id, action, fields = {}, expect = 303) {
  const version = versionOf(await page(c, id));
  const r = await post(c, `/cases/${id}/actions/${action}`, { version, ...fields });
  assert.equal(r.status, expect, `${action}: ${r.status} ${r.text.slice(0, 400)}`);
  return r;
}

async function apiCase(id) {
  const r = await head.get(`/api/v1/cases/${id}`);
  assert.equal(r.status, 200, r.text);
  return r.json;
}

async function uploadByForm(c, id, fields = {}) {
  const form = new FormData();
  form.append('_csrf', c.csrf);
  for (const [k, v] of Object.entries({ kind: 'monitoring_report',
    description: '第三方监测报告', collected_on: day(-1), ...fields }))
    form.append(k, v);
  form.append('file', new Blob([`report ${id} ${Math.random()}`]), '监测报告.pdf');
  const res = await fetch(`${process.env.GS_URL}/cases/${id}/evidence`, { method: 'POST',
    body: form, redirect: 'manual', headers: { cookie: c.cookieHeader(),
      'x-forwarded-for': c.addr } });
  for (const cookie of res.headers.getSetCookie()) { // the flash, as a browser keeps it
    const [pair] = cookie.split(';');
    const i = pair.indexOf('=');
    c.cookies.set(pair.slice(0, i), pair.slice(i + 1));
  }
  return { status: res.status, location: res.headers.get('location'), text: await res.text() };
}

test('an officer proposes a case through the form and lands on its page', async () => {
  const form = await officer.get('/cases/new');
  assert.equal(form.status, 200);
  assert.match(form.text, /name="_csrf" value="[^"]+"/);
  assert.match(form.text, /<option value="over_standard_discharge">/);
  // the party is found by a piece of its name, as in the registry
  const name = `青山化工${Date.now() % 100000}有限公司`;
  const entity = await newEntity({ name });
  const found = await officer.get(`/cases/new?entity_q=${encodeURIComponent(name.slice(0, 9))}`);
  assert.match(found.text, new RegExp(`name="entity_id" value="${entity}"`));

  const id = await proposeByForm();
  const html = await page(officer, id);
  assert.match(html, /待立案审批/);
  assert.match(html, /立案审查/); // the filing-decision clock
  assert.match(html, /张伟/);
  assert.match(html, /李娜/);
  assert.match(html, /立案申请已提交/);
  const c = await apiCase(id);
  assert.equal(c.state, 'proposed');
  assert.deepEqual(c.investigators.map((i) => i.display_name).sort(), ['张伟', '李娜'].sort());
  // an officer who proposed may not approve: no such button for them
  assert.doesNotMatch(html, /actions\/approve_filing/);
  assert.match(await page(leader, id), /actions\/approve_filing/);
});

test('a bad proposal comes back with the error next to its field and the input kept', async () => {
  const entity = await newEntity();
  const r = await post(officer, '/cases', { entity_id: entity, party_kind: 'organisation',
    violation_type: '', discovered_on: day(3), summary_md: '现场发现 <b>暗管</b>' });
  assert.equal(r.status, 422);
  assert.match(r.text, /请选择违法行为类型/);
  assert.match(r.text, /发现日期不能晚于今天/);
  // what was typed is kept, escaped, and the party stays chosen
  assert.match(r.text, /现场发现 &lt;b&gt;暗管&lt;\/b&gt;<\/textarea>/);
  assert.match(r.text, new RegExp(`value="${entity}" checked`));
  // an inspection that does not exist is named as such
  const bad = await post(officer, '/cases', { entity_id: entity, party_kind: 'organisation',
    violation_type: 'no_permit', discovered_on: day(0), summary_md: 'x',
    inspection_id: '00000000-0000-4000-8000-000000000000' });
  assert.equal(bad.status, 422);
  assert.match(bad.text, /检查记录不存在/);
});

test('the inspection and clue given in the URL travel in hidden fields', async () => {
  const entity = await newEntity();
  const insp = psql(`INSERT INTO inspection (bureau_id, entity_id, inspected_on, findings_md, outcome)
    SELECT bureau_id, id, '${day(0)}', '发现暗管', 'violation_found' FROM entity
    WHERE id = '${entity}' RETURNING id`).split('\n')[0];
  const r = await officer.get(`/cases/new?entity_id=${entity}&inspection_id=${insp}`);
  assert.equal(r.status, 200);
  assert.equal(r.text.match(new RegExp(`name="inspection_id" value="${insp}"`, 'g')).length, 2);
  assert.match(r.text, new RegExp(`value="${entity}" checked`));
  const id = await proposeByForm([['inspection_id', insp]]);
  assert.equal((await apiCase(id)).inspection_id, insp);
});

test('filing, evidence and the report through the forms', async () => {
  const id = await proposeByForm();
  await act(leader, id, 'approve_filing');
  assert.match(await page(leader, id), /<div class="flash" role="status">已办理<\/div>/);
  let html = await page(officer, id);
  assert.match(html, /调查取证/);
  assert.match(html, /立〔\d{4}〕\d+号/);
  assert.match(html, /\/documents\/[0-9a-f-]{36}/); // the filing approval form's print page

  // the report needs evidence: the guard names it on the page
  // (its form is not offered until then: only allowed actions are)
  assert.doesNotMatch(html, /actions\/submit_report/);
  const r = await act(officer, id, 'submit_report', { report_md: '调查终结。' }, 422);
  assert.match(r.text, /提交调查报告未完成：调查终结前须至少收集一项证据/);

  // bad evidence metadata: the upload form comes back with its errors
  let up = await uploadByForm(officer, id, { kind: 'rumour', description: '' });
  assert.equal(up.status, 422);
  assert.match(up.text, /证据种类只能是/);
  assert.match(up.text, /请填写证据说明/);
  up = await uploadByForm(officer, id);
  assert.equal(up.status, 303, up.text.slice(0, 300));
  assert.equal(up.location, `/cases/${id}#evidence`);
  html = await page(officer, id);
  assert.match(html, /证据已上传/);
  assert.match(html, /href="\/api\/v1\/evidence\/[0-9a-f-]{36}\/content"/);
  assert.match(html, /监测报告/);

  await act(officer, id, 'submit_report', { report_md: '## 调查结论\n\n违法事实清楚。' });
  html = await page(officer, id);
  assert.match(html, /案件审查/);
  assert.match(html, /<h2>调查结论<\/h2>/); // the report, rendered from Markdown
});

test('notify and decide take yuan; the history keeps the fields as the API would', async () => {
  const id = await proposeByForm();
  await act(leader, id, 'approve_filing');
  assert.equal((await uploadByForm(officer, id)).status, 303);
  await act(officer, id, 'submit_report', { report_md: '违法事实清楚。' });
  // the calculator first (its selects are named factors.<code>)
  await act(leader, id, 'assess', { 'factors.impact': '1', 'factors.repeat': '0' });
  let c = await apiCase(id);
  assert.equal(c.discretion_fen, 16000000);
  assert.match(await page(officer, id), /裁量计算结果<\/dt><dd>160,000\.00 元/);
  // a notice that departs from it says why
  let r = await act(leader, id, 'notify', { proposed_fine_yuan: '50,000', served_on: day(0) }, 422);
  assert.match(r.text, /偏离裁量计算结果的理由——罚款数额与裁量计算结果不一致/);
  await act(leader, id, 'notify', { proposed_fine_yuan: '50,000', other_penalties: 'warning',
    served_on: day(0), discretion_reason: '首次违法，积极整改' });
  c = await apiCase(id);
  assert.equal(c.state, 'notified');
  assert.equal(c.proposed_fine_fen, 5000000);
  assert.deepEqual(c.other_penalties, ['warning']);
  const notice = c.history.find((h) => h.action === 'notify');
  assert.equal(notice.detail.proposed_fine_fen, 5000000);
  assert.deepEqual(notice.detail.other_penalties, ['warning']);
  let html = await page(officer, id);
  assert.match(html, /50,000\.00 元/);

  // a malformed amount is refused next to its field, before the service
  r = await act(head, id, 'decide', { outcome: 'penalty', fine_yuan: '4万', decided_on: day(0), waived: '1' }, 422);
  assert.match(r.text, /金额格式不正确/);
  // more than the notice: the guard names the fine
  r = await act(head, id, 'decide', { outcome: 'penalty', fine_yuan: '50000.01', decided_on: day(0), waived: '1' }, 422);
  assert.match(r.text, /罚款金额（元）——罚款数额不得高于告知书中的拟罚款数额/);
  assert.match(r.text, /value="50000\.01"/);
  await act(head, id, 'decide', { outcome: 'penalty', fine_yuan: '40000', decided_on: day(0), waived: '1',
    discretion_reason: '首次违法，积极整改' });
  c = await apiCase(id);
  assert.equal(c.state, 'decided');
  assert.equal(c.fine_fen, 4000000);
  html = await page(head, id);
  assert.match(html, /罚〔\d{4}〕\d+号/);
  await act(officer, id, 'serve', { method: 'direct', served_on: day(0) });
  html = await page(officer, id);
  assert.match(html, /尚欠/);
  assert.match(html, /40,000\.00 元/);
  await act(officer, id, 'record_payment', { amount_yuan: '40000', paid_on: day(0) });
  await act(head, id, 'close');
  c = await apiCase(id);
  assert.equal(c.state, 'closed');
  assert.equal(c.amounts.outstanding_fen, 0);
});

test('refusals come back on the case page in Chinese, and change nothing', async () => {
  const id = await proposeByForm();
  // a stale version
  let r = await post(leader, `/cases/${id}/actions/approve_filing`, { version: '7' });
  assert.equal(r.status, 409);
  assert.match(r.text, /案件已被他人修改，请刷新后重试/);
  // the page shown is the current one: its forms carry the current version
  assert.equal(versionOf(r.text), '1');
  // not allowed in this state
  r = await post(head, `/cases/${id}/actions/decide`, { version: '1', outcome: 'penalty' });
  assert.equal(r.status, 409);
  assert.match(r.text, /案件当前状态下不能执行此操作/);
  // an officer may not approve a filing
  r = await post(officer, `/cases/${id}/actions/approve_filing`, { version: '1' });
  assert.equal(r.status, 403);
  assert.match(r.text, /您的角色不能执行此操作/);
  // a reason is required: named next to the field of the open form
  r = await post(leader, `/cases/${id}/actions/reject_filing`, { version: '1', reason: '' });
  assert.equal(r.status, 422);
  assert.match(r.text, /不予立案理由——请填写理由/);
  assert.match(r.text, /<details class="act setback" id="act-reject_filing" open>/);
  // no version at all
  r = await post(leader, `/cases/${id}/actions/approve_filing`, {});
  assert.equal(r.status, 422);
  assert.match(r.text, /表单缺少版本号/);
  // an unknown action
  r = await post(leader, `/cases/${id}/actions/approve`, { version: '1' });
  assert.equal(r.status, 404);
  const c = await apiCase(id);
  assert.equal(c.version, 1);
  assert.equal(c.state, 'proposed');
  assert.equal(c.history.length, 1);
});

test('a form posted without its CSRF token is refused', async () => {
  const id = await proposeByForm();
  let r = await post(leader, `/cases/${id}/actions/approve_filing`, { version: '1' }, { noToken: true });
  assert.equal(r.status, 403);
  assert.match(r.text, /CSRF/);
  r = await post(officer, '/cases', { entity_id: await newEntity(), party_kind: 'organisation',
    violation_type: 'no_permit', discovered_on: day(0), summary_md: 'x' }, { noToken: true });
  assert.equal(r.status, 403);
  const form = new FormData();
  form.append('kind', 'documentary');
  form.append('description', 'x');
  form.append('collected_on', day(0));
  form.append('file', new Blob(['x']), 'x.txt');
  const up = await fetch(`${process.env.GS_URL}/cases/${id}/evidence`, { method: 'POST', body: form,
    redirect: 'manual', headers: { cookie: officer.cookieHeader(), 'x-forwarded-for': officer.addr } });
  assert.equal(up.status, 403);
  const c = await apiCase(id);
  assert.equal(c.state, 'proposed');
  assert.equal(c.evidence_count, 0);
});

test('a <script> in a summary, a party name or a reason is never served as markup', async () => {
  const entity = await newEntity({ name: '<script>alert("名")</script>化工厂' });
  const r = await post(officer, '/cases', { entity_id: entity, party_kind: 'individual',
    violation_type: 'no_permit', discovered_on: day(0),
    summary_md: '现场<script>alert(1)</script>发现 <img src=x onerror=alert(2)> [链接](javascript:alert(3))' });
  assert.equal(r.status, 303);
  const id = r.headers.get('location').split('/').pop();
  await act(leader, id, 'reject_filing', { reason: '<script>alert(4)</script>不属于管辖范围' });
  for (const c of [officer, leader]) {
    const html = await page(c, id);
    assert.doesNotMatch(html, /<script>alert/);
    assert.doesNotMatch(html, /<img src=x/);
    assert.doesNotMatch(html, /javascript:alert/);
    assert.match(html, /&lt;script&gt;alert\(&quot;名&quot;\)&lt;\/script&gt;化工厂/);
    assert.match(html, /&lt;script&gt;alert\(4\)&lt;\/script&gt;不属于管辖范围/);
    assert.match(html, /不予立案/);
  }
  const list = await officer.get(`/cases?q=${encodeURIComponent('化工厂')}`);
  assert.doesNotMatch(list.text, /<script>alert/);
});

test('the list filters by state, squad, overdue and search, as the API does', async () => {
  const id = await proposeByForm();
  const c = await apiCase(id);
  let r = await officer.get(`/cases?state=proposed&q=${encodeURIComponent(c.entity_uscc.slice(0, 14))}`);
  assert.equal(r.status, 200);
  assert.match(r.text, new RegExp(`href="/cases/${id}"`));
  assert.match(r.text, /<option value="proposed" selected>/);
  r = await officer.get(`/cases?state=investigating&q=${encodeURIComponent(c.entity_uscc)}`);
  assert.doesNotMatch(r.text, new RegExp(`/cases/${id}"`));
  r = await officer.get(`/cases?squad_id=${c.squad_id}&mine=1`);
  assert.match(r.text, new RegExp(`/cases/${id}"`));
  // a bad filter is named, and the list is shown without it
  r = await officer.get('/cases?state=bogus');
  assert.equal(r.status, 200);
  assert.match(r.text, /state 不是有效的案件状态/);
  // overdue: a case discovered long ago is past its filing decision
  const old = await post(officer, '/cases', { entity_id: await newEntity(), party_kind: 'organisation',
    violation_type: 'no_permit', discovered_on: day(-60), summary_md: '陈年线索' });
  const oldId = old.headers.get('location').split('/').pop();
  r = await officer.get('/cases?overdue=1&per_page=200');
  assert.match(r.text, new RegExp(`<tr class="due-overdue">\\s*<td class="nowrap"><a href="/cases/${oldId}"`));
  assert.doesNotMatch(r.text, new RegExp(`/cases/${id}"`));
  // fifty to a page, with the pager
  const entityId = await newEntity();
  for (let n = (await officer.get('/api/v1/cases?per_page=1')).json.total; n <= 50; n++) {
    const more = await officer.post('/api/v1/cases', { json: { entity_id: entityId,
      violation_type: 'no_permit', summary_md: '分页', discovered_on: day(0),
      party_kind: 'organisation' } });
    assert.equal(more.status, 201, more.text);
  }
  r = await officer.get('/cases');
  assert.equal((r.text.match(/<tr class="due-/g) || []).length, 50);
  assert.match(r.text, /<a href="\/cases\?page=2" rel="next">/);
  r = await officer.get('/cases?page=2');
  assert.match(r.text, /<span class="current" aria-current="page">2<\/span>/);
});

test('the start page shows my cases, my overdue deadlines and today\'s inspections', async () => {
  const old = await post(officer, '/cases', { entity_id: await newEntity({ name: '逾期测试印染有限公司' }),
    party_kind: 'organisation', violation_type: 'no_permit', discovered_on: day(-40),
    summary_md: '逾期' });
  const oldId = old.headers.get('location').split('/').pop();
  const entity = await newEntity({ name: '今日检查电镀有限公司' });
  const insp = psql(`WITH i AS (INSERT INTO inspection (bureau_id, entity_id, inspected_on,
      findings_md, outcome) SELECT bureau_id, id, '${day(0)}', '检查', 'violation_found'
      FROM entity WHERE id = '${entity}' RETURNING id, bureau_id)
    INSERT INTO inspection_officer (bureau_id, inspection_id, user_id, cert_no)
    SELECT i.bureau_id, i.id, u.id, u.cert_no FROM i, app_user u
    WHERE u.username IN ('officer1', 'officer2') RETURNING inspection_id`).split('\n')[0];
  const home = await officer.get('/');
  assert.equal(home.status, 200);
  assert.match(home.text, /class="card overdue-block" role="alert"/);
  assert.match(home.text, /项期限已逾期/);
  assert.match(home.text, new RegExp(`href="/cases/${oldId}">立案申请</a> 逾期测试印染有限公司 · <strong>立案审查</strong>`));
  assert.match(home.text, /逾期 \d+ 天/);
  assert.match(home.text, /我的案件/);
  assert.match(home.text, /今日检查电镀有限公司/);
  assert.match(home.text, /张伟、李娜/);
  assert.match(home.text, new RegExp(`/cases/new\\?entity_id=${entity}&amp;inspection_id=${insp}`));
  // someone not on the case sees none of it
  const other = await signedIn('officer3');
  const theirs = await other.get('/');
  assert.doesNotMatch(theirs.text, new RegExp(oldId));
  assert.doesNotMatch(theirs.text, /今日检查电镀有限公司/);
  // roles without cases keep the plain start page
  assert.equal((await legal.get('/')).status, 200);
});

test('the queues: filing approvals for leaders, decisions for the head, legal review for legal staff', async () => {
  const proposed = await proposeByForm();
  let r = await leader.get('/queues/approvals');
  assert.equal(r.status, 200);
  assert.match(r.text, /待立案审批/);
  assert.match(r.text, new RegExp(`/cases/${proposed}"`));
  assert.doesNotMatch(r.text, /待作出决定/);
  r = await head.get('/queues/approvals');
  assert.match(r.text, /待作出决定/);
  assert.match(r.text, new RegExp(`/cases/${proposed}"`));
  assert.equal((await officer.get('/queues/approvals')).status, 403);
  assert.equal((await officer.get('/queues/legal-review')).status, 403);

  // a case sent to legal review, oldest first
  const id = await proposeByForm();
  await act(leader, id, 'approve_filing');
  assert.equal((await uploadByForm(officer, id)).status, 303);
  await act(officer, id, 'submit_report', { report_md: '报告' });
  await act(leader, id, 'assess', { 'factors.impact': '2' });
  await act(leader, id, 'notify', { proposed_fine_yuan: '300000', served_on: day(0),
    discretion_reason: '按情节从重' });
  await act(officer, id, 'submit_legal_review', { waived: '1' });
  r = await legal.get('/queues/legal-review');
  assert.equal(r.status, 200);
  assert.match(r.text, new RegExp(`/cases/${id}"`));
  assert.match(r.text, /300,000\.00/);
  assert.match(r.text, /作出处罚决定/); // the decision clock is the next deadline
  const rows = [...r.text.matchAll(/<td class="nowrap">(\d{4}-\d{2}-\d{2} \d{2}:\d{2})<\/td>/g)].map((m) => m[1]);
  assert.deepEqual(rows, [...rows].sort());
  const html = await page(legal, id);
  assert.match(html, /actions\/legal_approve/);
  assert.match(html, /actions\/return/);
});
