// The pages a signed-out person reaches from a mail or the sign-in page: "Forgot your password?"
// (POST /auth/password-reset, which answers the same for every address) and the page a mailed
// one-time link opens, /set-password#TOKEN, where an invited person chooses their first password
// and someone who forgot theirs a new one. The token stays after '#', so it never reaches a
// server log; it travels to the server only in request bodies.
import { useEffect, useState, type ChangeEvent, type FormEvent } from 'react';
import { ApiError, api, ok } from '../api';
import { Link, useHash } from '../router';
import type { AccessLink } from '../types';
import { Button, Hint, Loading, TextField, asApiError, errorFor, useAction, useDraft } from '../ui';
import { EmailField, PanelError, SignInShell, generalMessage } from './SignIn';

export function ForgotPasswordPage() {
  const [email, setEmail] = useState('');
  const { busy, error, run } = useAction();
  const [sent, setSent] = useState<string | null>(null);

  async function submit(e: FormEvent) {
    e.preventDefault();
    const answer = await run(() => ok(api.POST('/api/v1/auth/password-reset', { body: { email } })));
    if (answer) setSent(answer.message);
  }

  return (
    <SignInShell title="Forgot your password?">
      {sent ? (
        <div className="stack">
          <div className="notice" role="status">
            {sent}
          </div>
          <p className="muted">Nothing arrived? Look in your spam folder, or ask your program administrator.</p>
          <Link to="/">Back to sign in</Link>
        </div>
      ) : (
        <form onSubmit={submit} noValidate className="stack">
          <p className="muted">Give the address you sign in with: we mail you a link to choose a new password.</p>
          <EmailField value={email} onChange={setEmail} error={error} autoFocus />
          <PanelError message={generalMessage(error)} />
          <Button type="submit" busy={busy} className="btn btn--block">
            Mail me a link
          </Button>
          <Link to="/">Back to sign in</Link>
        </form>
      )}
    </SignInShell>
  );
}

export function SetPasswordPage() {
  const token = useHash();
  // Another link followed in the same tab is another page: nothing of the first link's answer
  // ("no longer works", a typed password) may stay on screen for the second.
  return <SetPasswordForm key={token} token={token} />;
}

function SetPasswordForm({ token }: { token: string }) {
  const [link, setLink] = useState<AccessLink | null>(null);
  const [linkError, setLinkError] = useState<ApiError | null>(null);
  const { draft, set } = useDraft({ password: '', again: '' });
  const { busy, error, setError, run, clear } = useAction();
  const [done, setDone] = useState(false);

  useEffect(() => {
    let live = true;
    ok(api.POST('/api/v1/auth/link', { body: { token } }))
      .then((l) => live && setLink(l))
      .catch((e) => live && setLinkError(asApiError(e)));
    return () => {
      live = false;
    };
  }, [token]);

  /** Either field of the new password; typing in one takes its message away. */
  const newPassword = (name: 'password' | 'again') => ({
    type: 'password',
    name,
    autoComplete: 'new-password',
    value: draft[name],
    onChange: (e: ChangeEvent<HTMLInputElement>) => {
      set(name, e.target.value);
      if (error?.field === name) clear();
    },
    error: errorFor(error, name),
  });

  async function submit(e: FormEvent) {
    e.preventDefault();
    if (draft.password !== draft.again) {
      setError(new ApiError(422, 'invalid', 'the two passwords differ', 'again'));
      return;
    }
    const saved = await run(async () => {
      await ok(api.POST('/api/v1/auth/set-password', { body: { token, password: draft.password } }));
      return true;
    });
    if (saved) setDone(true);
  }

  if (linkError)
    return (
      <SignInShell title="This link no longer works">
        <div className="stack">
          <p>{linkError.status === 404 ? 'It was used, replaced by a newer one, or has expired.' : linkError.message}</p>
          <p className="muted">
            Ask your program administrator for a new invitation, or ask for a new link under “Forgot your password?”.
          </p>
          <div className="row">
            <Link to="/forgot-password">Forgot your password?</Link>
            <Link to="/">Back to sign in</Link>
          </div>
        </div>
      </SignInShell>
    );
  if (!link)
    return (
      <SignInShell title="Choose your password">
        <Loading label="Checking your link…" rows={1} />
      </SignInShell>
    );
  if (done)
    return (
      <SignInShell title="Your password is set">
        <div className="stack">
          <div className="notice" role="status">
            Sign in with {link.email} and your new password. Any other browser signed in as you has been signed out.
          </div>
          <Button className="btn btn--block" onClick={() => window.location.assign('/')}>
            Sign in
          </Button>
        </div>
      </SignInShell>
    );
  const invited = link.purpose === 'invitation';
  return (
    <SignInShell title={invited ? `Welcome, ${link.name}` : 'Choose a new password'}>
      <form onSubmit={submit} noValidate className="stack">
        <p className="muted">
          {invited
            ? `Choose the password you will sign in with, as ${link.email}.`
            : `A new password for ${link.email}. Every browser signed in as you is signed out when you save it.`}
        </p>
        <input type="email" name="username" autoComplete="username" value={link.email} readOnly hidden />
        <TextField
          label="New password"
          hint="At least 10 characters: a short sentence is easy to remember and hard to guess."
          {...newPassword('password')}
          autoFocus
        />
        <TextField label="The same again" {...newPassword('again')} />
        <PanelError message={generalMessage(error)} />
        {error?.status === 404 && <Hint tone="warn">Ask for a new link under “Forgot your password?”.</Hint>}
        <Button type="submit" busy={busy} className="btn btn--block">
          Save my password
        </Button>
      </form>
    </SignInShell>
  );
}
