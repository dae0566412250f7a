// A row of tabs that are pages (the account's, the overviews, the organisation settings): each
// a link, the current one marked for the eye and for screen readers.
import { Link, useLocation } from './router';

export interface PageTab {
  to: string;
  label: string;
}

export function PageTabs({ label, tabs }: { label: string; tabs: readonly PageTab[] }) {
  const { path } = useLocation();
  return (
    <nav className="tabs" aria-label={label}>
      {tabs.map((t) => (
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
