// Availability in the browser (issue 17): a mentor sets weekly hours on the Availability tab of
// their account (an end before its start refused at its field first), and their mentee, scheduling
// a meeting, sees free times inside those hours in both people's zones; choosing one fills the
// form, and the meeting is scheduled at that time, after which it is no longer suggested. The
// Availability page and the meeting form at 375 and 1280 px, with axe at 1280 px like every other
// page.
// Run alone: node tests/e2e/availability.test.mjs --binary=build/release/mentorhub_for_test --web-root=web/dist
// (e2e.test.mjs imports it, so ctest's e2e_browser runs it too).
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { ADMIN, MAYA, Stage, checkLayout, liveRelationship, options, screenshot, settled } from './harness.mjs';

const WIDTHS = [
  { width: 375, height: 812 },
  { width: 1280, height: 900 },
];
const DAYS = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'];

/** The wall-clock date and time of an instant in `zone`, as the form's fields hold them. */
function wallClock(iso, zone) {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-CA', { timeZone: zone, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' })
      .formatToParts(new Date(iso))
      .map((p) => [p.type, p.value]),
  );
  return { date: `${parts.year}-${parts.month}-${parts.day}`, time: `${parts.hour}:${parts.minute}` };
}

describe('availability', { timeout: 600_000 }, () => {
  const stage = new Stage(options());
  let server;

  const open = (email, viewport) => stage.open(email, { viewport, signIn: true });

  before(async () => {
    server = await stage.start({ testClock: null });
  });

  after(() => stage.stop());

  test('a mentor sets weekly hours; the mentee schedules a meeting from a suggested time', async () => {
    const maya = await server.client(MAYA);
    const live = await liveRelationship(maya, 'mentee');
    assert.ok(live, 'the demo has a live relationship with Maya as mentee');
    const mentorEmail = (await (await server.client(ADMIN)).get(`/people/${live.mentor.id}`)).body.email;
    const mentorApi = await server.client(mentorEmail);
    const mentorZone = 'Europe/Berlin';
    const mayaZone = maya.person.timezone;

    // The mentor: an end before its start is refused at its field, then hours every day in Berlin.
    const mentor = await open(mentorEmail, WIDTHS[1]);
    await mentor.goto('/profile/availability');
    const page = mentor.page;
    await page.getByRole('heading', { name: 'Availability', level: 1 }).waitFor();
    assert.equal(await page.locator('nav.tabs [aria-current="page"]').textContent(), 'Availability');
    await settled(page);
    for (const day of DAYS) await page.getByRole('button', { name: `Add hours on ${day}` }).click();
    await page.getByLabel('Monday until').fill('08:00');
    await page.getByRole('button', { name: 'Save availability' }).click();
    await page.getByText('must be after the start').first().waitFor();
    await screenshot(page, 'availability-refused', { fullPage: true });
    assert.equal((await mentorApi.get('/me/availability')).body.windows.length, 0, 'nothing saved when refused');
    await page.getByLabel('Monday until').fill('17:00');
    for (const day of DAYS.slice(1)) await page.getByLabel(`${day} until`).fill('17:00');
    // Their hours are in Berlin, wherever their profile says they are.
    await page.getByLabel('Search time zones').fill('Berlin');
    assert.equal(await page.getByRole('listbox', { name: 'Time zone' }).inputValue(), mentorZone);
    await page.getByRole('button', { name: '+ Day off' }).click();
    await page.getByRole('group', { name: 'Day off' }).getByLabel('Note').fill('Dentist');
    await page.getByRole('button', { name: 'Save availability' }).click();
    await page.getByText('Availability saved').waitFor();
    await screenshot(page, 'availability-saved', { fullPage: true });
    const saved = (await mentorApi.get('/me/availability')).body;
    assert.equal(saved.timezone, mentorZone);
    assert.deepEqual(saved.windows.map((w) => [w.day, w.start, w.end]), DAYS.map((d) => [d.toLowerCase(), '09:00', '17:00']));
    assert.deepEqual(saved.exceptions.map((e) => [e.kind, e.note]), [['off', 'Dentist']]);
    // The page reads back what was saved.
    await page.reload();
    await settled(page);
    assert.equal(await page.getByLabel('Friday until').inputValue(), '17:00');
    assert.deepEqual(mentor.errors, [], 'no errors in the pages');

    // What the API suggests, to compare with the page.
    const suggested = (await maya.get(`/relationships/${live.id}/suggested-times?duration_minutes=60&limit=8`)).body;
    assert.equal(suggested.mentor_has_hours, true);
    assert.ok(suggested.times.length > 0, 'free times within the hours');
    const first = suggested.times[0];

    // Maya schedules from the first suggestion.
    const m = await open(MAYA, WIDTHS[1]);
    await m.goto(`/relationships/${live.id}`);
    await settled(m.page);
    const another = m.page.getByRole('button', { name: '+ Schedule another meeting' });
    if (await another.isVisible()) await another.click();
    const form = m.page.getByRole('form', { name: 'Schedule a meeting' });
    await form.getByRole('heading', { name: 'Suggested times' }).waitFor();
    const choices = form.locator('button.suggested-time');
    await choices.first().waitFor();
    assert.equal(await choices.count(), suggested.times.length);
    // Both zones: Maya's own time first, her mentor's beside it.
    const label = await choices.first().getAttribute('aria-label');
    assert.ok(label.includes(`your time (${suggested.mentee.timezone})`), label);
    assert.equal(suggested.mentor.timezone, mentorZone);
    assert.ok(label.includes(`(${mentorZone})`), label);
    assert.ok(label.includes(first.mentee_local_start.slice(11, 16)) && label.includes(first.mentor_local_start.slice(11, 16)), label);
    await screenshot(m.page, 'suggested-times', { locator: form });
    await choices.first().click();
    const want = wallClock(first.starts_at, mayaZone);
    assert.equal(await form.getByLabel('Date', { exact: true }).inputValue(), want.date);
    assert.equal(await form.getByLabel('Time', { exact: true }).inputValue(), want.time);
    assert.equal(await form.getByLabel('Minutes', { exact: true }).inputValue(), '60');
    assert.equal(await choices.first().getAttribute('aria-pressed'), 'true');
    await screenshot(m.page, 'suggested-time-chosen', { locator: form });
    await form.getByRole('button', { name: 'Schedule meeting' }).click();
    await m.page.getByText('Meeting scheduled for').waitFor();
    const meetings = (await maya.get(`/relationships/${live.id}`)).body.meetings;
    assert.ok(meetings.some((x) => x.starts_at === first.starts_at && x.duration_minutes === 60 && x.status === 'scheduled'),
      'the meeting is at the suggested time');

    // That time is taken now: the next suggestions leave it out.
    const after = (await maya.get(`/relationships/${live.id}/suggested-times?duration_minutes=60&limit=8`)).body.times;
    assert.ok(!after.some((t) => t.starts_at === first.starts_at), 'the scheduled time is no longer suggested');
    await m.page.getByRole('button', { name: '+ Schedule another meeting' }).click();
    await form.locator('button.suggested-time').first().waitFor();
    assert.notEqual(await form.locator('button.suggested-time').first().getAttribute('aria-label'), label);
    await form.getByText(/within [A-Z][a-z]+’s hours over/).waitFor();

    // Once Maya sets her own afternoons, the times lie in both people's hours.
    const afternoons = DAYS.map((d) => ({ day: d.toLowerCase(), start: '14:00', end: '16:00' }));
    const put = await maya.put('/me/availability', { timezone: mayaZone, windows: afternoons, exceptions: [] });
    assert.equal(put.status, 200, JSON.stringify(put.body));
    const both = (await maya.get(`/relationships/${live.id}/suggested-times?duration_minutes=60&limit=8`)).body;
    assert.equal(both.within, 'both_hours');
    await m.page.reload();
    await settled(m.page);
    if (await another.isVisible()) await another.click();
    await form.getByText(/within your hours and [A-Z][a-z]+’s over/).waitFor();
    const firstBoth = await form.locator('button.suggested-time').first().getAttribute('aria-label');
    assert.ok(firstBoth.includes(both.times[0].mentee_local_start.slice(11, 16)), firstBoth);
    assert.ok(both.times.every((t) => t.mentee_local_start.slice(11, 16) >= '14:00' && t.mentee_local_end.slice(11, 16) <= '16:00'));
    await screenshot(m.page, 'suggested-times-both-hours', { locator: form });
    assert.deepEqual(m.errors, [], 'no errors in the pages');

    // The mentor offers flash slots from the same hours: around the meeting just scheduled.
    await page.goto(server.url + '/flash');
    await settled(page);
    const topics = (await mentorApi.get(`/flash/topics?mentor_id=${mentorApi.person.id}&limit=50`)).body.items;
    assert.ok(topics.length > 0, 'the demo mentor has a flash topic');
    const topic = topics[0];
    const before = (await mentorApi.get(`/flash/topics/${topic.id}`)).body.slots.map((x) => x.id);
    const offer = page.getByRole('form', { name: `Add slots to ${topic.title} from your hours` });
    // Through the next day too: when the meeting is late today, what is left of today's hours may
    // hold no 45 free minutes, and the day after always has all of them.
    const dayAfter = new Date(Date.parse(`${want.date}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
    await offer.getByLabel('From', { exact: true }).fill(want.date);
    await offer.getByLabel('Until', { exact: true }).fill(dayAfter);
    await offer.getByLabel('Minutes each').fill('45');
    // The answer first: a refusal says why here, where a missing message would only time out.
    const [answer] = await Promise.all([
      page.waitForResponse((r) => r.url().endsWith(`/flash/topics/${topic.id}/slots/from-availability`) && r.request().method() === 'POST'),
      offer.getByRole('button', { name: 'Add slots from my hours' }).click(),
    ]);
    assert.ok(answer.ok(), `adding slots from the hours answered ${answer.status()}: ${await answer.text()}`);
    await page.getByText(/\d+ slots? added from your hours/).waitFor();
    await screenshot(page, 'flash-slots-from-hours', { locator: page.getByRole('listitem', { name: `My topic: ${topic.title}` }) });
    const added = (await mentorApi.get(`/flash/topics/${topic.id}`)).body.slots.filter((x) => !before.includes(x.id));
    assert.ok(added.length > 0, 'slots were added');
    const meetingStart = Date.parse(first.starts_at);
    for (const slot of added) {
      const local = wallClock(slot.starts_at, mentorZone).time;
      assert.ok(local >= '09:00' && wallClock(slot.ends_at, mentorZone).time <= '17:00', `${slot.starts_at} within the hours`);
      assert.equal(slot.duration_minutes, 45);
      const s0 = Date.parse(slot.starts_at);
      assert.ok(s0 >= meetingStart + 3_600_000 || s0 + 45 * 60_000 <= meetingStart, `${slot.starts_at} clear of the meeting`);
    }
    assert.deepEqual(mentor.errors, [], 'no errors in the pages');

    // The pages at both widths.
    for (const viewport of WIDTHS) {
      const who = await open(mentorEmail, viewport);
      await who.goto('/profile/availability');
      await checkLayout(who, 'availability');
      const mv = await open(MAYA, viewport);
      await mv.goto(`/relationships/${live.id}`);
      await settled(mv.page);
      await mv.page.getByRole('button', { name: '+ Schedule another meeting' }).click();
      await mv.page.locator('button.suggested-time').first().waitFor();
      await checkLayout(mv, 'workspace-suggested-times');
      if (viewport.width < 1280)
        await screenshot(mv.page, 'suggested-times-375', { locator: mv.page.getByRole('form', { name: 'Schedule a meeting' }) });
    }
  });
});
