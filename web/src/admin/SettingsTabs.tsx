// The organisation's settings pages behind the administrators' "Sign-in" link: how people sign
// in (identity provider, second factor), how the provider provisions them (SCIM) and where they
// meet by video. Tabs, not more top-level
// links, so the navigation stays one row at 1280 px.
import type { ReactNode } from 'react';
import { PageTabs } from '../PageTabs';
import { PageHeader } from '../ui';

const SETTINGS = [
  { to: '/admin/sso', label: 'Sign-in' },
  { to: '/admin/scim', label: 'Provisioning' },
  { to: '/admin/video', label: 'Video rooms' },
];

export function SettingsTabs() {
  return <PageTabs label="Organisation settings" tabs={SETTINGS} />;
}

/** A settings page: its heading with the tabs under it, then its cards (in a stack unless
 *  `className` says otherwise). */
export function SettingsPage({ title, subtitle, className = 'stack', children }: { title: string; subtitle: string; className?: string; children: ReactNode }) {
  return (
    <div className={className}>
      <PageHeader title={title} subtitle={subtitle} />
      <SettingsTabs />
      {children}
    </div>
  );
}
