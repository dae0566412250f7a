// A program's cohorts (the cohorts list filtered by program_id): each with its dates, whether it
// takes sign-ups and how many are in it, linked to its page; and a way to add one while the
// program can have cohorts.
import { api, ok } from '../../api';
import { dayRangeText } from '../../dateRange';
import { Link } from '../../router';
import { Card, Empty, useApi } from '../../ui';
import { Pending } from '../adminParts';
import { count } from '../cohorts/cohortTypes';
import { takesCohorts, type Program } from './programTypes';

export function ProgramCohorts({ program }: { program: Program }) {
  const list = useApi('/cohorts', () => ok(api.GET('/api/v1/cohorts')));
  const cohorts = list.data?.items.filter((c) => c.program_id === program.id) ?? [];
  const canAdd = takesCohorts(program);
  return (
    <Card
      title={<>Cohorts {list.data && <span className="count">{cohorts.length}</span>}</>}
      actions={
        canAdd && (
          <Link className="btn btn--secondary btn--small" to={`/admin/cohorts/new?program=${program.id}`}>
            + New cohort in this program
          </Link>
        )
      }
    >
      {list.error || !list.data ? (
        <Pending error={list.error} retry={list.reload} label="Loading its cohorts…" rows={2} card={false} />
      ) : cohorts.length === 0 ? (
        <Empty title="No cohorts in this program" icon="people">
          {canAdd
            ? 'A cohort matches a group of its mentees with mentors, or takes sign-ups.'
            : program.state === 'closed'
              ? 'It closed without cohorts.'
              : 'It does not offer one-to-one mentoring, which cohorts match for.'}
        </Empty>
      ) : (
        <ul className="program-cohorts" aria-label={`Cohorts of ${program.name}`}>
          {cohorts.map((c) => (
            <li key={c.id} className="program-cohort">
              <span className="program-cohort__main">
                <Link to={`/admin/cohorts/${c.id}`} className="program-cohort__name">
                  {c.name}
                </Link>
                <span className="block small muted">{dayRangeText(c.starts_on, c.ends_on, 'No dates')}</span>
              </span>
              <span className="program-cohort__side small">
                {c.signup_open && program.state === 'open' && <span className="tag tag--accent">Taking sign-ups</span>}
                <span>
                  {count(c.mentees, 'mentee')} · {count(c.mentors, 'mentor')}
                </span>
              </span>
            </li>
          ))}
        </ul>
      )}
    </Card>
  );
}
