import { useEffect, useState, type ReactNode } from 'react';
import { api, ok } from './api';
import { Link, matchPath, navigate, useLocation } from './router';
import { SessionProvider, useSession, useSessionState } from './session';
import { Avatar, ErrorState, Loading, ToastProvider } from './ui';
import { ApiError } from './api';
import { SignIn } from './pages/SignIn';
import { isAppPage, returnPathFor, signInPurpose } from './returnTo';
import { SecondFactorRequiredPage, SecondFactorSignIn, SecurityPage } from './pages/SecondFactor';
import { Home } from './pages/Home';
import { Profile } from './pages/Profile';
import { ApiTokens } from './pages/ApiTokens';
import { AvailabilityPage } from './pages/AvailabilityPage';
import { CalendarFeedPage } from './pages/CalendarFeed';
import { NotificationsPage } from './pages/NotificationsPage';
import { NotificationBell } from './notifications/NotificationBell';
import { MailSettingsPage } from './pages/MailSettings';
import { OwnDataPage } from './pages/OwnData';
import { SessionsPage } from './pages/Sessions';
import { ForgotPasswordPage, SetPasswordPage } from './pages/AccessPages';
import { AdminInvitations } from './admin/AdminInvitations';
import { Directory } from './pages/Directory';
import { FindMentor } from './pages/FindMentor';
import { Circles } from './circles/CirclesList';
import { CirclePage } from './circles/CirclePage';
import { Flash } from './flash/FlashPage';
import { PersonPage } from './pages/PersonPage';
import { Requests } from './pages/Requests';
import { WorkspacePage } from './workspace/Workspace';
import { AdminPeople } from './admin/AdminPeople';
import { AdminPersonEdit } from './admin/AdminPersonEdit';
import { AdminPeopleImport } from './admin/AdminPeopleImport';
import { AdminAudit } from './admin/AdminAudit';
import { AdminBreakGlass } from './admin/AdminBreakGlass';
import { AdminRelationships } from './admin/AdminRelationships';
import { AdminReports } from './admin/reports/AdminReports';
import { AdminCircles, AdminFlash } from './admin/AdminFormats';
import { AdminSso } from './admin/AdminSso';
import { AdminVideo } from './admin/AdminVideo';
import { AdminScim } from './admin/AdminScim';
import { CohortsList } from './admin/cohorts/CohortsList';
import { CohortNew } from './admin/cohorts/CohortNew';
import { CohortCsv } from './admin/cohorts/CohortCsv';
import { CohortPage } from './admin/cohorts/CohortPage';
import { Icon } from './icons';
import { ProgramsList } from './admin/programs/ProgramsList';
import { ProgramNew } from './admin/programs/ProgramNew';
import { ProgramPage } from './admin/programs/ProgramPage';
import { MyPrograms } from './pages/MyPrograms';

interface NavItem {
  label: string;
  to: string;
  /** Paths that highlight this item besides `to` itself. */
  prefixes: string[];
  admin?: boolean;
  badge?: 'requests';
}

// One list for the whole navigation.
const NAV: { group: string; items: NavItem[] }[] = [
  {
    group: 'Mentoring',
    items: [
      { label: 'Home', to: '/', prefixes: ['/relationships/'] },
      { label: 'Find a mentor', to: '/find-a-mentor', prefixes: [] },
      { label: 'Circles', to: '/circles', prefixes: ['/circles/'] },
      { label: 'Flash', to: '/flash', prefixes: [] },
      { label: 'Programs', to: '/programs', prefixes: [] },
      { label: 'Requests', to: '/requests', prefixes: [], badge: 'requests' },
      { label: 'People', to: '/people', prefixes: ['/people/'] },
    ],
  },
  {
    group: 'Administration',
    items: [
      { label: 'People admin', to: '/admin/people', prefixes: ['/admin/people/', '/admin/invitations'], admin: true },
      { label: 'Relationships', to: '/admin/relationships', prefixes: ['/admin/circles', '/admin/flash', '/admin/reports'], admin: true },
      // Cohorts belong to programs: one link for both, with tabs between the two lists.
      { label: 'Programs', to: '/admin/programs', prefixes: ['/admin/programs/', '/admin/cohorts'], admin: true },
      { label: 'Sign-in', to: '/admin/sso', prefixes: ['/admin/video', '/admin/scim'], admin: true },
    ],
  },
];

interface Route {
  pattern: string;
  admin?: boolean;
  render: (params: Record<string, string>) => ReactNode;
}

const ROUTES: Route[] = [
  { pattern: '/', render: () => <Home /> },
  { pattern: '/notifications', render: () => <NotificationsPage /> },
  { pattern: '/profile', render: () => <Profile /> },
  { pattern: '/profile/api-tokens', render: () => <ApiTokens /> },
  { pattern: '/profile/availability', render: () => <AvailabilityPage /> },
  { pattern: '/profile/calendar', render: () => <CalendarFeedPage /> },
  { pattern: '/profile/mail', render: () => <MailSettingsPage /> },
  { pattern: '/profile/sessions', render: () => <SessionsPage /> },
  { pattern: '/profile/security', render: () => <SecurityPage /> },
  { pattern: '/profile/data', render: () => <OwnDataPage /> },
  { pattern: '/find-a-mentor', render: () => <FindMentor /> },
  { pattern: '/circles', render: () => <Circles /> },
  { pattern: '/circles/:id', render: (p) => <CirclePage id={p.id} key={p.id} /> },
  { pattern: '/flash', render: () => <Flash /> },
  { pattern: '/people', render: () => <Directory /> },
  { pattern: '/people/:id', render: (p) => <PersonPage id={p.id} key={p.id} /> },
  { pattern: '/requests', render: () => <Requests /> },
  { pattern: '/programs', render: () => <MyPrograms /> },
  { pattern: '/relationships/:id', render: (p) => <WorkspacePage id={p.id} key={p.id} /> },
  { pattern: '/admin', admin: true, render: () => <AdminPeople /> },
  { pattern: '/admin/people', admin: true, render: () => <AdminPeople /> },
  { pattern: '/admin/people/new', admin: true, render: () => <AdminPersonEdit key="new" /> },
  { pattern: '/admin/people/import', admin: true, render: () => <AdminPeopleImport /> },
  { pattern: '/admin/people/:id', admin: true, render: (p) => <AdminPersonEdit id={p.id} key={p.id} /> },
  { pattern: '/admin/invitations', admin: true, render: () => <AdminInvitations /> },
  { pattern: '/admin/relationships', admin: true, render: () => <AdminRelationships /> },
  { pattern: '/admin/relationships/:id/content', admin: true, render: (p) => <AdminBreakGlass id={p.id} key={p.id} /> },
  { pattern: '/admin/reports', admin: true, render: () => <AdminReports /> },
  { pattern: '/admin/audit', admin: true, render: () => <AdminAudit /> },
  { pattern: '/admin/sso', admin: true, render: () => <AdminSso /> },
  { pattern: '/admin/video', admin: true, render: () => <AdminVideo /> },
  { pattern: '/admin/scim', admin: true, render: () => <AdminScim /> },
  // The circles and flash overviews (tabs next to the relationships overview) show their own
  // "Administrators only" state to everyone else.
  { pattern: '/admin/circles', render: () => <AdminCircles /> },
  { pattern: '/admin/flash', render: () => <AdminFlash /> },
  { pattern: '/admin/programs', admin: true, render: () => <ProgramsList /> },
  { pattern: '/admin/programs/new', admin: true, render: () => <ProgramNew /> },
  { pattern: '/admin/programs/:id', admin: true, render: (p) => <ProgramPage id={p.id} key={p.id} /> },
  { pattern: '/admin/cohorts', admin: true, render: () => <CohortsList /> },
  { pattern: '/admin/cohorts/new', admin: true, render: () => <CohortNew /> },
  { pattern: '/admin/cohorts/try-csv', admin: true, render: () => <CohortCsv /> },
  { pattern: '/admin/cohorts/:id', admin: true, render: (p) => <CohortPage id={p.id} key={p.id} /> },
  {
    pattern: '/admin/cohorts/:id/matchings/:matchingId',
    admin: true,
    render: (p) => <CohortPage id={p.id} matchingId={p.matchingId} key={p.id + ':' + p.matchingId} />,
  },
];

export function App() {
  const { state, refresh, signIn, finishSignIn, cancelSignIn, signOut } = useSessionState();
  const { path, search } = useLocation();
  // Reached from a mail or the sign-in page, signed in or not.
  if (path === '/set-password') return <SetPasswordPage />;
  if (path === '/forgot-password') return <ForgotPasswordPage />;
  if (state.status === 'loading')
    return (
      <div className="boot">
        <Loading label="Opening Mentorhub…" rows={0} />
      </div>
    );
  if (state.status === 'signed-out') {
    const returnTo = returnPathFor(path, search);
    return <SignIn onSignIn={signIn} notice={state.reason ?? signInPurpose(path, returnTo)} returnTo={returnTo} />;
  }
  if (state.status === 'second-factor')
    return <SecondFactorSignIn onSubmit={(answer) => finishSignIn(state.challenge, answer)} onCancel={cancelSignIn} />;
  if (state.status === 'set-up-second-factor')
    return <SecondFactorRequiredPage name={state.me.name} onDone={() => void refresh()} onSignOut={() => void signOut()} />;
  if (path === '/sign-in') return <ReturnAfterSignIn to={returnPathFor(path, search)} />;
  return (
    <ToastProvider>
      <SessionProvider value={{ me: state.me, refresh, signOut }}>
        <Shell />
      </SessionProvider>
    </ToastProvider>
  );
}

/** Signed in at /sign-in (sent there by the server from a link): on to where the link pointed. */
function ReturnAfterSignIn({ to }: { to: string }) {
  useEffect(() => {
    if (isAppPage(to)) navigate(to, { replace: true });
    else window.location.replace(to);
  }, [to]);
  return (
    <div className="boot">
      <Loading label="Opening…" rows={0} />
    </div>
  );
}

function Shell() {
  const { me, signOut } = useSession();
  const { path } = useLocation();
  const [menuOpen, setMenuOpen] = useState(false);
  const [counts, setCounts] = useState({ requests: 0, notifications: 0 });

  useEffect(() => {
    setMenuOpen(false);
    let cancelled = false;
    const count = () =>
      Promise.all([
        ok(api.GET('/api/v1/relationships', { params: { query: { state: 'requested', limit: 100 } } })),
        ok(api.GET('/api/v1/me/notifications', { params: { query: { unread: 'true', limit: 1 } } })),
      ])
        .then(([rels, notifications]) => {
          if (!cancelled)
            setCounts({
              requests: rels.items.filter((r) => r.waiting_for_me).length,
              notifications: notifications.unread,
            });
        })
        .catch(() => {});
    void count();
    window.addEventListener('mh:counts', count);
    return () => {
      cancelled = true;
      window.removeEventListener('mh:counts', count);
    };
  }, [path]);

  let content: ReactNode = null;
  for (const route of ROUTES) {
    const params = matchPath(route.pattern, path);
    if (!params) continue;
    content =
      route.admin && !me.is_admin ? (
        <ErrorState title="Administrators only" error={new ApiError(403, 'forbidden', 'only program administrators can open this page')} />
      ) : (
        route.render(params)
      );
    break;
  }
  if (!content)
    content = <ErrorState error={new ApiError(404, 'not_found', `there is no page at ${path}`)} />;

  const isActive = (item: NavItem) =>
    item.to === '/'
      ? path === '/' || item.prefixes.some((p) => path.startsWith(p))
      : path === item.to || item.prefixes.some((p) => path.startsWith(p));

  return (
    <div className="shell">
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      <header className={'topbar' + (me.is_admin ? ' topbar--admin' : '')}>
        <div className="topbar__inner">
          <Link to="/" className="brand" aria-label="Mentorhub home">
            <img src="/favicon.svg" alt="" width="28" height="28" />
            <span>Mentorhub</span>
          </Link>
          <NotificationBell unread={counts.notifications} />
          <button
            className="menu-toggle"
            aria-expanded={menuOpen}
            aria-controls="main-nav"
            onClick={() => setMenuOpen((o) => !o)}
          >
            <span aria-hidden="true">☰</span> Menu
          </button>
          <nav id="main-nav" className={'nav' + (menuOpen ? ' nav--open' : '')} aria-label="Main">
            {NAV.map((group) => {
              const items = group.items.filter((i) => !i.admin || me.is_admin);
              if (!items.length) return null;
              return (
                <div className="nav__group" key={group.group} role="group" aria-label={group.group}>
                  {group.group === 'Administration' && <span className="nav__group-label">Admin</span>}
                  {items.map((item) => {
                    const n = item.badge ? counts[item.badge] : 0;
                    return (
                      <Link
                        key={item.to}
                        to={item.to}
                        className={'nav__link' + (isActive(item) ? ' nav__link--active' : '')}
                        aria-current={isActive(item) ? 'page' : undefined}
                      >
                        {item.label}
                        {n > 0 && (
                          <span
                            className="nav__badge"
                            aria-label={`${n} waiting for you`}
                          >
                            {n}
                          </span>
                        )}
                      </Link>
                    );
                  })}
                </div>
              );
            })}
            <div className="nav__me">
              <Link to="/profile" className={'nav__link nav__profile' + (path === '/profile' || path.startsWith('/profile/') ? ' nav__link--active' : '')}>
                <Avatar name={me.name} size="sm" />
                <span className="nav__me-name">{me.name}</span>
              </Link>
              <button
                className="btn btn--ghost btn--small nav__signout"
                title="Sign out"
                onClick={async () => {
                  await signOut();
                  navigate('/', { replace: true });
                }}
              >
                <Icon name="sign-out" size={18} className="nav__signout-icon" />
                <span className="nav__signout-label">Sign out</span>
              </button>
            </div>
          </nav>
        </div>
      </header>
      <main id="main" className="main" tabIndex={-1}>
        {content}
      </main>
      <footer className="footer">
        Mentorhub · define a purpose, decide the logistics, keep an action plan, weave in stories, debrief and
        conclude.
      </footer>
    </div>
  );
}
