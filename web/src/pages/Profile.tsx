import { useState, type FormEvent, type ReactNode } from 'react';
import { api, ok } from '../api';
import { hours, percent, plural } from '../format';
import { PageTabs } from '../PageTabs';
import { useSession } from '../session';
import type { Person, Responsiveness } from '../types';
import { Button, Card, FormError, Page, TextField, useAction, useApi, useDraftForm, useToast } from '../ui';
import { ProfileForm } from './ProfileForm';

export function Profile() {
  const { me, refresh } = useSession();
  const save = useAction();
  const toast = useToast();
  const [version, setVersion] = useState(0);

  async function onSave(patch: Record<string, unknown>) {
    const saved = await save.run(() => ok(api.PATCH('/api/v1/me', { body: patch })));
    if (saved) {
      await refresh();
      setVersion((v) => v + 1);
      toast('Profile saved');
    }
  }

  return (
    <AccountPage
      title="My profile"
      subtitle="Colleagues see your name, title, skills, what you offer and your bio when they look for a mentor. Your aspirations stay private."
      aside={
        <>
          <Card title="Managed by your administrator">
            <dl className="facts">
              <dt>E-mail</dt>
              <dd>{me.email}</dd>
              <dt>Organisation</dt>
              <dd>
                {me.organisation || '–'}
                {me.is_external && <span className="tag">External</span>}
              </dd>
              <dt>Department</dt>
              <dd>{me.department || '–'}</dd>
              <dt>Manager</dt>
              <dd>{me.manager_id ? <ManagerName id={me.manager_id} /> : 'Nobody'}</dd>
            </dl>
          </Card>
          {me.responsiveness && (me.mentor_capacity > 0 || me.responsiveness.requests_received > 0) && (
            <ResponsivenessCard r={me.responsiveness} mine />
          )}
          <PasswordCard />
        </>
      }
    >
      <Card>
        <ProfileForm key={version} person={me} onSave={onSave} error={save.error} busy={save.busy} />
      </Card>
    </AccountPage>
  );
}

function ManagerName({ id }: { id: string }) {
  const p = useApi<Person>(`/people/${id}`, () => ok(api.GET('/api/v1/people/{id}', { params: { path: { id } } })));
  return <>{p.data?.name ?? (p.error ? `Person #${id}` : '…')}</>;
}

export function ResponsivenessCard({ r, mine = false, name }: { r: Responsiveness; mine?: boolean; name?: string }) {
  return (
    <Card title={mine ? 'My responsiveness' : 'Responsiveness'} className="responsiveness">
      {r.requests_received === 0 ? (
        <p className="muted">
          {mine ? 'No mentoring requests yet.' : `${name ?? 'This person'} has not received a mentoring request yet.`}
        </p>
      ) : (
        <>
          <div className="metrics">
            <div className="metric">
              <span className="metric__value">{percent(r.answer_rate)}</span>
              <span className="metric__label">answer rate</span>
            </div>
            <div className="metric">
              <span className="metric__value">{hours(r.median_hours_to_answer)}</span>
              <span className="metric__label">median time to answer</span>
            </div>
          </div>
          <p className="muted small">
            {plural(r.answered, 'request')} answered of {plural(r.requests_received, 'request')} received.
          </p>
        </>
      )}
      <p className="muted small">
        Against ghosting: every mentor’s answer rate and median time to answer are shown on their profile.
      </p>
    </Card>
  );
}

const NO_PASSWORDS = { current_password: '', new_password: '' };

function PasswordCard() {
  const { draft, setDraft, action, field } = useDraftForm(NO_PASSWORDS);
  const toast = useToast();

  async function submit(e: FormEvent) {
    e.preventDefault();
    const done = await action.run(async () => {
      await ok(api.POST('/api/v1/me/password', { body: draft }));
      return true;
    });
    if (done) {
      setDraft(NO_PASSWORDS);
      toast('Password changed');
    }
  }

  return (
    <Card title="Password">
      <form className="stack" onSubmit={submit} noValidate>
        <TextField label="Current password" type="password" autoComplete="current-password" {...field('current_password')} />
        <TextField label="New password" type="password" autoComplete="new-password" hint="At least 10 characters." {...field('new_password')} />
        {action.error && !action.error.field && <FormError error={action.error} />}
        <Button type="submit" variant="secondary" busy={action.busy}>
          Change password
        </Button>
      </form>
    </Card>
  );
}

/** The pages of one's account: profile, availability, calendar, mail, API tokens, sessions, security and one's data. */
const ACCOUNT_TABS = [
  { to: '/profile', label: 'Profile' },
  { to: '/profile/availability', label: 'Availability' },
  { to: '/profile/calendar', label: 'Calendar' },
  { to: '/profile/mail', label: 'Mail' },
  { to: '/profile/api-tokens', label: 'API tokens' },
  { to: '/profile/sessions', label: 'Sessions' },
  { to: '/profile/security', label: 'Security' },
  { to: '/profile/data', label: 'Your data' },
];

export function AccountTabs() {
  return <PageTabs label="Account" tabs={ACCOUNT_TABS} />;
}

/** One of the account's pages: its heading and the tabs, then `children` with `aside` beside them. */
export function AccountPage({ title, subtitle, aside, children }: { title: string; subtitle: string; aside: ReactNode; children: ReactNode }) {
  return (
    <Page title={title} subtitle={subtitle}>
      <AccountTabs />
      <div className="profile-layout">
        <div className="stack-lg">{children}</div>
        <aside className="stack-lg">{aside}</aside>
      </div>
    </Page>
  );
}
