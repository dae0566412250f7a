// End-to-end: a whole mentoring relationship through the web app in a real browser, against
// the real server. Run: node tests/e2e/e2e.test.mjs --binary=build/release/mentorhub_for_test --web-root=web/dist
//
// The pair is created through the administrator's API on top of the demo organisation, so the
// scenario does not depend on what the demo seeds; the mentee reports to Sofia Marquez, the
// demo's manager, who must see nothing of the relationship.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { ADMIN, Server, Stage, clearScreenshots, expectVisible, invalidField, liveRelationship, options, repoRoot, screenshot } from './harness.mjs';

const SOFIA = 'sofia.marquez@northwind.example';
const PASSWORD = 'e2e-password-for-tests';

// Created in before(); `first` is how the app addresses them.
const MENTEE = {
  email: 'noor.haddad@northwind.example',
  name: 'Noor Haddad',
  first: 'Noor',
  title: 'Junior Data Analyst',
  department: 'Data & Analytics',
  timezone: 'Europe/London',
  languages: ['English', 'Arabic'],
  career_start_year: 2024,
  skills: [
    { name: 'SQL', level: 3 },
    { name: 'dashboards', level: 3 },
    { name: 'pivot tables', level: 4 },
  ],
  aspirations: { roles: ['Data Scientist'], departments: [], skills: ['Python', 'machine learning'] },
  media: ['video'],
  formats_sought: ['one_to_one'],
  mentor_capacity: 0,
  monthly_availability_hours: 4,
  bio: 'Analyst on the sales analytics team, working towards a data science role.',
};
const MENTOR = {
  email: 'elena.varga@northwind.example',
  name: 'Elena Varga',
  first: 'Elena',
  title: 'Senior Data Scientist',
  department: 'Data & Analytics',
  timezone: 'Europe/Berlin',
  languages: ['English', 'German', 'Hungarian'],
  career_start_year: 2012,
  skills: [
    { name: 'Python', level: 5 },
    { name: 'machine learning', level: 5 },
    { name: 'statistics', level: 4 },
    { name: 'public speaking', level: 3 },
  ],
  media: ['video', 'in_person'],
  formats_offered: ['one_to_one'],
  mentor_capacity: 2,
  monthly_availability_hours: 6,
  bio: 'Builds forecasting models for Finance and Sales. Happy to help analysts grow into data science.',
};
const DECLINER = { email: 'owen.marsh@northwind.example', name: 'Owen Marsh', first: 'Owen', title: 'Engineering Manager', mentor_capacity: 1 };
const THIRD = { email: 'lina.sato@northwind.example', name: 'Lina Sato', first: 'Lina', title: 'Product Analyst', mentor_capacity: 1 };

const OBJECTIVE_1 = 'Learn Python for data science';
const OBJECTIVE_2 = 'Understand the path from analyst to Data Scientist';
const PRIVATE_NOTE = 'Noor seems unsure about statistics; suggest the stats course next time.';

const opts = options();
const stage = new Stage(opts);
let server;
let relationshipId;
let adminApi;

async function person(who, extra = {}) {
  const email = typeof who === 'string' ? who : who.email;
  const password = typeof who === 'string' ? undefined : PASSWORD;
  const timezoneId = typeof who === 'string' ? undefined : who.timezone;
  return stage.open(email, { password, timezoneId, ...extra, on: server });
}

/** "2027-01-08": the calendar day of `date` in `timeZone`. */
const localDate = (date, timeZone) =>
  new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(date);

async function advance(days) {
  await server.advanceDays(days);
  for (const p of stage.people) if (p.context) await p.syncClock();
}

async function createPeople() {
  adminApi = await server.client(ADMIN);
  const sofia = await server.client(SOFIA);
  const everyone = await adminApi.all('/people?limit=100&include_inactive=true');
  for (const p of [MENTEE, MENTOR, DECLINER, THIRD]) {
    assert.ok(!everyone.some((x) => x.name === p.name), `${p.name} is not a demo name`);
    const { first, ...fields } = p;
    void first;
    const body = { ...fields, password: PASSWORD, organisation: 'Northwind Labs' };
    if (p === MENTEE) body.manager_id = sofia.person.id;
    p.id = (await adminApi.createPerson(body)).id;
  }
}

before(async () => {
  clearScreenshots();
  await stage.launch();
});

after(() => stage.stop({ pageErrors: 'log' }));

describe('Mentorhub in the browser', { timeout: 900_000 }, () => {
  let mentee, mentor;
  // The circle and the flash booking of the circle scenario, which the scenarios after it continue.
  let circle;

  before(async () => {
    const t0 = Date.now();
    server = await Server.start(opts);
    await createPeople();
    console.log(`# server on ${server.url} with chromium ${stage.browser.version()} ready in ${Date.now() - t0} ms`);
  });

  after(async () => {
    await server?.stop();
  });

  test('a mentee signs in, fixes her profile and requests a mentor from the directory', async () => {
    mentee = await person(MENTEE);
    const page = mentee.page;
    await mentee.goto('/');
    await expectVisible(page.getByRole('heading', { name: 'Sign in' }), 'sign-in page');
    await expectVisible(page.getByText('mentorhub-demo'), 'the demo hint names the password');
    await expectVisible(page.getByText('maya.patel@northwind.example'), 'the demo hint lists the e-mails');
    await screenshot(page, 'sign-in');
    await mentee.signIn();
    await expectVisible(page.getByRole('heading', { name: `Good morning, ${MENTEE.first}` }), 'home greets her');
    await expectVisible(page.getByRole('heading', { name: 'Getting started' }), 'an empty home shows how to begin');
    await screenshot(page, 'home-empty');

    // Profile: the API's message appears next to the field it names.
    await page.getByRole('link', { name: MENTEE.name }).click();
    await expectVisible(page.getByRole('heading', { name: 'My profile' }), 'profile page');
    const hours = page.getByLabel('Hours a month for mentoring');
    await hours.fill('500');
    await page.getByRole('button', { name: 'Save profile' }).click();
    const hoursField = page.locator('.field', { has: hours });
    await expectVisible(hoursField.getByText('must be between 0 and 200'), 'the error sits at the field it names');
    await expectVisible(page.getByText('Check “Hours a month for mentoring”'), 'the summary names the field in people words');
    await hours.scrollIntoViewIfNeeded();
    await screenshot(page, 'profile-validation');
    // The time zone is chosen among the IANA zones, found by a part of the name.
    const tzSearch = page.getByLabel('Search time zones');
    await tzSearch.fill('olympus');
    await expectVisible(page.getByText('No time zone matches “olympus”.'), 'an unknown zone cannot be chosen');
    await tzSearch.fill('london');
    assert.equal(await page.getByLabel('Time zone', { exact: true }).inputValue(), 'Europe/London', 'London finds Europe/London');
    await hours.fill('6');
    await page.getByRole('button', { name: 'Save profile' }).click();
    await expectVisible(page.getByText('Profile saved'), 'the profile saves');

    // Directory: filter by name, open the profile, request.
    await page.getByRole('link', { name: 'People', exact: true }).click();
    await page.getByLabel('Filter by name').fill(MENTOR.name);
    await page.getByRole('link', { name: new RegExp(MENTOR.name) }).click();
    await expectVisible(page.getByRole('heading', { name: MENTOR.name }), "the mentor's profile");
    await expectVisible(page.getByRole('heading', { name: 'Responsiveness' }), 'her responsiveness');
    await page.getByLabel('Message').fill(
      `Hi ${MENTOR.first}, I am a junior analyst in Data & Analytics and would love to learn how you work on models.`,
    );
    await page.getByLabel('Draft purpose').fill('Get stronger at Python and understand the path to a Data Scientist role.');
    await screenshot(page, 'person-request');
    await page.getByRole('button', { name: `Request ${MENTOR.first} as mentor` }).click();
    await expectVisible(page.getByRole('heading', { name: 'Requests' }), 'the requests page after sending');
    await expectVisible(page.getByRole('article', { name: `Request to ${MENTOR.name}` }), 'the sent request is listed');
  });

  test('the mentor asks a question, the mentee answers, the mentor accepts', async () => {
    mentor = await person(MENTOR);
    const page = mentor.page;
    await mentor.signIn();
    await expectVisible(page.getByText('Waiting for you (1)'), 'home shows the waiting request');
    await page.getByRole('link', { name: /^Requests/ }).click();
    const req = page.getByRole('article', { name: `Request from ${MENTEE.name}` });
    await expectVisible(req, 'the incoming request');
    await req.getByRole('button', { name: 'Ask a question' }).click();
    await req.getByLabel('Your question').fill('Which of your current projects could use some Python?');
    await req.getByRole('button', { name: 'Send question' }).click();
    await expectVisible(req.getByText('Waiting for an answer.'), 'the question is pending');

    await mentee.page.reload();
    const sent = mentee.page.getByRole('article', { name: `Request to ${MENTOR.name}` });
    await sent.getByLabel('Your answer').fill('The weekly sales dashboard: its data preparation is all manual today.');
    await sent.getByRole('button', { name: 'Send answer' }).click();
    await expectVisible(sent.getByText('The weekly sales dashboard'), 'the answer is shown');

    await page.reload();
    await expectVisible(req.getByText('The weekly sales dashboard'), 'the mentor sees the answer');
    await screenshot(page, 'requests-inbox');
    await req.getByRole('button', { name: 'Accept' }).click();
    await page.waitForURL(/\/relationships\/\d+/);
    relationshipId = page.url().match(/relationships\/(\d+)/)[1];
    await expectVisible(page.getByRole('heading', { name: '1 Purpose' }), 'the workspace opens on the five actions');
    for (const h of ['2 Logistics', '3 Action plan', '4 Meetings and stories', '5 Debrief and conclude'])
      await expectVisible(page.getByRole('heading', { name: h }), `section ${h}`);
  });

  test('they agree a purpose, set logistics (phone shows the hint) and add tasks', async () => {
    const page = mentor.page;
    const editor = page.getByRole('form', { name: 'Purpose editor' });
    await expectVisible(editor.getByText('The draft purpose from the request'), 'the draft purpose is offered');
    await editor.getByLabel('Objective 1', { exact: true }).fill(OBJECTIVE_1);
    await editor.getByLabel('How will you see success? (objective 1)').fill(`${MENTEE.first} ships a model notebook the team uses`);
    await editor.getByRole('button', { name: '+ Add an objective' }).click();
    await editor.getByLabel('Category').nth(1).selectOption('career_options');
    await editor.getByLabel('Objective 2', { exact: true }).fill(OBJECTIVE_2);
    await editor.getByLabel('How will you see success? (objective 2)').fill('Three informational interviews held');
    await editor.getByLabel('The outcome you want').fill(`${MENTEE.first} is ready to apply for a Data Scientist role next year.`);
    await editor.getByRole('button', { name: 'Save purpose' }).click();
    await page.getByRole('button', { name: 'Agree to version 1' }).click();
    await expectVisible(page.locator('.agree-chip--yes', { hasText: 'You agreed' }), 'the mentor agreed');

    await mentee.goto(`/relationships/${relationshipId}`);
    const mp = mentee.page;
    await expectVisible(mp.getByText(OBJECTIVE_1), 'the mentee reads the purpose');
    await mp.getByRole('button', { name: 'Agree to version 1' }).click();
    await expectVisible(mp.locator('.ws-header .badge', { hasText: 'Active' }), 'both agreed: active');
    await screenshot(mp, 'purpose-agreed', { locator: mp.locator('#purpose') });

    // Logistics: phone gets the face-to-face hint.
    const logistics = mp.getByRole('form', { name: 'Logistics editor' });
    await logistics.getByLabel('Meet every … days').fill('14');
    await logistics.getByLabel('How you meet').selectOption('phone');
    await logistics.getByLabel('Where').fill(`${MENTOR.first} calls ${MENTEE.first}’s mobile`);
    await logistics.getByLabel('How you want to receive feedback').fill('Straight to the point, with an example.');
    await logistics.getByLabel('What you want to learn').fill('Python, and how data science teams work');
    await logistics.getByLabel(`What ${MENTOR.first} wants to learn`).fill('How analysts use our forecasts');
    await logistics.getByLabel('Review date').fill('2027-03-01');
    await logistics.getByRole('button', { name: 'Save logistics' }).click();
    const hint = mp.locator('#logistics').getByText(/seeing each other matters for the visual cues/);
    await expectVisible(hint, 'the face-to-face hint for phone');
    await screenshot(mp, 'logistics-hint', { locator: mp.locator('#logistics') });

    // Action plan.
    const addTask = async (title, type, owner, due, objective) => {
      const form = mp.getByRole('form', { name: 'Add a task' });
      if (!(await form.isVisible())) await mp.getByRole('button', { name: '+ Add a task' }).click();
      await form.getByLabel('Task').fill(title);
      await form.getByLabel('Type').selectOption(type);
      await form.getByLabel('Owner').selectOption(owner);
      await form.getByLabel('Due').fill(due);
      await form.getByLabel('For objective').selectOption({ index: objective });
      await form.getByRole('button', { name: 'Add task' }).click();
      await expectVisible(mp.locator('#plan .task__title', { hasText: title }), `task ${title}`);
    };
    await addTask('Finish the “Python for Data Analysis” course', 'formal_learning', 'mentee', '2026-12-04', 1);
    await addTask('Informational interview with a data scientist', 'informational_interview', 'mentee', '2026-12-20', 2);
    await addTask(`Introduce ${MENTEE.first} to the forecasting team`, 'networking', 'mentor', '2026-12-10', 2);
    await mp.getByRole('button', { name: 'Done adding' }).click();
  });

  test('the mentor schedules and holds a meeting with a story; the mentee reflects', async () => {
    const page = mentor.page;
    await page.reload();
    const form = page.getByRole('form', { name: 'Schedule a meeting' });
    await form.getByLabel('Date').fill('2026-12-02');
    await form.getByLabel('Time', { exact: true }).fill('11:00'); // Berlin: 10:00 in London
    await expectVisible(form.getByText(`For ${MENTEE.first} that is 10:00 (Europe/London)`), "the other person's time");
    await form.getByRole('button', { name: 'Schedule meeting' }).click();
    const meeting = page.getByRole('article', { name: /Meeting on Wed,? 2 Dec 2026, 11:00/ });
    await expectVisible(meeting.getByText('Scheduled', { exact: true }), 'the meeting is scheduled');
    await expectVisible(meeting.getByText(/Finish the “Python for Data Analysis” course/), 'the agenda lists the open tasks');
    const invite = meeting.getByRole('link', { name: 'Add to calendar' });
    await expectVisible(invite, 'the meeting can be added to a calendar');
    const ics = await page.request.get(new URL(await invite.getAttribute('href'), server.url).href);
    assert.equal(ics.status(), 200, 'the invitation downloads');
    const icsText = await ics.text();
    assert.match(icsText, /METHOD:REQUEST/, 'as an invitation');
    assert.match(icsText, /DTSTART:20261202T100000Z/, 'at the meeting’s time in UTC (11:00 in Berlin)');

    await advance(2); // the meeting has happened
    await page.reload();
    await meeting.getByRole('button', { name: 'Mark as held' }).click();
    await expectVisible(meeting.getByText('Held', { exact: true }), 'the meeting is held');
    await meeting.getByLabel('Shared notes').fill(`Walked through pandas basics; agreed ${MENTEE.first} automates one dashboard step.`);
    await meeting.getByRole('button', { name: 'Save shared notes' }).click();
    await expectVisible(page.getByText('Shared notes saved'), 'shared notes saved');
    await meeting.getByLabel(/My private note/).fill(PRIVATE_NOTE);
    await meeting.getByRole('button', { name: 'Save private note' }).click();
    await expectVisible(page.getByText('Private note saved'), 'private note saved');
    await expectVisible(meeting.getByText('only you can see this'), 'the private note is labelled');
    await meeting.getByRole('button', { name: '+ Log a story you told' }).click();
    const story = page.getByRole('form', { name: 'Log a story' });
    await story.getByLabel('The story').fill(
      'When I moved from reporting into data science, I started by automating one report nobody wanted to touch.',
    );
    await story.getByLabel('The point it makes').fill('Small, visible projects open doors');
    await story.getByRole('button', { name: 'Log story' }).click();
    await expectVisible(meeting.getByText('Small, visible projects open doors'), 'the story is logged');
    await expectVisible(meeting.getByText(new RegExp(`Waiting for ${MENTEE.first}’s reflection`)), 'it waits for a reflection');
    await screenshot(page, 'meeting-story', { locator: page.locator('#meetings') });

    const mp = mentee.page;
    await mp.reload();
    const hers = mp.getByRole('article', { name: /Meeting on Wed,? 2 Dec 2026, 10:00/ });
    await expectVisible(hers.getByText('Small, visible projects open doors'), 'the mentee sees the story');
    await expectVisible(hers.getByLabel(/My private note/), 'the mentee has her own private note');
    assert.equal(await hers.getByLabel(/My private note/).inputValue(), '', 'she does not see his private note');
    assert.equal(await mp.getByText(PRIVATE_NOTE).count(), 0, 'the mentor’s private note is nowhere on her page');
    await hers.getByLabel('What did you learn from this story, or what can you apply?').fill(
      'Pick one annoying manual step in the sales dashboard and automate it in Python.',
    );
    await hers.getByRole('button', { name: 'Save reflection' }).click();
    await expectVisible(hers.getByText('Your reflection:'), 'the reflection is saved');
    await mp.getByRole('button', { name: /Mark done.*Finish the/ }).click();
    await expectVisible(mp.locator('#plan .task--done'), 'a task is done');
  });

  test('time passes: the workspace shows the fading banner and overdue tasks', async () => {
    await advance(35); // no meeting for five weeks, more than twice the 14-day cadence
    const mp = mentee.page;
    await mp.reload();
    // Sessions last 7 days, so the server has forgotten this one.
    await mentee.signIn();
    await mentee.goto('/');
    await expectVisible(mp.getByRole('heading', { name: 'Overdue tasks' }), 'home');
    await expectVisible(mp.locator('.list__item--overdue', { hasText: 'Informational interview' }), 'home lists the overdue task');
    await screenshot(mp, 'home-overdue', { fullPage: true });
    await mentee.goto(`/relationships/${relationshipId}`);
    const banner = mp.getByRole('alert').filter({ hasText: 'This relationship is fading' });
    await expectVisible(banner, 'the fading banner');
    await expectVisible(banner.getByRole('button', { name: 'Schedule a meeting' }), 'banner: schedule a meeting');
    await expectVisible(banner.getByRole('button', { name: 'Start concluding' }), 'banner: start concluding');
    await expectVisible(mp.locator('.ws-header .badge', { hasText: 'Fading' }), 'the state is fading');
    await expectVisible(mp.locator('.task--overdue', { hasText: 'Informational interview' }), 'the overdue task is highlighted');
    await expectVisible(mp.getByText(/This relationship is fading: schedule a meeting/), 'next steps say so');
    await screenshot(mp, 'workspace-fading');
  });

  test('they conclude with a debrief each and see the side-by-side summary', async () => {
    // A meeting booked for next week that the conclusion overtakes: concluding cancels it (both
    // get the cancellation), so it is never "Next", as the overdue tasks are no longer overdue.
    const mentorApi = await server.client(MENTOR.email, PASSWORD);
    const inFiveDays = new Date(server.now.getTime() + 5 * 86_400_000).toISOString().replace(/\.\d{3}Z$/, 'Z');
    const booked = await mentorApi.post(`/relationships/${relationshipId}/meetings`, { starts_at: inFiveDays, duration_minutes: 45 });
    assert.equal(booked.status, 201, JSON.stringify(booked.body));
    const mp = mentee.page;
    const banner = mp.getByRole('alert').filter({ hasText: 'This relationship is fading' });
    await banner.getByRole('button', { name: 'Start concluding' }).click();
    await banner.getByRole('button', { name: 'Yes, start concluding' }).click();
    const form = mp.getByRole('form', { name: 'Your debrief' });
    await expectVisible(form, 'the debrief form');
    await form.getByRole('radiogroup', { name: new RegExp(OBJECTIVE_1) }).getByRole('radio', { name: 'Achieved', exact: true }).check();
    await form.getByRole('radiogroup', { name: new RegExp(OBJECTIVE_2) }).getByRole('radio', { name: 'Partly achieved' }).check();
    await form.getByLabel('What was achieved').fill('I automated the dashboard data preparation in Python.');
    await form.getByLabel('What still needs doing').fill('Informational interviews with two data scientists.');
    await form.getByLabel('What I would do differently in my next mentoring relationship').fill(
      'Book the next meeting before leaving the current one.',
    );
    await form.getByRole('radio', { name: '4 of 5' }).check();
    await form.getByRole('button', { name: 'Submit my debrief' }).click();
    await expectVisible(mp.getByText(new RegExp(`Your debrief is in. Waiting for ${MENTOR.first}’s`)), 'waiting for the other debrief');

    const page = mentor.page;
    await page.reload();
    await mentor.signIn();
    await mentor.goto(`/relationships/${relationshipId}`);
    const his = page.getByRole('form', { name: 'Your debrief' });
    await expectVisible(his.getByText(new RegExp(`${MENTEE.first} has written their debrief`)), 'the mentor is told hers concludes it');
    await his.getByRole('radiogroup', { name: new RegExp(OBJECTIVE_1) }).getByRole('radio', { name: 'Achieved', exact: true }).check();
    await his.getByRole('radiogroup', { name: new RegExp(OBJECTIVE_2) }).getByRole('radio', { name: 'Partly achieved' }).check();
    await his.getByLabel('What was achieved').fill(`${MENTEE.first} writes production-quality pandas code now.`);
    await his.getByLabel('What still needs doing').fill('Meet the data science team; build a first model.');
    await his.getByLabel('What I would do differently in my next mentoring relationship').fill(
      'Keep to the cadence, even when releases are busy.',
    );
    await his.getByRole('radio', { name: '5 of 5' }).check();
    await his.getByRole('button', { name: 'Submit my debrief' }).click();
    const summary = page.locator('.summary-table');
    await expectVisible(summary, 'the side-by-side summary');
    await expectVisible(page.getByRole('heading', { name: 'The purpose you agreed at the start' }), 'against the purpose agreed at the start');
    await expectVisible(summary.getByRole('columnheader', { name: MENTEE.first, exact: true }), 'the mentee column');
    await expectVisible(summary.getByRole('columnheader', { name: `${MENTOR.first} (you)` }), 'the mentor column');
    await expectVisible(summary.getByText('Keep to the cadence'), 'the mentor’s text');
    await expectVisible(summary.getByText('Book the next meeting'), 'the mentee’s text');
    await expectVisible(page.locator('.ws-header .badge', { hasText: 'Concluded' }), 'concluded');
    await expectVisible(page.getByRole('button', { name: 'Propose a follow-up relationship' }), 'the follow-up button');
    await screenshot(page, 'debrief-summary', { locator: page.locator('#debrief') });

    // Concluded: nothing is next and nothing is overdue, though a meeting was booked and tasks were late.
    await page.reload();
    await expectVisible(page.locator('.ws-header .badge', { hasText: 'Concluded' }), 'concluded after a reload');
    // (Agendas of meetings that were held are a record of their time, and may list what was overdue then.)
    const text = await page.locator('main').evaluate((main) => {
      const copy = main.cloneNode(true);
      copy.querySelectorAll('.agenda').forEach((a) => a.remove());
      document.body.append(copy);
      const t = copy.innerText;
      copy.remove();
      return t;
    });
    assert.doesNotMatch(text, /Next: in|\boverdue\b/i, 'a concluded relationship shows no next meeting and nothing overdue');
    assert.equal(await page.locator('.meeting--scheduled .agenda').count(), 0, 'no agenda for the meeting that never happened');
    const meeting = page.getByRole('article', { name: /^Meeting on / }).filter({ hasText: '45 min' });
    await expectVisible(meeting.getByText('Cancelled', { exact: true }), 'the meeting the conclusion overtook is cancelled');
    await screenshot(page, 'workspace-concluded', { fullPage: true });
  });

  test("a manager sees no content of a report's relationship", async () => {
    const sofia = await person(SOFIA);
    await sofia.signIn();
    await sofia.goto(`/relationships/${relationshipId}`);
    const page = sofia.page;
    await expectVisible(page.getByRole('heading', { name: 'This mentoring relationship is private' }), 'the 403 page');
    await expectVisible(page.getByText(/only the mentee and the mentor of a relationship can see/i), "the API's message");
    assert.equal(await page.getByText(OBJECTIVE_1).count(), 0, 'no objective on the page');
    await screenshot(page, 'manager-forbidden');
  });

  test('an administrator sees the overview with counts only, and manages people', async () => {
    const admin = await person(ADMIN);
    await admin.signIn();
    const page = admin.page;
    await page.getByRole('link', { name: 'Relationships', exact: true }).click();
    await expectVisible(page.getByRole('heading', { name: 'Relationships overview' }), 'the overview');
    adminApi = await server.client(ADMIN); // the first session ended while the clock moved
    const { body } = await adminApi.get('/admin/relationships');
    for (const [state, n] of Object.entries(body.counts)) {
      const label = state.charAt(0).toUpperCase() + state.slice(1);
      const bar = page.locator('.bars__row', { has: page.getByRole('button', { name: label, exact: true }) });
      await expectVisible(bar.locator('.bars__value', { hasText: new RegExp(`^${n}$`) }), `${n} ${state}`);
    }
    assert.ok(body.counts.concluded >= 1, 'ours is concluded');
    const row = page.locator('tbody tr', { hasText: MENTEE.name });
    await expectVisible(row.getByText(MENTOR.name), 'the pair by name');
    await expectVisible(row.getByText('1/3'), 'tasks done of all');
    for (const secret of [OBJECTIVE_1, PRIVATE_NOTE, 'Small, visible projects', 'Keep to the cadence'])
      assert.equal(await page.getByText(secret).count(), 0, `no content on the overview: ${secret}`);
    await page.getByRole('button', { name: 'Concluded', exact: true }).click();
    await expectVisible(page.getByRole('heading', { name: /Concluded relationships/ }), 'filtered by state');
    await expectVisible(row, 'ours is among the concluded');
    await screenshot(page, 'admin-overview', { fullPage: true });
    await admin.goto(`/relationships/${relationshipId}`);
    await expectVisible(page.getByRole('heading', { name: 'This mentoring relationship is private' }), 'admins see no content either');

    // People: create one (the API's message first), then deactivate them.
    await admin.goto('/admin/people/new');
    await page.getByLabel('E-mail').fill('not-an-address');
    await page.getByLabel('Name', { exact: true }).fill('Priya Raman');
    await page.getByRole('button', { name: 'Create person' }).click();
    const emailField = page.locator('.field', { has: page.getByLabel('E-mail') });
    await expectVisible(emailField.getByText('is not a valid e-mail address'), 'the e-mail error at the e-mail field');
    await page.getByLabel('E-mail').fill('priya.raman@northwind.example');
    await page.getByLabel('First password').fill('a-long-first-password');
    // The department among those that exist, the manager found by name, never by an id.
    await page.getByLabel('Department', { exact: true }).selectOption('Data & Analytics');
    const managerPicker = page.getByRole('group', { name: 'Current manager' });
    await managerPicker.getByLabel('Search people for current manager').fill('Sofia');
    await managerPicker.getByRole('button', { name: /Sofia Marquez/ }).click();
    await expectVisible(managerPicker.getByRole('list', { name: 'Current manager: chosen' }).getByText('Sofia Marquez'), 'the manager chosen');
    assert.equal(await page.getByText(/person id/i).count(), 0, 'no person ids asked for');
    await page.getByLabel('Search time zones').fill('new york');
    await page.getByLabel('Title', { exact: true }).fill('Data Analyst');
    await screenshot(page, 'admin-person-new', { fullPage: true });
    await page.getByRole('button', { name: 'Create person' }).click();
    await expectVisible(page.getByRole('heading', { name: 'Priya Raman' }), 'the new person');
    const priyaFull = (await adminApi.get(`/people/${new URL(page.url()).pathname.split('/').pop()}`)).body;
    const sofiaId = (await server.client(SOFIA)).person.id;
    assert.deepEqual([priyaFull.department, priyaFull.manager_id, priyaFull.timezone], ['Data & Analytics', sofiaId, 'America/New_York']);
    await expectVisible(page.getByRole('group', { name: 'Current manager' }).getByText('Sofia Marquez'), 'the saved manager by name');
    await page.getByRole('button', { name: 'Deactivate' }).click();
    await expectVisible(page.getByText('Priya Raman deactivated'), 'deactivated');
    await page.getByRole('link', { name: 'People admin' }).first().click();
    await page.getByLabel('Filter by name or e-mail').fill('priya.raman');
    await expectVisible(page.locator('tbody tr', { hasText: 'Priya Raman' }).getByText('Deactivated'), 'listed as deactivated');
    await screenshot(page, 'admin-people');
  });

  test('the workspace works at a phone’s width', async () => {
    const phone = await person(MENTEE, { viewport: { width: 390, height: 844 } });
    await phone.signIn();
    await phone.goto(`/relationships/${relationshipId}`);
    const page = phone.page;
    await expectVisible(page.getByRole('heading', { name: '1 Purpose' }), 'the workspace on a phone');
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    assert.ok(overflow <= 1, `no horizontal scrolling at 390px (overflow ${overflow}px)`);
    await screenshot(page, 'phone-workspace');
    await page.getByRole('button', { name: 'Menu' }).click();
    await expectVisible(page.getByRole('link', { name: 'People', exact: true }), 'the menu opens');
  });

  test('requests are declined with a reason and withdrawn; notifications are read; a follow-up is proposed', async () => {
    const mp = mentee.page;
    const request = async (who) => {
      await mentee.goto('/people');
      await mp.getByLabel('Filter by name').fill(who.name);
      await mp.getByRole('link', { name: new RegExp(who.name) }).click();
      await mp.getByLabel('Message').fill(`Hello ${who.first}, could you mentor me on my path to data science?`);
      await mp.getByRole('button', { name: `Request ${who.first} as mentor` }).click();
      await expectVisible(mp.getByRole('article', { name: `Request to ${who.name}` }), `the request to ${who.first}`);
    };
    await request(DECLINER);
    const decliner = await person(DECLINER);
    await decliner.signIn();
    await decliner.goto('/requests');
    const incoming = decliner.page.getByRole('article', { name: `Request from ${MENTEE.name}` });
    await incoming.getByRole('button', { name: 'Decline…' }).click();
    await incoming.getByRole('button', { name: 'Decline request' }).click();
    await expectVisible(
      incoming.locator('.field', { hasText: 'Reason for declining' }).getByText('must not be empty'),
      'a reason is required, said at the field',
    );
    await incoming.getByLabel('Reason for declining').fill(`I lead engineers; ${MENTOR.name} is a better fit for data science.`);
    await incoming.getByRole('button', { name: 'Decline request' }).click();
    await expectVisible(decliner.page.getByText('Nothing waiting for you'), 'the inbox is empty again');

    await request(THIRD);
    const mine = mp.getByRole('article', { name: `Request to ${THIRD.name}` });
    await mine.getByRole('button', { name: 'Withdraw…' }).click();
    await mine.getByRole('button', { name: 'Yes, withdraw' }).click();
    const closed = mp.getByRole('region', { name: /Closed/ });
    await expectVisible(closed.getByText(THIRD.name), 'the withdrawn request is closed');
    await expectVisible(closed.getByText(/is a better fit for data science/), 'the decline reason is shown');
    await screenshot(mp, 'requests-closed', { fullPage: true });

    await mentee.goto('/');
    const unread = mp.locator('main .notifications .notification:not(.notification--read)');
    await expectVisible(unread, 'the notifications');
    const before = await unread.count();
    assert.ok(before > 1, 'the mentee has unread notifications');
    await mp.locator('main .notifications').getByRole('button', { name: /Mark read/ }).first().click();
    await expectVisible(mp.getByText('Marked as read'), 'one notification read');
    assert.equal(await unread.count(), before - 1);
    await mp.locator('main').getByRole('button', { name: 'Mark all read' }).click();
    await expectVisible(mp.locator('main .notifications .notification--read').nth(before - 1), 'all notifications read');
    assert.equal(await unread.count(), 0);

    const dp = mentor.page;
    await mentor.goto(`/relationships/${relationshipId}`);
    await dp.getByRole('button', { name: 'Propose a follow-up relationship' }).click();
    await dp.getByRole('form', { name: 'Propose a follow-up' }).getByLabel('Message').fill('Shall we go on with the data science team?');
    await dp.getByRole('button', { name: 'Send the proposal' }).click();
    await expectVisible(dp.getByRole('article', { name: `Request to ${MENTEE.name}` }), 'the follow-up waits for the mentee');
    await mentee.goto('/requests');
    const offer = mp.getByRole('article', { name: `Request from ${MENTOR.name}` });
    await expectVisible(offer.getByText('offers to mentor you'), 'the mentee is offered a follow-up');
    await expectVisible(offer.getByText(/Meet the data science team/), 'prefilled from what still needs doing');
  });

  let requestedName;

  test('a mentee finds a mentor: explained recommendations, the excluded manager, the directory, a request', async () => {
    const mp = mentee.page;
    await mentee.goto('/');
    const nav = mp.getByRole('navigation', { name: 'Main' });
    await expectVisible(nav.getByRole('link', { name: 'Find a mentor' }), 'Find a mentor in the navigation');
    const links = await nav.getByRole('link').allTextContents();
    assert.deepEqual(links.slice(0, 2).map((l) => l.replace(/\d+$/, '')), ['Home', 'Find a mentor'], 'Find a mentor comes right after Home');
    await nav.getByRole('link', { name: 'Find a mentor' }).click();
    await expectVisible(mp.getByRole('heading', { name: 'Find a mentor', level: 1 }), 'the Find a mentor page');
    const list = mp.getByRole('list', { name: 'Recommended mentors' });
    await expectVisible(list, 'recommendations');
    const cards = list.getByRole('article');
    assert.ok((await cards.count()) > 0, 'at least one recommendation');
    await expectVisible(cards.first().getByRole('list', { name: /^Why / }).getByRole('listitem'), 'a recommendation explains itself');

    // A typo in the wanted skills: the API's message with its suggestion, at the field.
    await mp.getByRole('radio', { name: 'Skill gaps' }).check();
    await mp.getByLabel('Skills I want (optional)').fill('Pyhton, machine learning');
    await mp.getByRole('button', { name: 'Update' }).click();
    const skillsField = mp.locator('.field', { has: mp.getByLabel('Skills I want (optional)') });
    await expectVisible(skillsField.getByText(/did you mean "Python"/), "the API's suggestion at the skills field");
    await screenshot(mp, 'find-skill-typo', { locator: mp.getByRole('form', { name: 'What you want from a mentor' }) });
    await skillsField.getByRole('button', { name: 'Use “Python”' }).click();
    await expectVisible(list, 'recommendations for Python and machine learning');
    assert.equal(await mp.getByLabel('Skills I want (optional)').inputValue(), 'Python, machine learning');
    await expectVisible(mp.getByText('Looking for: machine learning, python'), 'the skills looked for');
    await expectVisible(list.getByText(/Has skills you want to develop/).first(), 'skill reasons');

    // Her current manager is never suggested, only listed with the reason.
    const excluded = mp.getByRole('list', { name: 'Not suggested' });
    const sofiaRow = excluded.getByRole('listitem').filter({ hasText: 'Sofia Marquez' });
    await expectVisible(sofiaRow.getByText(/Your current manager: look for a mentor who is not your manager/), 'the manager is excluded with the reason');
    assert.equal(await list.getByText('Sofia Marquez').count(), 0, 'the manager is not among the recommendations');
    await expectVisible(excluded.getByRole('listitem').filter({ hasText: MENTOR.name }), 'her mentor is excluded as already paired');
    await screenshot(mp, 'find-a-mentor', { fullPage: true });

    // The directory: a prefix with a typo-tolerant search.
    await mp.getByRole('tab', { name: 'Search the directory' }).click();
    await mp.getByLabel('Search', { exact: true }).fill('pivo');
    const results = mp.getByRole('list', { name: 'Directory results' });
    const pivot = results.getByRole('link').filter({ hasText: 'pivot tables' }).filter({ hasNotText: MENTEE.name });
    await expectVisible(pivot, 'someone with pivot tables');
    await expectVisible(mp.getByText(/best matches for “pivo” first/), 'the count says what was searched');
    // Short and symbolic terms are searched too (issue 16: they were refused under three letters).
    for (const [term, skill] of [['C++', /C\+\+/], ['Go', /\bGo\b/]]) {
      await mp.getByLabel('Search', { exact: true }).fill(term);
      await expectVisible(mp.getByText(new RegExp(`best matches for “${term.replace(/\+/g, '\\+')}” first`)), `the search for ${term} ran`);
      await expectVisible(results.getByRole('link').filter({ hasText: skill }), `someone with the skill ${term}`);
    }
    assert.equal(await mp.getByText(/at least three letters/).count(), 0, 'no refusal of a short term');
    await mp.getByLabel('Search', { exact: true }).fill('zzqqxx');
    await expectVisible(mp.getByText('Nobody matches “zzqqxx”'), 'the empty state');
    await mp.getByLabel('Search', { exact: true }).fill('');
    await mp.getByLabel('Skill', { exact: true }).fill('pivot tables');
    await mp.getByLabel('Minimum level').selectOption('4');
    await mp.getByLabel('Has a free mentoring place').check();
    await expectVisible(results.getByRole('link').filter({ hasText: 'pivot tables' }), 'filtered by skill, level and a free place');
    await screenshot(mp, 'find-directory', { fullPage: true });
    await mp.getByLabel('Skill', { exact: true }).fill('');
    await mp.getByLabel('Has a free mentoring place').uncheck();
    await expectVisible(mp.getByText(/, A to Z/), 'everyone, by name');
    const before = await results.getByRole('listitem').count();
    await mp.getByRole('button', { name: 'Show more' }).click();
    await expectVisible(results.getByRole('listitem').nth(before), 'the next page is appended');

    // Request a recommended mentor: the request form opens with the purpose as the draft.
    await mp.getByRole('tab', { name: 'Recommended for you' }).click();
    const first = mp.getByRole('list', { name: 'Recommended mentors' }).getByRole('article').first();
    await expectVisible(first, 'the recommendations again');
    requestedName = (await first.getByRole('heading', { level: 3 }).textContent()).trim();
    await first.getByRole('button', { name: 'Request as mentor' }).click();
    assert.equal(
      await first.getByLabel('Draft purpose').inputValue(),
      'Skill gaps: close my gaps in Python, machine learning.',
      'the draft purpose comes from the chosen purpose and skills',
    );
    await first.getByLabel('Message').fill(`Hello ${requestedName.split(' ')[0]}, the app suggests you for machine learning; could you mentor me?`);
    await screenshot(mp, 'find-request', { locator: first });
    await first.getByRole('button', { name: /^Request .* as mentor$/ }).click();
    await expectVisible(mp.getByRole('article', { name: `Request to ${requestedName}` }), 'the request is sent');
  });

  test('a manager recommends a mentor to a report, who sees the badge', async () => {
    const noorApi = await server.client(MENTEE.email, PASSWORD);
    const { body } = await noorApi.get('/me/recommendations?limit=10');
    const pick = body.items.map((r) => r.mentor).find((m) => m.name !== requestedName && m.name !== MENTOR.name);
    assert.ok(pick, 'someone to recommend');

    const sofia = await person(SOFIA);
    await sofia.signIn();
    const sp = sofia.page;
    await sofia.goto(`/people/${MENTEE.id}`);
    const card = sp.locator('.card', { has: sp.getByRole('heading', { name: `Recommend a mentor to ${MENTEE.name}` }) });
    await expectVisible(card, 'the manager can recommend a mentor');
    await card.getByLabel('Find a mentor by name or skill').fill(pick.name);
    await card.getByRole('button', { name: `Choose ${pick.name}` }).click();
    await card.getByLabel('Note').fill('She knows the analytics side well and is great at explaining models.');
    await card.getByRole('button', { name: 'Send recommendation' }).click();
    await expectVisible(card.getByText(`Sent. ${MENTEE.first} will see that you recommend ${pick.name}`), 'confirmed');
    for (const secret of [MENTOR.name, OBJECTIVE_1, requestedName])
      assert.equal(await sp.getByText(secret).count(), 0, `nothing about her mentoring: ${secret}`);
    await screenshot(sp, 'manager-recommends', { locator: card });

    // Only the manager may recommend.
    const elenaApi = await server.client(MENTOR.email, PASSWORD);
    const forbidden = await elenaApi.post(`/people/${MENTEE.id}/mentor-recommendations`, { mentor_id: pick.id, note: '' });
    assert.equal(forbidden.status, 403);

    const mp = mentee.page;
    await mentee.goto('/find-a-mentor');
    const received = mp.getByRole('list', { name: 'Recommended by your manager' });
    await expectVisible(received.getByText(pick.name), 'her manager’s recommendation is listed');
    const rec = mp.getByRole('article', { name: `Recommendation: ${pick.name}` });
    await expectVisible(rec.locator('.label-badge', { hasText: 'Recommended by your manager' }), 'the badge on the card');
    await expectVisible(rec.locator('.factor', { hasText: 'Recommended by your manager Sofia Marquez' }), 'the reason names her manager');
    await screenshot(mp, 'find-a-mentor-recommended', { fullPage: true });
    await screenshot(mp, 'find-a-mentor-top');
  });

  test('a circle fills up and the next person is waitlisted; a flash slot is booked', async () => {
    const t0 = Date.now();
    const topic = 'Storytelling with data';
    const cast = {
      host: { email: 'tomas.brandt@northwind.example', name: 'Tomas Brandt', title: 'Head of Analytics', timezone: 'Europe/Berlin', formats_offered: ['one_to_one', 'circle', 'flash'], mentor_capacity: 2 },
      first: { email: 'aiyana.cole@northwind.example', name: 'Aiyana Cole', title: 'Data Analyst', timezone: 'Europe/London', mentor_capacity: 0 },
      second: { email: 'bruno.lindqvist@northwind.example', name: 'Bruno Lindqvist', title: 'BI Developer', timezone: 'Europe/Stockholm', mentor_capacity: 0 },
      third: { email: 'hana.ishikawa@northwind.example', name: 'Hana Ishikawa', title: 'Product Analyst', timezone: 'America/New_York', mentor_capacity: 0 },
    };
    for (const p of Object.values(cast)) p.id = (await adminApi.createPerson({ ...p, password: PASSWORD, organisation: 'Northwind Labs' })).id;

    // The host creates a circle of two; the API's message appears next to the size limit.
    const host = await person(cast.host);
    await host.signIn();
    const hp = host.page;
    await hp.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Circles' }).click();
    await expectVisible(hp.getByRole('heading', { name: 'Circles', level: 1 }), 'the Circles page');
    await hp.getByRole('button', { name: 'Create a circle' }).click();
    const form = hp.getByRole('form', { name: 'Create a circle' });
    await form.getByLabel('Topic').fill(topic);
    await form.getByLabel('Description').fill('Turn an analysis into a story people act on.');
    await form.getByLabel('Size limit').fill('1');
    await form.getByRole('button', { name: 'Create circle' }).click();
    await expectVisible(invalidField(form, 'Size limit').getByText(/between 2 and 50/), 'the size error next to the field');
    await form.getByLabel('Size limit').fill('2');
    await form.getByRole('button', { name: 'Create circle' }).click();
    await expectVisible(hp.getByRole('heading', { name: topic, level: 1 }), "the circle's page");
    const circleId = new URL(hp.url()).pathname.split('/').pop();

    // The first member joins through the API, the second in the browser: the circle is full.
    const firstApi = await server.client(cast.first.email, PASSWORD);
    const joined = await firstApi.post(`/circles/${circleId}/join`, {});
    assert.equal(joined.body.my_status, 'member', JSON.stringify(joined.body));
    const second = await person(cast.second);
    await second.signIn();
    await second.goto('/circles');
    const row2 = second.page.getByRole('listitem', { name: `Circle: ${topic}` });
    await expectVisible(row2.getByText('1/2 members'), 'the size and limit');
    await row2.getByRole('button', { name: `Join ${topic}` }).click();
    await expectVisible(second.page.getByRole('list', { name: 'My circles' }).getByText(topic), 'in her circles');
    await expectVisible(row2.getByText('Member', { exact: true }), 'a member');

    // The third is waitlisted, first in line.
    const third = await person(cast.third);
    await third.signIn();
    const tp = third.page;
    await third.goto('/circles');
    const row3 = tp.getByRole('listitem', { name: `Circle: ${topic}` });
    await expectVisible(row3.getByText(/2\/2 members · full · no waitlist/), 'full, nobody waiting');
    await row3.getByRole('button', { name: `Join the waitlist of ${topic}` }).click();
    await expectVisible(row3.getByText('Waitlist position 1'), 'her waitlist position');
    await expectVisible(row3.getByText('1 on the waitlist'), 'the waitlist length');
    await screenshot(tp, 'circles-browse', { fullPage: true });
    await tp.screenshot({ path: join(repoRoot, 'docs/screenshots/circles.png'), fullPage: true, style: '.toasts { display: none !important; } .topbar { position: static !important; }' });
    await row3.getByRole('link', { name: topic }).click();
    await expectVisible(tp.getByLabel('Waitlist position').getByText('#1'), 'her place on the circle page');
    assert.equal(await tp.getByRole('heading', { name: 'Members' }).count(), 0, 'no workspace for the waitlisted');

    // The host sees both members and the waitlist.
    await hp.reload();
    await expectVisible(hp.getByRole('list', { name: 'Members' }).getByText(cast.second.name), 'members listed');
    await expectVisible(hp.getByRole('list', { name: 'Waitlist' }).getByText(cast.third.name), 'the waitlist listed');
    await screenshot(hp, 'circle-host', { fullPage: true });

    // Flash: the host publishes a topic with a slot; the waitlisted analyst books it.
    await host.goto('/flash');
    await expectVisible(hp.getByRole('heading', { name: 'Flash mentoring', level: 1 }), 'the Flash page');
    const newTopic = hp.getByRole('form', { name: 'New flash topic' });
    await newTopic.getByLabel('Topic title').fill('Reviewing your dashboard');
    await newTopic.getByRole('button', { name: 'Publish topic' }).click();
    const mine = hp.getByRole('listitem', { name: 'My topic: Reviewing your dashboard' });
    await mine.getByRole('button', { name: 'Add slot', exact: true }).click();
    await expectVisible(mine.getByText(/20 min · free/), 'a free slot');
    await mine.getByLabel(/^Start/).fill('11:00');
    await mine.getByRole('button', { name: 'Add slot', exact: true }).click();
    await expectVisible(mine.getByText('2 free'), 'a second free slot');

    await third.goto('/flash');
    const item = tp.getByRole('listitem', { name: 'Topic: Reviewing your dashboard' });
    const slot = item.getByRole('group', { name: 'Free slots of Reviewing your dashboard' }).getByRole('button').first();
    await expectVisible(slot, 'a free slot in her timezone');
    // 10:00 in Berlin is 04:00 in New York.
    assert.match(await slot.textContent(), /04:00/, 'the slot in her own timezone');
    await slot.click();
    const book = tp.getByRole('form', { name: 'Book Reviewing your dashboard' });
    await book.getByRole('button', { name: 'Book this slot' }).click();
    await expectVisible(invalidField(book, 'Your question').locator('.field__error'), 'the question is required');
    await book.getByLabel('Your question').fill('Which chart would make our churn story obvious?');
    await book.getByRole('button', { name: 'Book this slot' }).click();
    const booked = tp.getByRole('listitem', { name: 'Flash session: Reviewing your dashboard' });
    await expectVisible(booked.getByText('Upcoming'), 'the booking');
    await expectVisible(booked.getByRole('button', { name: 'Cancel Reviewing your dashboard' }), 'cancel before the cutoff');
    await screenshot(tp, 'flash', { fullPage: true });
    await tp.screenshot({ path: join(repoRoot, 'docs/screenshots/flash.png'), fullPage: true, style: '.toasts { display: none !important; } .topbar { position: static !important; }' });
    circle = { id: circleId, topic, cast, host, second, third };
    console.log(`# circle and flash scenario in ${Date.now() - t0} ms`);
  });

  test('API tokens: create one, use it from a script, revoke it', async () => {
    const { host, cast } = circle;
    const hp = host.page;
    await host.context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: server.url });
    await host.openAccountTab('API tokens');
    await expectVisible(hp.getByRole('heading', { name: 'API tokens', level: 1 }), 'the API tokens page');
    await expectVisible(hp.getByText('No API tokens yet'), 'the designed empty state');

    // The API's length limit appears at the name.
    const form = hp.getByRole('form', { name: 'Create an API token' });
    const longName = 'The script that builds the quarterly mentoring report for the leadership team, by department and by cohort';
    assert.ok(longName.length > 100);
    await form.getByLabel('Name').fill(longName);
    await form.getByRole('button', { name: 'Create token' }).click();
    await expectVisible(
      invalidField(form, 'Name').getByText('is longer than 100 characters'),
      'the length error next to the name',
    );
    await form.getByLabel('Name').fill('Quarterly report script');
    await form.getByRole('button', { name: 'Create token' }).click();

    // Shown once, with the warning and a copy button.
    const created = hp.getByRole('region', { name: /^Your new token/ });
    await expectVisible(created.getByText('Copy it now: you will not see it again.'), 'the token is shown once, with the warning');
    const token = await created.getByRole('textbox', { name: 'Token', exact: true }).inputValue();
    assert.match(token, /^[0-9a-f]{64}$/, 'the token itself');
    await created.getByRole('button', { name: 'Copy' }).click();
    await expectVisible(created.getByText('Copied to the clipboard.'), 'the copy is confirmed');
    assert.equal(await hp.evaluate(() => navigator.clipboard.readText()), token, 'the clipboard holds the token');
    await screenshot(hp, 'api-token-created', { fullPage: true });
    await hp.screenshot({ path: join(repoRoot, 'docs/screenshots/api-tokens.png'), style: '.toasts { display: none !important; }' });

    // A script uses it: no cookie, no CSRF header.
    const bearer = (path, init = {}) =>
      fetch(`${server.url}/api/v1${path}`, { ...init, headers: { Authorization: `Bearer ${token}`, ...(init.headers ?? {}) } });
    const me = await bearer('/me');
    assert.equal(me.status, 200, 'the token signs the script in');
    assert.equal((await me.json()).id, cast.host.id, 'as the person who made it');
    const write = await bearer('/me', {
      method: 'PATCH',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ bio: 'Heads analytics; hosts the storytelling circle.' }),
    });
    assert.equal(write.status, 200, 'a write with the token needs no CSRF header');

    // Once dismissed, only its name and fingerprint are listed.
    await created.getByRole('button', { name: 'I have saved it' }).click();
    await hp.reload();
    const row = hp.getByRole('listitem', { name: 'API token: Quarterly report script' });
    await expectVisible(row, 'the token is listed by its name');
    assert.equal(await hp.getByText(token).count(), 0, 'the token is never shown again');
    const fingerprint = (await row.locator('code').textContent()).trim();
    assert.ok(fingerprint.length === 16 && !token.includes(fingerprint), 'the fingerprint is not part of the token');

    await row.getByRole('button', { name: 'Revoke Quarterly report script' }).click();
    await row.getByRole('button', { name: 'Revoke token' }).click();
    await expectVisible(hp.getByText('No API tokens yet'), 'the list is empty again');
    const refused = await bearer('/me');
    assert.equal(refused.status, 401, 'the revoked token is refused');
  });

  test('the calendar feed: get a private address, subscribe without signing in, replace it', async () => {
    const { host } = circle;
    const hp = host.page;
    await host.openAccountTab('Calendar');
    await expectVisible(hp.getByRole('heading', { name: 'Calendar', level: 1 }), 'the calendar page');
    await hp.getByRole('button', { name: 'Get my calendar address' }).click();
    const address = hp.getByRole('textbox', { name: 'Your calendar address' });
    await expectVisible(address, 'the address is shown');
    const url = await address.inputValue();
    assert.match(url, /^http:\/\/127\.0\.0\.1:\d+\/calendar\/[0-9a-f]{64}\.ics$/, 'a long secret in the address');
    await screenshot(hp, 'calendar-feed', { fullPage: true });
    const feed = await fetch(url); // a calendar application: no cookie
    assert.equal(feed.status, 200, 'the feed needs no sign-in');
    const text = await feed.text();
    assert.match(text, /METHOD:PUBLISH/, 'a calendar to subscribe to');
    assert.match(text, /BEGIN:VEVENT/, 'with the host’s sessions and meetings in it');

    await hp.getByRole('button', { name: 'Get a new address' }).click();
    await hp.getByRole('button', { name: 'Yes, get a new address' }).click();
    await expectVisible(hp.getByText('A new address: the old one no longer works'), 'the address is replaced');
    const renewed = await address.inputValue();
    assert.notEqual(renewed, url, 'a different address');
    assert.equal((await fetch(url)).status, 404, 'the old address stops at once');
    assert.equal((await fetch(renewed)).status, 200, 'the new one works');
  });

  test("a circle's host and members agree a purpose, hold a session with attendance and a story, conclude and read the debrief summary", async () => {
    const t0 = Date.now();
    const { id, cast, host, second } = circle;
    const hp = host.page;
    const bp = second.page;
    const OBJ_1 = 'Tell the story of an analysis in five minutes';
    const OBJ_2 = 'Pick the chart that answers the question';

    // The host drafts the purpose.
    await host.goto(`/circles/${id}`);
    const purpose = hp.locator('#purpose');
    const editor = purpose.getByRole('form', { name: 'Purpose editor' });
    await expectVisible(editor, 'the host starts with the purpose editor');
    await editor.getByLabel('Objective 1', { exact: true }).fill(OBJ_1);
    await editor.getByLabel('How will you see success? (objective 1)').fill('Each member presents once and the circle rates it clear');
    await editor.getByLabel('The outcome you want').fill('Every member briefs a leader with one clear recommendation.');
    await editor.getByRole('button', { name: 'Save purpose' }).click();
    await expectVisible(purpose.getByText('Draft · version 1'), 'a first draft');

    // A member adds an objective (the empty one is named at its field): a new version.
    await second.goto(`/circles/${id}`);
    const bPurpose = bp.locator('#purpose');
    await expectVisible(bPurpose.getByText(OBJ_1), 'the member reads the draft');
    await expectVisible(bPurpose.getByText(/waits for Tomas to agree it for the circle/), 'the member is told who agrees');
    assert.equal(await bPurpose.getByRole('button', { name: /^Agree/ }).count(), 0, 'only the host agrees');
    await bPurpose.getByRole('button', { name: 'Edit the draft' }).click();
    const bEditor = bPurpose.getByRole('form', { name: 'Purpose editor' });
    await bEditor.getByRole('button', { name: '+ Add an objective' }).click();
    await bEditor.getByRole('button', { name: 'Save purpose' }).click();
    await expectVisible(
      invalidField(bEditor, 'Objective 2', { exact: true }).getByText('must not be empty'),
      'the empty objective is named at its field',
    );
    await bEditor.getByLabel('Category').nth(1).selectOption('skill_gaps');
    await bEditor.getByLabel('Objective 2', { exact: true }).fill(OBJ_2);
    await bEditor.getByRole('button', { name: 'Save purpose' }).click();
    await expectVisible(bPurpose.getByText('Draft · version 2'), 'the member’s version');

    // The host still reads version 1: agreeing to it is refused and shows version 2, which he agrees.
    await purpose.getByRole('button', { name: 'Agree to version 1' }).click();
    await expectVisible(purpose.getByText(/the purpose changed since you read it/), 'a stale agreement is refused');
    await expectVisible(purpose.getByText(OBJ_2), 'the new version is shown');
    await purpose.getByRole('button', { name: 'Agree to version 2' }).click();
    await expectVisible(purpose.getByText('Agreed · version 2'), 'the host agreed');
    await bp.reload();
    await expectVisible(bPurpose.getByText(/Tomas \(host\) agreed/), 'the member sees it agreed');
    await screenshot(bp, 'circle-purpose-agreed', { locator: bPurpose });

    // A session tomorrow at 16:00 in Berlin; the API's length check lands at Minutes.
    const tomorrow = localDate(new Date(server.now.getTime() + 86_400_000), cast.host.timezone);
    const sessions = hp.locator('#sessions');
    const schedule = sessions.getByRole('form', { name: 'Schedule a session' });
    await schedule.getByLabel('Date').fill(tomorrow);
    await schedule.getByLabel(/^Time/).fill('16:00');
    await expectVisible(schedule.getByText(/15:00 in Europe\/London/), "the members' own times");
    await schedule.getByLabel('Minutes').fill('2');
    await schedule.getByLabel('Where').fill('https://meet.northwind.example/storytelling');
    await schedule.getByRole('button', { name: 'Schedule session' }).click();
    await expectVisible(
      invalidField(schedule, 'Minutes').getByText('must be between 5 and 480'),
      'the length error next to Minutes',
    );
    await schedule.getByLabel('Minutes').fill('60');
    await schedule.getByRole('button', { name: 'Schedule session' }).click();
    const session = sessions.getByRole('article', { name: /^Session on / });
    await expectVisible(session.getByText('Scheduled', { exact: true }), 'the session is scheduled');
    await bp.reload();
    await expectVisible(bp.locator('#sessions').getByRole('button', { name: 'I can’t make it' }), 'a member may send apologies');

    // It happens: held, attendance, a story.
    await advance(2);
    await hp.reload();
    await session.getByRole('button', { name: 'Mark as held' }).click();
    await expectVisible(session.getByText('Held', { exact: true }), 'the session is held');
    const attendance = session.getByRole('form', { name: 'Attendance' });
    await attendance.getByRole('radiogroup', { name: `Attendance of ${cast.second.name}` }).getByLabel('Present').check();
    await attendance.getByRole('radiogroup', { name: `Attendance of ${cast.first.name}` }).getByLabel('Absent').check();
    await attendance.getByRole('button', { name: 'Save attendance' }).click();
    await expectVisible(session.getByText('Attendance: 1 present, 1 absent, 0 excused'), 'the attendance is counted');
    await session.getByRole('button', { name: '+ Log a story you told' }).click();
    const story = session.getByRole('form', { name: 'Log a story' });
    await story.getByLabel('The story').fill('My first board update had eleven charts, and the CFO asked which one mattered. Now I bring one.');
    await story.getByLabel('The point it makes').fill('One chart, one recommendation');
    await story.getByRole('button', { name: 'Log story' }).click();
    await expectVisible(session.getByText('One chart, one recommendation'), 'the story is logged');
    await expectVisible(session.getByText(/Waiting for the members’ reflections/), 'it waits for reflections');
    await screenshot(hp, 'circle-session', { locator: session });

    // The member reflects and keeps an action item of his own.
    await bp.reload();
    const bSession = bp.locator('#sessions').getByRole('article', { name: /^Session on / });
    await bSession.getByLabel('What did you learn from this story, or what can you apply?').fill('Cut my churn deck to the one chart that shows the drop.');
    await bSession.getByRole('button', { name: 'Save reflection' }).click();
    await expectVisible(bSession.getByText('Your reflection:'), 'the reflection is saved');
    await bp.locator('#action-items').getByRole('button', { name: '+ Add an action item' }).click();
    const item = bp.getByRole('form', { name: 'Add an action item' });
    await item.getByLabel('Action item', { exact: true }).fill('Present the churn story to the circle');
    await item.getByLabel('For objective').selectOption({ index: 1 });
    await item.getByRole('button', { name: 'Add action item' }).click();
    await expectVisible(bp.locator('#action-items .task__title', { hasText: 'Present the churn story' }), 'his action item');

    // He edits it in place, at a phone's width and from the keyboard: an empty title is refused at
    // its field, Escape leaves the editor, and the new title and due date survive a reload.
    const ITEM = 'Present the churn story in five minutes';
    const newDue = localDate(new Date(server.now.getTime() + 21 * 86_400_000), cast.second.timezone);
    const dueText = `Due ${new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' }).format(new Date(newDue))}`;
    await bp.setViewportSize({ width: 390, height: 844 });
    const bItems = bp.locator('#action-items');
    await item.getByRole('button', { name: 'Done adding' }).click();
    const editButton = bItems.getByRole('button', { name: /^Edit\W+Present the churn story to the circle$/ });
    await editButton.click();
    const itemEditor = bItems.getByRole('form', { name: 'Edit action item: Present the churn story to the circle' });
    const itemTitle = itemEditor.getByLabel('Action item', { exact: true });
    const focused = (locator, message) =>
      locator.evaluate((el) => el === document.activeElement).then((yes) => assert.ok(yes, message));
    await focused(itemTitle, 'the editor opens at the title');
    await bp.keyboard.press('Escape');
    await itemEditor.waitFor({ state: 'detached' });
    await bp.waitForFunction(() => document.activeElement?.textContent?.startsWith('Edit'), null, { timeout: 5000 });
    await focused(editButton, 'Escape puts the focus back on Edit');
    await bp.keyboard.press('Enter');
    await focused(itemTitle, 'Enter on Edit opens the editor again');
    await itemTitle.fill('   ');
    await itemTitle.press('Enter');
    await expectVisible(
      invalidField(itemEditor, 'Action item', { exact: true }).getByText('must not be empty'),
      'the empty title is refused at its field',
    );
    await itemTitle.fill(ITEM);
    await itemEditor.getByLabel('Due').fill(newDue);
    const [itemScroll, itemWidth] = await bp.evaluate(() => [document.documentElement.scrollWidth, window.innerWidth]);
    assert.ok(itemScroll <= itemWidth, `the editor fits a phone's width (${itemScroll} > ${itemWidth})`);
    await screenshot(bp, 'circle-action-item-edit', { locator: bItems });
    await itemEditor.getByRole('button', { name: 'Save changes' }).click();
    const savedItem = bItems.locator('.task', { hasText: ITEM });
    await expectVisible(savedItem.getByText(dueText), 'the new title and due date');
    await bp.reload();
    await expectVisible(bp.locator('#action-items .task', { hasText: ITEM }).getByText(dueText), 'the change after a reload');
    assert.equal(await bp.locator('#action-items').getByText('Present the churn story to the circle').count(), 0, 'the old title is gone');
    await bp.setViewportSize(second.viewport);

    // The host concludes; a debrief needs an outcome for every objective.
    await hp.reload();
    const debrief = hp.locator('#debrief');
    await debrief.getByRole('button', { name: 'Start concluding' }).click();
    await debrief.getByRole('button', { name: 'Yes, start concluding' }).click();
    await expectVisible(hp.getByText(/The circle is debriefing/), 'the concluding banner');
    await expectVisible(debrief.getByText('0 of 3', { exact: true }), 'three debriefs awaited');
    const writeDebrief = async (page, outcomes, texts, rating) => {
      const form = page.locator('#debrief').getByRole('form', { name: 'Your debrief' });
      for (const [objective, outcome] of outcomes)
        await form.getByRole('radiogroup', { name: new RegExp(objective) }).getByLabel(outcome, { exact: true }).check();
      for (const [label, text] of texts) await form.getByLabel(label).fill(text);
      await form.getByRole('radio', { name: `${rating} of 5` }).check();
      await form.getByRole('button', { name: 'Submit my debrief' }).click();
      await expectVisible(page.locator('#debrief').getByText('Your debrief is in.'), 'the debrief is in');
    };
    const hForm = debrief.getByRole('form', { name: 'Your debrief' });
    await hForm.getByRole('button', { name: 'Submit my debrief' }).click();
    await expectVisible(hForm.getByText(/say for every objective whether it was achieved/), 'every objective needs an outcome');
    await writeDebrief(
      hp,
      [[OBJ_1, 'Achieved'], [OBJ_2, 'Partly achieved']],
      [
        ['What was achieved', 'Both members presented; the stories got shorter every session.'],
        ['What still needs doing', 'Practise answering the first hard question.'],
        ['What I would do differently when I next host a circle', 'Agree the purpose in the first session.'],
      ],
      5,
    );
    await expectVisible(debrief.getByText('1 of 3', { exact: true }), 'one of three');
    await bp.reload();
    await writeDebrief(
      bp,
      [[OBJ_1, 'Achieved'], [OBJ_2, 'Achieved']],
      [
        ['What was achieved', 'My churn story now fits in five minutes.'],
        ['What I would do differently in my next circle', 'Volunteer to present first.'],
      ],
      4,
    );
    // The last member writes hers through the API, which concludes the circle.
    const firstApi = await server.client(cast.first.email, PASSWORD);
    const { body: w } = await firstApi.get(`/circles/${id}/workspace`);
    const last = await firstApi.put(`/circles/${id}/debrief`, {
      outcomes: w.purpose.objectives.map((o) => ({ objective_id: o.id, outcome: o.description === OBJ_2 ? 'not_achieved' : 'achieved' })),
      achieved: 'I presented twice and asked better questions.',
      still_to_do: 'Choosing charts',
      do_differently: 'Come to every session.',
      rating: 4,
    });
    assert.equal(last.status, 200, JSON.stringify(last.body));
    assert.equal(last.body.state, 'concluded', 'the last debrief concludes the circle');

    // Everyone reads the summary; the circle is read-only.
    await hp.reload();
    await expectVisible(hp.getByText(/This circle is closed and read-only/), 'the concluded banner');
    const summary = hp.getByRole('region', { name: 'Debrief summary' });
    for (const name of [cast.first.name, cast.second.name])
      await expectVisible(summary.getByRole('columnheader', { name }), `${name}'s debrief is a column`);
    await expectVisible(summary.getByText('I presented twice and asked better questions.'), 'the debriefs are side by side');
    await expectVisible(summary.getByRole('img', { name: '1 achieved, 1 partly achieved, 1 not achieved' }), 'each objective at a glance');
    await expectVisible(summary.getByText('4.3'), 'the average rating');
    assert.equal(await hp.getByRole('button', { name: /Schedule a session/ }).count(), 0, 'no more sessions');
    assert.equal(await hp.getByRole('button', { name: /Add an action item/ }).count(), 0, 'no more action items');
    await screenshot(hp, 'circle-debrief-summary', { locator: debrief });
    await debrief.screenshot({
      path: join(repoRoot, 'docs/screenshots/circle-debrief.png'),
      style: '.toasts { display: none !important; } .topbar { position: static !important; }',
    });

    // The same page at a phone's width: nothing scrolls sideways.
    const phone = await person(cast.second, { viewport: { width: 390, height: 844 } });
    await phone.signIn();
    await phone.goto(`/circles/${id}`);
    await expectVisible(phone.page.getByRole('region', { name: 'Debrief summary' }), 'the summary on a phone');
    const [scrollWidth, innerWidth] = await phone.page.evaluate(() => [document.documentElement.scrollWidth, window.innerWidth]);
    assert.ok(scrollWidth <= innerWidth, `no sideways scrolling at a phone's width (${scrollWidth} > ${innerWidth})`);
    await screenshot(phone.page, 'circle-phone', { fullPage: true });
    assert.deepEqual([...host.errors, ...second.errors, ...phone.errors], [], 'no errors in the pages');
    console.log(`# circle purpose, session and debrief scenario in ${Date.now() - t0} ms`);
  });

  test('after a flash session: a takeaway with a rating, a resource, and a one-to-one proposed from it', async () => {
    const { host, third } = circle;
    const tp = third.page;
    const hp = host.page;
    await third.goto('/flash');
    const booking = tp.getByRole('listitem', { name: 'Flash session: Reviewing your dashboard' });
    await expectVisible(booking.getByText('Follow-up', { exact: true }), 'the session is over: its follow-up is open');
    const takeaway = booking.getByRole('form', { name: 'Takeaway and rating' });
    await takeaway.getByLabel('What you take away').fill('Lead with the churn line; drop the pie chart.');
    await takeaway.getByRole('button', { name: 'Save takeaway' }).click();
    await expectVisible(takeaway.locator('.field--invalid').getByText(/is required: from 1 to 5/), 'the rating is required, said at the rating');
    await takeaway.getByRole('radio', { name: '4 of 5' }).check();
    await takeaway.getByRole('button', { name: 'Save takeaway' }).click();
    await expectVisible(booking.getByText('Lead with the churn line; drop the pie chart.'), 'the takeaway is saved');
    await expectVisible(booking.locator('[aria-label="rated 4 of 5"]'), 'with its rating');

    await host.goto('/flash');
    const hBooking = hp.getByRole('listitem', { name: 'Flash session: Reviewing your dashboard' });
    await expectVisible(hBooking.getByText('Lead with the churn line'), 'the mentor reads the takeaway');
    const resource = hBooking.getByRole('form', { name: 'Share a resource' });
    await resource.getByLabel('Resource link').fill('dashboard-checklist');
    await resource.getByRole('button', { name: 'Share resource' }).click();
    await expectVisible(
      invalidField(resource, 'Resource link').getByText(/must be a web address/),
      'the address error next to the link',
    );
    await resource.getByLabel('Resource link').fill('https://wiki.northwind.example/dashboard-checklist');
    await resource.getByLabel('Note').fill('The checklist we went through.');
    await resource.getByRole('button', { name: 'Share resource' }).click();
    await expectVisible(hBooking.getByRole('link', { name: 'https://wiki.northwind.example/dashboard-checklist' }), 'the resource is shared');

    await tp.reload();
    await expectVisible(booking.getByRole('link', { name: /dashboard-checklist/ }), 'the mentee sees the resource');
    await booking.getByRole('button', { name: 'Ask for a one-to-one' }).click();
    const propose = booking.getByRole('form', { name: 'Propose a one-to-one' });
    assert.match(await propose.getByLabel('Message').inputValue(), /After our flash session on “Reviewing your dashboard”/, 'the message is prefilled');
    await propose.getByLabel('Draft purpose').fill('Build dashboards that leaders act on.');
    await screenshot(tp, 'flash-follow-up', { locator: booking });
    await propose.getByRole('button', { name: 'Send the request' }).click();
    await tp.waitForURL(/\/relationships\/\d+/);
    await expectVisible(tp.getByText(/Waiting for Tomas to answer/), 'the request waits for the mentor');
    await expectVisible(tp.getByText('Build dashboards that leaders act on.'), 'with the draft purpose');
    await third.goto('/flash');
    await expectVisible(booking.getByRole('link', { name: 'Open it' }), 'the session links to the proposal');
    await host.goto('/requests');
    await expectVisible(hp.getByRole('article', { name: `Request from ${circle.cast.third.name}` }), 'the mentor has the request');
    assert.deepEqual([...host.errors, ...third.errors], [], 'no errors in the pages');
  });
});

// For the tests of the enclosing describe: a server of their own on a fresh demo database and the
// real clock, started before them and stopped after them; answers a function that gives it.
function demoOnTheRealClock() {
  let server;
  before(async () => {
    server = await Server.start(opts, { testClock: null });
  });
  after(async () => {
    await server?.stop();
  });
  return () => server;
}

// The demo organisation as `make run` shows it, on the real clock: pictures of the pages with
// the demo's own relationships, and no errors in the page.
describe('a tour of the demo organisation', { timeout: 300_000 }, () => {
  const demoServer = demoOnTheRealClock();

  test('Maya, the demo mentee, finds her way around', async () => {
    const tour = demoServer();
    const maya = await stage.open('maya.patel@northwind.example', { on: tour, signIn: true });
    const page = maya.page;
    await expectVisible(page.getByRole('heading', { name: /Maya$/ }), "Maya's home");
    await expectVisible(page.getByRole('heading', { name: 'Notifications' }), 'her notifications');
    await screenshot(page, 'tour-home', { fullPage: true });
    const client = await tour.client('maya.patel@northwind.example');
    const live = await liveRelationship(client);
    if (live) {
      await maya.goto(`/relationships/${live.id}`);
      await expectVisible(page.getByRole('heading', { name: '1 Purpose' }), 'a demo workspace');
      await screenshot(page, 'tour-workspace');
      await screenshot(page, 'tour-plan', { locator: page.locator('#plan') });
      await screenshot(page, 'tour-meetings', { locator: page.locator('#meetings') });
    }
    await maya.goto('/people');
    await expectVisible(page.getByRole('list', { name: 'People' }), 'the directory');
    await screenshot(page, 'tour-directory');
    assert.deepEqual(maya.errors, [], 'no errors in the page');
  });
});

// Cohort matching runs on a server and in a browser of its own, after the scenarios above; ctest
// runs this file only, so it brings that one in.
await import('./cohorts.test.mjs');
await import('./notifications.test.mjs');
// Getting in (invitations, passwords, sessions, a second factor, single sign-on, break-glass
// access, SCIM): the set ctest also runs on PostgreSQL.
await import('./identity.test.mjs');
await import('./video.test.mjs');
await import('./availability.test.mjs');

// People from HR: an administrator imports an HR export (its own server).
await import('./people_import.test.mjs');
await import('./reports.test.mjs');
await import('./programs.test.mjs');

// The administrator's overviews of circles and flash mentoring on the demo organisation (real
// clock, its own server): counts and states only, and nothing at all for anyone else.
describe("the administrator's overviews of circles and flash mentoring", { timeout: 300_000 }, () => {
  const demoServer = demoOnTheRealClock();

  test('the demo administrator sees counts and no content; Maya gets "Administrators only" and the API a 403', async () => {
    const demo = demoServer();
    const adminClient = await demo.client(ADMIN);
    const circles = (await adminClient.get('/admin/circles')).body;
    const flash = (await adminClient.get('/admin/flash')).body;
    assert.ok(circles.items.length >= 3, `the demo has circles (${circles.items.length})`);
    assert.ok(flash.slots > 0 && flash.takeaways > 0, 'the demo has flash slots and takeaways');

    // What must never appear: the demo's circle purposes, notes and stories as their host reads
    // them, and the flash questions and takeaways as the people of those sessions read them.
    const secrets = new Set();
    const keep = (text) => typeof text === 'string' && text.trim().length >= 12 && secrets.add(text.trim());
    const sofia = await demo.client(SOFIA);
    const sofiasCircle = circles.items.find((c) => c.host_id === sofia.person.id);
    assert.ok(sofiasCircle, 'Sofia hosts a demo circle');
    const { body: w } = await sofia.get(`/circles/${sofiasCircle.id}/workspace`);
    [w.topic, w.description, w.purpose.desired_outcome].forEach(keep);
    w.purpose.objectives.forEach((o) => keep(o.description));
    w.sessions.forEach((s) => keep(s.notes));
    w.stories.forEach((s) => [s.story, s.point, ...s.reflections.map((r) => r.reflection)].forEach(keep));
    for (const email of ['maya.patel@northwind.example', 'daniel.okafor@northwind.example']) {
      const { body } = await (await demo.client(email)).get('/flash/bookings');
      body.items.forEach((b) => [b.question, b.takeaway, b.topic.title, b.resource_note].forEach(keep));
    }
    assert.ok(secrets.size >= 10, `enough demo content to look for (${secrets.size})`);
    const assertNoContent = async (page, where) => {
      const text = await page.evaluate(() => document.body.innerText);
      for (const secret of secrets) assert.ok(!text.includes(secret), `no content on the ${where}: “${secret}”`);
    };

    // Circles: from the relationships overview's tabs.
    const admin = await stage.open(ADMIN, { on: demo, signIn: true });
    const page = admin.page;
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Relationships', exact: true }).click();
    await expectVisible(page.getByRole('heading', { name: 'Relationships overview' }), 'the relationships overview');
    const tabs = page.getByRole('navigation', { name: 'Overviews' });
    await tabs.getByRole('link', { name: 'Circles' }).click();
    await expectVisible(page.getByRole('heading', { name: 'Circles overview', level: 1 }), 'the circles overview');
    await expectVisible(tabs.getByRole('link', { name: 'Circles', exact: true }).and(page.locator('[aria-current="page"]')), 'the Circles tab is current');
    for (const [state, n] of Object.entries(circles.counts)) {
      const label = state.charAt(0).toUpperCase() + state.slice(1);
      const bar = page.locator('.bars__row', { has: page.getByRole('button', { name: label, exact: true }) });
      await expectVisible(bar.locator('.bars__value', { hasText: new RegExp(`^${n}$`) }), `${n} ${state} circles`);
    }
    const rows = page.getByRole('table', { name: /All circles/ }).locator('tbody tr');
    await expectVisible(rows.first(), 'the circles table');
    assert.equal(await rows.count(), circles.items.length, 'one row per circle');
    const sofiaRow = rows.filter({ hasText: `#${sofiasCircle.id}` });
    await expectVisible(sofiaRow.getByText('Sofia Marquez'), "the host's name");
    await expectVisible(sofiaRow.getByText(`${sofiasCircle.members}/${sofiasCircle.size_limit}`), 'members of the size limit');
    await expectVisible(sofiaRow.getByText(`${sofiasCircle.sessions_held} held`), 'sessions held');
    const running = circles.items.filter((c) => c.state !== 'concluded');
    const figure = (label) => page.locator('.figure', { has: page.getByText(label, { exact: true }) }).locator('.figure__value');
    const total = (rows_, key) => rows_.reduce((n, c) => n + c[key], 0);
    assert.equal(await figure('Members').textContent(), String(total(running, 'members')), 'members of running circles');
    assert.equal(await figure('On waitlists').textContent(), String(total(running, 'waitlisted')), 'people waiting');
    assert.equal(await figure('Sessions held').textContent(), String(total(circles.items, 'sessions_held')), 'sessions held');
    const concludedCircles = circles.items.filter((c) => c.state === 'concluded');
    assert.equal(await figure('Debriefs').textContent(), String(total(concludedCircles, 'debriefs_submitted')), 'debriefs of concluded circles');
    await assertNoContent(page, 'circles overview');
    await screenshot(page, 'admin-circles', { fullPage: true });
    await page.getByRole('button', { name: 'Concluded', exact: true }).click();
    const concluded = page.getByRole('table', { name: /Concluded circles/ }).locator('tbody tr');
    await expectVisible(concluded.first(), 'filtered to the concluded');
    assert.equal(await concluded.count(), circles.counts.concluded, 'only the concluded circles');

    // Flash, the next tab.
    await tabs.getByRole('link', { name: 'Flash' }).click();
    await expectVisible(page.getByRole('heading', { name: 'Flash mentoring overview', level: 1 }), 'the flash overview');
    const b = flash.bookings;
    assert.equal(await figure('Slots offered').textContent(), String(flash.slots), 'slots offered');
    assert.equal(await figure('Slots booked').textContent(), String(b.upcoming + b.follow_up + b.completed), 'slots booked');
    assert.equal(await figure('Topics published').textContent(), String(flash.published_topics), 'topics');
    const barValue = (list, label) =>
      page.getByRole('list', { name: list }).locator('.bars__row', { hasText: label }).locator('.bars__value');
    for (const [label, n] of [['Upcoming', b.upcoming], ['Follow-up', b.follow_up], ['Completed', b.completed], ['Cancelled', b.cancelled]])
      assert.equal(await barValue('Bookings by phase', label).textContent(), String(n), `${label} bookings`);
    assert.equal(await barValue('What followed the sessions held', 'Takeaways').textContent(), String(flash.takeaways), 'takeaways');
    await assertNoContent(page, 'flash overview');
    await screenshot(page, 'admin-flash', { fullPage: true });

    // A phone's width: figures wrap, the table becomes cards, nothing scrolls sideways.
    const phone = await stage.open(ADMIN, { viewport: { width: 390, height: 844 }, on: demo, signIn: true });
    for (const [path, heading] of [['/admin/circles', 'Circles overview'], ['/admin/flash', 'Flash mentoring overview']]) {
      await phone.goto(path);
      await expectVisible(phone.page.getByRole('heading', { name: heading, level: 1 }), `${heading} on a phone`);
      await expectVisible(phone.page.locator('.figure').first(), 'its figures');
      const [scrollWidth, innerWidth] = await phone.page.evaluate(() => [document.documentElement.scrollWidth, window.innerWidth]);
      assert.ok(scrollWidth <= innerWidth, `no sideways scrolling on ${path} at a phone's width (${scrollWidth} > ${innerWidth})`);
      await screenshot(phone.page, `admin-${path.split('/').pop()}-phone`, { fullPage: true });
    }

    // Anyone else: a clear page, no numbers, and the API says 403.
    const maya = await stage.open('maya.patel@northwind.example', { on: demo, signIn: true });
    assert.equal(await maya.page.getByRole('group', { name: 'Administration' }).count(), 0, 'no admin navigation for Maya');
    for (const [path, what] of [['/admin/circles', 'circles'], ['/admin/flash', 'flash mentoring']]) {
      await maya.goto(path);
      await expectVisible(maya.page.getByRole('heading', { name: 'Administrators only' }), `Maya is told ${path} is for administrators`);
      await expectVisible(maya.page.getByText(`Only program administrators can see the ${what} overview.`), 'and why');
      assert.equal(await maya.page.locator('.figure, .bars, table').count(), 0, `no counts for Maya on ${path}`);
      await screenshot(maya.page, `admins-only-${path.split('/').pop()}`);
    }
    const mayaApi = await demo.client('maya.patel@northwind.example');
    assert.equal((await mayaApi.get('/admin/circles')).status, 403, 'the circles overview API refuses Maya');
    assert.equal((await mayaApi.get('/admin/flash')).status, 403, 'the flash overview API refuses Maya');
    assert.deepEqual([...admin.errors, ...phone.errors, ...maya.errors], [], 'no errors in the pages');
  });
});
await import('./pages.test.mjs');
await import('./own_data.test.mjs');
