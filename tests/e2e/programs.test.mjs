// End-to-end: programs and sign-up cohorts in a real browser against the real server on a fresh
// demo database. An administrator finds Programs next to Cohorts, creates a program (an empty
// name and a range that runs backwards are refused at their fields, a name taken by another
// program at Name), opens a cohort in it that people sign themselves up to, and extends it. Maya,
// who offers no mentoring, finds "Join as mentor" disabled with the reason and a link to her
// profile, signs up as a mentee on the Programs page and leaves again; two new people sign up as
// mentee and mentor. The administrator sees them among the members, adds Maya and takes her out
// again, and once the pair is matched and accepted closes the program after the confirmation and
// reads how many pairs were asked to conclude; the cohort then takes no changes, its mentee sees
// it closed, the report groups by program and the audit trail names the closing. Maya gets
// "Administrators only" on the administrators' page. At 375 and 1280 px, axe at 1280.
//
// Run alone: node tests/e2e/programs.test.mjs --binary=build/release/mentorhub_for_test --web-root=web/dist
// (e2e.test.mjs imports it, so ctest's e2e_browser runs it too).
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { ADMIN, MAYA, Stage, checkLayout, expectVisible, options, screenshot } from './harness.mjs';

const PASSWORD = 'e2e-password-for-tests';
const PROGRAM = 'Graduates 2027';
const COHORT = 'Graduates, spring intake';

// Two people the demo does not have, made through the API: a graduate who seeks a mentor and an
// engineer who offers one place, with the skill the graduate wants.
const IRIS = {
  email: 'iris.novak@northwind.example',
  name: 'Iris Novak',
  title: 'Graduate Engineer',
  department: 'Engineering',
  timezone: 'Europe/London',
  languages: ['English'],
  skills: [{ name: 'Java', level: 2 }],
  aspirations: { roles: ['Mobile Engineer'], departments: [], skills: ['Kotlin'] },
  media: ['video'],
  formats_sought: ['one_to_one'],
  mentor_capacity: 0,
};
const TOMAS = {
  email: 'tomas.berg@northwind.example',
  name: 'Tomas Berg',
  title: 'Principal Mobile Engineer',
  department: 'Product',
  timezone: 'Europe/London',
  languages: ['English'],
  career_start_year: 2010,
  skills: [{ name: 'Kotlin', level: 5 }],
  media: ['video'],
  formats_offered: ['one_to_one'],
  mentor_capacity: 1,
  monthly_availability_hours: 4,
};

/** A calendar day `offset` days from today (UTC, as the server counts days), YYYY-MM-DD. */
function day(offset) {
  return new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);
}

/** "15 Jan 2027", as the pages write a day. */
function words(isoDay) {
  return new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' }).format(
    new Date(isoDay + 'T00:00:00Z'),
  );
}

async function expectValue(locator, value, message) {
  for (let i = 0; i < 100; i++) {
    if ((await locator.inputValue()) === value) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  assert.equal(await locator.inputValue(), value, message);
}

/** The form field (label, hint, error) around the input labelled `label`. */
const fieldOf = (page, label) => page.locator('.field', { has: page.getByLabel(label, { exact: true }) });

describe('programs and sign-up cohorts in the browser', { timeout: 300_000 }, () => {
  const stage = new Stage(options());
  let server, adminApi, admin, page;
  let programId, cohortId;

  const open = (email, extra = {}) => stage.open(email, { ...extra, signIn: true });

  before(async () => {
    server = await stage.start({ testClock: null });
    adminApi = await server.client(ADMIN);
    for (const p of [IRIS, TOMAS]) p.id = (await adminApi.createPerson({ ...p, password: PASSWORD, organisation: 'Northwind Labs' })).id;
    admin = await open(ADMIN);
    page = admin.page;
  });

  after(() => stage.stop({ pageErrors: 'log' }));

  test('an administrator creates a program, opens a sign-up cohort in it and extends it', async () => {
    const adminNav = page.getByRole('navigation', { name: 'Main' }).getByRole('group', { name: 'Administration' });
    await adminNav.getByRole('link', { name: 'Programs' }).click();
    await expectVisible(page.getByRole('heading', { name: 'Programs', level: 1 }), 'the programs page');
    const table = page.getByRole('region', { name: 'Programs' });
    await expectVisible(table.getByRole('row', { name: /^Mentoring program Default: the organisation’s settings Open/ }), 'the default program');
    await checkLayout(admin, 'admin-programs');

    await page.getByRole('link', { name: '+ New program' }).click();
    await expectVisible(page.getByRole('heading', { name: 'New program', level: 1 }), 'the new program form');
    // The emerging skills start as the organisation's.
    const settings = (await adminApi.get('/admin/program-settings')).body;
    await expectValue(page.getByLabel('Emerging skills (optional)'), settings.emerging_skills.join(', '), "the organisation's emerging skills");

    // An empty name and a range that runs backwards are named at their fields.
    await page.getByRole('button', { name: 'Create program' }).click();
    await expectVisible(fieldOf(page, 'Name').getByText('must not be empty'), 'the empty name at Name');
    await page.getByLabel('Name', { exact: true }).fill(PROGRAM);
    await page.getByLabel('Starts on (optional)').fill(day(10));
    await page.getByLabel('Ends on (optional)').fill(day(5));
    await page.getByRole('button', { name: 'Create program' }).click();
    await expectVisible(fieldOf(page, 'Ends on (optional)').getByText('must not be before the start date'), 'the backwards range at Ends on');

    await page.getByLabel('Description (optional)').fill('Graduates of this year, each with an experienced mentor from another team.');
    await page.getByLabel('Starts on (optional)').fill(day(0));
    await page.getByLabel('Ends on (optional)').fill(day(300));
    await page.getByLabel('Flash mentoring').uncheck();
    await page.getByLabel('Requests wait (days, optional)').fill('10');
    await page.getByLabel('Fades after (missed meetings)').fill('3');
    await page.getByRole('button', { name: 'Create program' }).click();
    await expectVisible(page.getByRole('heading', { name: PROGRAM, level: 1 }), 'the program page');
    programId = page.url().split('/').pop();
    const created = (await adminApi.get(`/admin/programs/${programId}`)).body;
    assert.deepEqual(created.formats, ['one_to_one', 'circle']);
    assert.equal(created.request_expiry_days, 10);
    assert.equal(created.fade_after_cadences, 3);
    assert.equal(created.ends_on, day(300));

    // A name another program has is refused by the server at Name, and nothing changes.
    await page.getByLabel('Name', { exact: true }).fill('mentoring PROGRAM');
    await page.getByRole('button', { name: 'Save changes' }).click();
    await expectVisible(fieldOf(page, 'Name').locator('.field__error'), 'the taken name at Name');
    await page.getByRole('button', { name: 'Undo changes' }).click();
    assert.equal((await adminApi.get(`/admin/programs/${programId}`)).body.name, PROGRAM);
    await expectVisible(page.getByText('No cohorts in this program'), 'no cohorts yet');

    // Its own matching weights: a weight out of range is named at its field; then only the
    // changed weights are sent.
    await page.getByText('Weights: the points each factor gives a mentor at full strength').click();
    await page.getByLabel('Former manager').fill('101');
    await page.getByRole('button', { name: 'Save changes' }).click();
    await expectVisible(fieldOf(page, 'Former manager').getByText('must be a number from 0 to 100'), 'the bad weight at its field');
    await page.getByLabel('Former manager').fill('25');
    await page.getByLabel('Skills wanted').fill('40');
    await page.getByRole('button', { name: 'Save changes' }).click();
    await expectVisible(page.getByRole('status').getByText(`Program “${PROGRAM}” saved`), 'the toast');
    const weights = (await adminApi.get(`/admin/programs/${programId}`)).body.matching.weights;
    assert.equal(weights.former_manager, 25);
    assert.equal(weights.skill, 40);
    const organisation = (await adminApi.get('/admin/program-settings')).body.weights;
    assert.notEqual(organisation.skill, 40, "the organisation's weights are the default program's, untouched");
    await checkLayout(admin, 'admin-program');

    // Its relationships, in the overview filtered to it (none yet).
    await page.getByRole('link', { name: 'Its relationships' }).click();
    await expectVisible(page.getByRole('heading', { name: 'Relationships overview', level: 1 }), 'the overview');
    await expectValue(page.getByLabel('Program', { exact: true }), programId, 'filtered to the program');
    await expectVisible(page.getByText('No relationship in this program yet.'), 'no relationship in it yet');
    await page.goBack();
    await expectVisible(page.getByRole('heading', { name: PROGRAM, level: 1 }), 'back on the program page');

    // A cohort in this program that people sign themselves up to: no lists, no filter.
    await page.getByRole('link', { name: '+ New cohort in this program' }).click();
    await expectVisible(page.getByRole('heading', { name: 'New cohort', level: 1 }), 'the new cohort form');
    const programSelect = page.getByLabel('Program', { exact: true });
    await expectValue(programSelect, programId, 'the program is chosen');
    assert.equal(await programSelect.locator('option', { hasText: PROGRAM }).count(), 1, 'the program among the choices');
    await page.getByLabel('Name', { exact: true }).fill(COHORT);
    await page.getByLabel('People may sign themselves up').check();
    await page.getByLabel('Only people who sign up').check();
    await page.getByLabel('Ends on (optional)').fill(day(30));
    await screenshot(page, 'cohort-new-signup', { fullPage: true });
    await page.getByRole('button', { name: 'Create cohort' }).click();
    await expectVisible(page.getByRole('heading', { name: COHORT, level: 1 }), 'the cohort page');
    cohortId = page.url().split('/').pop();
    const counts = page.getByLabel('Cohort counts');
    await expectVisible(counts.getByRole('link', { name: PROGRAM }), 'the program on the cohort page');
    await expectVisible(counts.getByText(`Until ${words(day(30))}`), 'the end date');
    await expectVisible(counts.getByText('Taking sign-ups'), 'the sign-up state');

    // Extending is moving the end later.
    await page.getByRole('button', { name: 'Change dates or sign-up' }).click();
    const form = page.getByRole('form', { name: 'Change the cohort' });
    await form.getByLabel('Ends on (optional)').fill(day(60));
    await form.getByRole('button', { name: 'Extend the cohort' }).click();
    await expectVisible(page.getByRole('status').getByText(`Cohort extended to ${words(day(60))}`), 'the toast');
    await expectVisible(counts.getByText(`Until ${words(day(60))}`), 'the new end date');
    const audit = (await adminApi.get('/admin/audit?limit=5')).body.items;
    assert.ok(audit.some((e) => e.action === 'cohort_extended' && e.subject === `cohort:${cohortId}`), 'the extension is audited');
    await checkLayout(admin, 'admin-cohort-signup');
  });

  test('people sign themselves up on the Programs page, and one leaves again', async () => {
    const maya = await open(MAYA);
    await maya.page.getByRole('navigation', { name: 'Main' }).getByRole('group', { name: 'Mentoring' }).getByRole('link', { name: 'Programs' }).click();
    await expectVisible(maya.page.getByRole('heading', { name: 'Programs', level: 1 }), 'the Programs page');
    const card = maya.page.getByRole('article', { name: COHORT });
    await expectVisible(card.getByText(PROGRAM), 'the program of the cohort');
    // Maya offers no mentoring: the button says why and leads to her profile.
    const asMentor = card.getByRole('button', { name: 'Join as mentor' });
    assert.equal(await asMentor.isDisabled(), true, 'Join as mentor is disabled');
    await expectVisible(card.getByText('To join as a mentor, your profile must offer one-to-one mentoring'), 'the reason');
    await expectVisible(card.getByRole('link', { name: 'Change your profile' }), 'the way to the profile');

    await card.getByRole('button', { name: 'Join as mentee' }).click();
    await expectVisible(card.getByText('You are a mentee'), 'signed up');
    await expectVisible(maya.page.getByRole('status').getByText(`You signed up for “${COHORT}” as a mentee`), 'the toast');
    assert.equal((await adminApi.get(`/cohorts/${cohortId}`)).body.mentees, 1);
    await checkLayout(maya, 'programs');

    await card.getByRole('button', { name: 'Leave as mentee' }).click();
    await expectVisible(card.getByRole('button', { name: 'Join as mentee' }), 'left');
    assert.equal(await card.getByText('You are a mentee').count(), 0);
    assert.equal((await adminApi.get(`/cohorts/${cohortId}`)).body.mentees, 0);

    // A graduate signs up as a mentee; the engineer, at a phone's width, as a mentor.
    const iris = await open(IRIS.email, { password: PASSWORD });
    await iris.goto('/programs');
    await iris.page.getByRole('article', { name: COHORT }).getByRole('button', { name: 'Join as mentee' }).click();
    await expectVisible(iris.page.getByRole('article', { name: COHORT }).getByText('You are a mentee'), 'Iris signed up');
    const tomas = await open(TOMAS.email, { password: PASSWORD, viewport: { width: 375, height: 800 } });
    await tomas.goto('/programs');
    const tomasCard = tomas.page.getByRole('article', { name: COHORT });
    await tomasCard.getByRole('button', { name: 'Join as mentor' }).click();
    await expectVisible(tomasCard.getByText('You are a mentor'), 'Tomas signed up');
    await checkLayout(tomas, 'programs');
    const detail = (await adminApi.get(`/cohorts/${cohortId}`)).body;
    assert.deepEqual([detail.mentees, detail.mentors], [1, 1]);
  });

  test('the administrator sees the members, adds and removes one, and closes the program', async () => {
    await admin.goto(`/admin/cohorts/${cohortId}`);
    await page.getByRole('tab', { name: 'Members' }).click();
    const mentees = page.getByRole('table', { name: 'Mentees of the cohort' });
    await expectVisible(mentees.getByText(IRIS.name), 'Iris among the mentees');

    // Maya added by hand, then taken out again.
    await page.getByRole('button', { name: '+ Add mentees' }).click();
    await page.getByLabel('Search people to add as mentees').fill('Maya');
    await page.getByRole('button', { name: 'Add Maya Patel as a mentee' }).click();
    await page.getByRole('button', { name: 'Add 1 mentee' }).click();
    await expectVisible(page.getByRole('status').getByText('1 mentee added'), 'the toast');
    await expectVisible(mentees.getByText('Maya Patel'), 'Maya among the mentees');
    await expectVisible(page.getByLabel('Mentees (2)'), 'the count of mentees');
    await page.getByRole('button', { name: 'Done' }).click();
    await mentees.getByRole('button', { name: 'Remove Maya Patel', exact: true }).click();
    await screenshot(page, 'cohort-remove-member', { locator: mentees });
    await mentees.getByRole('button', { name: 'Remove Maya Patel from the mentees' }).click();
    await expectVisible(page.getByRole('status').getByText('Maya Patel is no longer a mentee of the cohort'), 'the toast');
    await mentees.getByRole('row', { name: /Maya Patel/ }).waitFor({ state: 'detached' });
    await page.getByLabel(/^Mentors \(/).check();
    await expectVisible(page.getByRole('table', { name: 'Mentors of the cohort' }).getByText(TOMAS.name), 'Tomas among the mentors');

    // The program's first pair: matched, proposed and accepted (through the API).
    let job = (await adminApi.post(`/cohorts/${cohortId}/matchings`, { include_mentored: true })).body;
    for (let i = 0; i < 100 && ['queued', 'running'].includes(job.state); i++) {
      await new Promise((r) => setTimeout(r, 200));
      job = (await adminApi.get(`/matchings/${job.id}`)).body;
    }
    assert.equal(job.state, 'done', JSON.stringify(job));
    const applied = (await adminApi.post(`/matchings/${job.id}/apply`)).body;
    assert.equal(applied.created, 1, JSON.stringify(applied));
    const tomasApi = await server.client(TOMAS.email, PASSWORD);
    const proposal = (await tomasApi.get('/relationships?role=mentor')).body.items[0];
    assert.equal((await tomasApi.post(`/relationships/${proposal.id}/accept`)).status, 200);

    // The program lists its cohort; closing says what it does first, then how many were asked.
    await admin.goto(`/admin/programs/${programId}`);
    await expectVisible(page.getByRole('list', { name: `Cohorts of ${PROGRAM}` }).getByRole('link', { name: COHORT }), 'the cohort');
    await expectVisible(page.getByLabel('Program counts').getByText('Open pairs'), 'the counts');
    await page.getByRole('button', { name: 'Close program…' }).click();
    const confirm = page.getByRole('group', { name: `Close “${PROGRAM}” for good?` });
    await expectVisible(confirm.getByText(/are asked, in the app and by mail when mail is on, to debrief and conclude/), 'what happens to the pairs');
    await expectVisible(confirm.getByText(/stops? taking sign-ups and matchings/), 'what happens to the cohorts');
    await screenshot(page, 'program-close-confirm', { fullPage: true });
    await confirm.getByRole('button', { name: 'Close the program' }).click();
    await expectVisible(page.getByRole('heading', { name: 'Program closed: 1 pair was asked to conclude' }), 'the count');
    await expectVisible(page.getByText('Closed', { exact: true }), 'the closed tag');
    assert.equal((await adminApi.get(`/admin/programs/${programId}`)).body.state, 'closed');
    await screenshot(page, 'program-closed', { fullPage: true });

    // Its cohort takes no changes now, and its mentee sees sign-up closed.
    await admin.goto(`/admin/cohorts/${cohortId}`);
    await expectVisible(page.getByText(`Its program, ${PROGRAM}, is closed`), 'the closed program on the cohort');
    assert.equal(await page.getByRole('button', { name: 'Change dates or sign-up' }).count(), 0);
    const iris = stage.people.find((p) => p.email === IRIS.email);
    await iris.goto('/programs');
    await expectVisible(iris.page.getByRole('heading', { name: /Your cohorts, sign-up closed/ }), 'the closed cohort among hers');
    await expectVisible(iris.page.getByRole('article', { name: COHORT }).getByText('Sign-up has closed'), 'sign-up closed');

    // The report groups by program; a program this small is hidden, never worked out.
    await admin.goto('/admin/reports');
    await page.getByLabel('Group by').selectOption('program');
    await expectVisible(page.getByRole('heading', { name: /^By program/ }), 'the grouping by program');
    await expectVisible(page.getByRole('region', { name: 'Figures by group' }).getByRole('row', { name: new RegExp(`^${PROGRAM}`) }), 'the program among the groups');

    await admin.goto('/admin/audit');
    await expectVisible(page.getByRole('cell', { name: 'Closed a program' }), 'the closing in the audit trail');
  });

  test('the pages at a phone width, and the administrators’ page turns Maya away', async () => {
    const phone = await open(ADMIN, { viewport: { width: 375, height: 800 } });
    await phone.goto('/admin/programs');
    await expectVisible(phone.page.getByRole('link', { name: PROGRAM }), 'the program listed');
    await checkLayout(phone, 'admin-programs');
    await phone.goto(`/admin/programs/${programId}`);
    await expectVisible(phone.page.getByRole('heading', { name: PROGRAM, level: 1 }), 'the program page');
    await checkLayout(phone, 'admin-program');
    await phone.goto('/admin/programs/new');
    await checkLayout(phone, 'admin-program-new');

    const maya = stage.people.find((p) => p.email === MAYA);
    await maya.goto('/admin/programs');
    await expectVisible(maya.page.getByRole('heading', { name: 'Administrators only' }), 'Administrators only');
    assert.equal(await maya.page.getByRole('navigation', { name: 'Main' }).getByRole('group', { name: 'Administration' }).count(), 0);
    assert.equal((await (await server.client(MAYA)).get('/admin/programs')).status, 403);
    // Nothing is open to her any more: the empty state (the demo may open cohorts of its own).
    const openToMaya = (await (await server.client(MAYA)).get('/me/cohorts')).body.items.filter((c) => c.open);
    if (openToMaya.length === 0) {
      await maya.goto('/programs');
      await expectVisible(maya.page.getByText('Nothing is open for sign-up'), 'the empty state');
    }
    assert.deepEqual(stage.people.flatMap((p) => p.errors), [], 'no errors in the pages');
  });
});
