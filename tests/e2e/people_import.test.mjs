// End-to-end: people from HR through the administrator's pages, in a real browser against the real
// server on a fresh demo database. The administrator opens "Import from HR", picks an HR export with
// a bad row, reads the problem with its line and nothing imported, picks the corrected file, reads
// what would be created (the manager first), imports it, and finds the new people with their
// manager; the same file again would change nothing; the people page's export lists them. A file
// Excel saved in Windows-1252 with semicolons, below a report's title, is read with its accents;
// the workbook picked by mistake is refused with how to save it as CSV.
//
// Run alone: node tests/e2e/people_import.test.mjs --binary=build/release/mentorhub_for_test --web-root=web/dist
// (e2e.test.mjs imports it, so ctest's e2e_browser runs it too).
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { ADMIN, Stage, options, screenshot } from './harness.mjs';


const HEADER = 'Worker ID,First Name,Last Name,Work Email,Job Title,Dept,Manager ID,Hire Date,Time Zone,Cost Center\r\n';
const GOOD =
  '\ufeff' +
  HEADER +
  'HR-2,Lena,"Vogt, PhD",lena.vogt@northwind.example,Data Analyst,Research,HR-1,2024-05-06,Europe/Berlin,C7\r\n' +
  'HR-1,Kofi,Mensah,kofi.mensah@northwind.example,Head of Research,Research,,2019-01-14,Africa/Accra,C7\r\n';
const BAD = GOOD + 'HR-3,Ola,Nordmann,ola-at-northwind,Analyst,Research,HR-1,2025-13-01,Europe/Oslo,C7\r\n';

describe('people from HR in the browser', { timeout: 300_000 }, () => {
  const stage = new Stage(options());
  let server, admin, page, adminApi;

  before(async () => {
    ({ server, api: adminApi, person: admin, page } = await stage.startWith(ADMIN, { testClock: null }));
  });

  after(() => stage.stop({ pageErrors: 'log' }));

  const pick = (name, text) =>
    page.getByLabel('CSV file').setInputFiles({ name, mimeType: 'text/csv', buffer: Buffer.from(text, 'utf-8') });

  test('an administrator checks an HR export, fixes it and imports it', async () => {
    await admin.signIn();
    await admin.goto('/admin/people');
    await page.getByRole('link', { name: 'Import from HR' }).click();
    await page.getByRole('heading', { name: 'Import people', level: 1 }).waitFor();

    await pick('people-bad.csv', BAD);
    await page.getByRole('heading', { name: 'The file needs fixing' }).waitFor();
    const problems = page.getByRole('alert');
    await problems.getByText('1 row needs fixing; nothing is imported until then').waitFor();
    await problems.getByText('email "ola-at-northwind" is not a valid e-mail address').waitFor();
    assert.equal(await page.getByRole('button', { name: /^Import:/ }).count(), 0, 'no import while a row is bad');
    await screenshot(page, 'people-import-problems', { fullPage: true });

    await pick('people.csv', GOOD);
    await page.getByRole('heading', { name: 'Ready to import' }).waitFor();
    await page.getByText('Ignored columns: Cost Center').waitFor();
    await page.getByText('Would create: 2 people').click();
    const rows = page.getByRole('region', { name: 'Would create' }).locator('tbody tr');
    assert.deepEqual(await rows.locator('td:first-child').allInnerTexts(), ['HR-1', 'HR-2'], 'the manager first');
    await screenshot(page, 'people-import-dry-run', { fullPage: true });

    await page.getByRole('button', { name: 'Import: create 2, update 0' }).click();
    await page.getByRole('heading', { name: 'Imported' }).waitFor();
    await screenshot(page, 'people-import-done', { fullPage: true });

    const people = await adminApi.all('/people?limit=100&include_inactive=true');
    const lena = people.find((p) => p.email === 'lena.vogt@northwind.example');
    const kofi = people.find((p) => p.email === 'kofi.mensah@northwind.example');
    assert.equal(lena.name, 'Lena Vogt, PhD');
    assert.equal(lena.manager_id, kofi.id);
    assert.equal(lena.employee_id, 'HR-2');
    assert.equal(lena.timezone, 'Europe/Berlin');

    // The same file again would change nothing.
    await pick('people.csv', GOOD);
    await page.getByRole('heading', { name: 'Nothing to change' }).waitFor();
    await page.locator('.people-import__counts div', { hasText: 'Unchanged' }).getByText('2').waitFor();
    assert.equal(await page.getByRole('button', { name: /^Import:/ }).count(), 0, 'nothing to import');

    // The people page exports everyone as CSV, the imported people with their employee ids.
    await admin.goto('/admin/people');
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('link', { name: 'Export CSV' }).click(),
    ]);
    assert.equal(download.suggestedFilename(), 'people.csv');
    const exported = readFileSync(await download.path(), 'utf-8');
    assert.match(exported, /^person_id,employee_id,name,email,/);
    assert.match(exported, /,HR-2,"Lena Vogt, PhD",lena\.vogt@northwind\.example,/);
  });

  test('a report Excel saved in Windows-1252 with semicolons imports with its accents', async () => {
    // As Excel writes "CSV" where a comma is the decimal mark (France, Portugal, Germany, ...),
    // from an HR system's report with its title and date above the column names.
    const excel =
      'Liste du personnel;;;;\r\n' +
      'Éditée le 01.12.2026;;;;\r\n' +
      'Employee ID;Name;Email Address;Job Title;Dept\r\n' +
      'HR-7;José França;jose.franca@northwind.example;Directeur financier;"Finance; Lisbonne"\r\n';
    await admin.goto('/admin/people/import');
    await page.getByRole('heading', { name: 'Import people', level: 1 }).waitFor();
    // The workbook itself first, as people pick it: the page says to save it as CSV.
    const workbook = Buffer.from([0x50, 0x4b, 0x03, 0x04, 0x14, 0x00, 0x06, 0x00, 0x08, 0x00]);
    await page.getByLabel('CSV file').setInputFiles({
      name: 'export.xlsx',
      mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      buffer: workbook,
    });
    await page.getByRole('alert').getByText('This file is a workbook (.xlsx or .ods), not CSV text.').waitFor();
    await page
      .getByLabel('CSV file')
      .setInputFiles({ name: 'export-excel.csv', mimeType: 'text/csv', buffer: Buffer.from(excel, 'latin1') });
    await page.getByRole('heading', { name: 'Ready to import' }).waitFor();
    await page.getByText('Read as Windows-1252, fields separated by semicolons.').waitFor();
    await page
      .getByText("Column names found on line 3; the 2 lines above them (a report's title or date) are ignored.")
      .waitFor();
    await page.getByText('Would create: 1 person').click();
    const created = page.getByRole('region', { name: 'Would create' }).locator('tbody tr');
    await created.getByText('José França').waitFor();
    await screenshot(page, 'people-import-excel', { fullPage: true });
  });
});
