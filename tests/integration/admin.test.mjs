// Organisation: users, squads, the holiday calendar and the rulebook.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Client, signedIn, ADMIN_PW } from './lib.mjs';

const admin = () => signedIn('admin', ADMIN_PW);

test('admin creates an officer who can then sign in', async () => {
  const a = await admin();
  const squads = await a.get('/api/v1/squads');
  assert.equal(squads.status, 200);
  assert.deepEqual(squads.json.items.slice(0, 4).map((s) => s.name), ['一中队', '二中队', '三中队', '四中队']);
  const name = `o${Date.now() % 1000000}`;
  const r = await a.post('/api/v1/users', { json: { username: name, display_name: '新执法员',
    password: 'officer-password-1', roles: ['officer'], squad_id: squads.json.items[0].id,
    cert_no: '33078409999', cert_valid_until: '2027-12-31' } });
  assert.equal(r.status, 201, r.text);
  const u = await a.get(`/api/v1/users/${r.json.id}`);
  assert.deepEqual(u.json.roles, ['officer']);
  assert.equal(u.json.cert_valid_until, '2027-12-31');
  const o = new Client();
  await o.login(name, 'officer-password-1');
  assert.equal(o.user.squad.id, squads.json.items[0].id);
});

test('user validation names the fields; a taken username answers 409', async () => {
  const a = await admin();
  const bad = await a.post('/api/v1/users', { json: { username: 'X!', display_name: '',
    password: 'short', roles: ['pilot'], cert_no: 'A1' } });
  assert.equal(bad.status, 422);
  const f = bad.json.error.fields;
  assert.ok(f.username && f.display_name && f.password && f.roles && f.cert_valid_until, JSON.stringify(f));
  const taken = await a.post('/api/v1/users', { json: { username: 'officer1', display_name: '重名',
    password: 'officer-password-1', roles: ['officer'] } });
  assert.equal(taken.status, 409);
  assert.equal(taken.json.error.fields.username, '用户名已存在');
});

test('admin updates roles and deactivates a user, with optimistic locking', async () => {
  const a = await admin();
  const name = `u${Date.now() % 1000000}`;
  const { json: { id } } = await a.post('/api/v1/users', { json: { username: name, display_name: '临时',
    password: 'temporary-pass-1', roles: ['analyst'] } });
  const up = await a.patch(`/api/v1/users/${id}`, { json: { roles: ['analyst', 'legal'], version: 1 } });
  assert.equal(up.status, 200, up.text);
  assert.deepEqual(up.json.roles, ['legal', 'analyst']);
  const stale = await a.patch(`/api/v1/users/${id}`, { json: { active: false, version: 1 } });
  assert.equal(stale.status, 409);
  const off = await a.patch(`/api/v1/users/${id}`, { json: { active: false, version: 2 } });
  assert.equal(off.json.active, false);
  const login = await new Client().post('/api/v1/session', { json: { username: name, password: 'temporary-pass-1' } });
  assert.equal(login.status, 401);
});

test('squads: create, and a duplicate name answers 409', async () => {
  const a = await admin();
  const name = `五中队${Date.now() % 1000}`;
  assert.equal((await a.post('/api/v1/squads', { json: { name } })).status, 201);
  const dup = await a.post('/api/v1/squads', { json: { name } });
  assert.equal(dup.status, 409);
  assert.equal(dup.json.error.fields.name, '已有同名中队');
});

test('the 2026 calendar is seeded with holidays and make-up working days', async () => {
  const c = await signedIn('officer1');
  const y = await c.get('/api/v1/holidays/2026');
  assert.equal(y.status, 200);
  assert.ok(y.json.holidays.includes('2026-10-01'));
  assert.ok(y.json.holidays.includes('2026-02-23'));
  assert.equal(y.json.holidays.length, 33);
  assert.deepEqual(y.json.workdays, ['2026-01-04', '2026-02-14', '2026-02-28', '2026-05-09', '2026-09-20', '2026-10-10']);
  assert.equal(y.json.provisional, false);
  const y27 = await c.get('/api/v1/holidays/2027');
  assert.equal(y27.json.provisional, true);
  assert.ok(y27.json.holidays.includes('2027-02-06'));
});

test('admin replaces a year; bad dates are refused whole', async () => {
  const a = await admin();
  const bad = await a.put('/api/v1/holidays/2030', { json: { holidays: ['2030-01-01', '2031-01-01'], workdays: [] } });
  assert.equal(bad.status, 422);
  assert.match(bad.json.error.fields.holidays, /不在 2030 年内/);
  const both = await a.put('/api/v1/holidays/2030', { json: { holidays: ['2030-01-01'], workdays: ['2030-01-01'] } });
  assert.equal(both.status, 422);
  const ok = await a.put('/api/v1/holidays/2030', { json: { holidays: ['2030-01-01', '2030-10-01'],
    workdays: ['2030-09-29'], provisional: true, note: '测试' } });
  assert.equal(ok.status, 200, ok.text);
  assert.deepEqual(ok.json.holidays, ['2030-01-01', '2030-10-01']);
  const officer = await signedIn('officer1');
  assert.equal((await officer.put('/api/v1/holidays/2030', { json: { holidays: [] } })).status, 403);
});

test('the rulebook lists every number with its source, and versions changes by date', async () => {
  const a = await admin();
  const list = await a.get('/api/v1/rulebook');
  assert.equal(list.status, 200);
  const byKey = Object.fromEntries(list.json.items.map((r) => [r.key, r]));
  assert.equal(byKey['decision.days'].value, 90);
  assert.equal(byKey['decision.days'].unit, 'calendar_days');
  assert.equal(byKey['hearing.request_working_days'].unit, 'working_days');
  assert.equal(byKey['hearing.threshold_org_fen'].value, 20000000);
  assert.equal(byKey['statement.period_working_days'].unconfirmed, true);
  assert.equal(byKey['surcharge.rate_bp_per_day'].value, 300);
  assert.ok(list.json.items.length >= 60);
  const out = await a.patch('/api/v1/rulebook/statement.period_working_days', { json: { value: 99 } });
  assert.equal(out.status, 422);
  assert.match(out.json.error.fields.value, /1 到 30/);
  const set = await a.patch('/api/v1/rulebook/statement.period_working_days',
    { json: { value: 7, effective_from: '2027-01-01', note: '本局规定' } });
  assert.equal(set.status, 200, set.text);
  const now = await a.get('/api/v1/rulebook');
  assert.equal(now.json.items.find((r) => r.key === 'statement.period_working_days').value, 5);
  const later = await a.get('/api/v1/rulebook?as_of=2027-03-01');
  const r = later.json.items.find((x) => x.key === 'statement.period_working_days');
  assert.equal(r.value, 7);
  assert.equal(r.effective_from, '2027-01-01');
  assert.equal(r.versions, 2);
  const early = await a.patch('/api/v1/rulebook/statement.period_working_days', { json: { value: 6, effective_from: '2026-06-01' } });
  assert.equal(early.status, 422);
  assert.match(early.json.error.fields.effective_from, /2027-01-01/);
  assert.equal((await a.patch('/api/v1/rulebook/no.such_rule', { json: { value: 1 } })).status, 404);
});
