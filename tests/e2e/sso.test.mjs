// End-to-end: single sign-on. A real OpenID Connect provider runs on loopback
// (tests/oidc/provider.mjs, the npm package oidc-provider); an administrator connects it; a person
// clicks "Sign in with Northwind ID" on the sign-in page, signs in on the provider's own page and
// lands in Mentorhub signed in. Someone the organisation does not know comes back to the sign-in
// page with the reason. With password sign-in turned off, the password form is one click away for
// the break-glass administrator.
//
// Run alone: node tests/e2e/sso.test.mjs --binary=build/release/mentorhub_for_test --web-root=web/dist
// (e2e.test.mjs imports it, so ctest's e2e_browser runs it too). Skipped when tests/oidc has no
// node_modules (scripts/install-deps installs them).
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ADMIN, Stage, freePort, options, repoRoot, screenshot } from './harness.mjs';

const PROVIDER = join(repoRoot, 'tests', 'oidc', 'provider.mjs');
const haveProvider = existsSync(join(repoRoot, 'tests', 'oidc', 'node_modules', 'oidc-provider'));

/** The test identity provider on a free loopback port. */
async function startProvider() {
  const dir = mkdtempSync(join(tmpdir(), 'mentorhub-idp-'));
  const port = await freePort();
  const proc = spawn(process.execPath, [PROVIDER, '--port', String(port), '--keys', join(dir, 'keys.json')], {
    stdio: ['ignore', 'pipe', 'ignore'],
  });
  const issuer = await new Promise((ok, fail) => {
    let out = '';
    proc.stdout.on('data', (d) => {
      out += d;
      if (out.includes('\n')) ok(JSON.parse(out.split('\n')[0]).issuer);
    });
    proc.once('exit', (code) => fail(new Error(`the test identity provider exited with ${code}`)));
  });
  const account = async (login, claims) => {
    const r = await fetch(`${issuer}/__test/accounts`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ [login]: claims }),
    });
    assert.equal(r.status, 204);
  };
  const stop = () => {
    proc.kill('SIGTERM');
    rmSync(dir, { recursive: true, force: true });
  };
  return { issuer, account, stop };
}

// Under ctest (make test, CI) scripts/install-deps has installed the provider: a missing one is a
// broken install, so the suite fails instead of skipping unseen. Run by hand, it skips.
const providerRequired = process.env.MH_REQUIRE_OIDC_PROVIDER === '1';

describe('single sign-on', {
  timeout: 300_000,
  skip: haveProvider || providerRequired ? false : 'tests/oidc/node_modules is missing',
}, () => {
  const stage = new Stage(options());
  let server, idp, admin;

  before(async () => {
    if (!haveProvider) throw new Error('the test identity provider is missing: tests/oidc/node_modules (scripts/install-deps)');
    // The provider's tokens carry the real time, so this server runs on the real clock.
    server = await stage.start({ testClock: null });
    idp = await startProvider();
    admin = await server.client(ADMIN);
    const r = await admin.put('/admin/sso', {
      display_name: 'Northwind ID',
      issuer: idp.issuer,
      client_id: 'mentorhub',
      client_secret: 'mentorhub-test-secret',
      public_url: server.url,
    });
    assert.equal(r.status, 200, JSON.stringify(r.body));
  });

  after(async () => {
    await stage.stop();
    idp?.stop();
  });

  async function openSignInPage(path = '/') {
    const person = await stage.open('unused@example.com');
    await person.page.goto(server.url + path);
    return person.page;
  }

  async function throughProvider(page, login) {
    await page.getByRole('link', { name: 'Sign in with Northwind ID' }).click();
    await page.getByLabel('Account').fill(login);
    await page.getByRole('button', { name: 'Sign in to the identity provider' }).click();
  }

  test('a person clicks "Sign in with Northwind ID", signs in at the provider and lands signed in', async () => {
    await idp.account('maya', { email: 'maya.patel@northwind.example', email_verified: true, name: 'Maya Patel' });
    const page = await openSignInPage();
    await screenshot(page, 'sso-sign-in');
    await throughProvider(page, 'maya');
    try {
      await page.waitForURL((u) => u.origin === server.url && u.pathname === '/' && !u.search, { timeout: 30_000 });
      await page.getByRole('heading', { name: 'Sign in', exact: true }).waitFor({ state: 'detached' });
    } catch (e) {
      const file = await screenshot(page, 'sso-FAILED', { fullPage: true }).catch(() => '');
      throw new Error(`not signed in after the provider: ${e.message.split('\n')[0]} (see ${file})`);
    }
    const me = await page.evaluate(async () => (await fetch('/api/v1/me')).json());
    assert.equal(me.email, 'maya.patel@northwind.example');
  });

  test('a link opened signed out (a page from a mail) is where the provider brings her back', async () => {
    const page = await openSignInPage('/profile/availability');
    await throughProvider(page, 'maya');
    await page.waitForURL((u) => u.origin === server.url && u.pathname === '/profile/availability', { timeout: 30_000 });
    await page.getByRole('heading', { name: 'Availability', level: 1 }).waitFor();
  });

  test('someone the organisation does not know comes back to the sign-in page with the reason', async () => {
    await idp.account('stranger', { email: 'stranger@elsewhere.example', email_verified: true });
    const page = await openSignInPage();
    await throughProvider(page, 'stranger');
    const alert = page.getByRole('alert');
    await alert.waitFor({ state: 'visible' });
    assert.match(await alert.innerText(), /There is no Mentorhub account for stranger@elsewhere\.example/);
    await screenshot(page, 'sso-refused');
  });

  test('with password sign-in off, only a click away for the break-glass administrator', async () => {
    const r = await admin.put('/admin/sso', {
      display_name: 'Northwind ID',
      issuer: idp.issuer,
      client_id: 'mentorhub',
      public_url: server.url,
      password_sign_in: false,
      break_glass_email: ADMIN,
    });
    assert.equal(r.status, 200, JSON.stringify(r.body));
    const page = await openSignInPage();
    await page.getByRole('link', { name: 'Sign in with Northwind ID' }).waitFor();
    assert.equal(await page.getByLabel('Password').count(), 0);
    await page.getByRole('button', { name: 'Administrator sign-in with a password' }).click();
    await page.getByLabel('E-mail').fill(ADMIN);
    await page.getByLabel('Password').fill('mentorhub-demo');
    await page.getByRole('button', { name: 'Sign in with a password' }).click();
    await page.getByRole('link', { name: 'People admin' }).first().waitFor({ state: 'visible' });
    // The settings page shows what was configured, never the secret.
    await page.getByRole('link', { name: 'Sign-in', exact: true }).first().click();
    // The form is filled once the settings arrive, after the page has drawn it empty.
    const issuerField = page.getByLabel('Issuer URL');
    await page.waitForFunction((el) => el.value !== '', await issuerField.elementHandle());
    assert.equal(await issuerField.inputValue(), idp.issuer);
    assert.equal(await page.getByLabel('Client secret').inputValue(), '');
    await page.getByRole('button', { name: 'Check the provider' }).click();
    await page.getByText('The provider answers').waitFor({ state: 'visible' });
    await screenshot(page, 'sso-admin-settings', { fullPage: true });
  });
});
