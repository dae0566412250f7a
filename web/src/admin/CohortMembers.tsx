// A cohort's members, mentees or mentors, a page at a time; mentors with their capacity, the
// mentees they have now and their free places.
import { useState } from 'react';
import { Empty, ErrorState, Loading } from '../ui';
import { Pager, freePlaces } from './CohortBits';
import { useCursorPages } from './CohortHooks';
import type { CohortDetail, CohortMember } from './cohortTypes';

const PAGE = 50;

export function CohortMembers({ cohort }: { cohort: CohortDetail }) {
  const [role, setRole] = useState<'mentee' | 'mentor'>('mentee');
  const pages = useCursorPages<CohortMember>(`/cohorts/${cohort.id}/members?role=${role}`, PAGE);
  const total = role === 'mentee' ? cohort.mentees : cohort.mentors;

  return (
    <div className="stack">
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
      {pages.error ? (
        <ErrorState error={pages.error} retry={pages.reload} />
      ) : pages.loading && pages.items.length === 0 ? (
        <div className="card">
          <Loading label={`Loading the ${role}s…`} rows={4} />
        </div>
      ) : total === 0 || pages.items.length === 0 ? (
        <Empty title={role === 'mentee' ? 'No mentees' : 'No mentors in this cohort'} icon="people">
          {role === 'mentor'
            ? 'Without mentors nobody can be matched. Create a cohort that includes people who offer one-to-one mentoring.'
            : 'This cohort has nobody to match.'}
        </Empty>
      ) : (
        <div className={'table-wrap card card--flush' + (pages.loading ? ' cohort-pairs--loading' : '')}>
          <table className="table cohort-members">
            <caption className="sr-only">{role === 'mentee' ? 'Mentees' : 'Mentors'} of the cohort</caption>
            <thead>
              <tr>
                <th scope="col">Name</th>
                <th scope="col" className="hide-sm">
                  Title
                </th>
                <th scope="col">Department</th>
                {role === 'mentor' && (
                  <>
                    <th scope="col" className="num">
                      Capacity
                    </th>
                    <th scope="col" className="num hide-sm">
                      Mentoring now
                    </th>
                    <th scope="col" className="num">
                      Free
                    </th>
                  </>
                )}
              </tr>
            </thead>
            <tbody>
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
                  </tr>
                ) : (
                  <tr key={m.id} className="row--inactive">
                    <td colSpan={role === 'mentor' ? 6 : 3}>
                      Person #{m.id} <span className="tag tag--danger">Deactivated</span>{' '}
                      <span className="small">left out of matchings</span>
                    </td>
                  </tr>
                ),
              )}
            </tbody>
          </table>
        </div>
      )}
      <Pager pages={pages} pageSize={PAGE} total={total} label={role === 'mentee' ? 'Mentees' : 'Mentors'} />
    </div>
  );
}
