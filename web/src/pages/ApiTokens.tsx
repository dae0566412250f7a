// Personal API tokens (GET/POST /me/tokens, DELETE /me/tokens/{id}): scripts use the API as the
// person who made the token, with an `Authorization: Bearer` header and no CSRF token. The
// server keeps only a hash, so a new token is shown once, here, with a copy button.
import { useState } from 'react';
import { api, ok } from '../api';
import { OneTimeSecret } from '../OneTimeSecret';
import { MakeTokenForm, TokenRow } from '../TokenParts';
import { formatDate, relativeTime } from '../format';
import type { ApiToken, NewApiToken } from '../types';
import { Card, Empty, Fetched, Hint, useApi } from '../ui';
import { AccountPage } from './Profile';

const MAX_TOKENS = 20;
const SOON_MS = 30 * 86_400_000;

export function ApiTokens() {
  const tokens = useApi('/me/tokens', () => ok(api.GET('/api/v1/me/tokens')));
  const [created, setCreated] = useState<NewApiToken | null>(null);
  // Newest first: the one just created is at the top.
  const items = [...(tokens.data?.items ?? [])].sort((a, b) => b.created_at.localeCompare(a.created_at));

  return (
    <AccountPage
      title="API tokens"
      subtitle="A personal token lets a script or a spreadsheet use the Mentorhub API as you, with exactly what you may see and change."
      aside={
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
      }
    >
      {created && <NewToken token={created} onDone={() => setCreated(null)} />}
      <MakeTokenForm
        title="Create a token"
        formLabel="Create an API token"
        field="label"
        label="Name"
        hint="What will use it, so you recognise it later. Up to 100 characters."
        placeholder="e.g. Weekly report script"
        submitLabel="Create token"
        warning={
          items.length >= MAX_TOKENS && (
            <Hint tone="warn">You have {MAX_TOKENS} tokens, the most you can hold. Revoke one you no longer use first.</Hint>
          )
        }
        make={(label) => ok(api.POST('/api/v1/me/tokens', { body: { label } }))}
        onMade={async (t) => {
          setCreated(t);
          await tokens.reload();
        }}
      />
      <Card title={tokens.data ? `Your tokens (${items.length} of ${MAX_TOKENS})` : 'Your tokens'}>
        <Fetched loaded={tokens} label="Loading your tokens…" rows={2}>
          {() =>
            items.length === 0 ? (
              <Empty title="No API tokens yet" icon="lock">
                Create one above when a script needs to read or change your mentoring data. You can revoke it at any
                time.
              </Empty>
            ) : (
              <ul className="list token-list" aria-label="API tokens">
                {items.map((t) => (
                  <ApiTokenRow
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
            )
          }
        </Fetched>
      </Card>
    </AccountPage>
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

function ApiTokenRow({ token: t, fresh, onRevoked }: { token: ApiToken; fresh: boolean; onRevoked: () => Promise<void> }) {
  const name = t.label || 'Unnamed token';
  const expiresSoon = new Date(t.expires_at).getTime() - Date.now() < SOON_MS;
  return (
    <TokenRow
      kind="API token"
      name={name}
      tags={
        <>
          {fresh && <span className="tag tag--success">New</span>}
          {expiresSoon && <span className="tag tag--waiting">Expires soon</span>}
        </>
      }
      details={
        <>
          Created {formatDate(t.created_at)} · expires {formatDate(t.expires_at)} ({relativeTime(t.expires_at)}) ·
          fingerprint <code title="The start of the token's hash: it cannot be used to sign in">{t.id}</code>
        </>
      }
      question={<>Revoke “{name}”? Any script using it is refused at once. This cannot be undone.</>}
      revocable
      revoke={() => ok(api.DELETE('/api/v1/me/tokens/{id}', { params: { path: { id: t.id } } }))}
      revokedToast={`“${name}” is revoked: scripts using it are refused from now on.`}
      onRevoked={onRevoked}
    />
  );
}
