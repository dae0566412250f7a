// The organisation's settings pages behind the administrators' "Sign-in" link: how people sign
// in (identity provider, second factor), how the provider provisions them (SCIM) and where they
// meet by video. Tabs, not more top-level
// links, so the navigation stays one row at 1280 px.
import { useCallback, useEffect, useState, type FormEvent, type ReactNode } from 'react';
import { PageTabs } from '../PageTabs';
import { PageHeader, useAction, useToast, type Loaded } from '../ui';

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

/** A settings page's form: a draft made of the settings each time they come (`draftOf`; null
 *  until then), `set` to change one field of it, and `save`, which sends the draft with `put`,
 *  keeps the settings the server answers with and says `done` of them. */
export function useSettingsForm<S, D>(loaded: Loaded<S>, draftOf: (s: S) => D, put: (d: D) => Promise<S>, done: (saved: S) => string) {
  const [draft, setDraft] = useState<D | null>(null);
  const action = useAction();
  const toast = useToast();

  useEffect(() => {
    if (loaded.data) setDraft(draftOf(loaded.data));
  }, [loaded.data]);

  const set = useCallback(<K extends keyof D>(key: K, value: D[K]) => setDraft((d) => (d ? { ...d, [key]: value } : d)), []);

  async function save(e: FormEvent) {
    e.preventDefault();
    if (!draft) return;
    const saved = await action.run(() => put(draft));
    if (saved) {
      loaded.setData(saved);
      toast(done(saved));
    }
  }

  return { draft, set, action, save };
}
