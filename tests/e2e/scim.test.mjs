// Provisioning in the browser (issue 19): an administrator opens Sign-in → Provisioning, is told
// the name is needed, makes a token for "Entra ID", copies it once; an identity provider (here a
// script) then creates a person with it at /scim/v2, who appears in People admin; revoked from the
// page, the token is refused at once. The page at 375 and 1280 px, with axe at 1280 px.
// Run alone: node tests/e2e/scim.test.mjs --binary=build/release/mentorhub_for_test --web-root=web/dist
// (e2e.test.mjs imports it, so ctest's e2e_browser runs it too).
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { ADMIN, Stage, checkLayout, options, screenshot } from './harness.mjs';

const WIDTHS = [
  { width: 375, height: 812 },
  { width: 1280, height: 900 },
];

async function scim(server, token, method, path, body) {
  const r = await fetch(`${server.url}/scim/v2${path}`, {
    method,
    headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/scim+json' },
    body: body ? JSON.stringify(body) : undefined,
  });
  return { status: r.status, body: r.status === 204 ? null : await r.json() };
}

describe('provisioning with SCIM', { timeout: 600_000 }, () => {
  const stage = new Stage(options());
  let server;

  const open = (viewport) => stage.open(ADMIN, { viewport, signIn: true });

  before(async () => {
    server = await stage.start({ testClock: null });
  });

  after(() => stage.stop());

  test('an administrator makes a token, a provider creates a person with it, the token is revoked', async () => {
    const admin = await open(WIDTHS[1]);
    const page = admin.page;
    await admin.goto('/admin/sso');
    await page.getByRole('tab', { name: 'Provisioning' }).or(page.getByRole('link', { name: 'Provisioning' })).first().click();
    await page.getByRole('heading', { name: 'Provisioning', level: 1 }).waitFor();
    await page.getByText('No SCIM tokens yet').waitFor();

    const form = page.getByRole('form', { name: 'Make a SCIM token' });
    await form.getByRole('button', { name: 'Make token' }).click();
    await form.getByText('must be 1 to 100 characters').waitFor();
    await form.getByLabel('Provider').fill('Entra ID');
    await form.getByRole('button', { name: 'Make token' }).click();
    const secret = page.getByLabel('Secret token');
    await secret.waitFor();
    const token = await secret.inputValue();
    assert.match(token, /^[0-9a-f]{64}$/);
    await page.getByText(`SCIM address: ${server.url}/scim/v2`).waitFor();
    await screenshot(page, 'scim-token-made', { fullPage: true });

    // The provider creates a person with it.
    const created = await scim(server, token, 'POST', '/Users', {
      schemas: ['urn:ietf:params:scim:schemas:core:2.0:User'],
      userName: 'ines.costa@northwind.example',
      displayName: 'Inês Costa',
      title: 'Analyst',
      'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User': { department: 'Finance' },
    });
    assert.equal(created.status, 201, JSON.stringify(created.body));
    await admin.goto(`/admin/people/${created.body.id}`);
    await page.getByRole('heading', { name: 'Inês Costa' }).first().waitFor();

    // The audit trail says which provider did it.
    await admin.goto('/admin/audit');
    await page.getByText('SCIM provisioning (Entra ID)').first().waitFor();
    await page.getByText('Made a SCIM token').first().waitFor();

    // Revoked from the page: refused at once.
    await admin.goto('/admin/scim');
    await page.getByRole('button', { name: 'Revoke the token for Entra ID' }).click();
    await page.getByRole('group', { name: 'Revoke the token for Entra ID?' }).getByRole('button', { name: 'Revoke token' }).click();
    await page.getByText('Revoked', { exact: true }).waitFor();
    assert.equal((await scim(server, token, 'GET', '/Users')).status, 401);
    assert.deepEqual(admin.errors, [], 'no errors in the pages');

    for (const viewport of WIDTHS) {
      const a = viewport.width === 1280 ? admin : await open(viewport);
      await a.goto('/admin/scim');
      await checkLayout(a, 'admin-scim');
    }
  });
});
