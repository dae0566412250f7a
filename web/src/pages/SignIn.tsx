import { useEffect, useState, type FormEvent } from 'react';
import { ApiError, api } from '../api';
import type { PublicConfig } from '../types';
import { Button, TextField, asApiError, errorFor } from '../ui';

/** The demo's accounts, only when the server runs a database seeded by `mentorhub demo`. */
function useDemoSignIns(): PublicConfig['demo'] {
  const [demo, setDemo] = useState<PublicConfig['demo']>(null);
  useEffect(() => {
    let live = true;
    api
      .GET('/api/v1/config')
      .then(({ data }) => live && setDemo(data?.demo ?? null))
      .catch(() => live && setDemo(null));
    return () => {
      live = false;
    };
  }, []);
  return demo;
}

export function SignIn({ onSignIn, notice }: { onSignIn: (email: string, password: string) => Promise<void>; notice?: string }) {
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  const demo = useDemoSignIns();

  async function submit(e: FormEvent) {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      await onSignIn(email, password);
    } catch (err) {
      setError(asApiError(err));
      setBusy(false);
    }
  }

  const generalError = error && !error.field ? error.message : null;

  return (
    <div className={'signin' + (demo ? '' : ' signin--alone')}>
      <div className="signin__panel">
        <div className="signin__brand">
          <img src="/favicon.svg" alt="" width="40" height="40" />
          <span>Mentorhub</span>
        </div>
        <h1>Sign in</h1>
        <p className="muted">Find a mentor or become one, and make every mentoring relationship worth the time.</p>
        {notice && (
          <div className="notice" role="status">
            {notice}
          </div>
        )}
        <form onSubmit={submit} noValidate className="stack">
          <TextField
            label="E-mail"
            type="email"
            name="email"
            autoComplete="username"
            value={email}
            onChange={(e) => setEmail(e.target.value)}
            error={errorFor(error, 'email')}
            autoFocus
          />
          <TextField
            label="Password"
            type="password"
            name="password"
            autoComplete="current-password"
            value={password}
            onChange={(e) => setPassword(e.target.value)}
            error={errorFor(error, 'password')}
          />
          {generalError && (
            <div className="form-error" role="alert">
              {generalError.charAt(0).toUpperCase() + generalError.slice(1)}.
            </div>
          )}
          <Button type="submit" busy={busy} className="btn btn--block">
            Sign in
          </Button>
        </form>
      </div>
      {demo && (
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
      )}
    </div>
  );
}
