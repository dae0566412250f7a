// Break-glass access in the browser (issue 18): an administrator goes from the relationships
// overview to one relationship's content, is told what opening does, cannot open it without a
// reason, opens it with one and reads the shared content (no private notes) with the grant's end;
// the mentee finds the notification saying who looked and why; the audit trail lists the opening
// beside the administrators' other actions; the fading pairs are nudged from the overview.
// e2e.test.mjs imports this file, so ctest's e2e_browser runs it too.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { ADMIN, Stage, options, screenshot } from './harness.mjs';


describe('break-glass access', { timeout: 300_000 }, () => {
  const stage = new Stage(options());
  let server, admin;

  before(async () => {
    server = await stage.start({ testClock: null });
    admin = await stage.open(ADMIN, { signIn: true });
  });

  after(() => stage.stop());

  test('an administrator opens a relationship with a stated reason, the pair is told, the trail records it', async () => {
    const api = await server.client(ADMIN);
    const active = (await api.get('/admin/relationships?state=active')).body.items[0];
    assert.ok(active, 'the demo has an active relationship');
    const page = admin.page;

    await admin.goto('/admin/relationships');
    await page.locator(`a[href="/admin/relationships/${active.id}/content"]`).click();
    await page.getByText('Both participants will be told your name').waitFor();
    const openButton = page.getByRole('button', { name: 'Open the content and tell both participants' });
    assert.equal(await openButton.isDisabled(), true, 'no reason, no opening');
    await page.getByLabel('Reason').fill('Complaint 2211: the mentee reports missed meetings');
    await screenshot(page, 'break-glass-reason', { fullPage: true });
    await openButton.click();

    await page.getByText('Both participants were told').waitFor();
    await page.getByRole('heading', { name: 'Purpose' }).waitFor();
    await page.getByRole('heading', { name: 'Meetings and stories' }).waitFor();
    await screenshot(page, 'break-glass-content', { fullPage: true });

    const mentee = (await api.get(`/people/${active.mentee_id}`)).body;
    const menteeApi = await server.client(mentee.email);
    const told = (await menteeApi.get('/me/notifications?limit=100')).body.items.filter((n) => n.kind === 'content_opened');
    assert.equal(told.length, 1);
    assert.match(told[0].message, /Complaint 2211: the mentee reports missed meetings/);

    await page.getByRole('link', { name: 'Back to the overview' }).click();
    await page.getByRole('link', { name: 'Audit trail' }).click();
    await page.getByRole('cell', { name: 'Complaint 2211: the mentee reports missed meetings' }).waitFor();
    await page.getByRole('cell', { name: 'Opened content (break-glass)' }).first().waitFor();
    // Other administrator actions are in the same trail, in words, with a link to their subject.
    const settings = (await api.get('/admin/program-settings')).body;
    const years = settings.weights.seasoned_years;
    await api.put('/admin/program-settings', { weights: { seasoned_years: years + 1 } });
    await page.reload();
    await page.getByRole('cell', { name: 'Changed the program settings' }).first().waitFor();
    await page.getByRole('cell', { name: `weights.seasoned_years ${years} -> ${years + 1}` }).waitFor();
    await api.put('/admin/program-settings', { weights: { seasoned_years: years } });
    await screenshot(page, 'admin-audit', { fullPage: true });
    assert.deepEqual(admin.errors, [], 'no errors in the pages');
  });

  test('an administrator nudges the fading pairs from the overview, and the pair is told', async () => {
    const api = await server.client(ADMIN);
    const fading = (await api.get('/admin/relationships?state=fading')).body.items;
    assert.ok(fading.length > 0, 'the demo has a fading relationship');
    const mentee = (await api.get(`/people/${fading[0].mentee_id}`)).body;
    const page = admin.page;

    await admin.goto('/admin/relationships');
    const button = page.getByRole('button', { name: new RegExp(`Nudge the ${fading.length} fading pairs?`) });
    await button.click();
    await page.getByLabel('Your note to them (optional)').fill('The spring cohort ends in May: book your next hour.');
    await screenshot(page, 'admin-nudge', { fullPage: true });
    await page.getByRole('button', { name: 'Send the nudge' }).click();
    await page.getByText(`Told ${fading.length} pair`).waitFor();

    const menteeApi = await server.client(mentee.email);
    const told = (await menteeApi.get('/me/notifications?limit=100')).body.items.filter((n) => n.kind === 'program_nudge');
    assert.equal(told.length, 1);
    assert.match(told[0].message, /The spring cohort ends in May: book your next hour\.$/);
    // The trail says how many, never who or what they discuss.
    const trail = (await api.get('/admin/audit?limit=1')).body.items[0];
    assert.equal(trail.action, 'pairs_nudged');
    assert.deepEqual(admin.errors, [], 'no errors in the pages');
  });
});
