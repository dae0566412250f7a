// End-to-end: a second factor in the browser. A person sets up an authenticator app on the
// Security tab (the QR code and the key shown, a first code, the ten recovery codes shown once),
// signs in again with a code from the app after the password, then with a recovery code; an
// administrator requires a second factor of administrators from the Sign-in settings, and
// another administrator's next sign-in can only set one up. The codes are computed here from the
// key the page shows (RFC 6238), on the server's test clock. Each new page is checked at 375 px
// and 1280 px (no sideways scrolling, a screenshot) and with axe at 1280 px.
//
// Run alone: node tests/e2e/second_factor.test.mjs --binary=build/release/mentorhub_for_test --web-root=web/dist
// (e2e.test.mjs imports it, so ctest's e2e_browser runs it too).
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createHmac } from 'node:crypto';
import { AxeBuilder } from '@axe-core/playwright';
import { ADMIN, MAYA, Stage, expectVisible, options, screenshot } from './harness.mjs';

const WIDTHS = [
  { width: 375, height: 812 },
  { width: 1280, height: 900 },
];

/** RFC 4648 base32 to bytes (spaces ignored). */
function base32(text) {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
  let bits = 0;
  let value = 0;
  const out = [];
  for (const c of text.replace(/\s+/g, '').toUpperCase()) {
    value = (value << 5) | alphabet.indexOf(c);
    bits += 5;
    if (bits >= 8) {
      out.push((value >>> (bits - 8)) & 0xff);
      bits -= 8;
    }
  }
  return Buffer.from(out);
}

/** RFC 6238 (HMAC-SHA1, 6 digits, 30 s) at `when`. */
function totp(secret, when) {
  const counter = Buffer.alloc(8);
  counter.writeBigUInt64BE(BigInt(Math.floor(when.getTime() / 1000 / 30)));
  const mac = createHmac('sha1', base32(secret)).update(counter).digest();
  const offset = mac[mac.length - 1] & 0x0f;
  return String((mac.readUInt32BE(offset) & 0x7fffffff) % 1_000_000).padStart(6, '0');
}

describe('a second factor: setting up, signing in with a code and a recovery code, the requirement', { timeout: 600_000 }, () => {
  const stage = new Stage(options());
  let server;
  const findings = [];
  let mayaSecret, mayaCodes;

  /** Moves the server's clock (and the browsers') 30 s on: a code of a new step. */
  async function nextStep() {
    await server.advanceClock({ advance_seconds: 30 });
    for (const p of stage.people) await p.syncClock();
  }

  const open = (email, { viewport = WIDTHS[1], password } = {}) => stage.open(email, { viewport, password });

  /** No sideways scrolling, a screenshot, and axe at 1280 px. */
  async function check(p, name) {
    const page = p.page;
    await page.waitForFunction(() => !document.querySelector('.loading, .skeleton, [aria-busy="true"]'), null, { timeout: 15_000 });
    const [scrollWidth, innerWidth] = await page.evaluate(() => [document.documentElement.scrollWidth, window.innerWidth]);
    await screenshot(page, `layout-${p.viewport.width}-${name}`, { fullPage: true });
    assert.ok(scrollWidth <= innerWidth, `${name} at ${p.viewport.width} px scrolls sideways (${scrollWidth} > ${innerWidth})`);
    if (p.viewport.width < 1280) return;
    const result = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice']).analyze();
    for (const v of result.violations)
      if (v.impact === 'serious' || v.impact === 'critical')
        findings.push(`${name}: ${v.id} (${v.impact}) ${v.help}: ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(' | ')}`);
  }

  /** The password step of signing in, up to the page that asks for the code. */
  async function passwordStep(p) {
    const page = p.page;
    await p.goto('/');
    await page.getByRole('heading', { name: 'Sign in' }).waitFor();
    await page.getByLabel('E-mail').fill(p.email);
    await page.getByLabel('Password').fill(p.password);
    await page.getByRole('button', { name: 'Sign in' }).click();
  }

  /** Sets up an authenticator app on the page shown; returns [secret, recovery codes]. */
  async function setUp(p, name) {
    const page = p.page;
    await page.getByRole('button', { name: 'Set up an authenticator app' }).click();
    await expectVisible(page.getByRole('img', { name: /QR code to add/ }), 'the QR code is shown');
    const secret = (await page.getByLabel('Secret key').textContent()).replace(/\s+/g, '');
    assert.match(secret, /^[A-Z2-7]{32}$/);
    if (name) await check(p, name);
    await page.getByLabel('Code from your app').fill('000000' === totp(secret, server.now) ? '111111' : '000000');
    await page.getByRole('button', { name: 'Turn on' }).click();
    await expectVisible(page.getByText(/not a current code/i), 'a wrong code is refused at its field');
    await page.getByLabel('Code from your app').fill(totp(secret, server.now));
    await page.getByRole('button', { name: 'Turn on' }).click();
    const list = page.getByRole('list', { name: 'Recovery codes' });
    await expectVisible(list, 'the recovery codes are shown');
    const codes = (await list.getByRole('listitem').allTextContents()).map((c) => c.trim());
    assert.equal(codes.length, 10);
    return [secret, codes];
  }

  before(async () => {
    server = await stage.start();
  });

  after(() => stage.stop({ pageErrors: 'fail' }));

  test('Maya sets up an authenticator app on the Security tab', async () => {
    for (const viewport of WIDTHS) {
      const look = await open(MAYA, { viewport });
      await look.signIn();
      await look.goto('/profile/security');
      await expectVisible(look.page.getByRole('heading', { name: 'Security' }), 'the Security tab');
      await check(look, 'security-off');
    }
    const maya = await open(MAYA);
    await maya.signIn();
    await maya.openAccountTab('Security');
    [mayaSecret, mayaCodes] = await setUp(maya, 'security-setting-up');
    await check(maya, 'security-recovery-codes');
    await maya.page.getByRole('button', { name: 'Done' }).click();
    await expectVisible(maya.page.getByText('10 recovery codes left.'), 'the tab says it is on');
    await check(maya, 'security-on');
  });

  test('signing in asks for a code after the password, then takes a recovery code', async () => {
    await nextStep();
    for (const viewport of WIDTHS) {
      const p = await open(MAYA, { viewport });
      await passwordStep(p);
      await expectVisible(p.page.getByRole('heading', { name: 'Two-step sign-in' }), 'the code is asked for');
      await check(p, 'sign-in-code');
    }
    const maya = stage.people.at(-1);
    const page = maya.page;
    await page.getByLabel('Code from your app').fill('12345');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expectVisible(page.getByText(/6-digit code of your/i), 'a malformed code is refused');
    await page.getByLabel('Code from your app').fill(totp(mayaSecret, server.now));
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.locator('header.topbar').waitFor();

    // With a recovery code, once.
    const again = await open(MAYA);
    await passwordStep(again);
    await again.page.getByRole('button', { name: 'Lost your phone? Use a recovery code' }).click();
    await check(again, 'sign-in-recovery-code');
    await again.page.getByLabel('Recovery code').fill(mayaCodes[0].toUpperCase());
    await again.page.getByRole('button', { name: 'Sign in' }).click();
    await again.page.locator('header.topbar').waitFor();
    await again.goto('/profile/security');
    await expectVisible(again.page.getByText('9 recovery codes left.'), 'one recovery code is used');

    const third = await open(MAYA);
    await passwordStep(third);
    await third.page.getByRole('button', { name: 'Lost your phone? Use a recovery code' }).click();
    await third.page.getByLabel('Recovery code').fill(mayaCodes[0]);
    await third.page.getByRole('button', { name: 'Sign in' }).click();
    await expectVisible(third.page.getByText(/not one of your unused recovery codes/i), 'a used recovery code is refused');
  });

  test('an administrator requires a second factor; another administrator must set one up first', async () => {
    const adminApi = await server.client(ADMIN);
    const email = 'second.admin@northwind.example';
    const password = 'another admin password';
    await adminApi.createPerson({ email, name: 'Sam Second', password, is_admin: true });

    const admin = await open(ADMIN);
    await admin.signIn();
    await admin.goto('/profile/security');
    await nextStep();
    await setUp(admin);
    await admin.page.getByRole('button', { name: 'Done' }).click();
    await admin.goto('/admin/sso');
    const box = admin.page.getByLabel('Require administrators to sign in with a second factor (an authenticator app)');
    // Saved as soon as it is ticked; the box shows what the server saved.
    await box.click();
    await expectVisible(admin.page.getByText('Administrators must now have a second factor'), 'the requirement is saved');
    assert.equal(await box.isChecked(), true);
    await expectVisible(admin.page.getByText(/1 of \d+ administrators have one/), 'the counts are shown');
    await check(admin, 'admin-sign-in-second-factor');

    for (const viewport of WIDTHS) {
      const sam = await open(email, { viewport, password });
      await passwordStep(sam);
      await expectVisible(sam.page.getByRole('heading', { name: 'Set up a second factor' }), 'Sam must set one up');
      await check(sam, 'second-factor-required');
    }
    const sam = stage.people.at(-1);
    // Nothing else works for this session meanwhile.
    const refused = await sam.page.evaluate(async () => (await fetch('/api/v1/people')).json());
    assert.equal(refused.error.code, 'second_factor_setup_required');
    await nextStep();
    await setUp(sam);
    await sam.page.getByRole('button', { name: 'Go on to Mentorhub' }).click();
    await sam.page.locator('header.topbar').waitFor();
    await sam.goto('/admin/people');
    await expectVisible(sam.page.getByRole('heading', { level: 1 }), 'Sam reaches the administration');
  });

  test('no page has a serious or critical accessibility finding', () => {
    assert.deepEqual(findings, [], `axe found:\n${findings.join('\n')}`);
  });
});
