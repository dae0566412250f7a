// End-to-end: getting in by links that really go by mail. A new organisation's first
// administrator (no demo) invites everyone who has not signed in from the Invitations page,
// resends one link and revokes another; the server mails them through a mail server on loopback
// (smtp_sink.mjs), and each person follows what arrived: the replaced and the revoked link say
// they no longer work, and the newest one, followed in the same tab after the old one, lets Omar
// choose a password. Later Omar forgets it: "Forgot your password?" on the sign-in page, the
// reset mail, a new password, and the browser he had left signed in elsewhere is signed out.
//
// Run alone: node tests/e2e/mailed_links.test.mjs --binary=build/release/mentorhub_for_test --web-root=web/dist
// (identity.test.mjs imports it, so ctest runs it on SQLite and on PostgreSQL).
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { Stage, expectVisible, options, screenshot } from './harness.mjs';
import { startSmtpSink } from './smtp_sink.mjs';

const FIRST = { email: 'first.admin@northwind.example', password: 'the first administrator 1' };
const OMAR = { email: 'omar.okafor@northwind.example', name: 'Omar Okafor' };
const PIA = { email: 'pia.park@northwind.example', name: 'Pia Park' };
const CHOSEN = 'a password Omar chose 2';
const AFTER_RESET = 'a password Omar chose 3';

/** The set-password paths in the mails to `address` whose subject starts with `subject`. */
function mailedLinks(sink, address, subject) {
  return sink.to(address, subject).map((m) => {
    const path = /\/set-password#[0-9a-f]{64}/.exec(m.text)?.[0];
    assert.ok(path, `a link in "${m.subject}": ${m.text.slice(0, 2000)}`);
    return path;
  });
}

/** Whether the server still takes the link's token (as the set-password page asks it). */
async function linkWorks(server, path) {
  const token = path.split('#')[1];
  const r = await fetch(`${server.url}/api/v1/auth/link`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ token }),
  });
  return r.status === 200;
}

/** Waits (up to 15 s) for a mail to `address` whose link works, and answers that link. */
async function liveLink(sink, server, address, subject) {
  const deadline = Date.now() + 15_000;
  while (Date.now() < deadline) {
    for (const path of mailedLinks(sink, address, subject)) if (await linkWorks(server, path)) return path;
    await new Promise((r) => setTimeout(r, 100));
  }
  assert.fail(`no mail "${subject}..." to ${address} with a working link: ${sink.to(address).map((m) => m.subject)}`);
}

describe('links that go by mail: invitations and a forgotten password', { timeout: 300_000 }, () => {
  const stage = new Stage(options());
  let server, sink;

  const browse = (email, password) => stage.open(email, { password });

  before(async () => {
    sink = await startSmtpSink();
    server = await stage.start({ install: FIRST, smtpPort: sink.port });
    const admin = await server.client(FIRST.email, FIRST.password);
    for (const p of [OMAR, PIA]) await admin.createPerson({ email: p.email, name: p.name, title: 'Analyst' });
  });

  after(async () => {
    await stage.stop({ pageErrors: 'fail' });
    await sink?.close();
  });

  test('the administrator invites everyone not signed in, resends one link and revokes another', async () => {
    const admin = await browse(FIRST.email, FIRST.password);
    const page = admin.page;
    await admin.signIn();
    await admin.goto('/admin/invitations');
    await expectVisible(page.getByText('2 people have never signed in and have no invitation yet.'), 'the two are counted');
    await page.getByRole('button', { name: 'Invite all 2' }).click();
    await expectVisible(page.getByText('2 invitations mailed'), 'both are invited');
    // Both first links go out now, so each person really holds a link that is then replaced or
    // revoked (when the sender's round came later, those mails were never sent at all).
    await server.sendMailNow();
    for (const p of [OMAR, PIA]) assert.equal(mailedLinks(sink, p.email, 'Your invitation').length, 1, `${p.name}'s first link`);
    await page.getByRole('button', { name: `Resend to ${OMAR.name}` }).click();
    await expectVisible(page.getByText(`A new link is mailed to ${OMAR.email}; the old one no longer works`), 'resent');
    await page.getByRole('button', { name: `Revoke ${PIA.name}'s invitation` }).click();
    await expectVisible(page.getByText(`The invitation of ${PIA.name} is revoked`), 'revoked');
    await page.getByRole('row', { name: new RegExp(PIA.name) }).waitFor({ state: 'detached' });
    // Revoked, Pia is someone to invite again.
    await expectVisible(page.getByText('1 person has never signed in and has no invitation yet.'), 'Pia counts again');
    await expectVisible(page.getByRole('row', { name: new RegExp(OMAR.name) }).getByText('Waiting'), 'Omar waits');
    await screenshot(page, 'invitations-resent-and-revoked', { fullPage: true });
  });

  test('each follows the link that arrived: only the newest one of a pending invitation works', async () => {
    await server.sendMailNow();
    const resent = await liveLink(sink, server, OMAR.email, 'Your invitation');
    const omar = await browse(OMAR.email, CHOSEN);
    const page = omar.page;
    const replaced = mailedLinks(sink, OMAR.email, 'Your invitation').filter((p) => p !== resent);
    assert.equal(replaced.length, 1, 'the first link had gone before the resend');
    // The old link first and the new one after it in the same tab, as from one mailbox.
    for (const path of replaced) {
      await omar.goto(path);
      await expectVisible(page.getByRole('heading', { name: 'This link no longer works' }), 'the replaced link says so');
    }
    for (const path of mailedLinks(sink, PIA.email, 'Your invitation')) {
      const pia = await browse(PIA.email, CHOSEN);
      await pia.goto(path);
      await expectVisible(pia.page.getByRole('heading', { name: 'This link no longer works' }), 'the revoked link says so');
    }

    await omar.goto(resent);
    await expectVisible(page.getByRole('heading', { name: `Welcome, ${OMAR.name}` }), 'the new link greets him');
    await omar.choosePassword(CHOSEN);
    await expectVisible(page.getByRole('heading', { level: 1 }), 'his home');
  });

  test('a forgotten password: the reset mail, a new password, the other browser signed out', async () => {
    const left = stage.people.find((p) => p.email === OMAR.email);  // signed in above, left open
    const omar = await browse(OMAR.email, AFTER_RESET);
    const page = omar.page;
    await omar.goto('/');
    await page.getByRole('link', { name: 'Forgot your password?' }).click();
    await page.getByLabel('E-mail').fill(OMAR.email.toUpperCase());
    await page.getByRole('button', { name: 'Mail me a link' }).click();
    await expectVisible(page.getByText(/If this address belongs to someone here/), 'the same answer for everyone');
    await server.sendMailNow();
    const reset = await liveLink(sink, server, OMAR.email, 'Reset your');
    await omar.goto(reset);
    await expectVisible(page.getByRole('heading', { name: 'Choose a new password' }), 'the reset link asks');
    await omar.choosePassword(AFTER_RESET, 'reset-password');
    await expectVisible(page.getByRole('heading', { level: 1 }), 'signed in with the new password');

    await left.goto('/');
    await expectVisible(left.page.getByRole('heading', { name: 'Sign in' }), 'the browser left signed in is signed out');
  });
});
