// Bureau isolation: another bureau's records answer 404 through every
// door, and row-level security holds even for a query without a filter.
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { signedIn, gsctl, psql, entityBody } from './lib.mjs';

let other, mine, entityId, userId;

before(async () => {
  const b = gsctl(['create-bureau', 'east2', '永安市生态环境局城西分局', '永西']);
  assert.equal(b.status, 0, b.stderr);
  const u = gsctl(['create-user', 'east2', 'west-officer', '城西执法员', 'officer',
    'W0001', '2028-12-31'], { GS_NEW_PASSWORD: 'west-password-1' });
  assert.equal(u.status, 0, u.stderr);
  const a = gsctl(['create-user', 'east2', 'west-admin', '城西管理员', 'admin'],
    { GS_NEW_PASSWORD: 'west-password-1' });
  assert.equal(a.status, 0, a.stderr);
  other = await signedIn('west-officer', 'west-password-1');
  mine = await signedIn('officer1');
  entityId = (await mine.post('/api/v1/entities', { json: entityBody({ name: '城东分局的企业有限公司' }) })).json.id;
  userId = mine.user.id;
});

test("another bureau's entity answers 404 to read, update and history", async () => {
  assert.equal((await other.get(`/api/v1/entities/${entityId}`)).status, 404);
  assert.equal((await other.get(`/api/v1/entities/${entityId}/history`)).status, 404);
  const patch = await other.patch(`/api/v1/entities/${entityId}`, { json: { name: '篡改', version: 1 } });
  assert.equal(patch.status, 404);
  assert.equal((await other.get(`/entities/${entityId}`)).status, 404);
  assert.equal((await other.get(`/entities/${entityId}/edit`)).status, 404);
  assert.equal((await mine.get(`/api/v1/entities/${entityId}`)).json.name, '城东分局的企业有限公司');
});

test("lists and searches show only the own bureau's records", async () => {
  const list = await other.get('/api/v1/entities?per_page=200');
  assert.equal(list.json.total, 0);
  const search = await other.get('/api/v1/entities?q=' + encodeURIComponent('城东分局'));
  assert.equal(search.json.total, 0);
  // The same USCC may be registered by each bureau.
  const uscc = (await mine.get(`/api/v1/entities/${entityId}`)).json.uscc;
  const r = await other.post('/api/v1/entities', { json: entityBody({ uscc }) });
  assert.equal(r.status, 201, r.text);
});

test("another bureau's users answer 404, and its admin cannot touch them", async () => {
  const wadmin = await signedIn('west-admin', 'west-password-1');
  assert.equal((await wadmin.get(`/api/v1/users/${userId}`)).status, 404);
  const p = await wadmin.patch(`/api/v1/users/${userId}`, { json: { active: false, version: 1 } });
  assert.equal(p.status, 404);
  const users = await wadmin.get('/api/v1/users');
  assert.deepEqual(users.json.items.map((u) => u.username).sort(), ['west-admin', 'west-officer']);
  assert.equal((await wadmin.get('/api/v1/squads')).json.total, 0);
});

test('row-level security enforces the bureau even when a query forgets it', () => {
  const app = process.env.GS_DB_URL;
  const east = psql("SELECT id FROM bureau WHERE code = 'demo'");
  const west = psql("SELECT id FROM bureau WHERE code = 'east2'");
  // As the application role, with the west bureau set, an unfiltered
  // query over all entities sees only the west's rows.
  const seen = psql(`SELECT set_config('gs.bureau_id', '${west}', false);
    SELECT count(*) FILTER (WHERE bureau_id = '${east}') FROM entity`, app);
  assert.equal(seen.split('\n').pop(), '0');
  const none = psql('SELECT count(*) FROM entity', app);
  assert.equal(none, '0', 'no bureau set: nothing visible');
  assert.throws(() => psql(`SELECT set_config('gs.bureau_id', '${west}', false);
    INSERT INTO entity (bureau_id, uscc, name, township, industry, category)
    VALUES ('${east}', '91330784MA2000001X', '越权写入', '镇', '业', 'general')`, app),
    /row-level security/);
});
