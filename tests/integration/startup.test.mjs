// Start-up refuses what would run wrong: a changed migration that already
// ran, a template that does not compile (with file and line). A database
// that drops the server's connections (a restart) costs no failed request.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, writeFileSync, readFileSync, symlinkSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { gsctl, psql, signedIn } from './lib.mjs';

test('a changed, already applied migration stops gsctl migrate with a clear error', () => {
  const dir = mkdtempSync(join(tmpdir(), 'gs-mig-'));
  try {
    cpSync('migrations', dir, { recursive: true });
    const f = join(dir, '0002_rulebook_calendar.sql');
    writeFileSync(f, readFileSync(f, 'utf8') + '\n-- edited after it ran\n');
    const r = gsctl(['migrate', '--dir', dir]);
    assert.equal(r.status, 1);
    assert.match(r.stderr, /0002_rulebook_calendar\.sql was changed after it was applied/);
    const same = gsctl(['migrate']);
    assert.equal(same.status, 0);
    assert.match(same.stdout, /0 migration\(s\) applied/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('a template error stops the server at start-up, naming file and line', () => {
  const root = mkdtempSync(join(tmpdir(), 'gs-root-'));
  try {
    cpSync('templates', join(root, 'templates'), { recursive: true });
    symlinkSync(resolve('assets'), join(root, 'assets'));
    symlinkSync(resolve('migrations'), join(root, 'migrations'));
    const t = join(root, 'templates/pages/home.html');
    writeFileSync(t, readFileSync(t, 'utf8').replace('{{greeting}}', '{{greeeting}}'));
    const r = spawnSync('kore', ['-f', '-n', '-r', '-c', 'conf/greensword.conf'], {
      encoding: 'utf8', timeout: 20000,
      env: { ...process.env, GS_ROOT: root, GS_HTTP_PORT: '1' } });
    const out = r.stdout + r.stderr;
    assert.notEqual(r.status, 0, out);
    assert.match(out, /template error: .*pages\/home\.html:\d+: unknown key 'greeeting'/);
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
});

test('connections the database closed while idle are replaced before use, not answered with 500', async () => {
  const c = await signedIn('officer1');
  const burst = () => Promise.all(Array.from({ length: 24 },
    () => c.get('/api/v1/cases?per_page=1').then((r) => r.status)));
  // Every worker holds a connection of its own.
  assert.deepEqual(new Set(await burst()), new Set([200]));
  const killed = Number(psql("SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity " +
    "WHERE usename = 'gs_app' AND datname = current_database()"));
  assert.ok(killed > 0, 'the server had connections to close');
  // The backends are gone once pg_stat_activity no longer lists them.
  for (let i = 0; i < 50 && Number(psql("SELECT count(*) FROM pg_stat_activity " +
      "WHERE usename = 'gs_app' AND datname = current_database()")) > 0; i++)
    await new Promise((ok) => setTimeout(ok, 100));
  assert.deepEqual(new Set(await burst()), new Set([200]));
});
