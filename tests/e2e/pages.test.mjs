// Every page of the web app at a phone's width (375 px) and a laptop's (1280 px), on the demo
// organisation and the real clock: nothing scrolls sideways, a screenshot of each
// (tests/e2e/screenshots/layout-<width>-<page>.png), and axe (axe-core through
// @axe-core/playwright, at 1280 px) finds nothing serious or critical. Also: Home shows circles and flash
// sessions to people who have no one-to-one relationship, and the sign-in page of a database set
// up as a real install (not `mentorhub demo`) offers no demo accounts.
//
// Run alone: node tests/e2e/pages.test.mjs --binary=build/release/mentorhub_for_test --web-root=web/dist
// (e2e.test.mjs imports it, so ctest's e2e_browser runs it too).
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { AxeBuilder } from '@axe-core/playwright';
import { ADMIN, DEMO_PASSWORD, MAYA, Server, Stage, expectVisible, isLive, options, screenshot, settled } from './harness.mjs';

const SOFIA = 'sofia.marquez@northwind.example';
const WIDTHS = [
  { width: 375, height: 812 },
  { width: 1280, height: 900 },
];

const opts = options();
const stage = new Stage(opts);
let server;
/** Serious and critical axe findings of every page, reported together at the end. */
const findings = [];

const open = (email, viewport, password = DEMO_PASSWORD, on = server) => stage.open(email, { viewport, password, on });

/** The checks of one page at one width. */
async function check(p, name) {
  const page = p.page;
  const t0 = Date.now();
  await settled(page);
  const t1 = Date.now();
  const [scrollWidth, innerWidth] = await page.evaluate(() => [document.documentElement.scrollWidth, window.innerWidth]);
  const width = p.viewport.width;
  await screenshot(page, `layout-${width}-${name}`, { fullPage: true });
  assert.ok(scrollWidth <= innerWidth, `${name} at ${width} px scrolls sideways (${scrollWidth} > ${innerWidth})`);
  const t2 = Date.now();
  // Axe at the laptop's width: what it checks (contrast, names, roles) does not change with the width.
  if (width < 1280) return;
  const result = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice']).analyze();
  for (const v of result.violations)
    if (v.impact === 'serious' || v.impact === 'critical')
      findings.push(
        `${name} at ${width} px: ${v.id} (${v.impact}) ${v.help}: ` +
          v.nodes
            .slice(0, 3)
            .map((n) => n.target.join(' '))
            .join(' | ') +
          (v.nodes.length > 3 ? ` and ${v.nodes.length - 3} more` : ''),
      );
  console.log(`# ${name} at ${width} px: settled in ${t1 - t0} ms, screenshot ${t2 - t1} ms, axe ${Date.now() - t2} ms`);
}

describe('pages in the browser', { timeout: 1_200_000 }, () => {
  before(async () => {
    server = await stage.start({ testClock: null });
  });

  after(() => stage.stop());

  describe('every page at 375 px and 1280 px: no sideways scrolling, screenshots; no serious axe finding', { timeout: 900_000 }, () => {
    let ids;

    before(async () => {
      const maya = await server.client(MAYA);
      const sofia = await server.client(SOFIA);
      const admin = await server.client(ADMIN);
      const rels = (await maya.get('/relationships?limit=100')).body.items;
      const live = rels.find(isLive);
      const sofiaRels = (await sofia.get('/relationships?limit=100')).body.items;
      const concluded = [...rels, ...sofiaRels].find((r) => r.state === 'concluded');
      const circles = (await sofia.get('/circles?mine=true&limit=100')).body.items;
      const hosted = circles.find((c) => c.my_status === 'host');
      // A cohort with a finished matching, for its preview.
      const cohort = (await admin.post('/cohorts', { name: 'Layout check', filter: { department: 'Engineering' } })).body;
      const job = (await admin.post(`/cohorts/${cohort.id}/matchings`, {})).body;
      for (let i = 0; i < 200; i++) {
        const j = (await admin.get(`/matchings/${job.id}`)).body;
        if (j.state === 'done') break;
        if (j.state === 'failed') throw new Error(`the layout cohort's matching failed: ${j.error}`);
        await new Promise((r) => setTimeout(r, 100));
      }
      ids = {
        live: live.id,
        concluded: concluded?.id,
        concludedAs: concluded && rels.includes(concluded) ? MAYA : SOFIA,
        circle: hosted.id,
        person: live.mentor.id,
        cohort: cohort.id,
        sofia: sofia.person.id,
      };
    });

    for (const viewport of WIDTHS) {
      test(`at ${viewport.width} px`, async () => {
        // Signed out.
        const visitor = await open(MAYA, viewport);
        await visitor.goto('/');
        await check(visitor, 'sign-in');

        const maya = await open(MAYA, viewport);
        await maya.signIn();
        for (const [path, name] of [
          ['/', 'home'],
          ['/find-a-mentor', 'find-a-mentor'],
          ['/circles', 'circles'],
          ['/flash', 'flash'],
          ['/requests', 'requests'],
          ['/notifications', 'notifications'],
          ['/people', 'people'],
          [`/people/${ids.person}`, 'person'],
          ['/profile', 'profile'],
          ['/profile/availability', 'availability'],
          ['/profile/api-tokens', 'api-tokens'],
          ['/profile/mail', 'mail-settings'],
          ['/profile/sessions', 'sessions'],
          ['/profile/security', 'security'],
          ['/profile/data', 'your-data'],
          [`/relationships/${ids.live}`, 'workspace'],
        ]) {
          await maya.goto(path);
          await check(maya, name);
        }
        // The directory tab of Find a mentor.
        await maya.goto('/find-a-mentor');
        await maya.page.getByRole('tab', { name: 'Search the directory' }).click();
        await check(maya, 'find-directory');

        const sofia = await open(SOFIA, viewport);
        await sofia.signIn();
        await sofia.goto(`/circles/${ids.circle}`);
        await check(sofia, 'circle');
        await sofia.goto('/');
        await check(sofia, 'home-circle-host');
        if (ids.concluded) {
          const who = ids.concludedAs === MAYA ? maya : sofia;
          await who.goto(`/relationships/${ids.concluded}`);
          await check(who, 'workspace-concluded');
        }

        const admin = await open(ADMIN, viewport);
        await admin.signIn();
        for (const [path, name] of [
          ['/admin/people', 'admin-people'],
          ['/admin/people/new', 'admin-person-new'],
          ['/admin/people/import', 'admin-people-import'],
          ['/admin/invitations', 'admin-invitations'],
          [`/admin/people/${ids.sofia}`, 'admin-person'],
          ['/admin/relationships', 'admin-relationships'],
          ['/admin/circles', 'admin-circles'],
          ['/admin/flash', 'admin-flash'],
          ['/admin/audit', 'admin-audit'],
          ...(ids.concluded ? [[`/admin/relationships/${ids.concluded}/content`, 'admin-break-glass']] : []),
          ['/admin/cohorts', 'admin-cohorts'],
          ['/admin/cohorts/new', 'admin-cohort-new'],
          [`/admin/cohorts/${ids.cohort}`, 'admin-cohort'],
        ]) {
          await admin.goto(path);
          await check(admin, name);
        }
        // The admin navigation stays on one line on a laptop.
        if (viewport.width >= 1280) {
          const nav = admin.page.getByRole('navigation', { name: 'Main' });
          const middles = await nav.locator('.nav__link').evaluateAll((links) => links.map((l) => { const r = l.getBoundingClientRect(); return r.top + r.height / 2; }));
          const spread = Math.max(...middles) - Math.min(...middles);
          assert.ok(spread < 8, `the navigation is one row at ${viewport.width} px (link middles ${spread} px apart)`);
        }
        assert.deepEqual([...visitor.errors, ...maya.errors, ...sofia.errors, ...admin.errors], [], 'no errors in the pages');
      });
    }

    test('no page has a serious or critical accessibility finding', () => {
      assert.deepEqual(findings, [], `axe found:\n${findings.join('\n')}`);
    });
  });

  describe('Home shows every format', { timeout: 300_000 }, () => {
    test('a circle host and a person with a flash booking but no one-to-one see them with their next step', async () => {
      const admin = await server.client(ADMIN);
      const make = async (name, extra) => {
        const { email } = await admin.createPerson({
          email: `${name.toLowerCase().replace(' ', '.')}@northwind.example`,
          name,
          password: 'layout-password-1',
          organisation: 'Northwind Labs',
          title: 'Analyst',
          timezone: 'Europe/London',
          ...extra,
        });
        return { email, api: await server.client(email, 'layout-password-1') };
      };
      const host = await make('Ines Quarry', { formats_offered: ['circle'], mentor_capacity: 2 });
      const circle = await host.api.post('/circles', { topic: 'Speaking up in meetings', size_limit: 6 });
      assert.equal(circle.status, 201, JSON.stringify(circle.body));
      const booker = await make('Oskar Lund', { formats_sought: ['flash'] });
      const topics = (await booker.api.get('/flash/topics')).body.items;
      const topic = topics.find((t) => t.next_free_slot);
      assert.ok(topic, 'a demo topic has a free slot');
      const booked = await booker.api.post(`/flash/slots/${topic.next_free_slot.id}/book`, { question: 'How do I start with pivot tables?' });
      assert.equal(booked.status, 201, JSON.stringify(booked.body));

      for (const [who, section, what] of [
        [host, 'My circles', 'Speaking up in meetings'],
        [booker, 'My flash sessions', topic.title],
      ]) {
        const p = await open(who.email, WIDTHS[1], 'layout-password-1');
        await p.signIn();
        await settled(p.page);
        assert.equal(await p.page.getByText(/no mentoring yet/).count(), 0, `${who.email} is not told there is no mentoring`);
        const list = p.page.getByRole('list', { name: section });
        await expectVisible(list.getByText(what), `${section} on Home`);
        await expectVisible(list.getByText(/^Next: /), 'with its next step');
        await screenshot(p.page, `home-${section.toLowerCase().replace(/ /g, '-')}`, { fullPage: true });
        if (section === 'My flash sessions')
          await expectVisible(p.page.getByRole('region', { name: 'Next meetings' }).getByText(/flash session with/), 'the session among the next meetings');
      }
    });
  });

  describe('the sign-in page of a real install', { timeout: 120_000 }, () => {
    let install;
    const first = { email: 'first.admin@example.org', password: 'install-password-1' };
    before(async () => {
      install = await Server.start(opts, { testClock: null, install: first });
    });
    after(async () => {
      await install?.stop();
    });

    test('offers no demo accounts and no password; the first administrator signs in', async () => {
      const p = await open(first.email, WIDTHS[0], first.password, install);
      await p.goto('/');
      await expectVisible(p.page.getByRole('heading', { name: 'Sign in' }), 'the sign-in page');
      await p.page.waitForLoadState('networkidle');
      assert.equal(await p.page.getByText(DEMO_PASSWORD).count(), 0, 'no demo password');
      assert.equal(await p.page.getByText(/northwind\.example|Trying the demo/).count(), 0, 'no demo accounts');
      await screenshot(p.page, 'sign-in-install');
      await p.signIn();
      await expectVisible(p.page.getByRole('heading', { name: 'Getting started' }), 'an empty home');
    });
  });
});
