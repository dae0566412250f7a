// Administrators' invitations (GET/POST /invitations): who was invited to choose a password and
// whether they have, with "Resend" (a new link; the old one stops) and "Revoke"; and "Invite
// everyone who has not signed in", for a program that imported its people. One person is invited
// from their page under People admin.
import { useState } from 'react';
import { api, ok } from '../api';
import { formatDateTime } from '../format';
import { Link } from '../router';
import { useSession } from '../session';
import type { AccountInvitation } from '../types';
import { Button, Card, Empty, FieldError, FormError, Hint, Page, useAction, useApi, useToast } from '../ui';
import { Pending, RegionTable } from './adminParts';

const STATE_WORDS: Record<AccountInvitation['state'], string> = {
  pending: 'Waiting',
  used: 'Password chosen',
  expired: 'Expired',
  revoked: 'Revoked',
};

export function AdminInvitations() {
  const [all, setAll] = useState(false);
  const list = useApi(`/invitations?${all}`, () =>
    ok(api.GET('/api/v1/invitations', { params: { query: { state: all ? 'all' : 'pending', limit: 100 } } })),
  );
  const bulk = useAction();
  const toast = useToast();
  const waiting = list.data?.not_invited ?? 0;

  async function inviteEveryone() {
    const done = await bulk.run(() => ok(api.POST('/api/v1/invitations/everyone-not-signed-in', { body: {} })));
    if (done) {
      toast(done.invited === 1 ? 'One invitation mailed' : `${done.invited} invitations mailed`);
      await list.reload();
    }
  }

  return (
    <Page
      title="Invitations"
      subtitle="People choose their own password from a link mailed to them. A link works once, for 7 days."
    >
      <div className="stack-lg">
        {list.data && !list.data.mail_enabled && (
          <Hint tone="warn">
            This server sends no e-mail: invitations wait until it is started with a mail server. The command line can
            print a link instead (mentorhub user invite --print-link).
          </Hint>
        )}
        <Card title="Everyone who has not signed in">
          <div className="row">
            <p className="muted">
              {!list.data
                ? 'Counting…'
                : waiting === 0
                  ? 'Everyone has signed in, has a password or has a pending invitation.'
                  : waiting === 1
                    ? '1 person has never signed in and has no invitation yet.'
                    : `${waiting} people have never signed in and have no invitation yet.`}
            </p>
            {waiting > 0 && (
              <Button busy={bulk.busy} onClick={inviteEveryone}>
                {waiting === 1 ? 'Invite them' : `Invite all ${waiting}`}
              </Button>
            )}
          </div>
          <FormError error={bulk.error} />
          <p className="small muted">
            To invite one person, open them under <Link to="/admin/people">People admin</Link>.
          </p>
        </Card>
        <Card
          title={all ? 'All invitations' : 'Waiting invitations'}
          actions={
            <Button variant="ghost" onClick={() => setAll((a) => !a)}>
              {all ? 'Show waiting only' : 'Show all'}
            </Button>
          }
        >
          {list.error || !list.data ? (
            <Pending error={list.error} retry={list.reload} rows={3} card={false} />
          ) : list.data.items.length === 0 ? (
            <Empty title={all ? 'No invitations yet' : 'No invitation is waiting'} icon="check" />
          ) : (
            <RegionTable
              label="Invitations"
              columns={['Person', 'State', { label: 'Invited', className: 'hide-sm' }, { label: 'Actions', srOnly: true }]}
            >
              {list.data.items.map((i) => (
                <InvitationRow key={i.id} invitation={i} onChange={list.reload} />
              ))}
            </RegionTable>
          )}
        </Card>
      </div>
    </Page>
  );
}

function InvitationRow({ invitation: i, onChange }: { invitation: AccountInvitation; onChange: () => Promise<void> }) {
  const { me } = useSession();
  const action = useAction();
  const toast = useToast();
  const params = { path: { id: i.id } };

  async function resend() {
    const made = await action.run(() => ok(api.POST('/api/v1/invitations/{id}/resend', { params })));
    if (made) {
      toast(`A new link is mailed to ${i.person.email}; the old one no longer works`);
      await onChange();
    }
  }
  async function revoke() {
    const done = await action.run(() => ok(api.POST('/api/v1/invitations/{id}/revoke', { params })));
    if (done) {
      toast(`The invitation of ${i.person.name} is revoked`);
      await onChange();
    }
  }

  return (
    <tr>
      <td>
        <strong>{i.person.name}</strong>
        <div className="muted small">{i.person.email}</div>
        <FieldError message={action.error?.message} />
      </td>
      <td>
        <span className={'tag' + (i.state === 'pending' ? ' tag--waiting' : i.state === 'used' ? ' tag--success' : '')}>
          {STATE_WORDS[i.state]}
        </span>
        {i.state === 'pending' && (
          <div className="muted small">until {formatDateTime(i.expires_at, me.timezone)}</div>
        )}
      </td>
      <td className="hide-sm">
        {formatDateTime(i.created_at, me.timezone)}
        {i.invited_by && <div className="muted small">by {i.invited_by}</div>}
      </td>
      <td>
        {i.state !== 'used' && (
          <div className="row">
            <Button variant="secondary" busy={action.busy} aria-label={`Resend to ${i.person.name}`} onClick={resend}>
              Resend
            </Button>
            {i.state === 'pending' && (
              <Button variant="ghost" busy={action.busy} aria-label={`Revoke ${i.person.name}'s invitation`} onClick={revoke}>
                Revoke
              </Button>
            )}
          </div>
        )}
      </td>
    </tr>
  );
}
