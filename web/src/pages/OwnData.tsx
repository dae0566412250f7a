// Your data: the download of everything Mentorhub holds about the person (GET /me/export, a JSON
// file), and the deletion of their account (POST /me/deletion) after a plain explanation of what
// goes and what stays, confirmed with their password, or by typing DELETE for someone who signs
// in only through the organisation's identity provider.
import { useState, type FormEvent } from 'react';
import { api, ok } from '../api';
import { Button, Card, Fetched, FormError, Hint, SubmitRow, TextField, errorFor, useAction, useApi } from '../ui';
import { AccountPage } from './Profile';

export function OwnDataPage() {
  const me = useApi('/me', () => ok(api.GET('/api/v1/me')));
  return (
    <AccountPage
      title="Your data"
      subtitle="Everything Mentorhub holds about you: take a copy, or delete your account."
      aside={
        <Card title="What stays">
          <p className="muted">
            The people you mentored or were mentored by keep their record of your relationships. What you wrote in
            them stays, shown as written by “Deleted person”. Your name, profile and private notes do not.
          </p>
        </Card>
      }
    >
      <Card title="Download your data">
        <p>
          One file (JSON) with your profile and skills, your managers, every relationship you are or were in with
          what you can see there (shared content and your own private notes, never the other person's), your
          circles, flash sessions, cohorts, notifications, recommendations, sign-ins and sessions, linked
          sign-on identities, mail settings, and every time an administrator opened one of your relationships.
        </p>
        <div className="form-actions">
          <a className="btn btn--secondary" href="/api/v1/me/export" download>
            Download my data
          </a>
        </div>
      </Card>
      <Card title="Delete your account">
        <Fetched loaded={me} rows={2}>
          {(data) => <DeleteAccount hasPassword={data.has_password} />}
        </Fetched>
      </Card>
    </AccountPage>
  );
}

function DeleteAccount({ hasPassword }: { hasPassword: boolean }) {
  const action = useAction();
  const [open, setOpen] = useState(false);
  const [password, setPassword] = useState('');
  const [typed, setTyped] = useState('');

  async function remove(e: FormEvent) {
    e.preventDefault();
    const body = hasPassword ? { password } : { confirmation: typed };
    const done = await action.run(async () => {
      await ok(api.POST('/api/v1/me/deletion', { body }));
      return true;
    });
    // Signed out: the sign-in page is all that is left.
    if (done) window.location.assign('/');
  }

  return (
    <div className="stack">
      <p>Deleting your account cannot be undone. At once:</p>
      <ul className="bullets">
        <li>your profile, skills, private notes, notifications, sessions and sign-in links are removed;</li>
        <li>your open relationships end and your pending requests are withdrawn; the other person is told;</li>
        <li>you leave your circles (a circle you host ends) and your upcoming flash sessions are cancelled;</li>
        <li>you are signed out everywhere and cannot sign in again. Your e-mail address can be invited again.</li>
      </ul>
      <p className="muted">Download your data first if you want to keep a copy.</p>
      {!open ? (
        <div className="form-actions">
          <Button variant="danger" onClick={() => setOpen(true)}>
            Delete my account…
          </Button>
        </div>
      ) : (
        <form className="stack" onSubmit={remove} aria-label="Confirm the deletion of your account">
          <Hint tone="warn">This deletes your account for good.</Hint>
          {hasPassword ? (
            <TextField
              label="Your password"
              type="password"
              autoComplete="current-password"
              required
              value={password}
              onChange={(e) => setPassword(e.target.value)}
              error={errorFor(action.error, 'password')}
            />
          ) : (
            <TextField
              label="Type DELETE to confirm"
              hint="You sign in through your organisation, so there is no password to ask for."
              required
              autoComplete="off"
              value={typed}
              onChange={(e) => setTyped(e.target.value)}
              error={errorFor(action.error, 'confirmation')}
            />
          )}
          <FormError error={action.error} fieldLabels={{ password: 'Password', confirmation: 'Confirmation' }} />
          <SubmitRow
            className="form-actions"
            busy={action.busy}
            submit="Delete my account for good"
            submitVariant="danger"
            onCancel={() => setOpen(false)}
            cancelLabel="Keep my account"
          />
        </form>
      )}
    </div>
  );
}
