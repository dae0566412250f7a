// The browser tests' harness: a real `mentorhub serve` on a free loopback port with a fresh
// database seeded by `mentorhub demo`, on a test clock; Debian's chromium driven by
// playwright-core (never a downloaded browser); screenshots in tests/e2e/screenshots/.
// The database is SQLite, or with --store=postgres a fresh database in a throwaway PostgreSQL
// cluster (tests/support/pgcluster.py, started once per run and stopped when the run ends).
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, openSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const here = dirname(fileURLToPath(import.meta.url));
export const repoRoot = resolve(here, '..', '..');
const STORE = storeOption();
/** tests/e2e/screenshots/, or its postgres/ folder when the run is on PostgreSQL (so the two
 *  stores' runs can go side by side). */
export const SCREENSHOTS = STORE === 'postgres' ? join(here, 'screenshots', 'postgres') : join(here, 'screenshots');
export const DEMO_PASSWORD = 'mentorhub-demo';
/** The demo organisation's administrator and its mentee Maya, whom many tests sign in as. */
export const ADMIN = 'admin@northwind.example';
export const MAYA = 'maya.patel@northwind.example';
export const CLOCK_START = '2026-12-01T09:00:00Z';

function arg(name) {
  const prefix = `--${name}=`;
  const i = process.argv.findIndex((a) => a === `--${name}` || a.startsWith(prefix));
  if (i < 0) return undefined;
  return process.argv[i].startsWith(prefix) ? process.argv[i].slice(prefix.length) : process.argv[i + 1];
}

function storeOption() {
  const store = arg('store') ?? process.env.MENTORHUB_E2E_STORE ?? 'sqlite';
  if (store !== 'sqlite' && store !== 'postgres') throw new Error(`--store must be sqlite or postgres, not ${store}`);
  return store;
}

/** --binary=PATH, --web-root=PATH (or MENTORHUB_BINARY / MENTORHUB_WEB_ROOT) and
 *  --store=sqlite|postgres (or MENTORHUB_E2E_STORE). */
export function options() {
  const binary = resolve(arg('binary') ?? process.env.MENTORHUB_BINARY ?? join(repoRoot, 'build/release/mentorhub_for_test'));
  const webRoot = resolve(arg('web-root') ?? process.env.MENTORHUB_WEB_ROOT ?? join(repoRoot, 'web/dist'));
  const chromiumPath = process.env.CHROMIUM ?? '/usr/bin/chromium';
  if (!existsSync(binary)) throw new Error(`no mentorhub binary at ${binary}: build it first (make build)`);
  if (!existsSync(join(webRoot, 'index.html')))
    throw new Error(`no web app at ${webRoot}: build it first (make web, or make build)`);
  if (!existsSync(chromiumPath)) throw new Error(`no chromium at ${chromiumPath}: apt-get install chromium`);
  return { binary, webRoot, chromiumPath, store: STORE };
}

/** The throwaway PostgreSQL cluster: `python3 pgcluster.py` answers each database name written
 *  to it with that new database's URL, and stops the cluster when its stdin closes (when this
 *  process ends, however it ends). Started on the first database asked for. */
let pgCluster = null;
let pgDatabases = 0;

function startPgCluster() {
  const proc = spawn('/usr/bin/python3', [join(repoRoot, 'tests', 'support', 'pgcluster.py')], {
    stdio: ['pipe', 'pipe', 'inherit'],
  });
  const waiting = [];
  let buffered = '';
  proc.stdout.setEncoding('utf8');
  proc.stdout.on('data', (chunk) => {
    buffered += chunk;
    for (let nl; (nl = buffered.indexOf('\n')) >= 0; ) {
      const line = buffered.slice(0, nl);
      buffered = buffered.slice(nl + 1);
      waiting.shift()?.(line);
    }
  });
  proc.on('exit', (code) => {
    for (const answer of waiting.splice(0)) answer(`error: the PostgreSQL cluster helper exited (${code})`);
  });
  // Only a question in flight keeps this process alive; between questions the helper must not.
  const hold = (on) => {
    for (const h of [proc, proc.stdin, proc.stdout]) on ? h.ref() : h.unref();
  };
  hold(false);
  const next = () =>
    new Promise((answer, fail) => {
      hold(true);
      waiting.push((line) => {
        hold(false);
        if (line.startsWith('error: ')) fail(new Error(`PostgreSQL for the browser tests: ${line.slice(7)}`));
        else answer(line);
      });
    });
  const started = next();
  return started.then(() => ({
    fresh(name) {
      const url = next();
      proc.stdin.write(name + '\n');
      return url;
    },
  }));
}

/** A database for one server: a file in `dir` on SQLite, a new database on PostgreSQL. */
async function newDatabase(dir) {
  if (STORE === 'sqlite') return join(dir, 'e2e.db');
  pgCluster ??= startPgCluster();
  return (await pgCluster).fresh(`e2e_${process.pid}_${++pgDatabases}`);
}

export function freePort() {
  return new Promise((ok, fail) => {
    const s = createServer();
    s.unref();
    s.on('error', fail);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => ok(port));
    });
  });
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

export class Server {
  /** `testClock`: the fake clock's start, or null for the real clock. `install`: instead of the
   *  demo, a database set up as a real install is, its first administrator made with
   *  `user create` ({email, password}). `smtpPort`: the server mails through a mail server there
   *  (smtp_sink.mjs), with links to its own address. */
  static async start({ binary, webRoot }, { testClock = CLOCK_START, install = null, smtpPort = null } = {}) {
    const dir = mkdtempSync(join(tmpdir(), 'mentorhub-e2e-'));
    const database = await newDatabase(dir);
    const setup = install
      ? [['migrate'], ['user', 'create', '--email', install.email, '--name', 'First Administrator', '--password', install.password, '--admin']]
      : [['demo']];
    for (const args of setup) {
      const r = spawnSync(binary, ['--database', database, ...args], { encoding: 'utf8', timeout: 120_000 });
      if (r.status !== 0) throw new Error(`mentorhub ${args.join(' ')} failed (${r.status}): ${r.stderr}`);
    }
    const port = await freePort();
    const mail = smtpPort
      ? ['--smtp', `smtp://127.0.0.1:${smtpPort}`, '--mail-from', 'mentoring@northwind.example', '--public-url',
          `http://127.0.0.1:${port}`, '--mail-templates', join(repoRoot, 'templates', 'mail')]
      : [];
    const log = join(dir, 'server.log');
    const fd = openSync(log, 'w');
    const proc = spawn(
      binary,
      ['--database', database, 'serve', '--bind', '127.0.0.1', '--port', String(port), '--threads', '4',
        '--web-root', webRoot, ...(testClock ? ['--test-clock', testClock] : []), ...mail],
      { stdio: ['ignore', fd, fd] },
    );
    const server = new Server(proc, port, dir, log, testClock, database);
    const deadline = Date.now() + 30_000;
    while (Date.now() < deadline) {
      if (proc.exitCode !== null) throw new Error(`server exited with ${proc.exitCode}: ${server.logTail()}`);
      try {
        const r = await fetch(`${server.url}/healthz`);
        if (r.ok) return server;
      } catch {
        // not listening yet
      }
      await sleep(50);
    }
    await server.stop();
    throw new Error('server did not become healthy: ' + server.logTail());
  }

  constructor(proc, port, dir, log, testClock, database) {
    this.proc = proc;
    /** What `mentorhub --database` takes for this server's database (a file or a URL). */
    this.database = database;
    this.port = port;
    this.dir = dir;
    this.log = log;
    this.url = `http://127.0.0.1:${port}`;
    /** The server's time when it runs on a test clock, else null. */
    this.now = testClock ? new Date(testClock) : null;
  }

  logTail() {
    try {
      return readFileSync(this.log, 'utf8').slice(-3000);
    } catch {
      return '';
    }
  }

  /** Moves the server's test clock (which also runs the lifecycle checks). */
  async advanceDays(days) {
    return this.advanceClock({ advance_days: days });
  }

  /** Moves the server's test clock by `by`, {advance_days} or {advance_seconds}. */
  async advanceClock(by) {
    const r = await fetch(`${this.url}/api/v1/test/clock`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(by),
    });
    if (!r.ok) throw new Error(`moving the clock failed: ${r.status} ${await r.text()}`);
    const body = await r.json();
    this.now = new Date(body.now);
    return body;
  }

  /** Sends the outbox's waiting mail at once (the test build's route), instead of waiting for
   *  the sender's next round. */
  async sendMailNow() {
    const r = await fetch(`${this.url}/api/v1/test/mail`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: '{}',
    });
    if (!r.ok) throw new Error(`sending mail failed: ${r.status} ${await r.text()}`);
    return r.json();
  }

  /** A cookie-less API client signed in with a session (for setup and checks, not for the UI). */
  async client(email, password = DEMO_PASSWORD) {
    const r = await fetch(`${this.url}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ email, password }),
    });
    if (!r.ok) throw new Error(`sign-in of ${email} failed: ${r.status} ${await r.text()}`);
    const cookies = r.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ');
    const { csrf_token: csrf, person } = await r.json();
    const call = async (method, path, body) => {
      const res = await fetch(`${this.url}/api/v1${path}`, {
        method,
        headers: { Cookie: cookies, 'X-CSRF-Token': csrf, 'Content-Type': 'application/json' },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      const text = await res.text();
      return { status: res.status, body: text ? JSON.parse(text) : null };
    };
    const post = (p, b = {}) => call('POST', p, b);
    return {
      person,
      get: (p) => call('GET', p),
      post,
      patch: (p, b = {}) => call('PATCH', p, b),
      put: (p, b = {}) => call('PUT', p, b),
      del: (p) => call('DELETE', p),
      /** Every item of a paged list: `path` (with a query) and then each next_cursor. */
      async all(path) {
        const items = [];
        for (let cursor = ''; ; ) {
          const { body } = await call('GET', path + cursor);
          items.push(...body.items);
          if (!body.next_cursor) return items;
          cursor = `&cursor=${body.next_cursor}`;
        }
      },
      /** Creates a person from `fields` (an administrator's client): answers them with their e-mail. */
      async createPerson(fields) {
        const r = await post('/people', fields);
        assert.equal(r.status, 201, `creating ${fields.name}: ${JSON.stringify(r.body)}`);
        return { ...r.body, email: fields.email };
      },
    };
  }

  async stop() {
    if (this.proc.exitCode === null) {
      this.proc.kill('SIGTERM');
      const exited = await Promise.race([
        new Promise((r) => this.proc.once('exit', () => r(true))),
        sleep(15_000).then(() => false),
      ]);
      if (!exited) this.proc.kill('SIGKILL');
    }
    rmSync(this.dir, { recursive: true, force: true });
  }
}

export async function launchBrowser(chromiumPath) {
  return chromium.launch({
    executablePath: chromiumPath,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

/** One person's browser: its own context (cookies), its clock pinned to the server's. */
export class Person {
  constructor(
    browser,
    server,
    email,
    { viewport = { width: 1280, height: 900 }, password = DEMO_PASSWORD, timezoneId = 'Europe/London' } = {},
  ) {
    this.browser = browser;
    this.server = server;
    this.email = email;
    this.password = password;
    this.viewport = viewport;
    this.timezoneId = timezoneId;
  }

  async open() {
    this.context = await this.browser.newContext({
      viewport: this.viewport,
      timezoneId: this.timezoneId,
      locale: 'en-GB',
      reducedMotion: 'reduce',
    });
    if (this.server.now) await this.context.clock.setFixedTime(this.server.now);
    // Nothing outside the test server: no fonts, no CDN, no telemetry.
    await this.context.route(/^(?!http:\/\/127\.0\.0\.1:)/, (route) => route.abort());
    this.page = await this.context.newPage();
    this.page.setDefaultTimeout(15_000);
    this.errors = [];
    this.page.on('pageerror', (e) => this.errors.push(String(e)));
    return this;
  }

  /** Keeps the page's clock in step with the server's after the server's clock moved. */
  async syncClock() {
    if (this.server.now) await this.context.clock.setFixedTime(this.server.now);
  }

  async goto(path) {
    await this.page.goto(this.server.url + path);
  }

  async signIn() {
    const page = this.page;
    if (!(await page.getByRole('heading', { name: 'Sign in' }).isVisible().catch(() => false))) await this.goto('/');
    await page.getByRole('heading', { name: 'Sign in' }).waitFor();
    await page.getByLabel('E-mail').fill(this.email);
    await page.getByLabel('Password').fill(this.password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.locator('header.topbar').waitFor();
  }

  /** On the page a password link opens: chooses `password` (a picture named `shot` of the page
   *  filled in, when given), saves it and signs in with it. */
  async choosePassword(password, shot) {
    const page = this.page;
    await page.getByLabel('New password').fill(password);
    await page.getByLabel('The same again').fill(password);
    if (shot) await screenshot(page, shot);
    await page.getByRole('button', { name: 'Save my password' }).click();
    await expectVisible(page.getByRole('heading', { name: 'Your password is set' }), 'the password is saved');
    await page.getByRole('button', { name: 'Sign in' }).click();
    this.password = password;
    await this.signIn();
  }

  /** Opens the tab `name` of the profile's Account navigation (Mail, Sessions, Your data, ...) and
   *  waits for its address. */
  async openAccountTab(name) {
    await this.goto('/profile');
    const link = this.page.getByRole('navigation', { name: 'Account' }).getByRole('link', { name });
    const path = await link.getAttribute('href');
    await link.click();
    await this.page.waitForURL((url) => url.pathname === path);
  }

  async close() {
    await this.context?.close();
  }
}

/** A test file's server and browser, and every person opened in them: `start` it before the
 *  tests and `stop` it after them. */
export class Stage {
  constructor(opts) {
    this.opts = opts;
    this.people = [];
  }

  /** Starts the server (with Server.start's options) and the browser; answers the server. */
  async start(serverOptions) {
    this.server = await Server.start(this.opts, serverOptions);
    await this.launch();
    return this.server;
  }

  /** Starts the server and the browser with one person in both: the API client signed in as
   *  `email` and their browser page (not yet signed in, as `open` gives it). For the files whose
   *  tests are one person's (an administrator's) pages. */
  async startWith(email, serverOptions) {
    const server = await this.start(serverOptions);
    const api = await server.client(email);
    const person = await this.open(email);
    return { server, api, person, page: person.page };
  }

  /** Starts the browser only, for people on servers the tests start themselves. */
  async launch() {
    this.browser = await launchBrowser(this.opts.chromiumPath);
    return this.browser;
  }

  /** A person's browser (with Person's options), closed by `stop`: signed in when `signIn`, on
   *  the server `on` when it is not the stage's. */
  async open(email, { signIn = false, on = this.server, ...personOptions } = {}) {
    const p = await new Person(this.browser, on, email, personOptions).open();
    this.people.push(p);
    if (signIn) await p.signIn();
    return p;
  }

  /** Closes each person's browser, then the browser and the server. `pageErrors`: 'fail' when
   *  a person's page had a script error, 'log' prints them, 'ignore' does neither. */
  async stop({ pageErrors = 'ignore' } = {}) {
    for (const p of this.people) {
      if (pageErrors === 'fail') {
        assert.deepEqual(p.errors, [], `no script errors for ${p.email}`);
        await p.close();
        continue;
      }
      if (pageErrors === 'log' && p.errors?.length) console.log(`# page errors for ${p.email}:\n${p.errors.join('\n')}`);
      await p.close().catch(() => {});
    }
    await this.browser?.close();
    await this.server?.stop();
  }
}

let shotNumber = 0;

/** Whether a relationship (as GET /relationships lists it) is live: starting, active or fading. */
export const isLive = (r) => ['active', 'fading', 'starting'].includes(r.state);

/** The first live relationship of the person `api` is signed in as, with them as `role` when one
 *  is given; undefined when they have none. */
export async function liveRelationship(api, role) {
  const { items } = (await api.get('/relationships?limit=100')).body;
  return items.find((r) => isLive(r) && (!role || r.my_role === role));
}

/** The field of `within` marked invalid that holds the control labelled `label` (getByLabel's
 *  arguments): where that control's error shows. */
export function invalidField(within, ...label) {
  return within.locator('.field--invalid', { has: within.page().getByLabel(...label) });
}

/** Empties tests/e2e/screenshots/ of the pictures of an earlier run. */
export function clearScreenshots() {
  mkdirSync(SCREENSHOTS, { recursive: true });
  for (const f of readdirSync(SCREENSHOTS)) if (f.endsWith('.png')) rmSync(join(SCREENSHOTS, f));
}
export async function screenshot(page, name, { fullPage = false, locator } = {}) {
  mkdirSync(SCREENSHOTS, { recursive: true });
  const file = join(SCREENSHOTS, `${String(++shotNumber).padStart(2, '0')}-${name}.png`);
  // Let toasts and transitions settle so pictures are stable.
  await page.waitForTimeout(150);
  // Toasts come and go, and a sticky bar would cover an element's picture.
  const style = '.toasts { display: none !important; }' + (locator ? ' .topbar { position: static !important; }' : '');
  if (locator) await locator.screenshot({ path: file, style });
  else await page.screenshot({ path: file, fullPage, style });
  return file;
}

/** Waits for `locator` to be visible; when it is not, fails with `message`, the first line of the
 *  reason and a screenshot of the whole page named after the message. */
export async function expectVisible(locator, message) {
  try {
    await locator.first().waitFor({ state: 'visible' });
  } catch (e) {
    const name = 'FAILED-' + message.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '').slice(0, 60);
    const file = await screenshot(locator.page(), name, { fullPage: true }).catch(() => '');
    throw new Error(`${message}: ${e.message.split('\n')[0]}${file ? ` (see ${file})` : ''}`);
  }
}

/** Waits for a page's heading and for every loading placeholder to go. */
export async function settled(page) {
  await page.locator('h1').first().waitFor({ state: 'visible' });
  await page.waitForFunction(() => !document.querySelector('.loading, .skeleton, [aria-busy="true"]'), null, { timeout: 15_000 });
  await page.waitForTimeout(100);
}

/** The layout checks every page gets: settled, no sideways scrolling, a screenshot, and at
 *  1280 px nothing axe finds serious or critical. */
export async function checkLayout(p, name) {
  const page = p.page;
  await settled(page);
  const [scrollWidth, innerWidth] = await page.evaluate(() => [document.documentElement.scrollWidth, window.innerWidth]);
  await screenshot(page, `layout-${p.viewport.width}-${name}`, { fullPage: true });
  if (scrollWidth > innerWidth) throw new Error(`${name} at ${p.viewport.width} px scrolls sideways (${scrollWidth} > ${innerWidth})`);
  if (p.viewport.width < 1280) return;
  const { AxeBuilder } = await import('@axe-core/playwright');
  const result = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice']).analyze();
  const serious = result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  if (serious.length)
    throw new Error(`axe on ${name}: ` + serious.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).slice(0, 3).join(' | ')})`).join('; '));
}
