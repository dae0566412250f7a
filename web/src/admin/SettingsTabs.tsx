// The organisation's settings pages behind the administrators' "Sign-in" link: how people sign
// in (identity provider, second factor) and where they meet by video. Tabs, not more top-level
// links, so the navigation stays one row at 1280 px.
import { Link, useLocation } from '../router';

const SETTINGS = [
  { to: '/admin/sso', label: 'Sign-in' },
  { to: '/admin/video', label: 'Video rooms' },
];

export function SettingsTabs() {
  const { path } = useLocation();
  return (
    <nav className="tabs" aria-label="Organisation settings">
      {SETTINGS.map((t) => (
        <Link
          key={t.to}
          to={t.to}
          className={'tabs__tab' + (path === t.to ? ' tabs__tab--active' : '')}
          aria-current={path === t.to ? 'page' : undefined}
        >
          {t.label}
        </Link>
      ))}
    </nav>
  );
}
