// A real tabhost for the browser tests: a throw-away configuration with two
// differently branded tenants, the built-in plugins, the out-of-tree hello
// plugin, and mail to the suite's SMTP listener (scripts/test.sh starts it).
import { spawn, execFileSync } from 'node:child_process';
import { cpSync, mkdtempSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';

export const ROOT = resolve(import.meta.dirname, '../../..');
export const BUILD = resolve(ROOT, process.env.BUILD_DIR ?? 'build');

// Two white-label partners that differ in everything a person would see:
// name, colour (a dark one, and a light one that needs dark text), tab
// order and titles, and which plugins they have.
export const TENANTS = {
  northwind: `id: northwind
name: Northwind Traders
branding:
  product_name: Northwind Admin
  primary_color: "#0f766e"
  support_email: help@northwind.test
plugins:
  tokens: {title: API keys}
  hello: {title: Greetings, settings: {greeting: Ahoy}}
  users: {}
  companies: {}
  voice:
    settings:
      account_sid: {value: AC0123456789abcdef0123456789abcdef, locked: true}
  billing: {enabled: false}
  impersonation:
    settings: {reason_required: true, max_minutes: 30}
`,
  southpole: `id: southpole
name: Southpole Logistics
branding:
  product_name: Southpole Console
  primary_color: "#fbbf24"
  support_email: desk@southpole.test
plugins:
  hello: {enabled: false}
roles:
  dispatcher: [companies.read]
  auditor: [audit.read]
`,
};

/** Whether the suite has a PostgreSQL server (scripts/test.sh starts one). */
export const havePostgres = Boolean(process.env.TABHOST_TEST_PG_DSN);
let databases = 0;

// A database of its own on the suite's PostgreSQL for one host (the tenants'
// schemas have the same names in every test); dropped by `t.after`.
function postgresStorage(t) {
  const dsn = process.env.TABHOST_TEST_PG_DSN;
  const name = `tabhost_e2e_${process.pid}_${++databases}`;
  execFileSync('psql', [dsn, '-qc', `CREATE DATABASE ${name}`]);
  t.after(() => execFileSync('psql', [dsn, '-qc', `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`]));
  return `storage:\n  driver: postgresql\n  dsn: "${dsn.replace(/dbname=\S+/, `dbname=${name}`)}"\n`;
}

function hostYaml(storage) {
  const smtp = process.env.TABHOST_TEST_SMTP;
  return `server:
  listen: "127.0.0.1:0"
  threads: 32
${storage}plugins:
  dir: plugins
tenants_dir: tenants
state_dir: state
${smtp ? `mail:\n  smtp: "${smtp}"\n  from: "Tabhost tests <no-reply@tabhost.test>"\n  poll_interval_ms: 100\n` : ''}`;
}

/**
 * Starts tabhost; `t.after` stops it and removes its folder. `prepare(config)`
 * runs first, with the configuration written (a benchmark seeds data there).
 * `postgres: true` stores the tenants on the suite's PostgreSQL, not SQLite.
 */
export async function startHost(t, { tenants = TENANTS, security = '', prepare, postgres = false } = {}) {
  const dir = mkdtempSync(join(tmpdir(), 'tabhost-e2e-'));
  mkdirSync(join(dir, 'plugins'));
  mkdirSync(join(dir, 'tenants'));
  const builtins = join(BUILD, 'lib/tabhost/plugins');
  for (const file of readdirSync(builtins)) if (file.endsWith('.so')) cpSync(join(builtins, file), join(dir, 'plugins', file));
  // The example plugin, built out of tree against the installed SDK (the
  // e2e_hello_plugin fixture in tests/CMakeLists.txt).
  const hello = process.env.TABHOST_E2E_HELLO ?? join(BUILD, 'e2e-hello/tabhost_hello.so');
  if (!existsSync(hello)) throw new Error(`${hello} is missing: build it with scripts/build-hello.sh`);
  cpSync(hello, join(dir, 'plugins', 'tabhost_hello.so'));
  const storage = postgres ? postgresStorage(t) : 'storage:\n  driver: sqlite\n  path: data\n';
  writeFileSync(join(dir, 'tabhost.yaml'), hostYaml(storage) + (security ? `security:\n${security}` : ''));
  for (const [id, text] of Object.entries(tenants)) writeFileSync(join(dir, 'tenants', `${id}.yaml`), text);

  const config = join(dir, 'tabhost.yaml');
  if (prepare) await prepare(config);
  const output = [];
  const child = spawn(join(BUILD, 'bin/tabhost'), ['--config', config], { stdio: ['ignore', 'pipe', 'pipe'] });
  child.stdout.on('data', (d) => output.push(d));
  child.stderr.on('data', (d) => output.push(d));
  const exited = new Promise((done) => child.on('exit', done));
  // After 'exit', what the process wrote last may still be on its way: 'close' waits for it.
  const closed = new Promise((done) => child.on('close', done));
  t.after(async () => {
    child.kill('SIGTERM');
    await exited;
    rmSync(dir, { recursive: true, force: true });
  });

  let url = '';
  for (let i = 0; i < 200 && !url; i++) {
    if (child.exitCode !== null) break;
    try {
      url = readFileSync(join(dir, 'state/tabhost.url'), 'utf8').trim();
    } catch {
      // Not written yet.
    }
    if (!url) await sleep(50);
  }
  if (!url) {
    const ended = child.exitCode !== null || child.signalCode !== null
      ? ` (it ended: exit code ${child.exitCode}, signal ${child.signalCode})` : '';
    if (ended) await closed;
    throw new Error(`tabhost did not start${ended}:\n${Buffer.concat(output).toString()}`);
  }
  return new Host(url, config, dir, () => Buffer.concat(output).toString());
}

export class Host {
  constructor(url, config, dir, output) {
    this.url = url;
    this.config = config;
    this.dir = dir;
    this.output = output;
  }

  /** The dashboard's address of `tenant`, plus `path`. */
  page(tenant, path = '') {
    return `${this.url}/t/${tenant}/${path}`;
  }

  tabctl(...args) {
    return execFileSync(join(BUILD, 'bin/tabctl'), [...args.slice(0, 2), '--config', this.config, ...args.slice(2)], {
      encoding: 'utf8',
    });
  }

  /** A new account; its temporary password (shown once) and id. */
  createUser(tenant, email, type, first = 'Test', last = 'User') {
    const out = this.tabctl('user', 'create', '--tenant', tenant, '--email', email, '--type', type, '--first-name', first, '--last-name', last);
    const id = /\(id ([^)]+)\)/.exec(out)?.[1];
    const lines = out.trim().split('\n');
    return { id, email, temporary: lines[lines.length - 1].trim() };
  }

  /** Calls the API as a client outside the browser would. */
  async api(tenant, method, path, { body, cookie, csrf, headers = {} } = {}) {
    const response = await fetch(`${this.url}/t/${tenant}/api/v1${path}`, {
      method,
      headers: {
        ...(body !== undefined ? { 'Content-Type': 'application/json' } : {}),
        ...(cookie ? { Cookie: cookie } : {}),
        ...(csrf ? { 'X-CSRF-Token': csrf } : {}),
        ...headers,
      },
      body: body !== undefined ? JSON.stringify(body) : undefined,
    });
    const text = await response.text();
    let json = null;
    try {
      json = text ? JSON.parse(text) : null;
    } catch {
      json = null;
    }
    const setCookie = response.headers.get('set-cookie');
    return { status: response.status, json, headers: response.headers, cookie: setCookie ? setCookie.split(';')[0] : null };
  }

  /**
   * An account with a permanent password and a signed-in session, made over
   * the API (the browser tests that are not about signing in start here).
   */
  async signedIn(tenant, email, type, password, first, last) {
    const user = this.createUser(tenant, email, type, first, last);
    const login = await this.api(tenant, 'POST', '/auth/login', { body: { email, password: user.temporary } });
    if (login.status !== 200) throw new Error(`sign-in of ${email}: ${login.status} ${JSON.stringify(login.json)}`);
    const changed = await this.api(tenant, 'POST', '/auth/change-password', {
      body: { current_password: user.temporary, new_password: password },
      cookie: login.cookie,
      csrf: login.json.csrf_token,
    });
    if (changed.status !== 200) throw new Error(`password of ${email}: ${changed.status} ${JSON.stringify(changed.json)}`);
    return { ...user, password, cookie: changed.cookie, csrf: changed.json.csrf_token };
  }

  /** Puts a session made by signedIn() into a browser context. */
  async useSession(context, tenant, session) {
    const [name, value] = session.cookie.split('=');
    const { hostname, port } = new URL(this.url);
    await context.addCookies([{ name, value, domain: hostname, path: '/', httpOnly: true, sameSite: 'Strict' }]);
    return `${hostname}:${port}`;
  }
}
