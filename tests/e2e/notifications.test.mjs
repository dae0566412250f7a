// End-to-end: the bell. A mentee asks a new mentor for mentoring; the mentor, on any page, sees
// the bell's unread count, opens it, follows the notification to the requests page where they
// answer, and finds it read; then a meeting the mentee schedules comes to the mentor's bell and
// opens the relationship's meetings. At a phone's width the bell stays in the bar. The Mail tab
// of the profile says when the server sends no mail, and keeps a kind switched off.
//
// Run alone: node tests/e2e/notifications.test.mjs --binary=build/release/mentorhub_for_test --web-root=web/dist
// (e2e.test.mjs imports it, so ctest's e2e_browser runs it too).
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { ADMIN, Stage, expectVisible, options, screenshot } from './harness.mjs';

const PASSWORD = 'e2e-password-for-the-bell';

describe('the notification bell', { timeout: 300_000 }, () => {
  const stage = new Stage(options());
  let server, mentee, mentor, menteeApi, relationship;

  before(async () => {
    server = await stage.start();
    const admin = await server.client(ADMIN);
    const make = (name, extra) =>
      admin.createPerson({ email: `${name.toLowerCase().replace(' ', '.')}@bell.example`, name, password: PASSWORD, timezone: 'Europe/London', ...extra });
    mentor = await make('Bea Bellmentor', { mentor_capacity: 2, title: 'Head of Analytics' });
    mentee = await make('Tom Bellmentee', { title: 'Analyst' });
    menteeApi = await server.client(mentee.email, PASSWORD);
    const asked = await menteeApi.post('/relationships', {
      mentor_id: mentor.id,
      message: 'I would like to learn how you plan a quarter of analytics work.',
    });
    assert.equal(asked.status, 201, JSON.stringify(asked.body));
    relationship = asked.body;
  });

  after(() => stage.stop({ pageErrors: 'fail' }));

  test('the mentor follows the bell to the request and then to a meeting', async () => {
    const bea = await stage.open(mentor.email, { password: PASSWORD, signIn: true });
    const page = bea.page;
    await bea.goto('/people');
    const bell = page.getByRole('button', { name: /^Notifications, 1 unread$/ });
    await expectVisible(bell, 'the bell counts the request');
    await bell.click();
    const panel = page.getByRole('region', { name: 'Your notifications' });
    const item = panel.getByRole('link', { name: /Tom Bellmentee asks you to be their mentor/ });
    await expectVisible(item, 'the request in the bell');
    await screenshot(page, 'bell-open');
    await item.click();
    await page.waitForURL(/\/requests$/);
    await expectVisible(page.getByText('I would like to learn how you plan a quarter'), 'the request to answer');
    await expectVisible(page.getByRole('button', { name: /^Notifications$/ }), 'the bell has nothing unread');
    await screenshot(page, 'bell-followed-to-requests', { fullPage: true });

    // Accepted and a meeting scheduled by the mentee: the bell brings the mentor to the meetings.
    assert.equal((await menteeApi.get(`/relationships/${relationship.id}`)).status, 200);
    const beaApi = await server.client(mentor.email, PASSWORD);
    assert.equal((await beaApi.post(`/relationships/${relationship.id}/accept`)).status, 200);
    const starts = new Date(server.now.getTime() + 3 * 86400_000).toISOString().replace(/\.\d+Z$/, 'Z');
    const scheduled = await menteeApi.post(`/relationships/${relationship.id}/meetings`, {
      starts_at: starts,
      duration_minutes: 45,
    });
    assert.equal(scheduled.status, 201, JSON.stringify(scheduled.body));
    await bea.goto('/circles');
    await page.getByRole('button', { name: /^Notifications, 1 unread$/ }).click();
    await page.getByRole('region', { name: 'Your notifications' }).getByRole('link', { name: /scheduled a meeting/ }).click();
    await page.waitForURL(new RegExp(`/relationships/${relationship.id}#meetings$`));
    await expectVisible(page.getByRole('heading', { name: /Meetings/ }), 'the meetings of the workspace');

    // All of them, on their own page: dismiss one.
    await bea.goto('/notifications');
    await expectVisible(page.getByRole('heading', { name: 'Notifications', level: 1 }), 'the notifications page');
    const rows = page.locator('main .notification');
    // The list arrives after the heading: wait for both entries instead of counting too early.
    await expectVisible(rows.nth(1), 'the request and the meeting are listed');
    const before = await rows.count();
    assert.ok(before >= 2, 'the request and the meeting are listed');
    await page.locator('main').getByRole('button', { name: /^Dismiss/ }).first().click();
    await expectVisible(page.getByText('Dismissed'), 'dismissed');
    assert.equal(await rows.count(), before - 1);
    await screenshot(page, 'notifications-page', { fullPage: true });
  });

  test('at a phone\'s width the bell stays in the bar and its panel fits', async () => {
    const tom = await stage.open(mentee.email, { password: PASSWORD, viewport: { width: 375, height: 740 }, signIn: true });
    const page = tom.page;
    const bell = page.getByRole('button', { name: /^Notifications, \d+ unread$/ });
    await expectVisible(bell, 'the bell beside the menu');
    await bell.click();
    const panel = page.getByRole('region', { name: 'Your notifications' });
    await expectVisible(panel.getByRole('link', { name: /Bea Bellmentor accepted/ }), 'the acceptance in the bell');
    const box = await panel.boundingBox();
    assert.ok(box && box.x >= 0 && box.x + box.width <= 375, 'the panel fits the screen');
    await screenshot(page, 'bell-open-phone');
    await page.keyboard.press('Escape');
    assert.equal(await panel.count(), 0, 'Escape closes the panel');
  });

  test('the Mail tab says this server sends no mail and keeps a switched-off kind', async () => {
    const tom = await stage.open(mentee.email, { password: PASSWORD, signIn: true });
    const page = tom.page;
    await tom.openAccountTab('Mail');
    await expectVisible(page.getByText(/This Mentorhub sends no e-mail/), 'mail is off without a mail server');
    const digest = page.getByRole('checkbox', { name: /Daily digest/ });
    await expectVisible(digest, 'the digest switch');
    assert.equal(await digest.isChecked(), true, 'every kind starts on');
    // The switch shows what the server saved, so it flips once the answer is back.
    await digest.click();
    await expectVisible(page.getByText('Daily digest: no more mail'), 'the change is confirmed');
    assert.equal(await digest.isChecked(), false, 'the switch is off');
    await screenshot(page, 'mail-settings', { fullPage: true });
    await tom.goto('/profile/mail');
    await expectVisible(page.getByRole('checkbox', { name: /Requests/ }), 'the switches after a reload');
    assert.equal(await page.getByRole('checkbox', { name: /Daily digest/ }).isChecked(), false, 'the choice is kept');
    assert.equal(await page.getByRole('checkbox', { name: /Requests/ }).isChecked(), true, 'the other kinds stay on');
  });
});
