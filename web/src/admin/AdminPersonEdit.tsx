import { useState } from 'react';
import { api, ok } from '../api';
import { formatDateTime } from '../format';
import { Link, navigate } from '../router';
import { useSession } from '../session';
import type { Person } from '../types';
import type { ProfileChanges } from '../pages/ProfileForm';
import { Button, Card, ErrorState, FormError, LoadingCard, PageHeader, useAction, useApi, useToast } from '../ui';
import { ProfileForm } from '../pages/ProfileForm';

export function AdminPersonEdit({ id }: { id?: string }) {
  const person = useApi<Person>(id ? `/people/${id}` : null, () => ok(api.GET('/api/v1/people/{id}', { params: { path: { id: id! } } })));
  const { me, refresh } = useSession();
  const save = useAction();
  const toggle = useAction();
  const invite = useAction();
  const toast = useToast();
  const [version, setVersion] = useState(0);

  async function onSave(patch: ProfileChanges) {
    if (!id) {
      // Creating asks for both: an empty one is refused by the server, which names it.
      const body = { ...patch, email: patch.email ?? '', name: patch.name ?? '' };
      const created = await save.run(() => ok(api.POST('/api/v1/people', { body })));
      if (created) {
        toast(`${created.name} created`);
        navigate(`/admin/people/${created.id}`, { replace: true });
      }
      return;
    }
    const saved = await save.run(() => ok(api.PATCH('/api/v1/people/{id}', { params: { path: { id } }, body: patch })));
    if (saved) {
      person.setData(saved);
      setVersion((v) => v + 1);
      if (saved.id === me.id) await refresh();
      toast('Saved');
    }
  }

  async function setActive(active: boolean) {
    if (!id) return;
    const params = { path: { id } };
    const next = await toggle.run(() =>
      ok(active ? api.POST('/api/v1/people/{id}/reactivate', { params }) : api.POST('/api/v1/people/{id}/deactivate', { params })),
    );
    if (next) {
      person.setData(next);
      toast(`${next.name} ${active ? 'reactivated' : 'deactivated'}`);
    }
  }

  async function sendInvitation() {
    if (!id) return;
    const made = await invite.run(() => ok(api.POST('/api/v1/invitations', { body: { person_id: id } })));
    if (made) toast(`Invitation mailed to ${made.person.email}: the link works for 7 days`);
  }

  if (id && person.error) return <ErrorState error={person.error} retry={person.reload} />;
  if (id && !person.data)
    return (
      <div className="page">
        <LoadingCard label="Loading…" rows={6} />
      </div>
    );
  const p = person.data;

  return (
    <div className="page">
      <nav className="breadcrumbs" aria-label="Breadcrumbs">
        <Link to="/admin/people">People admin</Link> <span aria-hidden="true">/</span> <span>{p ? p.name : 'New person'}</span>
      </nav>
      <PageHeader
        title={p ? p.name : 'New person'}
        subtitle={
          p
            ? `${p.active === false ? 'Deactivated' : 'Active'} · created ${p.created_at ? formatDateTime(p.created_at, me.timezone) : '–'}`
            : 'Create a person. With a first password they can sign in at once; without one, invite them to choose it.'
        }
        actions={
          p && p.id !== me.id ? (
            <div className="row">
              {p.active !== false && (
                <Button variant="secondary" busy={invite.busy} onClick={sendInvitation}>
                  Invite to sign in
                </Button>
              )}
              <Button variant={p.active === false ? 'primary' : 'danger'} busy={toggle.busy} onClick={() => setActive(p.active === false)}>
                {p.active === false ? 'Reactivate' : 'Deactivate'}
              </Button>
            </div>
          ) : undefined
        }
      />
      <FormError error={toggle.error} />
      <FormError error={invite.error} />
      <Card>
        <ProfileForm
          key={version}
          person={p}
          admin
          creating={!id}
          onSave={onSave}
          error={save.error}
          busy={save.busy}
          submitLabel={id ? 'Save changes' : 'Create person'}
        />
      </Card>
    </div>
  );
}
