// The entity registry: create, validation, search, filters, paging, update
// with optimistic locking, history, and the all-or-nothing CSV import.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { signedIn, entityBody, freshUscc, uscc, psql } from './lib.mjs';

test('an officer registers an entity and reads it back', async () => {
  const c = await signedIn('officer1');
  const body = entityBody({ name: '永安市绿源环保科技有限公司', legal_rep: '王五',
    lat: 28.901234, lng: 120.042101 });
  const r = await c.post('/api/v1/entities', { json: body });
  assert.equal(r.status, 201, r.text);
  assert.match(r.json.id, /^[0-9a-f-]{36}$/);
  const e = await c.get(`/api/v1/entities/${r.json.id}`);
  assert.equal(e.status, 200);
  assert.equal(e.json.uscc, body.uscc);
  assert.equal(e.json.name, '永安市绿源环保科技有限公司');
  assert.equal(e.json.legal_rep, '王五');
  assert.equal(e.json.lat, 28.901234);
  assert.equal(e.json.version, 1);
  assert.equal(e.json.credit_grade, null);
});

test('an entity registered as closed is stored closed', async () => {
  const c = await signedIn('officer1');
  const r = await c.post('/api/v1/entities', { json: entityBody({ status: 'closed' }) });
  assert.equal(r.status, 201, r.text);
  assert.equal((await c.get(`/api/v1/entities/${r.json.id}`)).json.status, 'closed');
});

test('a lowercase USCC is accepted and stored in capitals', async () => {
  const c = await signedIn('officer1');
  const code = freshUscc();
  const r = await c.post('/api/v1/entities', { json: entityBody({ uscc: code.toLowerCase() }) });
  assert.equal(r.status, 201, r.text);
  assert.equal((await c.get(`/api/v1/entities/${r.json.id}`)).json.uscc, code);
});

test('bad input gets 422 naming each field, and nothing is written', async () => {
  const c = await signedIn('officer1');
  const code = freshUscc();
  const wrongCheck = code.slice(0, 17) + (code[17] === '0' ? '1' : '0');
  const before = psql('SELECT count(*) FROM entity');
  const r = await c.post('/api/v1/entities', { json: entityBody({ uscc: wrongCheck,
    name: '', category: 'big', lat: 91 }) });
  assert.equal(r.status, 422);
  assert.equal(r.json.error.code, 'validation');
  assert.equal(r.json.error.fields.uscc, '统一社会信用代码校验位不正确');
  assert.equal(r.json.error.fields.name, '请填写名称');
  assert.match(r.json.error.fields.category, /key/);
  assert.ok(r.json.error.fields.lng, 'lat without lng names lng');
  const short = await c.post('/api/v1/entities', { json: entityBody({ uscc: '9133078' }) });
  assert.equal(short.json.error.fields.uscc, '统一社会信用代码应为18位');
  const unknown = await c.post('/api/v1/entities', { json: { ...entityBody(), colour: 'green' } });
  assert.equal(unknown.status, 422);
  assert.equal(unknown.json.error.fields.colour, '不支持的字段');
  const malformed = await c.post('/api/v1/entities', { body: '{"uscc":', headers: { 'content-type': 'application/json' } });
  assert.equal(malformed.status, 400);
  assert.equal(psql('SELECT count(*) FROM entity'), before);
});

test('a USCC already registered in the bureau answers 409', async () => {
  const c = await signedIn('officer1');
  const body = entityBody();
  assert.equal((await c.post('/api/v1/entities', { json: body })).status, 201);
  const again = await c.post('/api/v1/entities', { json: { ...body, name: '另一家公司' } });
  assert.equal(again.status, 409);
  assert.equal(again.json.error.fields.uscc, '该统一社会信用代码已登记');
});

test('search finds Chinese substrings of the name and USCC prefixes', async () => {
  const c = await signedIn('officer1');
  const code = freshUscc();
  await c.post('/api/v1/entities', { json: entityBody({ uscc: code, name: '永安市赤松溪电镀厂', township: '赤松镇' }) });
  const sub = await c.get('/api/v1/entities?q=' + encodeURIComponent('松溪电'));
  assert.equal(sub.status, 200);
  assert.ok(sub.json.items.some((e) => e.uscc === code), 'substring 松溪电');
  const one = await c.get('/api/v1/entities?q=' + encodeURIComponent('溪'));
  assert.ok(one.json.items.some((e) => e.uscc === code), 'single character 溪');
  const prefix = await c.get('/api/v1/entities?q=' + code.slice(0, 14).toLowerCase());
  assert.ok(prefix.json.items.some((e) => e.uscc === code), 'USCC prefix');
  const none = await c.get('/api/v1/entities?q=' + encodeURIComponent('不存在的名字'));
  assert.equal(none.json.total, 0);
  assert.deepEqual(none.json.items, []);
});

test('filters, sorting and paging', async () => {
  const c = await signedIn('officer1');
  const town = `测试镇${Date.now() % 100000}`;
  for (let i = 0; i < 7; i++)
    await c.post('/api/v1/entities', { json: entityBody({ township: town,
      name: `排序测试${String.fromCharCode(0x4e00 + i)}有限公司`, category: i % 2 ? 'key' : 'general' }) });
  const all = await c.get(`/api/v1/entities?township=${encodeURIComponent(town)}&per_page=3`);
  assert.equal(all.json.total, 7);
  assert.equal(all.json.items.length, 3);
  const p3 = await c.get(`/api/v1/entities?township=${encodeURIComponent(town)}&per_page=3&page=3`);
  assert.equal(p3.json.items.length, 1);
  const key = await c.get(`/api/v1/entities?township=${encodeURIComponent(town)}&category=key`);
  assert.equal(key.json.total, 3);
  assert.ok(key.json.items.every((e) => e.category === 'key'));
  const asc = await c.get(`/api/v1/entities?township=${encodeURIComponent(town)}&sort=name`);
  const desc = await c.get(`/api/v1/entities?township=${encodeURIComponent(town)}&sort=name&dir=desc`);
  const names = asc.json.items.map((e) => e.name);
  assert.deepEqual([...names].sort(), names);
  assert.deepEqual(desc.json.items.map((e) => e.name), [...names].reverse());
  const ungraded = await c.get(`/api/v1/entities?township=${encodeURIComponent(town)}&grade=none`);
  assert.equal(ungraded.json.total, 7);
  const bad = await c.get('/api/v1/entities?sort=colour');
  assert.equal(bad.status, 422);
  // The HTML list keeps all of it in the URL, so the view can be bookmarked.
  const page = await c.get(`/entities?township=${encodeURIComponent(town)}&sort=name&dir=desc&per_page=3&page=2`);
  assert.equal(page.status, 200);
  assert.match(page.text, /共 7 家/);
  assert.match(page.text, /第 2 \/ 3 页/);
});

test('an update needs the current version; a stale one answers 409', async () => {
  const c = await signedIn('officer1');
  const { json: { id } } = await c.post('/api/v1/entities', { json: entityBody() });
  const noVersion = await c.patch(`/api/v1/entities/${id}`, { json: { name: '改名有限公司' } });
  assert.equal(noVersion.status, 422);
  assert.ok(noVersion.json.error.fields.version);
  const ok = await c.patch(`/api/v1/entities/${id}`, { json: { name: '改名有限公司', version: 1 } });
  assert.equal(ok.status, 200, ok.text);
  assert.equal(ok.json.name, '改名有限公司');
  assert.equal(ok.json.version, 2);
  const stale = await c.patch(`/api/v1/entities/${id}`, { json: { name: '再改名有限公司', version: 1 } });
  assert.equal(stale.status, 409);
  const uscc2 = await c.patch(`/api/v1/entities/${id}`, { json: { uscc: freshUscc(), version: 2 } });
  assert.equal(uscc2.status, 422);
  assert.equal(uscc2.json.error.fields.uscc, '统一社会信用代码不可修改');
  const closed = await c.patch(`/api/v1/entities/${id}`, { json: { status: 'closed', version: 2 } });
  assert.equal(closed.json.status, 'closed');
  const hist = await c.get(`/api/v1/entities/${id}/history`);
  assert.equal(hist.status, 200);
  assert.deepEqual(hist.json.items.map((h) => h.action), ['entity.update', 'entity.update', 'entity.insert']);
  assert.equal(hist.json.items[1].before.name, '测试用化工有限公司');
  assert.equal(hist.json.items[1].after.name, '改名有限公司');
  assert.equal(hist.json.items[2].actor, 'officer1');
});

function csv(rows) {
  return 'uscc,name,address,township,industry,category\n' +
    rows.map((r) => r.join(',')).join('\n') + '\n';
}

test('an import with one bad line imports nothing and names the line', async () => {
  const c = await signedIn('leader1');
  const before = psql('SELECT count(*) FROM entity');
  const good = [freshUscc(), '导入一号有限公司', '东城路1号', '东城街道', '金属制品', 'general'];
  const dupe = [good[0], '导入二号有限公司', '东城路2号', '东城街道', '金属制品', 'key'];
  const badCat = [freshUscc(), '导入三号有限公司', '东城路3号', '东城街道', '金属制品', 'huge'];
  const r = await c.post('/api/v1/entities/import', { body: csv([good, good.map((x, i) => i ? x : freshUscc()), dupe, badCat]),
    headers: { 'content-type': 'text/csv' } });
  assert.equal(r.status, 422, r.text);
  assert.deepEqual(r.json.error.lines.map((l) => [l.line, l.field]), [[4, 'uscc'], [5, 'category']]);
  assert.equal(r.json.error.lines[0].message, '统一社会信用代码与第 2 行重复');
  assert.equal(psql('SELECT count(*) FROM entity'), before);
});

test('a good import is all-or-nothing and lands whole', async () => {
  const c = await signedIn('leader1');
  const rows = [];
  for (let i = 0; i < 25; i++)
    rows.push([freshUscc(), `"批量导入${i}号有限公司"`, `"西城路${i}号, 二楼"`, '西城街道', '食品制造', i % 3 ? 'general' : 'key']);
  const r = await c.post('/api/v1/entities/import', { body: '\ufeff' + csv(rows), headers: { 'content-type': 'text/csv' } });
  assert.equal(r.status, 200, r.text);
  assert.equal(r.json.imported, 25);
  const found = await c.get('/api/v1/entities?q=' + encodeURIComponent('批量导入17号'));
  assert.equal(found.json.total, 1);
  assert.equal(found.json.items[0].address, '西城路17号, 二楼');
  // Importing the same file again adds nothing: every line is already there.
  const again = await c.post('/api/v1/entities/import', { body: csv(rows), headers: { 'content-type': 'text/csv' } });
  assert.equal(again.status, 422);
  assert.equal(again.json.error.lines.length, 25);
  assert.equal(again.json.error.lines[0].message, '该统一社会信用代码已登记');
});

test('import refuses a wrong header and a wrong content type', async () => {
  const c = await signedIn('leader1');
  const r = await c.post('/api/v1/entities/import', { body: 'code,name\n1,2\n', headers: { 'content-type': 'text/csv' } });
  assert.equal(r.status, 422);
  assert.equal(r.json.error.lines[0].line, 1);
  const ct = await c.post('/api/v1/entities/import', { body: 'x', headers: { 'content-type': 'text/plain' } });
  assert.equal(ct.status, 415);
});

test('the HTML import screen takes a file and reports lines', async () => {
  const c = await signedIn('leader1');
  const form = new FormData();
  form.append('_csrf', c.csrf);
  form.append('file', new Blob([csv([[freshUscc(), '网页导入有限公司', '地址', '古山镇', '电镀', 'bogus']])], { type: 'text/csv' }), '名录.csv');
  const r = await c.post('/entities/import', { body: form });
  assert.equal(r.status, 422);
  assert.match(r.text, /第 2 行/);
  assert.match(r.text, /监管类别应为/);
});

test('a large import lands whole (buffers grow past glibc mmap sizes inside the sandbox)', async () => {
  const c = await signedIn('leader1');
  const rows = [];
  for (let i = 0; i < 3000; i++)
    rows.push([freshUscc(), `大批量导入${i}号有限公司`, `工业园${i}号`, '方岩镇', '金属制品', 'general']);
  const r = await c.post('/api/v1/entities/import', { body: csv(rows), headers: { 'content-type': 'text/csv' } });
  assert.equal(r.status, 200, r.text);
  assert.equal(r.json.imported, 3000);
});
