// The role x route matrix: every route of `gsctl routes` (the table the
// server serves) with every role, and without signing in. A role that
// holds the route's permission is let through (GET: 200); one that does
// not gets 403; nobody signed in gets 401 (API) or a redirect to /login.
// The permission table is src/core/perm.c; this restates it as the
// expectation, so a change there must be made here on purpose too.
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { Client, signedIn, gsctl, ADMIN_PW } from './lib.mjs';

const ROLES = { officer: 'officer1', squad_leader: 'leader1', legal: 'legal1',
  head: 'head1', analyst: 'analyst1', admin: 'admin' };
const ALL = Object.keys(ROLES);
const PERMS = {
  public: ALL, signed_in: ALL,
  'entity.read': ['officer', 'squad_leader', 'legal', 'head', 'analyst'],
  'entity.write': ['officer', 'squad_leader'],
  'entity.import': ['squad_leader', 'head'],
  'user.read': ['squad_leader', 'head', 'admin'],
  'user.admin': ['admin'],
  'squad.read': ALL, 'squad.admin': ['admin'],
  'calendar.read': ALL, 'calendar.admin': ['admin'],
  'rulebook.read': ALL, 'rulebook.admin': ['admin'],
  'audit.read': ['head', 'admin'],
  'case.read': ['officer', 'squad_leader', 'legal', 'head'],
  'case.propose': ['officer', 'squad_leader'],
  'case.act': ['officer', 'squad_leader', 'legal', 'head'],
  'evidence.write': ['officer', 'squad_leader', 'head'],
  'queue.legal_review': ['legal'],
  'queue.approvals': ['squad_leader', 'head'],
  'stats.read': ['analyst', 'head', 'admin'],
  'case.import': ['head'],
};

let routes, clients, ids;

before(async () => {
  const r = gsctl(['routes']);
  assert.equal(r.status, 0);
  routes = r.stdout.trim().split('\n').map((l) => {
    const [method, path, perm] = l.split(' ');
    return { method, path, perm };
  });
  clients = {};
  for (const [role, user] of Object.entries(ROLES))
    clients[role] = await signedIn(user, role === 'admin' ? ADMIN_PW : undefined);
  const e = await clients.officer.get('/api/v1/entities?per_page=1');
  ids = { id: e.json.items[0].id, user: clients.officer.user.id, year: '2031',
    key: 'statement.period_working_days', token: 'approve_filing' };
  // A case with one evidence item, for the case and evidence routes.
  const kase = await clients.officer.post('/api/v1/cases', { json: {
    entity_id: ids.id, violation_type: 'no_permit', summary_md: '矩阵测试',
    discovered_on: '2026-01-05', party_kind: 'organisation' } });
  assert.equal(kase.status, 201, kase.text);
  ids.case = kase.json.id;
  // Filing approved by the leader: the case has its first document.
  const shown = await clients.squad_leader.get(`/api/v1/cases/${ids.case}`);
  const filed = await clients.squad_leader.post(`/api/v1/cases/${ids.case}/actions/approve_filing`,
    { json: { version: shown.json.version } });
  assert.equal(filed.status, 200, filed.text);
  ids.document = filed.json.documents[0].id;
  const form = new FormData();
  form.append('kind', 'documentary');
  form.append('description', '矩阵测试');
  form.append('collected_on', '2026-01-05');
  form.append('file', new Blob(['matrix']), 'm.txt');
  const o = clients.officer;
  const ev = await fetch(`${process.env.GS_URL}/api/v1/cases/${ids.case}/evidence`, {
    method: 'POST', body: form, headers: { cookie: o.cookieHeader(),
      'x-csrf-token': o.csrf, 'x-forwarded-for': o.addr } });
  assert.equal(ev.status, 201);
  ids.evidence = (await ev.json()).id;
  // A clue and an inspection, for their routes.
  const clue = await o.post('/api/v1/clues', { json: { source: 'patrol',
    entity_id: ids.id, received_on: '2026-01-05', summary: '矩阵测试' } });
  assert.equal(clue.status, 201, clue.text);
  ids.clue = clue.json.id;
  const users = (await clients.admin.get('/api/v1/users')).json.items;
  const uid = (n) => users.find((u) => u.username === n).id;
  const insp = await o.post('/api/v1/inspections', { json: { entity_id: ids.id,
    inspected_on: '2026-01-05', inspector_ids: [uid('officer1'), uid('officer2')],
    findings_md: '矩阵测试', outcome: 'compliant' } });
  assert.equal(insp.status, 201, insp.text);
  ids.inspection = insp.json.id;
  // A seizure and a criminal transfer in the case, for their routes.
  const seizure = await o.post(`/api/v1/cases/${ids.case}/measures`, { json: {
    kind: 'seizure', decided_on: '2026-01-05', period_days: 30,
    officer_ids: [uid('officer1'), uid('officer2')], items: [{ name: '矩阵测试' }] } });
  assert.equal(seizure.status, 201, seizure.text);
  ids.measure = seizure.json.id;
  const transfer = await o.post(`/api/v1/cases/${ids.case}/transfers`, { json: {
    kind: 'criminal', reported_on: '2026-01-05',
    officer_ids: [uid('officer1'), uid('officer2')] } });
  assert.equal(transfer.status, 201, transfer.text);
  ids.transfer = transfer.json.id;
});

function concrete(path, route) {
  return path.replace(/\{(\w+)\}/g, (_, k) => {
    if (k === 'id' && /tokens/.test(route))
      return '00000000-0000-4000-8000-000000000000';
    if (k === 'id' && /users/.test(route))
      return ids.user;
    if (k === 'id' && /\/cases\//.test(route))
      return ids.case;
    if (k === 'id' && /\/evidence\//.test(route))
      return ids.evidence;
    if (k === 'id' && /^\/documents\//.test(route))
      return ids.document;
    if (k === 'id' && /\/clues\//.test(route))
      return ids.clue;
    if (k === 'id' && /\/inspections\//.test(route))
      return ids.inspection;
    if (k === 'id' && /\/measures\//.test(route))
      return ids.measure;
    if (k === 'id' && /\/transfers\//.test(route))
      return ids.transfer;
    return ids[k];
  });
}

async function call(c, route) {
  let path = concrete(route.path, route.path);
  // Routes whose GET needs a query to answer 200.
  if (path === '/api/v1/discretion') path += '?violation_type=no_permit';
  const api = route.path.startsWith('/api/');
  if (route.method === 'GET') return c.get(path);
  // Bodies that fail validation: a permitted call changes nothing.
  if (api) return c.request(route.method, path, { json: {} });
  return c.request(route.method, path, { form: { _csrf: c.csrf || '' } });
}

function expectAllowed(route, r, who) {
  const what = `${who} ${route.method} ${route.path}: ${r.status} ${r.text.slice(0, 200)}`;
  assert.notEqual(r.status, 401, what);
  assert.ok(r.status < 500, what);
  // The sign-in form refuses a post without its own token (403): that
  // is not a permission, and only public routes have it.
  if (route.perm !== 'public')
    assert.notEqual(r.status, 403, what);
  if (route.method === 'GET' && route.perm !== 'public')
    assert.equal(r.status, 200, what);
}

test('the route table covers the permission table', () => {
  assert.ok(routes.length >= 50);
  for (const r of routes)
    assert.ok(PERMS[r.perm], `unknown permission ${r.perm} on ${r.path}`);
});

test('every role gets exactly what its permissions allow on every route', async () => {
  let checked = 0;
  for (const route of routes) {
    for (const role of ALL) {
      // Signing out would end the shared session: use a fresh one.
      const ends = /logout|\/api\/v1\/session$/.test(route.path) && route.method !== 'POST' ||
        route.path === '/logout';
      const c = ends ? await signedIn(ROLES[role], role === 'admin' ? ADMIN_PW : undefined) : clients[role];
      const r = await call(c, route);
      if (PERMS[route.perm].includes(role))
        expectAllowed(route, r, role);
      else
        assert.equal(r.status, 403, `${role} ${route.method} ${route.path}: ${r.status}`);
      checked++;
    }
  }
  assert.equal(checked, routes.length * ALL.length);
});

test('without signing in: 401 for the API, a redirect to /login for pages', async () => {
  const anon = new Client();
  for (const route of routes) {
    const r = await call(anon, route);
    const what = `anonymous ${route.method} ${route.path}: ${r.status}`;
    if (route.perm === 'public') {
      assert.ok(r.status !== 401 && r.status < 500, what);
    } else if (route.path.startsWith('/api/')) {
      assert.equal(r.status, 401, what);
    } else {
      assert.equal(r.status, 303, what);
      assert.equal(r.headers.get('location'), '/login');
    }
  }
});

test('unknown paths answer 404, a known path with another method 405', async () => {
  const c = clients.officer;
  assert.equal((await c.get('/no/such/page')).status, 404);
  assert.equal((await c.get('/api/v1/entities/not-a-uuid')).status, 404);
  assert.equal((await c.get('/api/v1/entities/00000000-0000-4000-8000-000000000000')).status, 404);
  assert.equal((await c.request('PUT', '/api/v1/entities')).status, 405);
});
