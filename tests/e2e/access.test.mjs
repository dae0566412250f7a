// End-to-end: getting in without an identity provider. An administrator invites a person who has
// no password from their page and finds the invitation waiting under Invitations (this server
// sends no mail, and says so); the operator prints a link on the command line; the person opens
// it signed out, chooses a password, signs in, sees their sessions, and signs out another
// browser from there. "Forgot your password?" answers without saying whether the address exists.
//
// Run alone: node tests/e2e/access.test.mjs --binary=build/release/mentorhub_for_test --web-root=web/dist
// (e2e.test.mjs imports it, so ctest's e2e_browser runs it too).
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { ADMIN, Stage, expectVisible, options, screenshot } from './harness.mjs';

const NEW_PASSWORD = 'a sentence I will remember';

describe('invitations, choosing a password and sessions', { timeout: 300_000 }, () => {
  const opts = options();
  const stage = new Stage(opts);
  let server, invitee;

  before(async () => {
    server = await stage.start();
    const admin = await server.client(ADMIN);
    invitee = await admin.createPerson({ email: 'ines.invited@northwind.example', name: 'Inès Invited', title: 'Data analyst' });
  });

  after(() => stage.stop({ pageErrors: 'fail' }));

  test('the administrator invites from the person page and sees it waiting', async () => {
    const admin = await stage.open(ADMIN, { signIn: true });
    const page = admin.page;
    await admin.goto(`/admin/people/${invitee.id}`);
    await page.getByRole('button', { name: 'Invite to sign in' }).click();
    await expectVisible(page.getByText(/Invitation mailed to ines\.invited@northwind\.example/), 'the invitation is confirmed');
    await admin.goto('/admin/people');
    await page.getByRole('link', { name: 'Invitations' }).click();
    await page.waitForURL(/\/admin\/invitations$/);
    await expectVisible(page.getByText(/This server sends no e-mail/), 'the page says mail is off');
    const row = page.getByRole('row', { name: /Inès Invited/ });
    await expectVisible(row.getByText('Waiting'), 'the invitation waits');
    await screenshot(page, 'admin-invitations', { fullPage: true });
  });

  test('the invited person chooses a password from the link and signs in', async () => {
    // The operator's way when no mail server is configured: the command line prints a new link.
    const r = spawnSync(opts.binary, ['--database', server.database, 'user', 'invite', '--email', invitee.email,
      '--print-link'], { encoding: 'utf8', timeout: 60_000 });
    assert.equal(r.status, 0, r.stderr);
    const path = r.stdout.match(/\/set-password#[0-9a-f]{64}/)?.[0];
    assert.ok(path, r.stdout);

    const ines = await stage.open(invitee.email, { password: NEW_PASSWORD });
    const page = ines.page;
    await ines.goto(path);
    await expectVisible(page.getByRole('heading', { name: 'Welcome, Inès Invited' }), 'the link greets her');
    await page.getByLabel('New password').fill('too short');
    await page.getByLabel('The same again').fill('too short');
    await page.getByRole('button', { name: 'Save my password' }).click();
    await expectVisible(page.getByText(/at least 10 characters/), 'a short password is refused at its field');
    await ines.choosePassword(NEW_PASSWORD, 'set-password');
    await expectVisible(page.getByRole('heading', { level: 1 }), 'her home');

    // The link worked once.
    await ines.goto(path);
    await expectVisible(page.getByRole('heading', { name: 'This link no longer works' }), 'a used link says so');
  });

  test('she sees her sessions and signs out another browser', async () => {
    const elsewhere = await stage.open(invitee.email, { password: NEW_PASSWORD, signIn: true });

    const ines = stage.people.find((p) => p.email === invitee.email);
    const page = ines.page;
    await ines.openAccountTab('Sessions');
    const browsers = page.getByRole('list', { name: 'Signed-in browsers' }).getByRole('listitem');
    await expectVisible(browsers.nth(1), 'both browsers are listed');
    await expectVisible(page.getByText('This browser'), 'this browser is marked');
    await screenshot(page, 'sessions', { fullPage: true });
    await page.getByRole('button', { name: 'Sign out everywhere else' }).click();
    await expectVisible(page.getByText('One other session ended'), 'the other session ended');
    // The toast comes before the list is read again; the button goes once it has been.
    await page.getByRole('button', { name: 'Sign out everywhere else' }).waitFor({ state: 'detached' });
    assert.equal(await browsers.count(), 1);

    await elsewhere.goto('/');
    await expectVisible(elsewhere.page.getByRole('heading', { name: 'Sign in' }), 'the other browser is signed out');
  });

  test('forgot password answers the same for any address', async () => {
    const visitor = await stage.open('nobody@northwind.example');
    const page = visitor.page;
    await visitor.goto('/forgot-password');
    await page.getByLabel('E-mail').fill('nobody@northwind.example');
    await page.getByRole('button', { name: 'Mail me a link' }).click();
    await expectVisible(page.getByText(/If this address belongs to someone here/), 'the same answer for everyone');
    await screenshot(page, 'forgot-password');
    await page.getByRole('link', { name: 'Back to sign in' }).click();
    await expectVisible(page.getByRole('heading', { name: 'Sign in' }), 'back at sign-in');
  });
});
