// The browser tests of getting in (invitations and passwords, also by real mail, sessions, a
// second factor, single sign-on, break-glass access, SCIM provisioning), a set small enough to
// run on each store.
// ctest runs them on PostgreSQL as e2e_browser_postgres; e2e.test.mjs imports this file, so
// e2e_browser runs them on SQLite with everything else.
//
// Run: node tests/e2e/identity.test.mjs --store=postgres --binary=build/release/mentorhub_for_test --web-root=web/dist
import { clearScreenshots } from './harness.mjs';

clearScreenshots();
await import('./access.test.mjs');
await import('./mailed_links.test.mjs');
await import('./second_factor.test.mjs');
await import('./sso.test.mjs');
await import('./break_glass.test.mjs');
await import('./scim.test.mjs');
