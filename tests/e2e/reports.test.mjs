// End-to-end: the program report in a real browser against the real server on a fresh demo
// database. The administrator opens Reports from the overviews, reads the figures and the two
// charts (their text equivalents say the same as the API), finds the small departments hidden,
// switches to cohorts, asks for a period that runs backwards and reads the error at "To", and
// downloads the CSV. A mentee gets "Administrators only". At 375 and 1280 px, axe at 1280.
//
// Run alone: node tests/e2e/reports.test.mjs --binary=build/release/mentorhub_for_test --web-root=web/dist
// (e2e.test.mjs imports it, so ctest's e2e_browser runs it too).
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { ADMIN, MAYA, Person, Stage, checkLayout, options, screenshot } from './harness.mjs';


describe('the program report in the browser', { timeout: 300_000 }, () => {
  const stage = new Stage(options());
  let server, admin, page, adminApi;

  before(async () => {
    ({ server, api: adminApi, person: admin, page } = await stage.startWith(ADMIN, { testClock: null }));
  });

  after(() => stage.stop({ pageErrors: 'log' }));

  test('an administrator reads the figures and charts, by department and cohort, and downloads them', async () => {
    await admin.signIn();
    await admin.goto('/admin/relationships');
    await page.getByRole('navigation', { name: 'Overviews' }).getByRole('link', { name: 'Reports' }).click();
    await page.getByRole('heading', { name: 'Program report', level: 1 }).waitFor();

    const now = new Date();
    const month = (offset) => {
      const d = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() + offset, 1));
      return `${d.getUTCFullYear()}-${String(d.getUTCMonth() + 1).padStart(2, '0')}`;
    };
    const api = (await adminApi.get(`/admin/reports/program?from=${month(-11)}&to=${month(0)}&group_by=department`)).body;
    const total = api.total.figures;
    const figures = page.locator('dl[aria-label="The program in numbers"]');
    await figures.getByText(`between ${total.people} people`).waitFor();
    const relationships = figures.locator('.figure', { hasText: 'Relationships' }).locator('.figure__value');
    assert.equal((await relationships.innerText()).trim(), String(total.relationships));

    // The charts' text equivalents carry the API's figures.
    const held = total.by_month.reduce((a, m) => a + m.meetings_held, 0);
    await page.getByRole('img', { name: new RegExp(`^Meetings held each month, ${held} in all`) }).waitFor();
    const active = total.by_month.at(-1).states.active ?? 0;
    await page.getByRole('img', { name: new RegExp(`Relationships by state .*: \\d+ requested, \\d+ starting, ${active} active`) }).waitFor();

    // Circles and flash mentoring, for the whole program, with their chart.
    const formats = page.locator('dl[aria-label="Circles and flash mentoring in numbers"]');
    const circleSessions = formats.locator('.figure', { hasText: 'Circle sessions' }).locator('.figure__value');
    assert.equal((await circleSessions.innerText()).trim(), String(api.circles.figures.held));
    await page.getByRole('img', { name: `Sessions held each month: circle sessions ${api.circles.figures.held} in all, flash sessions ${api.flash.figures.held} in all.` }).waitFor();

    // Departments: the small ones hidden, none of their figures on the page.
    const table = page.getByRole('region', { name: 'Figures by group' });
    const hidden = api.groups.filter((g) => g.suppressed);
    assert.ok(hidden.length >= 2, 'the demo has small departments');
    for (const g of hidden) await table.getByRole('row', { name: new RegExp(`^${g.name.replace(/[&]/g, '\\$&')} Hidden:`) }).waitFor();
    for (const g of api.groups.filter((x) => !x.suppressed)) {
      const row = table.getByRole('row', { name: new RegExp(`^${g.name.replace(/[&]/g, '\\$&')} ${g.figures.people} ${g.figures.relationships} `) });
      await row.waitFor();
    }
    await checkLayout(admin, 'admin-reports');
    await page.waitForTimeout(300); // the charts draw after the lazy chunk arrives
    await screenshot(page, 'report-by-department', { fullPage: true });

    // Cohorts: the demo's pairs were not proposed by a cohort.
    await page.getByLabel('Group by').selectOption('cohort');
    await table.getByRole('row', { name: /^\(not from a cohort\)/ }).waitFor();

    // A period that runs backwards is refused at "To", and nothing else is shown.
    await page.getByLabel('To', { exact: true }).fill(month(-13));
    const toField = page.locator('.field', { has: page.getByLabel('To', { exact: true }) });
    await toField.getByText('must be the month of from or later').waitFor();
    assert.equal(await page.getByRole('heading', { name: 'Across the program' }).count(), 0);
    await page.getByLabel('To', { exact: true }).fill(month(0));
    await page.getByRole('heading', { name: 'Across the program' }).waitFor();

    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: 'Download CSV' }).click()]);
    assert.match(download.suggestedFilename(), /^program-report-\d{4}-\d{2}-to-\d{4}-\d{2}\.csv$/);
    const csv = readFileSync(await download.path(), 'utf-8').split('\r\n');
    assert.match(csv[0], /^group,suppressed,people,relationships,now_requested,/);
    assert.ok(csv[1].startsWith(`All,false,${total.people},${total.relationships},`), csv[1]);
    assert.ok(csv.some((l) => l.startsWith('(not from a cohort),')), 'grouped by cohort as on the page');
  });

  test('the report at a phone width, and a mentee is turned away', async () => {
    const phone = await new Person(stage.browser, server, ADMIN, { viewport: { width: 375, height: 800 } }).open();
    try {
      await phone.signIn();
      await phone.goto('/admin/reports');
      await phone.page.getByRole('heading', { name: 'Across the program' }).waitFor();
      await checkLayout(phone, 'admin-reports');
    } finally {
      await phone.close();
    }
    const maya = await new Person(stage.browser, server, MAYA).open();
    try {
      await maya.signIn();
      await maya.goto('/admin/reports');
      await maya.page.getByRole('heading', { name: 'Administrators only' }).waitFor();
      await maya.page.getByText('Only program administrators can open this page.').waitFor();
      assert.equal(await maya.page.getByRole('heading', { name: 'Across the program' }).count(), 0);
    } finally {
      await maya.close();
    }
  });
});
