import { useEffect, useState } from 'react';
import { api, ok } from '../api';
import { Link } from '../router';
import { useSession } from '../session';
import type { Person } from '../types';
import { Button, Empty, FilterField, Page, useAction, useToast } from '../ui';
import { usePeoplePages } from '../pages/Directory';
import { CsvLink, Pending, RegionTable } from './adminParts';

export function AdminPeople() {
  const pages = usePeoplePages(true);
  const [filter, setFilter] = useState('');
  const needle = filter.trim().toLowerCase();
  // A filter looks through everyone, so fetch the remaining pages while one is typed.
  useEffect(() => {
    if (needle && !pages.done && !pages.loading && !pages.error) void pages.loadMore();
  }, [needle, pages]);

  const shown = pages.people.filter(
    (p) => !needle || p.name.toLowerCase().includes(needle) || (p.email ?? '').toLowerCase().includes(needle),
  );

  return (
    <Page
      title="People"
      subtitle="Create people, correct their profiles, and deactivate those who left (their sign-ins end at once)."
      actions={
        <>
          <CsvLink href="/api/v1/admin/people/export.csv" />
          <Link className="btn btn--ghost" to="/admin/invitations">
            Invitations
          </Link>
          <Link className="btn btn--secondary" to="/admin/people/import">
            Import from HR
          </Link>
          <Link className="btn" to="/admin/people/new">
            + New person
          </Link>
        </>
      }
    >
      <div className="toolbar" role="search">
        <FilterField id="admin-filter" label="Filter by name or e-mail" value={filter} onChange={setFilter} />
        <p className="muted small toolbar__count" aria-live="polite">
          {pages.people.length > 0 && `${shown.length} of ${pages.people.length}${pages.done ? '' : '+'} loaded`}
        </p>
      </div>
      {pages.people.length === 0 && (pages.error || pages.loading) ? (
        <Pending error={pages.error} retry={pages.reload} label="Loading people…" rows={5} />
      ) : shown.length === 0 && (pages.done || !needle) ? (
        <Empty title="Nobody matches" icon="search">
          {pages.done ? 'Clear the filter to see everyone.' : 'Load more people to search further.'}
        </Empty>
      ) : (
        <RegionTable
          label="People"
          card
          columns={[
            'Name',
            'E-mail',
            { label: 'Department', className: 'hide-sm' },
            { label: 'Title', className: 'hide-sm' },
            'Status',
            { label: 'Actions', srOnly: true },
          ]}
        >
          {shown.map((p) => (
            <PersonRow
              key={p.id}
              person={p}
              onChange={(np) => pages.setPeople((list) => list.map((x) => (x.id === np.id ? np : x)))}
            />
          ))}
        </RegionTable>
      )}
      <div className="center">
        {!pages.done && pages.people.length > 0 && (
          <Button variant="secondary" busy={pages.loading} onClick={() => void pages.loadMore()}>
            Load more people
          </Button>
        )}
      </div>
    </Page>
  );
}

function PersonRow({ person: p, onChange }: { person: Person; onChange: (p: Person) => void }) {
  const { me } = useSession();
  const action = useAction();
  const toast = useToast();
  async function toggle() {
    const next = await action.run(() => ok(p.active ? api.POST('/api/v1/people/{id}/deactivate', { params: { path: { id: p.id } } }) : api.POST('/api/v1/people/{id}/reactivate', { params: { path: { id: p.id } } })));
    if (next) {
      onChange(next);
      toast(`${next.name} ${next.active ? 'reactivated' : 'deactivated'}`);
    }
  }
  return (
    <tr className={p.active === false ? 'row--inactive' : undefined}>
      <td>
        <Link to={`/admin/people/${p.id}`}>
          <strong>{p.name}</strong>
        </Link>
        {p.is_admin && <span className="tag tag--accent">Admin</span>}
        {p.is_external && <span className="tag">External</span>}
      </td>
      <td className="small">{p.email}</td>
      <td className="hide-sm small">{p.department}</td>
      <td className="hide-sm small">{p.title}</td>
      <td>{p.active === false ? <span className="tag tag--danger">Deactivated</span> : <span className="tag tag--success">Active</span>}</td>
      <td className="table__actions">
        <Link className="btn btn--ghost btn--small" to={`/admin/people/${p.id}`}>
          Edit<span className="sr-only"> {p.name}</span>
        </Link>
        {p.id !== me.id && (
          <Button variant="ghost" className="btn btn--ghost btn--small" busy={action.busy} onClick={toggle}>
            {p.active === false ? 'Reactivate' : 'Deactivate'}
            <span className="sr-only"> {p.name}</span>
          </Button>
        )}
        {action.error && <span className="field__error small">{action.error.message}</span>}
      </td>
    </tr>
  );
}
