// The audit chain: every change recorded with who and what, append-only,
// and a tampered record found by the admin check and gsctl verify-audit.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { signedIn, psql, gsctl, entityBody, ADMIN_PW } from './lib.mjs';

test('a change writes its audit record in the same transaction, with before and after', async () => {
  const c = await signedIn('officer2');
  const { json: { id } } = await c.post('/api/v1/entities', { json: entityBody({ name: '审计测试有限公司' }) });
  await c.patch(`/api/v1/entities/${id}`, { json: { address: '新地址', version: 1 } });
  const rows = psql(`SELECT action || '|' || actor_name || '|' || context || '|' ||
      coalesce(before->>'address', '') || '|' || (after->>'address')
    FROM audit_log WHERE object_id = '${id}' ORDER BY seq`).split('\n');
  assert.deepEqual(rows, ['entity.insert|officer2|entities.create||东城街道测试路1号',
    'entity.update|officer2|entities.update|东城街道测试路1号|新地址']);
  // A failed change writes nothing, not even its audit record.
  const n = psql('SELECT count(*) FROM audit_log');
  const bad = await c.patch(`/api/v1/entities/${id}`, { json: { name: '', version: 2 } });
  assert.equal(bad.status, 422);
  assert.equal(psql('SELECT count(*) FROM audit_log'), n);
});

test('secrets never enter the audit log', async () => {
  const leaks = psql(`SELECT count(*) FROM audit_log
    WHERE after::text LIKE '%argon2id%' OR before::text LIKE '%argon2id%'
       OR after ? 'token_hash'`);
  assert.equal(leaks, '0');
});

test('the audit log refuses UPDATE and DELETE, even for its owner', () => {
  assert.throws(() => psql('UPDATE audit_log SET actor_name = $$x$$ WHERE seq = 1'), /append-only/);
  assert.throws(() => psql('DELETE FROM audit_log WHERE seq = 1'), /append-only/);
  assert.throws(() => psql('UPDATE audit_log SET actor_name = $$x$$', process.env.GS_DB_URL), /permission denied|append-only/);
});

test('the chain is intact, then a record altered in SQL is found, by the API and by gsctl', async () => {
  const admin = await signedIn('admin', ADMIN_PW);
  const ok = await admin.get('/api/v1/audit/verify');
  assert.equal(ok.status, 200);
  assert.equal(ok.json.intact, true);
  assert.ok(ok.json.records > 100);
  assert.equal(gsctl(['verify-audit', '--bureau', 'demo']).status, 0);

  // Break the chain of a bureau made for this test, so the others stay whole.
  assert.equal(gsctl(['create-bureau', 'tamper', '篡改测试分局', '篡']).status, 0);
  const b = psql("SELECT id FROM bureau WHERE code = 'tamper'");
  const seq = psql(`SELECT seq FROM audit_log WHERE bureau_id = '${b}' ORDER BY seq OFFSET 7 LIMIT 1`);
  psql(`BEGIN; SET LOCAL session_replication_role = replica;
    UPDATE audit_log SET after = jsonb_set(after, '{value}', '999')
    WHERE bureau_id = '${b}' AND seq = ${seq}; COMMIT;`);
  const v = gsctl(['verify-audit', '--bureau', 'tamper']);
  assert.equal(v.status, 1);
  assert.match(v.stdout, new RegExp(`BROKEN at record ${seq}: 记录内容与哈希不符`));
  assert.equal(gsctl(['verify-audit', '--bureau', 'demo']).status, 0, 'other chains stay intact');

  const u = gsctl(['create-user', 'tamper', 'tamper-admin', '篡改管理员', 'admin'], { GS_NEW_PASSWORD: 'tamper-password-1' });
  assert.equal(u.status, 0, u.stderr);
  const t = await signedIn('tamper-admin', 'tamper-password-1');
  const broken = await t.get('/api/v1/audit/verify');
  assert.equal(broken.json.intact, false);
  assert.equal(broken.json.broken_seq, Number(seq));
  const page = await t.get('/admin/audit');
  assert.match(page.text, new RegExp(`审计链已损坏：第 ${seq} 条记录`));
});

test('a deleted record is found as a gap', () => {
  assert.equal(gsctl(['create-bureau', 'gap', '断链测试分局', '断']).status, 0);
  const b = psql("SELECT id FROM bureau WHERE code = 'gap'");
  psql(`BEGIN; SET LOCAL session_replication_role = replica;
    DELETE FROM audit_log WHERE bureau_id = '${b}' AND seq = 3; COMMIT;`);
  const v = gsctl(['verify-audit', '--bureau', 'gap']);
  assert.equal(v.status, 1);
  assert.match(v.stdout, /BROKEN at record 3: 序号不连续/);
});

test('gsctl verify-audit as the application role sees no bureau and fails, never "intact"', () => {
  // Row-level security hides every bureau from gs_app without gs.bureau_id.
  const v = gsctl(['verify-audit'], { GS_DB_OWNER_URL: '' });
  assert.equal(v.status, 1, v.stdout + v.stderr);
  assert.match(v.stderr, /no bureau to verify/);
  assert.doesNotMatch(v.stdout, /intact/);
});
