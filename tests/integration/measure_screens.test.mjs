// The screens of supporting measures and transfers (HTML): proposing from
// the case page's forms, acting on the measure's page, the clocks and the
// documents they show, the A4 prints of the measure documents, and the
// refusals shown on the page in Chinese with the form open and what was
// typed kept. The same reader and services as tests/integration/
// measures.test.mjs, through the forms.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { day, officer, leader, head, idOf, show, act, filedWithEvidence, why }
  from './caselib.mjs';
import { signedIn } from './lib.mjs';

// Posts a form as a browser does: the token in the _csrf field.
function post(c, path, fields) {
  const pairs = Array.isArray(fields) ? fields : Object.entries(fields);
  return c.post(path, { form: [['_csrf', c.csrf], ...pairs], csrf: false });
}

async function page(c, path, status = 200) {
  const r = await c.get(path);
  assert.equal(r.status, status, `${path}: ${r.text.slice(0, 300)}`);
  return r.text;
}

const versionOf = (html) => /name="version" value="(\d+)"/.exec(html)[1];
const familyOf = (html) => /name="family" value="(\w+)"/.exec(html)[1];

// Takes action on the measure's page as c, with the version and family
// its forms carry; expects status (303 follows nothing).
async function mact(c, id, action, fields = [], expect = 303) {
  const html = await page(c, `/measures/${id}`);
  const pairs = Array.isArray(fields) ? fields : Object.entries(fields);
  const r = await post(c, `/measures/${id}/actions/${action}`,
    [['version', versionOf(html)], ['family', familyOf(html)], ...pairs]);
  assert.equal(r.status, expect, `${action}: ${r.status} ${r.text.slice(0, 400)}`);
  if (expect === 303) assert.equal(r.headers.get('location'), `/measures/${id}`);
  return r;
}

// A local time in Shanghai as a datetime-local input gives it.
function localTime(msAgo) {
  return new Date(Date.now() + 8 * 3600e3 - msAgo).toISOString().slice(0, 16);
}

const two = () => [['officer_ids', idOf('officer1')], ['officer_ids', idOf('officer2')]];
const itemRows = (rows) => rows.flatMap(([name, quantity, note]) => [['items.name', name],
  ['items.quantity', quantity], ['items.note', note]]);

async function proposeSeizure(caseId, extra = [], expect = 303) {
  const r = await post(officer, `/cases/${caseId}/measures`, [['family', 'measure'],
    ['kind', 'seizure'], ['decided_on', day(0)], ['period_days', '30'],
    ['place', '厂区东侧危废仓库'], ...two(),
    ...itemRows([['废水处理设备', '1 套', '型号 XS-200'], ['暗管', '20 米', ''], ['', '', '']]),
    ['facts_md', '现场发现暗管直排，可能造成严重污染。'], ...extra]);
  assert.equal(r.status, expect, r.text.slice(0, 500));
  if (expect !== 303) return r;
  const m = /^\/measures\/([0-9a-f-]{36})$/.exec(r.headers.get('location'));
  assert.ok(m, r.headers.get('location'));
  return m[1];
}

async function apiMeasure(id, family = 'measures') {
  const r = await head.get(`/api/v1/${family}/${id}`);
  assert.equal(r.status, 200, r.text);
  return r.json;
}

// A case decided with a fine and served, as measures.test.mjs does.
async function decidedCase(fine = 4000000) {
  const id = await filedWithEvidence();
  await act(leader, id, 'notify', { proposed_fine_fen: fine, ...why, served_on: day(-21) });
  await act(head, id, 'decide', { outcome: 'penalty', fine_fen: fine, ...why,
    decided_on: day(-20), waived: true });
  await act(officer, id, 'serve', { served_on: day(-20), method: 'direct' });
  return id;
}

// The <details> of one form on a page.
function formOf(html, id) {
  const at = html.indexOf(`id="${id}"`);
  assert.ok(at >= 0, `no form ${id}`);
  return html.slice(at, html.indexOf('</details>', at));
}

const docUrl = (html, title) => {
  const m = new RegExp(`href="(/documents/[0-9a-f-]{36})">${title}</a>`).exec(html);
  assert.ok(m, `no ${title} on the page`);
  return m[1];
};

test('a seizure proposed on the case page, approved by the head on its page, printed', async () => {
  const caseId = await filedWithEvidence();
  let html = await page(officer, `/cases/${caseId}`);
  assert.match(html, /<h2>配套措施与移送<\/h2>/);
  assert.match(html, /本案尚未采取配套措施/);
  assert.match(html, new RegExp(`<form method="post" action="/cases/${caseId}/measures"`));
  for (const code of ['daily_penalty', 'seizure', 'limit', 'detention', 'criminal'])
    assert.match(html, new RegExp(`id="propose-${code}"`));
  // the investigators are checked by default among the bureau's officers
  assert.match(html, new RegExp(`name="officer_ids" value="${idOf('officer2')}" checked`));
  assert.match(html, /name="items\.name"/);
  assert.match(html, /name="started_at"/);

  const id = await proposeSeizure(caseId);
  html = await page(officer, `/measures/${id}`);
  assert.match(html, /<div class="flash" role="status">措施已提出<\/div>/);
  assert.match(html, /<h1>查封、扣押 <span class="state state-proposed">待负责人批准<\/span><\/h1>/);
  assert.match(html, /废水处理设备/);
  assert.match(html, /型号 XS-200/);
  assert.match(html, /张伟/);
  assert.match(html, /李娜/);
  assert.match(html, /厂区东侧危废仓库/);
  // the proposer has nothing to approve
  assert.doesNotMatch(html, /actions\/approve/);
  let m = await apiMeasure(id);
  assert.equal(m.items.length, 2); // the blank row is no item
  assert.equal(m.officers.length, 2);
  assert.equal(m.history[0].detail.items[1].name, '暗管');
  // the case page lists it, with a link to its page
  html = await page(officer, `/cases/${caseId}`);
  assert.match(html, new RegExp(`<a href="/measures/${id}">查封、扣押</a> <span class="state state-proposed">待负责人批准</span>`));

  html = await page(head, `/measures/${id}`);
  assert.match(html, /id="act-approve"/);
  assert.match(html, /name="family" value="measure"/);
  await mact(head, id, 'approve');
  html = await page(head, `/measures/${id}`);
  assert.match(html, /已办理/);
  assert.match(html, /state-in_force">执行中/);
  assert.match(html, /<td>查封扣押期限届满<\/td>\s*<td class="nowrap">自然日<\/td>/);
  assert.match(html, /封〔\d{4}〕\d+号/);
  m = await apiMeasure(id);
  assert.equal(m.state, 'in_force');
  assert.deepEqual(m.history.map((e) => e.action), ['create', 'approve']);
  const end = m.deadlines.find((d) => d.kind === 'seizure_end');
  assert.match(html, new RegExp(`<td class="nowrap">${end.due_on}</td>`));
  // the case page shows the measure's clock too
  html = await page(officer, `/cases/${caseId}`);
  assert.match(html, /state-in_force">执行中/);
  assert.match(html, /查封扣押期限届满/);
  assert.match(html, new RegExp(m.doc_no.replace(/[〔〕]/g, '.')));

  // the decision prints on A4 with its number, the items and the basis
  html = await page(head, `/measures/${id}`);
  let doc = await page(officer, docUrl(html, '查封（扣押）决定书'));
  assert.match(doc, /<h1>查封（扣押）决定书<\/h1>/);
  assert.ok(doc.includes(m.doc_no), 'the decision number');
  assert.match(doc, /废水处理设备/);
  assert.match(doc, /暗管/);
  assert.match(doc, /《中华人民共和国环境保护法》第二十五条/);
  assert.match(doc, /《中华人民共和国行政强制法》/);
  assert.match(doc, /查封（扣押）期限为 30 日/);
  assert.match(doc, /现场发现暗管直排/);
  doc = await page(officer, docUrl(html, '查封（扣押）清单'));
  assert.match(doc, /<h1>查封（扣押）清单<\/h1>/);
  assert.match(doc, /<td>1<\/td><td>废水处理设备<\/td><td>1 套<\/td><td>型号 XS-200<\/td>/);
  assert.match(doc, /当事人（签名或者盖章）/);
  // the case page's list of documents has them too
  assert.match(await page(officer, `/cases/${caseId}`), /查封（扣押）决定书/);

  // one extension; a second is refused with the message next to its field
  await mact(head, id, 'extend', { on: day(0), days: '30', reason: '检测需要' });
  m = await apiMeasure(id);
  assert.equal(m.extension_days, 30);
  doc = await page(officer, docUrl(await page(head, `/measures/${id}`), '延长查封（扣押）期限决定书'));
  assert.match(doc, /因检测需要/);
  assert.match(doc, /延长 30 日/);
  html = await page(head, `/measures/${id}`);
  assert.doesNotMatch(html, /id="act-extend"/); // no longer offered
  const r = await mact(head, id, 'extend', { on: day(0), days: '5', reason: '再延长' }, 422);
  assert.match(r.text, /<div class="alert" role="alert">延长期限未完成：延长天数——期限只能延长一次<\/div>/);
  assert.equal((await apiMeasure(id)).version, m.version);
});

test('actions on the measure page: refusals in Chinese, the form open, the typed values kept', async () => {
  const caseId = await filedWithEvidence();
  const id = await proposeSeizure(caseId);
  await mact(head, id, 'approve');
  const html = await page(head, `/measures/${id}`);
  const version = versionOf(html);
  // a stale version
  let r = await post(head, `/measures/${id}/actions/extend`, [['version', String(version - 1)],
    ['family', 'measure'], ['on', day(0)], ['days', '10'], ['reason', '案情复杂']]);
  assert.equal(r.status, 409);
  assert.match(r.text, /措施已被他人修改，请刷新后重试/);
  assert.equal(versionOf(r.text), version);
  // too many days: named next to the field, the form open, what was typed kept
  r = await post(head, `/measures/${id}/actions/extend`, [['version', version],
    ['family', 'measure'], ['on', day(0)], ['days', '31'], ['reason', '案情<b>复杂</b>']]);
  assert.equal(r.status, 422);
  assert.match(r.text, /延长天数须在 1 到 30 天之间/);
  assert.match(r.text, /<details class="act" id="act-extend" open>/);
  assert.match(r.text, /name="days" value="31"/);
  assert.match(r.text, /案情&lt;b&gt;复杂&lt;\/b&gt;<\/textarea>/);
  // an officer may not extend
  r = await post(officer, `/measures/${id}/actions/extend`, [['version', version],
    ['family', 'measure'], ['on', day(0)], ['days', '10'], ['reason', 'x']]);
  assert.equal(r.status, 403);
  assert.match(r.text, /您的角色不能执行此操作/);
  // not in this state
  r = await post(head, `/measures/${id}/actions/serve_release`, [['version', version],
    ['family', 'measure'], ['on', day(0)]]);
  assert.equal(r.status, 409);
  assert.match(r.text, /措施当前的状态下不能送达解除决定书/);
  // a form that does not say its family still reaches the measure
  r = await post(officer, `/measures/${id}/actions/start_testing`, [['version', version],
    ['on', day(0)]]);
  assert.equal(r.status, 303, r.text.slice(0, 300));
  // unknown action, unknown measure
  assert.equal((await post(head, `/measures/${id}/actions/approve_filing`, [['version', '1']])).status, 404);
  assert.equal((await officer.get('/measures/00000000-0000-4000-8000-000000000000')).status, 404);
  const m = await apiMeasure(id);
  assert.deepEqual(m.history.map((e) => e.action), ['create', 'approve', 'start_testing']);
  const page2 = await page(officer, `/measures/${id}`);
  assert.match(page2, /检测期间不计入，届满日待定/);
  assert.match(page2, new RegExp(`${day(0)} 起，检测中`));
});

test('proposals refused on the case page keep the form open with what was typed', async () => {
  const caseId = await filedWithEvidence();
  // one officer is not enough: named next to the officers, items kept
  let r = await post(officer, `/cases/${caseId}/measures`, [['family', 'measure'],
    ['kind', 'seizure'], ['decided_on', day(0)], ['period_days', '30'],
    ['officer_ids', idOf('officer1')], ...itemRows([['<script>alert(1)</script>危废', '3 吨', '']])]);
  assert.equal(r.status, 422);
  assert.match(r.text, /<div class="alert" role="alert">查封、扣押未提出：实施的执法人员——查封、扣押须有至少 2 名持有效执法证的执法人员实施<\/div>/);
  assert.match(r.text, /<details class="act" id="propose-seizure" open>/);
  assert.match(r.text, /value="&lt;script&gt;alert\(1\)&lt;\/script&gt;危废"/);
  assert.doesNotMatch(r.text, /<script>alert/);
  assert.match(r.text, /value="3 吨"/);
  const form = formOf(r.text, 'propose-seizure');
  assert.match(form, new RegExp(`name="officer_ids" value="${idOf('officer1')}" checked`));
  assert.doesNotMatch(form, new RegExp(`name="officer_ids" value="${idOf('officer2')}" checked`));

  // a detention transfer before the penalty decision
  r = await post(officer, `/cases/${caseId}/measures`, [['family', 'transfer'],
    ['kind', 'detention'], ['persons.name', '王某'], ['persons.role', '直接负责的主管人员'],
    ['persons.name', ''], ['persons.role', ''], ['facts_md', '拒不改正。']]);
  assert.equal(r.status, 422);
  assert.match(r.text, /移送行政拘留未提出：本案尚未作出行政处罚决定，不能采取此项措施/);
  assert.match(r.text, /<details class="act" id="propose-detention" open>/);
  assert.match(r.text, /value="王某"/);
  assert.match(r.text, /value="直接负责的主管人员"/);
  assert.match(r.text, /拒不改正。<\/textarea>/);
  // a malformed instant is named by the reader before the service
  r = await proposeSeizure(caseId, [['emergency', '1'], ['started_at', '昨天上午']], 422);
  assert.match(r.text, /当场实施时间（紧急实施时填写）——时间格式应为/);
  // nothing was made
  assert.equal((await officer.get(`/api/v1/cases/${caseId}/measures`)).json.total, 0);

  // someone who does not work the case sees no forms, and is refused
  const other = await signedIn('officer3');
  const html = await page(other, `/cases/${caseId}`);
  assert.doesNotMatch(html, /id="propose-seizure"/);
  r = await post(other, `/cases/${caseId}/measures`, [['family', 'measure'], ['kind', 'seizure'],
    ['decided_on', day(0)], ['period_days', '30'], ...two(), ...itemRows([['设备', '1', '']])]);
  assert.equal(r.status, 403);
  assert.match(r.text, /您不是本案的调查人员或所在中队的中队长/);
});

test('an emergency seizure typed in local time: +08:00, and its overdue hour clock on the case page', async () => {
  const caseId = await filedWithEvidence();
  const typed = localTime(25 * 3600e3);
  const id = await proposeSeizure(caseId, [['emergency', '1'], ['started_at', typed]]);
  const m = await apiMeasure(id);
  assert.equal(m.state, 'awaiting_approval');
  assert.equal(m.started_at, `${typed}:00+08:00`);
  assert.equal(m.history[0].detail.started_at, `${typed}+08:00`);
  const clock = m.deadlines.find((d) => d.kind === 'seizure_approval');
  assert.equal(clock.status, 'overdue');
  let html = await page(officer, `/measures/${id}`);
  assert.match(html, /<td>补办查封扣押批准<\/td>\s*<td class="nowrap">小时<\/td>\s*<td class="nowrap">\d{4}-\d{2}-\d{2} \d{2}:\d{2}<\/td>/);
  assert.match(html, /<tr class="deadline-overdue">/);
  assert.match(html, /本措施有 1 项期限已逾期/);
  assert.match(html, new RegExp(`当场实施时间</dt><dd>${typed.replace('T', ' ')}</dd>`));
  // the case's alert counts the measure's overdue clock
  const own = (await show(officer, caseId)).deadlines.filter((d) => d.status === 'overdue').length;
  html = await page(officer, `/cases/${caseId}`);
  assert.match(html, new RegExp(`本案有 ${own + 1} 项期限已逾期`));
  // approving now is refused (24 hours have passed), the head releases it
  const r = await mact(head, id, 'approve', [], 422);
  assert.match(r.text, /24 小时内未补办批准手续/);
  await mact(head, id, 'refuse', { reason: '未及时补办批准' });
  assert.equal((await apiMeasure(id)).state, 'release_decided');
});

test('a daily penalty through the forms: days after service to the re-inspection, amount printed', async () => {
  const caseId = await decidedCase(4000000);
  let r = await post(officer, `/cases/${caseId}/measures`, [['family', 'measure'],
    ['kind', 'daily_penalty'], ['decided_on', day(-12)], ['monitoring_on', day(-13)],
    ['facts_md', '复查时仍超标排放。']]);
  assert.equal(r.status, 303, r.text.slice(0, 400));
  const id = r.headers.get('location').split('/').pop();
  let html = await page(officer, `/measures/${id}`);
  assert.match(html, /待送达责令改正决定书/);
  let doc = await page(officer, docUrl(html, '责令改正违法行为决定书'));
  assert.match(doc, /第五十九条/);
  assert.match(doc, /复查时仍超标排放/);
  await mact(officer, id, 'serve_order', { on: day(-10) });
  // continuing is a radio with no default: the guard names it
  r = await mact(officer, id, 'reinspect', { on: day(0) }, 422);
  assert.match(r.text, /复查时违法排放行为——请说明复查时违法排放行为是否仍在继续/);
  await mact(officer, id, 'reinspect', { on: day(0), continuing: '1' });
  await mact(head, id, 'decide_round', { on: day(0) });
  html = await page(officer, `/measures/${id}`);
  assert.match(html, /40,000\.00 元 × 10 日 = 400,000\.00 元/);
  assert.match(html, /累计按日连续处罚：<strong>400,000\.00 元<\/strong>/);
  doc = await page(officer, docUrl(html, '按日连续处罚决定书'));
  assert.match(doc, /原处罚数额 40,000\.00 元 × 计罚日数 10 日 = 400,000\.00 元/);
  assert.match(doc, /《中华人民共和国环境保护法》第五十九条/);
  const m = await apiMeasure(id);
  assert.equal(m.amount_fen, 40000000);
  // the history labels what was submitted
  assert.match(html, /复查时违法排放行为：仍在继续（拒不改正）/);
});

test('a detention transfer through the forms: the same page, the transfer list printed', async () => {
  const caseId = await decidedCase();
  // a seizure of the case, whose items go on the transfer list
  const sid = await proposeSeizure(caseId);
  await mact(head, sid, 'approve');
  let r = await post(officer, `/cases/${caseId}/measures`, [['family', 'transfer'],
    ['kind', 'detention'], ['persons.name', '王某'], ['persons.role', '厂长'],
    ['persons.name', ''], ['persons.role', ''], ['facts_md', '通过暗管排放，拒不改正。']]);
  assert.equal(r.status, 303, r.text.slice(0, 400));
  const tid = r.headers.get('location').split('/').pop();
  let html = await page(officer, `/measures/${tid}`);
  assert.match(html, /<h1>移送适用行政拘留 <span class="state state-proposed">/);
  assert.match(html, /<td>王某<\/td><td>厂长<\/td>/);
  await mact(head, tid, 'approve');
  html = await page(officer, `/measures/${tid}`);
  assert.match(html, /name="family" value="transfer"/);
  assert.match(html, /id="act-transfer"/);
  assert.match(html, /name="police_agency"/);
  assert.doesNotMatch(html, /name="complexity"/); // a criminal transfer's only
  r = await mact(officer, tid, 'transfer', { police_agency: '' }, 422);
  assert.match(r.text, /接收移送的公安机关——请填写接收移送的公安机关/);
  await mact(officer, tid, 'transfer', { police_agency: '永安县公安局' });
  const t = await apiMeasure(tid, 'transfers');
  assert.equal(t.state, 'transferred');
  html = await page(officer, `/measures/${tid}`);
  assert.match(html, /公安机关期限/);
  let doc = await page(officer, docUrl(html, '环境违法适用行政拘留处罚案件移送书'));
  assert.match(doc, /永安县公安局：/);
  assert.match(doc, /第六十三条/);
  assert.match(doc, /<td>王某<\/td><td>厂长<\/td>/);
  assert.ok(doc.includes(t.doc_no));
  doc = await page(officer, docUrl(html, '移送材料及涉案物品清单'));
  assert.match(doc, /第三方监测报告/); // the case's evidence
  assert.match(doc, /废水处理设备/); // the seized items
  assert.ok(doc.includes((await apiMeasure(sid)).doc_no));
  await mact(officer, tid, 'police_accept', { on: day(0) });
  r = await mact(officer, tid, 'record_outcome', { on: day(0), persons_detained: '2' }, 422);
  assert.match(r.text, /被行政拘留人数——拘留人数不能多于移送的 1 人/);
  await mact(officer, tid, 'record_outcome', { on: day(0), persons_detained: '1' });
  html = await page(officer, `/measures/${tid}`);
  assert.match(html, /已办结/);
  assert.match(html, /被行政拘留<\/dt><dd>1 人/);
  assert.match(html, /您当前没有可以办理的操作/);
});

// Drives measure id through the API: each [action, body] at its version.
async function apiSteps(id, family, steps) {
  for (const [c, action, body] of steps) {
    const { version } = await apiMeasure(id, family);
    const r = await c.post(`/api/v1/${family}/${id}/actions/${action}`,
      { json: { version, ...body } });
    assert.equal(r.status, 200, `${action}: ${r.text}`);
  }
  return apiMeasure(id, family);
}

test('every document of every kind of measure prints, and the dossier takes them', async () => {
  const caseId = await decidedCase();
  const make = async (family, body) => {
    const r = await officer.post(`/api/v1/cases/${caseId}/${family}`, { json: body });
    assert.equal(r.status, 201, r.text);
    return r.json.id;
  };
  const officers = [idOf('officer1'), idOf('officer2')];
  const seizure = await make('measures', { kind: 'seizure', decided_on: day(0), period_days: 30,
    officer_ids: officers, items: [{ name: '危险废物', quantity: '3 吨' }] });
  await apiSteps(seizure, 'measures', [[head, 'approve', {}],
    [head, 'extend', { on: day(0), days: 10, reason: '检测需要' }],
    [officer, 'apply_release', { on: day(0) }],
    [head, 'release', { on: day(0), reason: '违法行为已改正' }],
    [officer, 'serve_release', { on: day(0) }]]);
  const limit = await make('measures', { kind: 'production_limit', decided_on: day(0),
    period_months: 2, facts_md: '超总量排放。' });
  await apiSteps(limit, 'measures', [[head, 'approve', {}], [officer, 'serve', { on: day(0) }],
    [head, 'extend', { on: day(0), months: 1, reason: '整改工程未完成' }],
    [head, 'release', { on: day(0) }]]);
  const suspension = await make('measures', { kind: 'production_suspension', decided_on: day(0) });
  await apiSteps(suspension, 'measures', [[head, 'approve', {}], [officer, 'serve', { on: day(0) }]]);
  const criminal = await make('transfers', { kind: 'criminal', reported_on: day(0),
    officer_ids: officers, persons: [{ name: '赵某', role: '实际控制人' }],
    facts_md: '非法处置危险废物三吨以上。' });
  await apiSteps(criminal, 'transfers', [[head, 'approve', {}],
    [officer, 'transfer', { police_agency: '永安县公安局环境犯罪侦查大队',
      procuratorate_copied_on: day(0), complexity: 'complex' }]]);

  const expect = {
    seizure_decision: /第二十五条/, seizure_list: /危险废物/,
    seizure_extension: /延长 10 日/, seizure_release: /鉴于违法行为已改正/,
    service_receipt: /送达文书<\/th><td>[^<]+决定书/,
    limit_decision: /限制生产，期限为 2 个月/, limit_extension: /延长 1 个月/,
    limit_release: /解除限制生产/, suspension_decision: /停产整治/,
    criminal_transfer: /永安县公安局环境犯罪侦查大队：/, transfer_list: /危险废物/,
  };
  const seen = new Set();
  for (const [id, family] of [[seizure, 'measures'], [limit, 'measures'],
    [suspension, 'measures'], [criminal, 'transfers']]) {
    for (const d of (await apiMeasure(id, family)).documents) {
      const html = await page(officer, `/documents/${d.id}`);
      if (d.doc_no) assert.ok(html.includes(d.doc_no), `${d.kind}: its number`);
      assert.match(html, expect[d.kind] || /<article class="a4 measure-doc">/, d.kind);
      seen.add(d.kind);
    }
  }
  for (const k of Object.keys(expect)) assert.ok(seen.has(k), `no ${k} was issued`);
  assert.match(await page(officer, `/documents/${(await apiMeasure(criminal, 'transfers'))
    .documents.find((d) => d.kind === 'criminal_transfer').id}`), /抄送同级人民检察院/);
  // the case's documents of the penalty itself still print as before
  const c = await show(officer, caseId);
  const receipt = c.documents.find((d) => d.kind === 'service_receipt');
  assert.match(await page(officer, `/documents/${receipt.id}`), /行政处罚决定书/);
  // the dossier renders every document, those of the measures too
  const r = await officer.get(`/cases/${caseId}/dossier/export`);
  assert.equal(r.status, 200, r.text.slice(0, 300));
});
