// A cohort's members, mentees or mentors, a page at a time, searched by part of the name on the
// server; mentors with their capacity, the mentees they have now and their free places. While the
// cohort's program is open, the administrator adds people and takes a member out.
import { useId, useState } from 'react';
import { api, ok, query } from '../../api';
import { Button, Empty, useAction, useToast } from '../../ui';
import { Pending, RegionTable, type Column } from '../adminParts';
import { CohortAddPeople } from './CohortAddPeople';
import { Pager, freePlaces } from './CohortBits';
import { useCursorPages, useDebounced } from './CohortHooks';
import type { CohortDetail, CohortMember } from './cohortTypes';

const PAGE = 50;

const MENTOR_COLUMNS: Column[] = [
  { label: 'Capacity', className: 'num' },
  { label: 'Mentoring now', className: 'num hide-sm' },
  { label: 'Free', className: 'num' },
];

export function CohortMembers({
  cohort,
  editable,
  onChanged,
}: {
  cohort: CohortDetail;
  /** People may be added and taken out (the program is open). */
  editable: boolean;
  /** The members changed: the cohort's counts are out of date. */
  onChanged: () => void;
}) {
  const [role, setRole] = useState<'mentee' | 'mentor'>('mentee');
  const [adding, setAdding] = useState(false);
  const [term, setTerm] = useState('');
  const q = useDebounced(term.trim());
  const pages = useCursorPages<CohortMember>(`/cohorts/${cohort.id}/members` + query({ role, q }), PAGE, (page) =>
    ok(api.GET('/api/v1/cohorts/{id}/members', { params: { path: { id: cohort.id }, query: { role, q: q || undefined, ...page } } })),
  );
  const total = role === 'mentee' ? cohort.mentees : cohort.mentors;
  const searchId = useId();
  const changed = () => {
    pages.reload();
    onChanged();
  };
  const columns = (role === 'mentor' ? 6 : 3) + (editable ? 1 : 0);

  return (
    <div className="stack">
      <div className="toolbar cohort-members__toolbar">
        <div className="segmented cohort-roles" role="radiogroup" aria-label="Members shown">
          {(['mentee', 'mentor'] as const).map((r) => (
            <label key={r} className="segmented__option">
              <input type="radio" name="cohort-role" value={r} checked={role === r} onChange={() => setRole(r)} />
              <span>
                {r === 'mentee' ? 'Mentees' : 'Mentors'} ({(r === 'mentee' ? cohort.mentees : cohort.mentors).toLocaleString('en-GB')})
              </span>
            </label>
          ))}
        </div>
        <div className="field toolbar__search" role="search">
          <label htmlFor={searchId}>Find a {role} by name</label>
          <input
            id={searchId}
            type="search"
            placeholder="Part of a name"
            value={term}
            maxLength={100}
            autoComplete="off"
            onChange={(e) => setTerm(e.target.value)}
          />
        </div>
        {editable && !adding && (
          <Button variant="secondary" className="btn btn--secondary btn--small" onClick={() => setAdding(true)}>
            + Add {role}s
          </Button>
        )}
      </div>
      {editable && adding && <CohortAddPeople key={role} cohortId={cohort.id} role={role} onAdded={changed} onCancel={() => setAdding(false)} />}
      {pages.error || (pages.loading && pages.items.length === 0) ? (
        <Pending error={pages.error} retry={pages.reload} label={`Loading the ${role}s…`} rows={4} />
      ) : q !== '' && pages.items.length === 0 ? (
        <Empty title={`No ${role} found for “${q}”`} icon="search">
          Nobody among the {role}s of this cohort has “{q}” in their name. Try fewer letters.
        </Empty>
      ) : total === 0 || pages.items.length === 0 ? (
        <Empty title={role === 'mentee' ? 'No mentees' : 'No mentors in this cohort'} icon="people">
          {role === 'mentor'
            ? 'Without mentors nobody can be matched. Create a cohort that includes people who offer one-to-one mentoring.'
            : 'This cohort has nobody to match.'}
        </Empty>
      ) : (
        <RegionTable
          label="Cohort members"
          card
          wrapClassName={pages.loading ? 'cohort-pairs--loading' : undefined}
          className="cohort-members"
          caption={`${role === 'mentee' ? 'Mentees' : 'Mentors'} of the cohort`}
          columns={[
            'Name',
            { label: 'Title', className: 'hide-sm' },
            'Department',
            ...(role === 'mentor' ? MENTOR_COLUMNS : []),
            editable && { label: 'Remove', srOnly: true },
          ]}
        >
          {pages.items.map((m) =>
            m.active ? (
              <tr key={m.id}>
                <td>
                  <strong>{m.name}</strong>
                </td>
                <td className="hide-sm small">{m.title}</td>
                <td className="small">{m.department}</td>
                {role === 'mentor' && (
                  <>
                    <td className="num">{m.capacity}</td>
                    <td className="num hide-sm">{m.live_mentees}</td>
                    <td className="num">
                      {freePlaces(m) === 0 ? <span className="tag tag--warn">Full</span> : freePlaces(m)}
                    </td>
                  </>
                )}
                {editable && <RemoveMember cohortId={cohort.id} role={role} member={m} onRemoved={changed} />}
              </tr>
            ) : (
              <tr key={m.id} className="row--inactive">
                <td colSpan={columns - (editable ? 1 : 0)}>
                  Person #{m.id} <span className="tag tag--danger">Deactivated</span>{' '}
                  <span className="small">left out of matchings</span>
                </td>
                {editable && <RemoveMember cohortId={cohort.id} role={role} member={m} onRemoved={changed} />}
              </tr>
            ),
          )}
        </RegionTable>
      )}
      <Pager pages={pages} pageSize={PAGE} total={q === '' ? total : undefined} label={role === 'mentee' ? 'Mentees' : 'Mentors'} />
    </div>
  );
}

/** A member's "Remove", asked once more in place: their pins and prohibitions in the cohort go
 *  too, and matchings already made keep them. */
function RemoveMember({
  cohortId,
  role,
  member,
  onRemoved,
}: {
  cohortId: string;
  role: 'mentee' | 'mentor';
  member: CohortMember;
  onRemoved: () => void;
}) {
  const [asking, setAsking] = useState(false);
  const remove = useAction();
  const toast = useToast();
  const who = member.name ?? `Person #${member.id}`;

  async function go() {
    const done = await remove.run(async () => {
      await ok(api.DELETE('/api/v1/cohorts/{id}/members/{role}/{person_id}', { params: { path: { id: cohortId, role, person_id: member.id } } }));
      return true;
    });
    if (done) {
      toast(`${who} is no longer a ${role} of the cohort`);
      onRemoved();
    }
  }

  return (
    <td className="cohort-member__remove">
      {asking ? (
        <span className="cohort-member__confirm" role="group" aria-label={`Remove ${who}?`}>
          <span className="small">Their pins and prohibitions here go too.</span>
          <Button variant="danger" className="btn btn--danger btn--small" busy={remove.busy} onClick={go}>
            Remove<span className="sr-only"> {who} from the {role}s</span>
          </Button>
          <Button variant="ghost" className="btn btn--ghost btn--small" onClick={() => setAsking(false)} disabled={remove.busy}>
            Keep
          </Button>
        </span>
      ) : (
        <Button variant="ghost" className="btn btn--ghost btn--small" onClick={() => setAsking(true)}>
          Remove<span className="sr-only"> {who}</span>
        </Button>
      )}
      {remove.error && <p className="field__error small">{remove.error.message}</p>}
    </td>
  );
}
