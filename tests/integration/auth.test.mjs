// Sign-in, sessions, CSRF, throttling, tokens, sign-out, expiry, password.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Client, signedIn, psql, entityBody, DEMO_PW, randomAddr } from './lib.mjs';

test('API sign-in returns the user, roles, bureau and a CSRF token', async () => {
  const c = new Client();
  const r = await c.login('officer1');
  assert.equal(r.json.user.username, 'officer1');
  assert.deepEqual(r.json.user.roles, ['officer']);
  assert.equal(r.json.user.bureau.name, '永安市生态环境局城东分局');
  assert.match(r.json.csrf_token, /^[A-Za-z0-9_-]{43}$/);
  const cookie = r.headers.getSetCookie().find((s) => s.startsWith('gs_session='));
  assert.match(cookie, /HttpOnly/);
  assert.match(cookie, /SameSite=Strict/);
  const me = await c.get('/api/v1/me');
  assert.equal(me.status, 200);
  assert.equal(me.json.user.display_name, '张伟');
});

test('a wrong password and an unknown user get the same 401 answer', async () => {
  const c = new Client();
  const a = await c.post('/api/v1/session', { json: { username: 'officer1', password: 'wrong-password-1' } });
  const b = await c.post('/api/v1/session', { json: { username: 'nobody-here', password: 'wrong-password-1' } });
  assert.equal(a.status, 401);
  assert.equal(b.status, 401);
  assert.deepEqual(a.json.error.code, b.json.error.code);
  assert.equal(a.json.error.message, b.json.error.message);
  assert.equal(a.json.error.message, '用户名或密码错误');
});

test('without a session the API answers 401 and pages redirect to /login', async () => {
  const c = new Client();
  const api = await c.get('/api/v1/entities');
  assert.equal(api.status, 401);
  assert.equal(api.json.error.code, 'unauthenticated');
  const page = await c.get('/entities');
  assert.equal(page.status, 303);
  assert.equal(page.headers.get('location'), '/login');
});

test('a state change with the session cookie but without the CSRF token is refused', async () => {
  const c = await signedIn('officer1');
  const without = await c.post('/api/v1/entities', { json: entityBody(), csrf: false });
  assert.equal(without.status, 403);
  assert.equal(without.json.error.code, 'csrf');
  const wrong = await c.post('/api/v1/entities', { json: entityBody(),
    headers: { 'x-csrf-token': 'A'.repeat(43) } });
  assert.equal(wrong.status, 403);
  const cross = await c.post('/api/v1/entities', { json: entityBody(),
    headers: { origin: 'https://evil.example' } });
  assert.equal(cross.status, 403);
  const ok = await c.post('/api/v1/entities', { json: entityBody() });
  assert.equal(ok.status, 201, ok.text);
});

test('a body-less DELETE without the CSRF token is a 403 too, not a 400', async () => {
  const c = await signedIn('officer1');
  const r = await c.del('/api/v1/session', { csrf: false });
  assert.equal(r.status, 403, r.text);
  assert.equal(r.json.error.code, 'csrf');
  assert.equal((await c.get('/api/v1/me')).status, 200, 'still signed in');
});

test('an HTML form post without _csrf is refused with 403', async () => {
  const c = new Client();
  const r = await c.formLogin('officer1');
  assert.equal(r.status, 303);
  const post = await c.post('/entities', { form: entityBody(), csrf: false });
  assert.equal(post.status, 403);
  assert.match(post.text, /CSRF/);
});

test('the sign-in form needs its own pre-session token', async () => {
  const c = new Client();
  const r = await c.post('/login', { form: { username: 'officer1', password: DEMO_PW } });
  assert.equal(r.status, 403);
  const ok = await c.formLogin('officer1');
  assert.equal(ok.status, 303);
  assert.equal(ok.headers.get('location'), '/');
});

test('repeated failures for one account answer 429, for existing and unknown names alike', async () => {
  for (const name of ['officer4', 'ghost-account']) {
    let last;
    for (let i = 0; i < 5; i++) {
      last = await new Client().post('/api/v1/session',
        { json: { username: name, password: `bad-password-${i}` } });
      assert.equal(last.status, 401);
    }
    const locked = await new Client().post('/api/v1/session',
      { json: { username: name, password: 'bad-password-x' } });
    assert.equal(locked.status, 429);
    assert.equal(locked.json.error.code, 'throttled');
  }
  // Even the right password waits out the lock.
  const right = await new Client().post('/api/v1/session',
    { json: { username: 'officer4', password: DEMO_PW } });
  assert.equal(right.status, 429);
  psql("DELETE FROM login_throttle WHERE key = 'user:officer4'");
  const after = await new Client().post('/api/v1/session',
    { json: { username: 'officer4', password: DEMO_PW } });
  assert.equal(after.status, 200);
});

test('repeated failures from one address answer 429 whatever the account', async () => {
  const addr = randomAddr();
  for (let i = 0; i < 8; i++) {
    const r = await new Client(addr).post('/api/v1/session',
      { json: { username: `spray${i}`, password: 'bad-password-1' } });
    assert.equal(r.status, 401);
  }
  const r = await new Client(addr).post('/api/v1/session',
    { json: { username: 'officer2', password: DEMO_PW } });
  assert.equal(r.status, 429);
  const elsewhere = await new Client().post('/api/v1/session',
    { json: { username: 'officer2', password: DEMO_PW } });
  assert.equal(elsewhere.status, 200);
});

test('sign-out ends the session', async () => {
  const c = await signedIn('officer2');
  const out = await c.del('/api/v1/session');
  assert.equal(out.status, 204);
  const after = await c.get('/api/v1/me');
  assert.equal(after.status, 401);
});

test('a session past its idle or absolute limit is over', async () => {
  const idle = await signedIn('legal1');
  psql(`UPDATE session SET idle_expires_at = now() - interval '1 second'
        WHERE user_id = '${idle.user.id}'`);
  assert.equal((await idle.get('/api/v1/me')).status, 401);
  const abs = await signedIn('legal1');
  psql(`UPDATE session SET expires_at = now() - interval '1 second'
        WHERE user_id = '${abs.user.id}'`);
  assert.equal((await abs.get('/api/v1/me')).status, 401);
});

test('bearer tokens act as the user without cookie or CSRF, and die when revoked', async () => {
  const c = await signedIn('officer1');
  const t = await c.post('/api/v1/tokens', { json: { name: '移动执法终端' } });
  assert.equal(t.status, 201);
  assert.match(t.json.token, /^gs_/);
  const api = new Client();
  api.bearer = t.json.token;
  assert.equal((await api.get('/api/v1/me')).json.user.username, 'officer1');
  const created = await api.post('/api/v1/entities', { json: entityBody() });
  assert.equal(created.status, 201, created.text);
  const list = await c.get('/api/v1/tokens');
  assert.ok(list.json.items.some((i) => i.id === t.json.id && !i.revoked));
  assert.equal((await c.del(`/api/v1/tokens/${t.json.id}`)).status, 204);
  const dead = await api.get('/api/v1/me');
  assert.equal(dead.status, 401);
  assert.equal(dead.json.error.code, 'invalid_token');
  // Another user cannot revoke someone else's token.
  const t2 = await c.post('/api/v1/tokens', { json: { name: 'other' } });
  const intruder = await signedIn('officer2');
  assert.equal((await intruder.del(`/api/v1/tokens/${t2.json.id}`)).status, 404);
});

test('a password change checks the current password and ends the other sessions', async () => {
  const a = await signedIn('analyst1');
  const b = await signedIn('analyst1');
  const bad = await a.post('/api/v1/me/password',
    { json: { current_password: 'not-the-password', new_password: 'new-password-2026' } });
  assert.equal(bad.status, 422);
  assert.equal(bad.json.error.fields.current_password, '当前密码不正确');
  const short = await a.post('/api/v1/me/password',
    { json: { current_password: DEMO_PW, new_password: 'short' } });
  assert.equal(short.status, 422);
  assert.match(short.json.error.fields.new_password, /至少需要10个字符/);
  const ok = await a.post('/api/v1/me/password',
    { json: { current_password: DEMO_PW, new_password: 'new-password-2026' } });
  assert.equal(ok.status, 204, ok.text);
  assert.equal((await a.get('/api/v1/me')).status, 200);
  assert.equal((await b.get('/api/v1/me')).status, 401);
  await new Client().login('analyst1', 'new-password-2026');
  const back = await a.post('/api/v1/me/password',
    { json: { current_password: 'new-password-2026', new_password: DEMO_PW } });
  assert.equal(back.status, 204);
});

test('every response carries the security headers', async () => {
  const r = await new Client().get('/login');
  assert.match(r.headers.get('content-security-policy'), /script-src 'self'/);
  assert.doesNotMatch(r.headers.get('content-security-policy'), /unsafe-inline/);
  assert.equal(r.headers.get('x-content-type-options'), 'nosniff');
  assert.equal(r.headers.get('x-frame-options'), 'DENY');
  assert.equal(r.headers.get('referrer-policy'), 'same-origin');
  assert.match(r.headers.get('x-request-id'), /^[0-9a-f]{16}$/);
});
