import { useEffect, useState, type FormEvent, type ReactNode } from 'react';
import { ApiError, api } from '../api';
import { Link } from '../router';
import { withReturnTo } from '../returnTo';
import type { PublicConfig } from '../types';
import { Button, TextField, errorFor, useAction } from '../ui';

/** A signed-out page: the panel with the brand and `title`, alone on the page unless an `aside`
 *  stands beside it. */
export function SignInShell({ title, wide = false, aside, children }: { title: string; wide?: boolean; aside?: ReactNode; children: ReactNode }) {
  return (
    <div className={'signin' + (aside ? '' : ' signin--alone')}>
      <div className={'signin__panel' + (wide ? ' signin__panel--wide' : '')}>
        <div className="signin__brand">
          <img src="/favicon.svg" alt="" width="40" height="40" />
          <span>Mentorhub</span>
        </div>
        <h1>{title}</h1>
        {children}
      </div>
      {aside}
    </div>
  );
}

/** A message of a signed-out page that belongs to no field, as a sentence. */
export function PanelError({ message }: { message: string | null }) {
  if (!message) return null;
  return (
    <div className="form-error" role="alert">
      {message.charAt(0).toUpperCase() + message.slice(1)}.
    </div>
  );
}

/** What the API refused without naming a field, else null. */
export const generalMessage = (error: ApiError | null) => (error && !error.field ? error.message : null);

/** The address one signs in with. */
export function EmailField({ value, onChange, error, autoFocus }: { value: string; onChange: (v: string) => void; error: ApiError | null; autoFocus: boolean }) {
  return (
    <TextField
      label="E-mail"
      type="email"
      name="email"
      autoComplete="username"
      value={value}
      onChange={(e) => onChange(e.target.value)}
      error={errorFor(error, 'email')}
      autoFocus={autoFocus}
    />
  );
}

/** What the sign-in page offers: the demo's accounts (only on a database seeded by `mentorhub
 *  demo`), the organisation's identity provider, and whether passwords are still accepted. */
function usePublicConfig(): PublicConfig | null {
  const [config, setConfig] = useState<PublicConfig | null>(null);
  useEffect(() => {
    let live = true;
    api
      .GET('/api/v1/config')
      .then(({ data }) => live && setConfig(data ?? null))
      .catch(() => live && setConfig(null));
    return () => {
      live = false;
    };
  }, []);
  return config;
}

/** Why a single sign-on came back refused: the server sends the browser to `/?sso_error=...`. */
function ssoErrorFromAddress(): string | null {
  const message = new URLSearchParams(window.location.search).get('sso_error');
  return message ? message.slice(0, 300) : null;
}

export function SignIn({
  onSignIn,
  notice,
  returnTo = '/',
}: {
  onSignIn: (email: string, password: string) => Promise<void>;
  notice?: string;
  /** Where the person goes once signed in (a password sign-in stays at the address it started). */
  returnTo?: string;
}) {
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const { busy, error, run } = useAction();
  const config = usePublicConfig();
  const demo = config?.demo ?? null;
  const sso = config?.sso ?? null;
  const passwordsOff = config?.password_sign_in === false;
  const [ssoError] = useState(ssoErrorFromAddress);
  const [showPasswordForm, setShowPasswordForm] = useState(false);

  async function submit(e: FormEvent) {
    e.preventDefault();
    // Signed in, the page moves on: the button stays busy until it does.
    await run(() => onSignIn(email, password), true);
  }

  return (
    <SignInShell
      title="Sign in"
      aside={
        demo && (
          <aside className="signin__demo" aria-labelledby="demo-title">
            <h2 id="demo-title">Trying the demo?</h2>
            <p>
              This server runs the demo organisation, Northwind Labs. Every demo account has the password{' '}
              <code>{demo.password}</code>. Pick one to fill the form:
            </p>
            <ul className="demo-list">
              {demo.accounts.map((a) => (
                <li key={a.email}>
                  <button
                    type="button"
                    className="demo-account"
                    onClick={() => {
                      setEmail(a.email);
                      setPassword(demo.password);
                    }}
                  >
                    <span className="demo-account__who">{a.role.charAt(0).toUpperCase() + a.role.slice(1)}</span>
                    <span className="demo-account__email">{a.email}</span>
                  </button>
                </li>
              ))}
            </ul>
          </aside>
        )
      }
    >
      <p className="muted">Find a mentor or become one, and make every mentoring relationship worth the time.</p>
      {notice && (
        <div className="notice" role="status">
          {notice}
        </div>
      )}
      <PanelError message={ssoError} />
      {sso && (
        <div className="stack signin__sso">
          <a className="btn btn--block" href={withReturnTo(sso.start_url, returnTo)}>
            Sign in with {sso.provider_name}
          </a>
          {passwordsOff && !showPasswordForm && (
            <button type="button" className="btn btn--ghost btn--block" onClick={() => setShowPasswordForm(true)}>
              Administrator sign-in with a password
            </button>
          )}
        </div>
      )}
      {(!passwordsOff || showPasswordForm) && (
      <form onSubmit={submit} noValidate className="stack">
        <EmailField value={email} onChange={setEmail} error={error} autoFocus={!sso} />
        <TextField
          label="Password"
          type="password"
          name="password"
          autoComplete="current-password"
          value={password}
          onChange={(e) => setPassword(e.target.value)}
          error={errorFor(error, 'password')}
        />
        <PanelError message={generalMessage(error)} />
        <Button type="submit" busy={busy} className="btn btn--block">
          Sign in{sso ? ' with a password' : ''}
        </Button>
        {config?.mail && !passwordsOff && (
          <Link to="/forgot-password" className="signin__forgot">
            Forgot your password?
          </Link>
        )}
      </form>
      )}
    </SignInShell>
  );
}
