// End-to-end: cohort matching through the administrator's pages, in a real browser against the
// real server on a fresh demo database. An administrator creates a cohort of the Engineering
// department (the picker shows what GET /admin/departments counts for each department), runs a
// matching and follows its progress bar to the preview, pins a mentee to another mentor found by
// part of the name (searched by the server) and forbids a pair, runs it again, finds the pin
// honoured, sees a second pin refused with the mentor named, applies it; the pinned mentor then
// finds the proposal in their requests. A cohort of everyone with a minimum score shows unmatched
// mentees in a group per reason, each fetched by reason with "Show more" following the cursor,
// and the preview at a phone's width.
//
// Run alone: node tests/e2e/cohorts.test.mjs --binary=build/release/mentorhub_for_test --web-root=web/dist
// (e2e.test.mjs imports it, so ctest's e2e_browser runs it too).
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { ADMIN, Stage, expectVisible, options, screenshot } from './harness.mjs';

const COHORT = 'Engineering spring 2027';

/** A piece of `name` from inside a word (not its start), case changed, that no name of `others` contains. */
function uniquePart(name, others) {
  const lower = others.map((o) => (o ?? '').toLowerCase());
  for (const size of [4, 5, 6, 7])
    for (let i = 1; i + size <= name.length; i++) {
      const piece = name.slice(i, i + size).toLowerCase();
      if (piece.trim() !== piece || name[i - 1] === ' ') continue;
      if (!lower.some((o) => o.includes(piece))) return piece;
    }
  throw new Error(`no part of ${name} is unique`);
}

describe('cohort matching in the browser', { timeout: 300_000 }, () => {
  const stage = new Stage(options());
  let server, adminApi, admin, page;
  // The pair of the first preview that the administrator re-pins, and the pair forbidden.
  let pinned, forbidden;

  before(async () => {
    const t0 = Date.now();
    ({ server, api: adminApi, person: admin, page } = await stage.startWith(ADMIN, { testClock: null }));
    console.log(`# cohorts: server on ${server.url} ready in ${Date.now() - t0} ms`);
  });

  after(() => stage.stop({ pageErrors: 'log' }));

  /** The row of the pairs table for a mentee. */
  const pairRow = (menteeId) => page.locator(`tr.cohort-pair[data-mentee="${menteeId}"]`);

  /** Starts a matching with `button` and follows the progress bar until the preview shows. */
  async function runAndWait(button, matchingNumber) {
    await button.click();
    const bar = page.getByRole('progressbar', { name: 'Matching progress' });
    await expectVisible(bar, 'the live progress bar');
    // The bar shows the phase and reaches 100% before the preview replaces it.
    await expectVisible(page.getByText(/Scoring|Loading|Waiting|Finding|Explaining|Saving|Preview ready/), 'the phase');
    await page.locator('[role=progressbar][aria-valuenow="100"]').waitFor({ state: 'attached' });
    await expectVisible(page.getByRole('heading', { name: `Preview #${matchingNumber}` }), `preview #${matchingNumber}`);
  }

  test('an administrator creates a cohort by department, with errors at the field', async () => {
    await admin.signIn();
    await page.getByRole('navigation', { name: 'Main' }).getByRole('group', { name: 'Administration' }).getByRole('link', { name: 'Programs' }).click();
    await page.getByRole('navigation', { name: 'Programs and cohorts' }).getByRole('link', { name: 'Cohorts' }).click();
    await expectVisible(page.getByRole('heading', { name: 'Cohorts', level: 1 }), 'the cohorts page');
    await expectVisible(page.getByText('No cohorts yet'), 'the empty state');
    await screenshot(page, 'cohort-list-empty');

    const asked = [];
    const noteRequest = (r) => asked.push(new URL(r.url()).pathname);
    page.on('request', noteRequest);
    // The first answer about the departments fails: the picker says so, and "Try again" asks again.
    let departmentAnswers = 0;
    await page.route(`${server.url}/api/v1/admin/departments`, (route) =>
      ++departmentAnswers === 1
        ? route.fulfill({ status: 503, json: { error: { code: 'unavailable', message: 'the database is busy', field: '' } } })
        : route.continue(),
    );
    await page.getByRole('link', { name: 'Create the first cohort' }).click();
    await expectVisible(page.getByRole('heading', { name: 'New cohort' }), 'the new cohort form');
    await expectVisible(page.getByText('The departments could not be loaded (the database is busy); “Everyone” still works.'), 'the error');
    await page.getByRole('button', { name: 'Try again' }).click();
    // The department picker lists each department with the mentees and mentors that
    // GET /admin/departments counts for it, and everyone with their sums.
    const departments = (await adminApi.get('/admin/departments')).body.items;
    const engineering = departments.find((d) => d.department === 'Engineering');
    assert.ok(engineering?.seeking_one_to_one > 0 && engineering.offering_one_to_one > 0, 'Engineering has mentees and mentors');
    const sum = (key) => departments.reduce((n, d) => n + d[key], 0).toLocaleString('en-GB');
    const department = page.getByLabel('Department', { exact: true });
    await department
      .locator('option', {
        hasText: `Engineering (${engineering.seeking_one_to_one} mentees, ${engineering.offering_one_to_one} mentors)`,
      })
      .waitFor({ state: 'attached' });
    await department
      .locator('option', {
        hasText: `Everyone (all departments: ${sum('seeking_one_to_one')} mentees, ${sum('offering_one_to_one')} mentors)`,
      })
      .waitFor({ state: 'attached' });
    await department.selectOption('Engineering');
    const counts = page.getByLabel('Who a cohort of Engineering would take');
    await expectVisible(counts, "the department's counts");
    assert.deepEqual(await counts.locator('.cohort-department__value').allTextContents(), [
      String(engineering.seeking_one_to_one),
      String(engineering.offering_one_to_one),
      String(engineering.people),
    ]);
    await screenshot(page, 'cohort-new-department', { locator: page.locator('.cohort-form') });
    page.off('request', noteRequest);
    await page.unroute(`${server.url}/api/v1/admin/departments`);
    assert.equal(departmentAnswers, 2);
    assert.ok(asked.includes('/api/v1/admin/departments'), 'the counts come from GET /admin/departments');
    assert.ok(!asked.some((path) => path.startsWith('/api/v1/people')), 'the page does not page through everyone');

    // Nothing typed as the name: the API's message appears at the name.
    await page.getByRole('button', { name: 'Create cohort' }).click();
    const nameField = page.locator('.field', { has: page.getByLabel('Name', { exact: true }) });
    await expectVisible(nameField.locator('.field__error'), 'the error at the name');
    assert.equal(await page.getByLabel('Name', { exact: true }).getAttribute('aria-invalid'), 'true');
    await screenshot(page, 'cohort-new-error');

    // Picking people by hand: search the directory, add, remove.
    await page.getByLabel('People I pick').check();
    await page.getByLabel('Search people to add as mentees').fill('Maya');
    await page.getByRole('button', { name: /^Add Maya Patel as a mentee$/ }).click();
    await expectVisible(page.getByRole('list', { name: 'Chosen mentees' }).getByText('Maya Patel'), 'Maya chosen');
    await page.getByLabel('Search people to add as mentors').fill('Daniel');
    await expectVisible(page.getByRole('button', { name: /^Add Daniel Okafor as a mentor$/ }), 'Daniel found');
    await screenshot(page, 'cohort-new-pick');
    await page.getByRole('button', { name: 'Remove Maya Patel from the mentees' }).click();
    await page.getByLabel('By department').check();
    await page.getByLabel('Department', { exact: true }).selectOption('Engineering');

    await page.getByLabel('Name', { exact: true }).fill(COHORT);
    await page.getByLabel('Description (optional)').fill('Everyone in Engineering who asked for a mentor this spring.');
    await page.getByRole('button', { name: 'Create cohort' }).click();
    await expectVisible(page.getByRole('heading', { name: COHORT, level: 1 }), 'the cohort page');
    const cohorts = (await adminApi.get('/cohorts')).body.items;
    assert.equal(cohorts.length, 1);
    assert.deepEqual(cohorts[0].selection, { kind: 'filter', department: 'Engineering' });
    // The cohort takes whom the picker said it would.
    assert.equal(cohorts[0].mentees, engineering.seeking_one_to_one);
    assert.equal(cohorts[0].mentors, engineering.offering_one_to_one);
    await expectVisible(page.getByText('No matching yet'), "the cohort's empty matching state");
    await screenshot(page, 'cohort-created');
  });

  test('the matching runs with a live progress bar and shows the preview', async () => {
    // The demo cohort is matched in a tenth of a second, quicker than the page asks; so the
    // answers about this job are held at "running", first at 42% and then at 80%, each until the
    // test has seen it (on a busy machine a screenshot takes longer than the page's next question).
    let stage = 0;
    await page.route(`${server.url}/api/v1/matchings/1`, async (route) => {
      if (stage >= 2) return route.continue();
      const response = await route.fetch();
      const running = stage === 0 ? { phase: 'candidates', percent: 42 } : { phase: 'solving', percent: 80 };
      await route.fulfill({ response, json: { ...(await response.json()), ...running, state: 'running', summary: null } });
    });
    // Mentees who already have a mentor are left out unless the switch says otherwise (issue 16).
    const includeMentored = page.getByRole('switch', { name: 'Include mentees already in a mentoring relationship' });
    await expectVisible(includeMentored, 'the switch for mentees who already have a mentor');
    assert.equal(await includeMentored.isChecked(), false, 'off by default');
    await page.getByRole('button', { name: 'Run matching' }).click();
    const bar = page.locator('[role=progressbar][aria-valuenow="42"]');
    await expectVisible(bar, 'the bar at 42%');
    await expectVisible(page.getByText('Scoring each mentee’s best candidate mentors', { exact: true }), 'the phase');
    await screenshot(page, 'cohort-progress', { locator: page.locator('.cohort-progress') });
    stage = 1;
    await expectVisible(page.locator('[role=progressbar][aria-valuenow="80"]'), 'the bar at 80%');
    await expectVisible(page.getByText('Finding the assignment with the highest total score', { exact: true }), 'solving');
    stage = 2;
    await page.locator('[role=progressbar][aria-valuenow="100"]').waitFor({ state: 'attached' });
    await expectVisible(page.getByRole('heading', { name: 'Preview #1' }), 'the preview');
    await page.unroute(`${server.url}/api/v1/matchings/1`);
    const job = (await adminApi.get('/matchings/1')).body;
    assert.equal(job.state, 'done');
    assert.equal(job.include_mentored, false, 'the matching left out mentees who have a mentor');
    const leftOut = job.summary.mentored_mentees_left_out;
    if (leftOut > 0)
      await expectVisible(page.getByText(`${leftOut} mentee${leftOut === 1 ? '' : 's'} left out`), 'how many mentored mentees were left out');
    await expectVisible(page.getByText(/mentees who have a mentor left out/), 'the preview says they were left out');
    const stats = page.getByRole('definition').filter({ hasText: `${job.summary.matched} / ${job.summary.mentees}` });
    await expectVisible(stats, 'matched / mentees in the headline');
    await expectVisible(page.getByRole('heading', { name: 'Score distribution' }), 'the score chart');
    await expectVisible(page.getByRole('img', { name: /^Score distribution of \d+ pairs/ }), 'the score chart canvas');
    await expectVisible(page.getByRole('img', { name: /^Matched share per department/ }), 'the department chart');
    await expectVisible(page.getByRole('table', { name: 'Proposed pairs, by mentee' }), 'the pairs');
    await screenshot(page, 'cohort-preview-1', { fullPage: true });

    // The factors of a pair unfold.
    const firstPair = (await adminApi.get('/matchings/1/pairs?limit=2')).body.items;
    pinned = { mentee: firstPair[0].mentee, proposed: firstPair[0].mentor };
    forbidden = { mentee: firstPair[1].mentee, mentor: firstPair[1].mentor };
    await pairRow(pinned.mentee.id).getByRole('button', { name: /^Why / }).click();
    await expectVisible(page.getByRole('list', { name: 'Factors' }).getByText(firstPair[0].factors[0].reason), 'a factor');
  });

  test('the administrator pins a mentee to another mentor and forbids a pair, then re-runs', async () => {
    // Another mentor of the cohort with a free place who is not the mentee's manager.
    const menteeProfile = (await adminApi.get(`/people/${pinned.mentee.id}`)).body;
    const mentors = (await adminApi.get('/cohorts/1/members?role=mentor&limit=500')).body.items;
    const other = mentors.find(
      (m) =>
        m.active &&
        m.id !== pinned.proposed.id &&
        m.id !== menteeProfile.manager_id &&
        m.id !== pinned.mentee.id &&
        m.capacity - m.live_mentees > 0,
    );
    assert.ok(other, 'another mentor with a free place');
    pinned.mentor = other;

    const row = pairRow(pinned.mentee.id);
    await row.getByRole('button', { name: /^Other mentor/ }).click();
    const details = page.locator(`#pair-${pinned.mentee.id}-details`);
    const picker = details.getByLabel(`Pin ${pinned.mentee.name} to`);
    await picker.locator('option', { hasText: / free of \d+$/ }).first().waitFor({ state: 'attached' });
    // The server searches the mentors by a part of the name, from inside a word: typed, a moment
    // later the list holds those whose name contains it, and Enter picks the only one found.
    const part = uniquePart(other.name, mentors.filter((m) => m.active && m.id !== other.id).map((m) => m.name));
    const searched = page.waitForRequest((r) => r.url().includes('/api/v1/cohorts/1/members?') && new URL(r.url()).searchParams.get('q') === part);
    const search = details.getByRole('searchbox', { name: 'Search the mentors by name' });
    await search.fill(part);
    assert.equal(new URL((await searched).url()).searchParams.get('role'), 'mentor');
    await expectVisible(details.getByText(`1 mentor with “${part}” in their name.`), 'the mentor found by part of the name');
    assert.deepEqual(await picker.locator('option:not([value=""])').allTextContents(), [
      `${other.name} — ${other.department} — ${other.capacity - other.live_mentees} free of ${other.capacity}`,
    ]);
    await search.press('Enter');
    assert.equal(await picker.inputValue(), other.id, 'Enter picks the only mentor found');
    await screenshot(page, 'cohort-pin-other', { locator: page.getByRole('table', { name: 'Proposed pairs, by mentee' }) });
    await details.getByRole('button', { name: 'Pin this mentor' }).click();
    await expectVisible(page.getByRole('status').getByText(`${pinned.mentee.name} pinned to ${other.name}`), 'the toast naming both');
    await expectVisible(row.getByText(`Pinned to ${other.name} · re-run`), 'the pending pin on the row');

    await pairRow(forbidden.mentee.id).getByRole('button', { name: `Forbid ${forbidden.mentee.name} with ${forbidden.mentor.name}` }).click();
    await expectVisible(pairRow(forbidden.mentee.id).getByText('Forbidden · re-run'), 'the pending prohibition');
    await expectVisible(page.getByText('Pins or prohibitions changed after this matching ran'), 'the re-run hint');
    await expectVisible(page.getByRole('tab', { name: 'Pins and prohibitions (2)' }), 'the rules tab count');

    await runAndWait(page.getByRole('button', { name: 'Re-run', exact: true }), 2);
    // The pin is honoured: the mentee now has the chosen mentor, marked pinned.
    const again = pairRow(pinned.mentee.id);
    await expectVisible(again.getByText(other.name), 'the pinned mentor in the new preview');
    await expectVisible(again.getByText('Pinned', { exact: true }), 'the pinned tag');
    const job = (await adminApi.get('/matchings/2')).body;
    assert.equal(job.summary.pinned, 1);
    assert.equal(job.summary.forbidden, 1);
    assert.deepEqual(job.summary.ignored_pins, []);
    const pairs = (await adminApi.get('/matchings/2/pairs?limit=500')).body.items;
    assert.equal(pairs.find((p) => p.mentee.id === pinned.mentee.id).mentor.id, other.id);
    const after = pairs.find((p) => p.mentee.id === forbidden.mentee.id);
    assert.notEqual(after?.mentor.id, forbidden.mentor.id, 'the forbidden pair is gone');
    await screenshot(page, 'cohort-preview-2', { fullPage: true });

    // The rules tab lists both; the history opens the first matching read-only.
    await page.getByRole('tab', { name: 'Pins and prohibitions (2)' }).click();
    await expectVisible(page.getByRole('region', { name: 'Pins' }).getByText(other.name), 'the pin listed');
    await expectVisible(page.getByRole('region', { name: 'Prohibitions' }).getByText(forbidden.mentor.name), 'the prohibition listed');
    // A second pin for the same mentee, both people found by part of their name: the server
    // refuses it, and its message, at the mentee, names the mentor pinned already.
    const form = page.getByRole('form', { name: 'Add a pin or a prohibition' });
    await form.getByRole('searchbox', { name: 'Search the mentees by name' }).fill(pinned.mentee.name.slice(1, 5).toLowerCase());
    await form.getByLabel('Mentee', { exact: true }).selectOption(pinned.mentee.id);
    await form.getByRole('searchbox', { name: 'Search the mentors by name' }).fill(pinned.proposed.name.slice(1, 5).toUpperCase());
    await form.getByLabel('Mentor', { exact: true }).selectOption(pinned.proposed.id);
    await form.getByRole('button', { name: 'Add pin' }).click();
    const menteeField = form.locator('.field', { has: page.getByLabel('Mentee', { exact: true }) });
    await expectVisible(menteeField.locator('.field__error', { hasText: `pinned to ${other.name} already` }), 'the conflict naming the mentor');
    assert.equal((await adminApi.get('/cohorts/1')).body.rules.length, 2, 'nothing saved');
    await screenshot(page, 'cohort-rules');
    await page.getByRole('tab', { name: 'Members' }).click();
    await expectVisible(page.getByRole('table', { name: 'Mentees of the cohort' }), 'the mentees');
    await page.getByLabel(/^Mentors \(/).check();
    await expectVisible(page.getByRole('columnheader', { name: 'Free' }), 'the mentors with their places');
    await page.getByLabel('Find a mentor by name').fill(part);
    const members = page.getByRole('table', { name: 'Mentors of the cohort' });
    await expectVisible(members.getByText(other.name), 'the mentor found in the members');
    await page.waitForFunction(() => document.querySelectorAll('table.cohort-members tbody tr').length === 1);
    await screenshot(page, 'cohort-members');
    await page.getByRole('tab', { name: 'History (2)' }).click();
    await page.getByRole('link', { name: 'Open matching #1' }).click();
    await expectVisible(page.getByText('A newer matching of this cohort exists'), 'the read-only note');
    assert.equal(await page.getByRole('button', { name: /^Apply/ }).count(), 0, 'no Apply on an older matching');
    await screenshot(page, 'cohort-older-read-only');
    await page.getByRole('link', { name: 'Open the latest matching' }).click();
    await expectVisible(page.getByRole('heading', { name: 'Preview #2' }), 'back to the latest');
  });

  test('the administrator applies the matching after a confirmation and sees the created count', async () => {
    const matched = (await adminApi.get('/matchings/2')).body.summary.matched;
    await page.getByRole('button', { name: 'Apply…' }).click();
    const confirm = page.getByRole('group', { name: `Send ${matched} proposals?` });
    await expectVisible(confirm, 'the confirmation');
    await expectVisible(confirm.getByText(/accepts or declines it within 14 days/), 'what will happen');
    await screenshot(page, 'cohort-apply-confirm', { locator: page.locator('.cohort-preview > section.card').first() });
    await confirm.getByRole('button', { name: `Send ${matched} proposals` }).click();
    const outcome = page.getByRole('status').filter({ hasText: /proposals? sent/ });
    await expectVisible(outcome, 'the result');
    const job = (await adminApi.get('/matchings/2')).body;
    assert.equal(job.state, 'applied');
    const pairs = (await adminApi.get('/matchings/2/pairs?limit=500')).body.items;
    const created = pairs.filter((p) => p.relationship_id).length;
    assert.ok(created > 0, 'proposals were created');
    await expectVisible(outcome.getByRole('heading', { name: new RegExp(`^${created} proposals? sent`) }), 'the created count');
    await expectVisible(pairRow(pinned.mentee.id).getByText('Proposed', { exact: true }), "the pinned pair's proposal");
    await screenshot(page, 'cohort-applied', { fullPage: true });
  });

  test('the pinned mentor finds the proposal in their requests', async () => {
    const mentor = (await adminApi.get(`/people/${pinned.mentor.id}`)).body;
    const p = await stage.open(mentor.email, { signIn: true });
    await p.goto('/requests');
    const waiting = p.page.getByRole('region', { name: /Waiting for you/ });
    await expectVisible(p.page.getByRole('heading', { name: /Waiting for you/ }), 'the requests page');
    await expectVisible(p.page.getByText(pinned.mentee.name).first(), 'the proposal from the pinned mentee');
    const proposal = p.page.getByRole('article', { name: `Request from ${pinned.mentee.name}` });
    await expectVisible(proposal.getByText('is proposed to you as a mentee by the program'), 'the program proposed it');
    assert.equal(await proposal.getByText(/asks you to be their mentor|you asked/).count(), 0, 'not worded as if the mentee asked');
    void waiting;
    await screenshot(p.page, 'cohort-mentor-requests');
    assert.deepEqual(p.errors, [], 'no errors in the mentor page');
  });

  test('a cohort of everyone with a minimum score: unmatched by reason, the knobs checked, a phone', async () => {
    const r = await adminApi.post('/cohorts', { name: 'Whole organisation', filter: {} });
    assert.equal(r.status, 201);
    await admin.goto(`/admin/cohorts/${r.body.id}`);
    await expectVisible(page.getByRole('heading', { name: 'Whole organisation' }), 'the second cohort');
    await page.getByText('Advanced').click();
    await page.getByLabel('Candidates per mentee').fill('0');
    await page.getByRole('button', { name: 'Run matching' }).click();
    const k = page.locator('.field', { has: page.getByLabel('Candidates per mentee') });
    await expectVisible(k.locator('.field__error'), 'the error at K');
    await page.getByLabel('Candidates per mentee').fill('50');
    await page.getByLabel('Minimum score').fill('45');
    const unmatchedAsked = [];
    const noteUnmatched = (r) => r.url().includes('/unmatched') && unmatchedAsked.push(new URL(r.url()));
    page.on('request', noteUnmatched);
    await runAndWait(page.getByRole('button', { name: 'Run matching' }), 3);
    // The unmatched mentees in a group per reason, counted by the summary, each group's mentees
    // fetched by reason; the explanation speaks of the mentee.
    const summary = (await adminApi.get('/matchings/3')).body.summary;
    const below = summary.unmatched.below_min_score;
    assert.ok(below > 12, `enough mentees below the minimum score to need "Show more" (${below})`);
    for (const [reason, title] of [
      ['mentors_full', 'Best mentors full'],
      ['below_min_score', 'Below the minimum score'],
      ['no_eligible_mentor', 'No eligible mentor'],
    ]) {
      const group = page.getByRole('region', { name: new RegExp(`^${title} `) });
      if (summary.unmatched[reason] === 0) {
        assert.equal(await group.count(), 0, `no group for ${reason}`);
        continue;
      }
      await expectVisible(group.getByRole('heading', { name: `${title} ${summary.unmatched[reason]}` }), `the ${reason} group`);
      await expectVisible(group.getByRole('listitem').first(), `the ${reason} mentees`);
    }
    const group = page.getByRole('region', { name: /^Below the minimum score / });
    await expectVisible(group.getByText('No mentor in the cohort reaches the minimum score with this mentee.'), 'its explanation');
    const mentees = group.getByRole('list', { name: 'Mentees: Below the minimum score' }).getByRole('listitem');
    assert.equal(await mentees.count(), 12);
    await expectVisible(group.getByText(`12 of ${below} shown.`), 'how many are shown');
    await screenshot(page, 'cohort-preview-min-score', { fullPage: true });
    // The picture for the documentation: the preview from its header to the first pairs.
    await page.setViewportSize({ width: 1280, height: 2400 });
    await page.evaluate(() => window.scrollTo(0, 0));
    await screenshot(page, 'cohort-matching-docs');
    await page.setViewportSize({ width: 1280, height: 900 });
    // "Show more" asks for the next page from where the first ended.
    const firstPage = (await adminApi.get('/matchings/3/unmatched?reason=below_min_score&limit=12')).body;
    const more = group.getByRole('button', { name: /^Show \d+ more/ });
    await more.focus();
    await page.keyboard.press('Enter');
    const expected = Math.min(48, below);
    await page.waitForFunction(
      (n) => document.querySelectorAll('[aria-label="Mentees: Below the minimum score"] > li').length === n,
      expected,
    );
    await expectVisible(group.getByText(below > expected ? `${expected} of ${below} shown.` : `All ${below} shown.`), 'the count after more');
    page.off('request', noteUnmatched);
    assert.ok(unmatchedAsked.length > 0);
    for (const url of unmatchedAsked) assert.ok(url.searchParams.get('reason'), `every page is asked by reason: ${url}`);
    assert.ok(
      unmatchedAsked.some((u) => u.searchParams.get('reason') === 'below_min_score' && u.searchParams.get('cursor') === firstPage.next_cursor),
      'the second page follows next_cursor',
    );
    await screenshot(page, 'cohort-unmatched-more', { locator: group });
    // A failed job shows its error (the server's answer about it is replaced to see that page).
    const failed = `${server.url}/api/v1/matchings/3`;
    const reason = 'The server running this matching stopped before it finished; run it again.';
    await page.route(failed, async (route) => {
      const response = await route.fetch();
      const body = { ...(await response.json()), state: 'failed', phase: 'failed', error: reason, summary: null };
      await route.fulfill({ response, json: body });
    });
    await page.reload();
    await expectVisible(page.getByRole('heading', { name: 'Matching #3 failed' }), 'the failed job');
    await expectVisible(page.getByText(reason), 'its error');
    await expectVisible(page.getByRole('button', { name: 'Run again' }), 'the way to run it again');
    await screenshot(page, 'cohort-failed', { locator: page.locator('.cohort-failed') });
    await page.unroute(failed);

    // The list of cohorts shows both with their latest matching.
    await page.getByRole('link', { name: 'Cohorts', exact: true }).first().click();
    await expectVisible(page.getByRole('link', { name: 'Whole organisation' }), 'the list');
    await expectVisible(page.getByText('Applied'), "the first cohort's state");
    await screenshot(page, 'cohort-list');

    const phone = await stage.open(ADMIN, { viewport: { width: 390, height: 844 }, signIn: true });
    await phone.goto(`/admin/cohorts/${r.body.id}`);
    await expectVisible(phone.page.getByRole('heading', { name: 'Preview #3' }), 'the preview on a phone');
    const overflow = await phone.page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    assert.ok(overflow <= 1, `nothing wider than the phone (${overflow}px too wide)`);
    await screenshot(phone.page, 'cohort-phone-top');
    await phone.page.locator('.cohort-stats').evaluate((e) => e.scrollIntoView({ block: 'start' }));
    await phone.page.evaluate(() => window.scrollBy(0, -70));
    await screenshot(phone.page, 'cohort-phone-stats');
    await phone.page.getByRole('heading', { name: /^Proposed pairs/ }).evaluate((e) => e.scrollIntoView({ block: 'start' }));
    await phone.page.evaluate(() => window.scrollBy(0, -70));
    const firstPair = phone.page.locator('tr.cohort-pair').first();
    await firstPair.getByRole('button', { name: /^Other mentor/ }).click();
    await expectVisible(phone.page.getByRole('button', { name: 'Pin this mentor' }), 'the other-mentor form on a phone');
    await screenshot(phone.page, 'cohort-phone-pairs');
    assert.deepEqual(admin.errors, [], 'no errors in the page');
    assert.deepEqual(phone.errors, [], 'no errors on the phone');
  });
  test('a CSV file with bad rows is refused with each row listed in people words, then a fixed one is matched', async () => {
    await page.getByRole('link', { name: 'Cohorts', exact: true }).first().click();
    await page.getByRole('link', { name: 'Try a CSV file' }).click();
    await expectVisible(page.getByRole('heading', { name: 'Try a CSV file' }), 'the CSV page');
    const bad = 'id,name,role,manager_id,skills\n1,Ann,mentee,77,\n2,,mentor,,SQL:5\n3,Cy,mentee\n';
    await page.getByLabel('Or paste its text').fill(bad);
    await page.getByRole('button', { name: 'Match these people' }).click();
    const list = page.locator('.csv-problems li');
    await expectVisible(list, 'the list of problems');
    assert.deepEqual(await list.allInnerTexts(), [
      'Line 2 · Column “current manager”, value “77”: 77 is not the id of anyone in the file; add the manager as a row (role none if they take no part) or leave current manager empty',
      'Line 3 · Column “name”: is required',
      'Line 4: The row has 3 fields, the header has 5 columns',
    ]);
    await screenshot(page, 'cohort-csv-problems');

    await page.getByLabel('Or paste its text').fill('id,name,role,skills,wanted_skills\n1,Ann,mentee,,SQL\n2,Ben,mentor,SQL:5,\n');
    await page.getByRole('button', { name: 'Match these people' }).click();
    await expectVisible(page.getByRole('cell', { name: 'Ben' }), 'the pair');
    assert.equal(await list.count(), 0, 'the problems are gone');
    assert.deepEqual(admin.errors, [], 'no errors in the page');
  });
});
