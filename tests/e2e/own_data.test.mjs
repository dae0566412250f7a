// End-to-end: a person's own data. From the "Your data" tab of their account a person downloads
// everything Mentorhub holds about them (one dated JSON file), reads what deleting their account
// does, is refused with a wrong password at the field, deletes it with the right one and lands
// signed out; they cannot sign in again, and their mentor still has the relationship, with the
// mentee shown as "Deleted person". The confirmation at 375 and 1280 px, checked by axe.
//
// Run alone: node tests/e2e/own_data.test.mjs --binary=build/release/mentorhub_for_test --web-root=web/dist
// (e2e.test.mjs imports it, so ctest's e2e_browser runs it too).
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { AxeBuilder } from '@axe-core/playwright';
import { ADMIN, Stage, expectVisible, options, screenshot } from './harness.mjs';

const PASSWORD = 'a long password 1';

describe('your data: the download and deleting one\'s account', { timeout: 300_000 }, () => {
  const stage = new Stage(options());
  let server, mentee, mentor, relationshipId;

  before(async () => {
    server = await stage.start();
    const admin = await server.client(ADMIN);
    const made = {};
    for (const [key, name, extra] of [
      ['mentee', 'Dana Departing', {}],
      ['mentor', 'Rafael Remaining', { mentor_capacity: 2, formats_offered: ['one_to_one'] }],
    ]) {
      made[key] = await admin.createPerson({ email: `${key}.owndata@northwind.example`, name, password: PASSWORD, ...extra });
    }
    mentee = made.mentee;
    mentor = made.mentor;
    const asMentee = await server.client(mentee.email, PASSWORD);
    const req = await asMentee.post('/relationships', { mentor_id: mentor.id, message: 'OWNDATA: I would like to learn to lead a team.' });
    assert.equal(req.status, 201, JSON.stringify(req.body));
    relationshipId = req.body.id;
    const asMentor = await server.client(mentor.email, PASSWORD);
    const ok = await asMentor.post(`/relationships/${relationshipId}/accept`);
    assert.equal(ok.status, 200, JSON.stringify(ok.body));
  });

  after(() => stage.stop({ pageErrors: 'fail' }));

  test('the download is one dated JSON file of everything about her', async () => {
    const dana = await stage.open(mentee.email, { password: PASSWORD, signIn: true });
    const page = dana.page;
    await dana.openAccountTab('Your data');
    await expectVisible(page.getByRole('heading', { name: 'Download your data' }), 'the download is offered');
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('link', { name: 'Download my data' }).click(),
    ]);
    assert.match(download.suggestedFilename(), /^mentorhub-my-data-\d{4}-\d{2}-\d{2}\.json$/);
    const data = JSON.parse(readFileSync(await download.path(), 'utf8'));
    assert.equal(data.profile.email, mentee.email);
    assert.equal(data.relationships.length, 1);
    assert.equal(data.relationships[0].id, relationshipId);
    assert.match(data.relationships[0].message, /OWNDATA/);
  });

  test('the confirmation at a phone\'s and a laptop\'s width has nothing axe finds serious', async () => {
    for (const viewport of [{ width: 375, height: 812 }, { width: 1280, height: 900 }]) {
      const p = await stage.open(mentee.email, { password: PASSWORD, viewport, signIn: true });
      await p.goto('/profile/data');
      await p.page.getByRole('button', { name: 'Delete my account…' }).click();
      await expectVisible(p.page.getByLabel('Your password'), 'the password is asked for');
      const [scrollWidth, innerWidth] = await p.page.evaluate(() => [document.documentElement.scrollWidth, window.innerWidth]);
      assert.ok(scrollWidth <= innerWidth, `your data at ${viewport.width} px scrolls sideways`);
      await screenshot(p.page, `layout-${viewport.width}-your-data-delete`, { fullPage: true });
      const result = await new AxeBuilder({ page: p.page })
        .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'])
        .analyze();
      const serious = result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
      assert.deepEqual(serious.map((v) => `${v.id}: ${v.help}`), [], `axe at ${viewport.width} px`);
    }
  });

  test('a wrong password is refused at its field; the right one deletes the account and signs her out', async () => {
    const dana = stage.people[0];
    const page = dana.page;
    await dana.goto('/profile/data');
    await page.getByRole('button', { name: 'Delete my account…' }).click();
    await page.getByLabel('Your password').fill('not my password');
    await page.getByRole('button', { name: 'Delete my account for good' }).click();
    await expectVisible(page.getByText(/is not your password/), 'a wrong password is refused');
    await page.getByLabel('Your password').fill(PASSWORD);
    await page.getByRole('button', { name: 'Delete my account for good' }).click();
    await expectVisible(page.getByRole('heading', { name: 'Sign in' }), 'she lands signed out');

    await page.getByLabel('E-mail').fill(mentee.email);
    await page.getByLabel('Password').fill(PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expectVisible(page.getByRole('alert'), 'she cannot sign in again');

    const rafael = await stage.open(mentor.email, { password: PASSWORD, signIn: true });
    await rafael.goto(`/relationships/${relationshipId}`);
    await expectVisible(rafael.page.getByText('Deleted person').first(), 'the mentor sees "Deleted person"');
    // Nothing new can be started with someone who is gone: no follow-up to propose.
    await expectVisible(
      rafael.page.getByText('Deleted person is no longer in Mentorhub, so no follow-up can be proposed.'),
      'the debrief says no follow-up can be proposed',
    );
    assert.equal(await rafael.page.getByRole('button', { name: 'Propose a follow-up relationship' }).count(), 0);
    await screenshot(rafael.page, 'relationship-with-deleted-person', { fullPage: true });
  });
});
