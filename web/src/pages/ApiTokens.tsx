// Personal API tokens (GET/POST /me/tokens, DELETE /me/tokens/{id}): scripts use the API as the
// person who made the token, with an `Authorization: Bearer` header and no CSRF token. The
// server keeps only a hash, so a new token is shown once, here, with a copy button.
import { useState, type FormEvent } from 'react';
import { api, ok } from '../api';
import { OneTimeSecret } from '../OneTimeSecret';
import { formatDate, relativeTime } from '../format';
import type { ApiToken, NewApiToken } from '../types';
import { Button, Card, Empty, ErrorState, FormError, Hint, Loading, PageHeader, TextField, errorFor, useAction, useApi, useToast } from '../ui';
import { AccountTabs } from './Profile';

const MAX_TOKENS = 20;
const SOON_MS = 30 * 86_400_000;

export function ApiTokens() {
  const tokens = useApi('/me/tokens', () => ok(api.GET('/api/v1/me/tokens')));
  const [created, setCreated] = useState<NewApiToken | null>(null);
  // Newest first: the one just created is at the top.
  const items = [...(tokens.data?.items ?? [])].sort((a, b) => b.created_at.localeCompare(a.created_at));

  return (
    <div className="page">
      <PageHeader
        title="API tokens"
        subtitle="A personal token lets a script or a spreadsheet use the Mentorhub API as you, with exactly what you may see and change."
      />
      <AccountTabs />
      <div className="profile-layout">
        <div className="stack-lg">
          {created && <NewToken token={created} onDone={() => setCreated(null)} />}
          <CreateToken
            full={items.length >= MAX_TOKENS}
            onCreated={async (t) => {
              setCreated(t);
              await tokens.reload();
            }}
          />
          <Card title={tokens.data ? `Your tokens (${items.length} of ${MAX_TOKENS})` : 'Your tokens'}>
            {tokens.error ? (
              <ErrorState error={tokens.error} retry={tokens.reload} />
            ) : !tokens.data ? (
              <Loading label="Loading your tokens…" rows={2} />
            ) : items.length === 0 ? (
              <Empty title="No API tokens yet" icon="lock">
                Create one above when a script needs to read or change your mentoring data. You can revoke it at any
                time.
              </Empty>
            ) : (
              <ul className="list token-list" aria-label="API tokens">
                {items.map((t) => (
                  <TokenRow
                    key={t.id}
                    token={t}
                    fresh={created?.id === t.id}
                    onRevoked={async () => {
                      if (created?.id === t.id) setCreated(null);
                      await tokens.reload();
                    }}
                  />
                ))}
              </ul>
            )}
          </Card>
        </div>
        <aside className="stack-lg">
          <Card title="Using a token">
            <div className="stack">
              <p className="small">Send it in the Authorization header of each request:</p>
              <pre className="code-block" tabIndex={0}>
                <code>{`curl -H "Authorization: Bearer YOUR_TOKEN" \\\n  ${window.location.origin}/api/v1/me`}</code>
              </pre>
              <ul className="small bullets">
                <li>A token acts as you: it sees and changes only what you may.</li>
                <li>It needs no CSRF header and lasts a year, unless you revoke it first.</li>
                <li>Signing out does not revoke tokens; revoke one here if it leaks.</li>
              </ul>
            </div>
          </Card>
        </aside>
      </div>
    </div>
  );
}

function CreateToken({ full, onCreated }: { full: boolean; onCreated: (t: NewApiToken) => Promise<void> }) {
  const [label, setLabel] = useState('');
  const action = useAction();
  async function submit(e: FormEvent) {
    e.preventDefault();
    const t = await action.run(() => ok(api.POST('/api/v1/me/tokens', { body: { label: label.trim() } })));
    if (t) {
      setLabel('');
      await onCreated(t);
    }
  }
  return (
    <Card title="Create a token">
      <form className="stack" onSubmit={submit} noValidate aria-label="Create an API token">
        <TextField
          label="Name"
          hint="What will use it, so you recognise it later. Up to 100 characters."
          placeholder="e.g. Weekly report script"
          maxLength={200}
          value={label}
          onChange={(e) => setLabel(e.target.value)}
          error={errorFor(action.error, 'label')}
        />
        {full && (
          <Hint tone="warn">You have {MAX_TOKENS} tokens, the most you can hold. Revoke one you no longer use first.</Hint>
        )}
        {action.error && action.error.field !== 'label' && <FormError error={action.error} />}
        <div className="form-actions">
          <Button type="submit" busy={action.busy}>
            Create token
          </Button>
        </div>
      </form>
    </Card>
  );
}

/** The token itself, shown once. */
function NewToken({ token, onDone }: { token: NewApiToken; onDone: () => void }) {
  return (
    <OneTimeSecret
      id="new-token"
      title={`Your new token${token.label ? `: ${token.label}` : ''}`}
      warning={
        <>
          <strong>Copy it now: you will not see it again.</strong> Mentorhub keeps only a fingerprint of it. If you lose
          it, revoke it and create another.
        </>
      }
      label="Token"
      secret={token.token}
      note={`Expires ${formatDate(token.expires_at)}.`}
      onDone={onDone}
    />
  );
}

function TokenRow({ token: t, fresh, onRevoked }: { token: ApiToken; fresh: boolean; onRevoked: () => Promise<void> }) {
  const [confirming, setConfirming] = useState(false);
  const action = useAction();
  const toast = useToast();
  const name = t.label || 'Unnamed token';
  const expiresSoon = new Date(t.expires_at).getTime() - Date.now() < SOON_MS;

  async function revoke() {
    const done = await action.run(async () => {
      await ok(api.DELETE('/api/v1/me/tokens/{id}', { params: { path: { id: t.id } } }));
      return true;
    });
    if (done) {
      toast(`“${name}” is revoked: scripts using it are refused from now on.`);
      await onRevoked();
    }
  }

  return (
    <li className="list__item token" aria-label={`API token: ${name}`}>
      <div className="list__main stack-sm">
        <div>
          <strong>{name}</strong> {fresh && <span className="tag tag--success">New</span>}
          {expiresSoon && <span className="tag tag--waiting">Expires soon</span>}
        </div>
        <div className="muted small">
          Created {formatDate(t.created_at)} · expires {formatDate(t.expires_at)} ({relativeTime(t.expires_at)}) ·
          fingerprint <code title="The start of the token's hash: it cannot be used to sign in">{t.id}</code>
        </div>
        {confirming && (
          <div className="confirm" role="group" aria-label={`Revoke ${name}?`}>
            <p>Revoke “{name}”? Any script using it is refused at once. This cannot be undone.</p>
            <div className="row">
              <Button variant="danger" busy={action.busy} onClick={revoke}>
                Revoke token
              </Button>
              <Button variant="ghost" onClick={() => setConfirming(false)}>
                Keep it
              </Button>
            </div>
          </div>
        )}
        {action.error && (
          <p className="field__error" role="alert">
            Not revoked: {action.error.message}
          </p>
        )}
      </div>
      {!confirming && (
        <Button variant="secondary" aria-label={`Revoke ${name}`} onClick={() => setConfirming(true)}>
          Revoke…
        </Button>
      )}
    </li>
  );
}
