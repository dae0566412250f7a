// Provisioning with SCIM 2.0 (GET/POST /admin/scim-tokens, DELETE /admin/scim-tokens/{id}): an
// administrator makes a token for the organisation's identity provider (Entra ID, Okta, ...),
// copies it and the SCIM address into the provider once (the server keeps only its hash), and
// revokes it when the provider no longer needs it. The provider then creates, updates and
// deactivates people itself.
import { useState } from 'react';
import { api, ok } from '../api';
import { OneTimeSecret } from '../OneTimeSecret';
import { MakeTokenForm, TokenRow } from '../TokenParts';
import { formatDate } from '../format';
import type { NewScimToken, ScimToken } from '../types';
import { Card, Empty, useApi } from '../ui';
import { Pending } from './adminParts';
import { SettingsPage } from './SettingsTabs';

export function AdminScim() {
  const tokens = useApi('/admin/scim-tokens', () => ok(api.GET('/api/v1/admin/scim-tokens')));
  const [created, setCreated] = useState<NewScimToken | null>(null);
  const items = [...(tokens.data?.items ?? [])].sort((a, b) => Number(b.id) - Number(a.id));
  const live = items.filter((t) => !t.revoked_at);
  const revoked = items.filter((t) => t.revoked_at);

  return (
    <SettingsPage
      className="page"
      title="Provisioning"
      subtitle="Let the organisation's identity provider create, update and deactivate people with SCIM 2.0, so that Mentorhub follows your directory."
    >
      <div className="profile-layout">
        <div className="stack-lg">
          {created && <NewToken token={created} onDone={() => setCreated(null)} />}
          <MakeTokenForm
            title="Make a token"
            formLabel="Make a SCIM token"
            field="name"
            label="Provider"
            hint="Which identity provider will hold it, so you recognise it later. Up to 100 characters."
            placeholder="e.g. Entra ID"
            submitLabel="Make token"
            make={(name) => ok(api.POST('/api/v1/admin/scim-tokens', { body: { name } }))}
            onMade={async (t) => {
              setCreated(t);
              await tokens.reload();
            }}
          />
          <Card title="Tokens">
            {tokens.error || !tokens.data ? (
              <Pending error={tokens.error} retry={tokens.reload} label="Loading the tokens…" rows={2} card={false} />
            ) : live.length === 0 && revoked.length === 0 ? (
              <Empty title="No SCIM tokens yet" icon="lock">
                Make one above for your identity provider. Until then, people come from imports, invitations and single
                sign-on.
              </Empty>
            ) : (
              <ul className="list token-list" aria-label="SCIM tokens">
                {[...live, ...revoked].map((t) => (
                  <ScimTokenRow key={t.id} token={t} fresh={created?.id === t.id} onRevoked={tokens.reload} />
                ))}
              </ul>
            )}
          </Card>
        </div>
        <aside className="stack-lg">
          <Card title="Connecting a provider">
            <div className="stack">
              <p className="small">In the provider's provisioning settings (Entra ID: Enterprise application → Provisioning; Okta: the app's Provisioning tab), enter:</p>
              <dl className="small scim-connect">
                <dt>Tenant URL / SCIM connector base URL</dt>
                <dd>
                  <code>{tokens.data?.scim_url ?? `${window.location.origin}/scim/v2`}</code>
                </dd>
                <dt>Secret token / API token (Bearer)</dt>
                <dd>a token made here</dd>
              </dl>
              <ul className="small bullets">
                <li>The user name is each person's e-mail address, with which they sign in.</li>
                <li>Department, title, employee number and manager follow the directory; a changed manager is kept as a former manager.</li>
                <li>Deactivating someone signs them out and asks their open relationships to conclude; their history stays.</li>
                <li>Skills, aspirations and everything else in a profile stay the person's own.</li>
              </ul>
            </div>
          </Card>
        </aside>
      </div>
    </SettingsPage>
  );
}

/** The token itself, shown once, with the address to enter beside it. */
function NewToken({ token, onDone }: { token: NewScimToken; onDone: () => void }) {
  return (
    <OneTimeSecret
      id="new-scim-token"
      title={`The token for ${token.name}`}
      warning={
        <>
          <strong>Copy it into the provider now: you will not see it again.</strong> Mentorhub keeps only a fingerprint
          of it. If it is lost, revoke it and make another.
        </>
      }
      label="Secret token"
      secret={token.token}
      note={`SCIM address: ${token.scim_url}`}
      onDone={onDone}
    />
  );
}

function ScimTokenRow({ token: t, fresh, onRevoked }: { token: ScimToken; fresh: boolean; onRevoked: () => Promise<void> }) {
  return (
    <TokenRow
      kind="SCIM token"
      name={t.name}
      revokeWhat={`the token for ${t.name}`}
      tags={
        <>
          {fresh && <span className="tag tag--success">New</span>}
          {t.revoked_at && <span className="tag">Revoked</span>}
        </>
      }
      details={
        <>
          Made {formatDate(t.created_at)}
          {t.revoked_at ? ` · revoked ${formatDate(t.revoked_at)}` : ''}
        </>
      }
      question={<>Revoke the token for {t.name}? The provider can no longer create or change anyone until it has a new one.</>}
      revocable={!t.revoked_at}
      revoke={() => ok(api.DELETE('/api/v1/admin/scim-tokens/{id}', { params: { path: { id: t.id } } }))}
      revokedToast={`The token for ${t.name} is revoked: the provider is refused from now on.`}
      onRevoked={onRevoked}
    />
  );
}
