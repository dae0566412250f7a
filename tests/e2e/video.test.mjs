// Video rooms in the browser (issue 17): an administrator sets the organisation's Jitsi server on
// the Video rooms page; a meeting held by video then shows its participants "Join video call",
// which opens the meeting's own room (a long random name under the Jitsi address) in a new tab;
// turned face to face, the meeting has no room any more. The Jitsi server is a small page server on
// loopback (the browser reaches nothing else). The settings page and the meeting at 375 and
// 1280 px, with axe at 1280 px like every other page.
// Run alone: node tests/e2e/video.test.mjs --binary=build/release/mentorhub_for_test --web-root=web/dist
// (e2e.test.mjs imports it, so ctest's e2e_browser runs it too).
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import { ADMIN, MAYA, Stage, checkLayout, liveRelationship, options, screenshot } from './harness.mjs';

const WIDTHS = [
  { width: 375, height: 812 },
  { width: 1280, height: 900 },
];

/** A stand-in for a Jitsi Meet server: any room is a page naming the room. */
function startJitsi() {
  const rooms = [];
  const server = createServer((req, res) => {
    rooms.push(req.url);
    res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' });
    res.end(`<!doctype html><html lang="en"><title>Jitsi Meet</title><h1>Room ${req.url.slice(1)}</h1></html>`);
  });
  return new Promise((ok) =>
    server.listen(0, '127.0.0.1', () => ok({ url: `http://127.0.0.1:${server.address().port}`, rooms, server })),
  );
}

/** A stand-in for a BigBlueButton server: `create` succeeds, `join` is a page naming who joined. */
function startBigBlueButton() {
  const calls = [];
  const server = createServer((req, res) => {
    const url = new URL(req.url, 'http://127.0.0.1');
    const call = url.pathname.replace('/bigbluebutton/api/', '');
    calls.push(call);
    if (call === 'create') {
      res.writeHead(200, { 'Content-Type': 'text/xml' });
      res.end('<response><returncode>SUCCESS</returncode></response>');
      return;
    }
    const who = url.searchParams.get('fullName') ?? '';
    res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' });
    res.end(`<!doctype html><html lang="en"><title>BigBlueButton</title><h1>Joined as ${who.replace(/[<&]/g, '')}</h1></html>`);
  });
  return new Promise((ok) =>
    server.listen(0, '127.0.0.1', () =>
      ok({ api: `http://127.0.0.1:${server.address().port}/bigbluebutton/api`, calls, server }),
    ),
  );
}

describe('video rooms', { timeout: 600_000 }, () => {
  const stage = new Stage(options());
  let server, jitsi;

  const open = (email, viewport) => stage.open(email, { viewport, signIn: true });

  before(async () => {
    server = await stage.start({ testClock: null });
    jitsi = await startJitsi();
  });

  after(async () => {
    await stage.stop();
    jitsi?.server.close();
  });

  test('an administrator sets Jitsi; a participant joins the meeting from its page; face to face has no room', async () => {
    const admin = await open(ADMIN, WIDTHS[1]);
    await admin.goto('/admin/video');
    const page = admin.page;
    await page.getByRole('heading', { name: 'Video rooms' }).waitFor();
    await page.getByLabel('Service', { exact: true }).selectOption('jitsi');
    await page.getByLabel('Jitsi address').fill('http://meet.example.org');
    await page.getByRole('button', { name: 'Save' }).click();
    await page.getByText('must be an https:// address').first().waitFor();
    await screenshot(page, 'video-settings-refused', { fullPage: true });
    await page.getByLabel('Jitsi address').fill(jitsi.url);
    await page.getByRole('button', { name: 'Save' }).click();
    await page.getByText('Video rooms saved').waitFor();
    assert.equal((await (await server.client(ADMIN)).get('/admin/video')).body.jitsi_url, jitsi.url);
    for (const viewport of WIDTHS) {
      const a = viewport.width === 1280 ? admin : await open(ADMIN, viewport);
      await a.goto('/admin/video');
      await checkLayout(a, 'admin-video');
    }

    // Maya's live relationship gets a meeting held by video.
    const maya = await server.client(MAYA);
    const live = await liveRelationship(maya);
    assert.ok(live, 'the demo has a live relationship of Maya');
    const starts = new Date(Date.now() + 3 * 86_400_000);
    starts.setUTCHours(9, 0, 0, 0);
    const created = await maya.post(`/relationships/${live.id}/meetings`, { starts_at: starts.toISOString(), medium: 'video', where: '' });
    assert.equal(created.status, 201, JSON.stringify(created.body));
    const meeting = created.body;

    const url = meeting.video_url;
    assert.match(url, new RegExp(`^${jitsi.url}/[0-9a-f]{64}$`), 'the room: a long random name under the Jitsi address');

    for (const viewport of WIDTHS) {
      const m = await open(MAYA, viewport);
      await m.goto(`/relationships/${live.id}`);
      const link = m.page.locator(`a[href="${url}"]`);
      await link.waitFor();
      assert.equal(await link.textContent(), 'Join video call');
      await checkLayout(m, 'workspace-video');
      if (viewport.width !== 1280) continue;
      await screenshot(m.page, 'video-meeting', { locator: m.page.locator('article.meeting', { has: link }) });
      const [room] = await Promise.all([m.page.waitForEvent('popup'), link.click()]);
      await room.waitForLoadState();
      assert.equal(room.url(), url, 'the room opens in a new tab');
      await room.getByRole('heading', { name: /^Room [0-9a-f]{64}$/ }).waitFor();
      await screenshot(room, 'video-room-opened');
      await room.close();

      // Face to face: the room is gone from the page.
      const changed = await maya.patch(`/relationships/${live.id}/meetings/${meeting.id}`, { medium: 'in_person', where: 'Café Nord' });
      assert.equal(changed.status, 200, JSON.stringify(changed.body));
      assert.equal(changed.body.video_url, null);
      await m.page.reload();
      await m.page.getByText('Café Nord').first().waitFor();
      assert.equal(await m.page.locator(`a[href="${url}"]`).count(), 0, 'no room for a face-to-face meeting');
      assert.deepEqual(m.errors, [], 'no errors in the pages');
    }
    assert.equal(jitsi.rooms.length, 1, 'the browser reached the room once');
  });

  test("a meeting's BigBlueButton link from a mail, opened signed out: sign in, then the room", async () => {
    const bbb = await startBigBlueButton();
    try {
      const admin = await server.client(ADMIN);
      const saved = await admin.put('/admin/video', { provider: 'bigbluebutton', bbb_url: bbb.api, bbb_secret: 'e2e-shared-secret-0123456789' });
      assert.equal(saved.status, 200, JSON.stringify(saved.body));
      const maya = await server.client(MAYA);
      const live = await liveRelationship(maya);
      const starts = new Date(Date.now() + 4 * 86_400_000);
      starts.setUTCHours(14, 0, 0, 0);
      const created = await maya.post(`/relationships/${live.id}/meetings`, { starts_at: starts.toISOString(), medium: 'video', where: '' });
      assert.equal(created.status, 201, JSON.stringify(created.body));
      const link = created.body.video_url; // Mentorhub's join route, as in the mail and the .ics
      assert.match(link, /^\/api\/v1\/relationships\/\d+\/meetings\/\d+\/video$/);

      // A browser with no session follows the link: the sign-in page, nothing asked of the server yet.
      const p = await stage.open(MAYA, { viewport: WIDTHS[0] });
      await p.goto(link);
      const page = p.page;
      await page.getByRole('heading', { name: 'Sign in' }).waitFor();
      assert.equal(new URL(page.url()).pathname, '/sign-in');
      assert.equal(new URL(page.url()).searchParams.get('return_to'), link);
      await page.getByRole('status').getByText('Sign in to join the video call.').waitFor();
      assert.deepEqual(bbb.calls, []);
      await screenshot(page, 'video-link-signed-out', { fullPage: true });

      await page.getByLabel('E-mail').fill(MAYA);
      await page.getByLabel('Password').fill(p.password);
      await page.getByRole('button', { name: 'Sign in' }).click();
      // Signed in, the same link opens her room on the video server.
      await page.getByRole('heading', { name: /^Joined as Maya/ }).waitFor();
      assert.ok(page.url().startsWith(`${bbb.api}/join?`), page.url());
      assert.deepEqual(bbb.calls, ['create', 'join']);
      await screenshot(page, 'video-link-after-sign-in');

      // Signed in already, /sign-in itself goes on to where it was asked to return.
      await p.goto(`/sign-in?return_to=${encodeURIComponent(`/relationships/${live.id}`)}`);
      await page.waitForURL(`${server.url}/relationships/${live.id}`);
      await page.locator('header.topbar').waitFor();
      // And never to another site.
      await p.goto('/sign-in?return_to=%2F%2Felsewhere.example%2F');
      await page.waitForURL(`${server.url}/`);
      assert.deepEqual(p.errors, [], 'no errors in the pages');
    } finally {
      await (await server.client(ADMIN)).put('/admin/video', { provider: 'none' });
      bbb.server.close();
    }
  });
});
