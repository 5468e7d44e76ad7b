// lib.mjs — what the integration tests share: an HTTP client with a cookie
// jar, the CSRF token and its own client address; psql and gsctl runners;
// a USCC generator. The server is the one scripts/integration.sh started.
import { execFileSync, spawnSync } from 'node:child_process';
import { randomInt } from 'node:crypto';

export const BASE = process.env.GS_URL;
export const DEMO_PW = process.env.GS_DEMO_PASSWORD;
export const ADMIN_PW = process.env.GS_ADMIN_PASSWORD;
if (!BASE) throw new Error('GS_URL is not set: run through make integration');

export function randomAddr() {
  return `10.${randomInt(1, 250)}.${randomInt(1, 250)}.${randomInt(1, 250)}`;
}

export class Client {
  constructor(addr = randomAddr()) {
    this.addr = addr;
    this.cookies = new Map();
    this.csrf = null;
    this.bearer = null;
  }

  cookieHeader() {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
  }

  async request(method, path, opts = {}) {
    const headers = { 'x-forwarded-for': this.addr, ...(opts.headers || {}) };
    let body;
    if (this.cookies.size) headers.cookie = this.cookieHeader();
    if (this.bearer) headers.authorization = `Bearer ${this.bearer}`;
    if (opts.json !== undefined) {
      headers['content-type'] = 'application/json';
      body = JSON.stringify(opts.json);
    } else if (opts.form !== undefined) {
      headers['content-type'] = 'application/x-www-form-urlencoded';
      body = new URLSearchParams(opts.form).toString();
    } else if (opts.body !== undefined) {
      body = opts.body;
    }
    if (method !== 'GET' && this.csrf && opts.csrf !== false &&
        headers['x-csrf-token'] === undefined)
      headers['x-csrf-token'] = this.csrf;
    // No request here takes more than seconds; one that never answers fails
    // in a minute, naming itself and its client address (the server log's
    // "addr"), instead of at undici's five-minute headers timeout.
    let res;
    try {
      res = await fetch(BASE + path, { method, headers, body, redirect: 'manual',
        signal: AbortSignal.timeout(60000) });
    } catch (e) {
      throw new Error(`${method} ${path} from ${this.addr}: ${e.message}`, { cause: e });
    }
    for (const c of res.headers.getSetCookie()) {
      const [pair, ...attrs] = c.split(';');
      const i = pair.indexOf('=');
      const name = pair.slice(0, i), value = pair.slice(i + 1);
      if (attrs.some((a) => /max-age=0/i.test(a))) this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
    const text = await res.text();
    let json = null;
    if ((res.headers.get('content-type') || '').includes('application/json'))
      json = JSON.parse(text);
    return { status: res.status, headers: res.headers, text, json };
  }

  get(path, opts) { return this.request('GET', path, opts); }
  post(path, opts) { return this.request('POST', path, opts); }
  patch(path, opts) { return this.request('PATCH', path, opts); }
  put(path, opts) { return this.request('PUT', path, opts); }
  del(path, opts) { return this.request('DELETE', path, opts); }

  async login(username, password = DEMO_PW) {
    const r = await this.post('/api/v1/session', { json: { username, password } });
    if (r.status !== 200) throw new Error(`login ${username}: ${r.status} ${r.text}`);
    this.csrf = r.json.csrf_token;
    this.user = r.json.user;
    return r;
  }

  // Signs in through the HTML form, as a browser does.
  async formLogin(username, password = DEMO_PW) {
    const page = await this.get('/login');
    const token = /name="_login" value="([^"]+)"/.exec(page.text)[1];
    return this.post('/login', { form: { _login: token, username, password } });
  }
}

export async function signedIn(username, password = DEMO_PW) {
  const c = new Client();
  await c.login(username, password);
  return c;
}

export function psql(sql, url = process.env.GS_DB_OWNER_URL) {
  return execFileSync('psql', ['-X', '-q', '-t', '-A', '-v', 'ON_ERROR_STOP=1',
    '-d', url, '-c', sql], { encoding: 'utf8' }).trim();
}

export function gsctl(args, env = {}) {
  const r = spawnSync('build/gsctl', args, { encoding: 'utf8',
    env: { ...process.env, ...env } });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

// A valid unified social credit code (GB 32100-2015) from a number.
const ALPHABET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];
export function usccCheck(first17) {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += ALPHABET.indexOf(first17[i]) * WEIGHTS[i];
  return ALPHABET[(31 - (sum % 31)) % 31];
}
export function uscc(n, prefix = '91330784MB') {
  let body = '';
  for (let i = 0; i < 7; i++) { body = ALPHABET[n % 31] + body; n = Math.floor(n / 31); }
  const first = (prefix + body).slice(0, 17);
  return first + usccCheck(first);
}
let usccCounter = randomInt(1000, 5000000);
export function freshUscc() { return uscc(usccCounter++); }

export function entityBody(overrides = {}) {
  return { uscc: freshUscc(), name: '测试用化工有限公司', address: '东城街道测试路1号',
    township: '东城街道', industry: '化学原料和化学制品制造', category: 'general',
    ...overrides };
}
