// The cohorts of the program: who is in each, and where its latest matching stands (asked again
// every few seconds while one is running).
import { useEffect } from 'react';
import { Link } from '../../router';
import { useSession } from '../../session';
import { Empty, Page, useApi } from '../../ui';
import { Pending, RegionTable } from '../adminParts';
import { formatDate } from '../../format';
import { ProgramTabs } from '../programs/ProgramTabs';
import { MatchingStateTag } from './CohortBits';
import { count, isRunning, percent, selectionText } from './cohortTypes';
import './Cohorts.css';
import { api, ok } from '../../api';

export function CohortsList() {
  const list = useApi('/cohorts', () => ok(api.GET('/api/v1/cohorts')));
  const tz = useSession().me.timezone;
  const cohorts = list.data?.items ?? [];
  const running = cohorts.some((c) => isRunning(c.latest_matching));
  const { reload } = list;
  useEffect(() => {
    if (!running) return;
    const t = window.setInterval(() => void reload(), 3000);
    return () => window.clearInterval(t);
  }, [running, reload]);

  return (
    <Page
      title="Cohorts"
      subtitle="Match a group of mentees with mentors in one go: the best total fit under the program’s rules, a preview you can adjust with pins and prohibitions, then proposals that each mentor accepts or declines."
      actions={
        <>
          <Link className="btn btn--secondary" to="/admin/cohorts/try-csv">
            Try a CSV file
          </Link>
          <Link className="btn" to="/admin/cohorts/new">
            + New cohort
          </Link>
        </>
      }
    >
      <ProgramTabs />
      {list.error || !list.data ? (
        <Pending error={list.error} retry={list.reload} label="Loading cohorts…" rows={4} />
      ) : cohorts.length === 0 ? (
        <Empty title="No cohorts yet" icon="people">
          <p>
            A cohort is the group you match at once: a department, an intake of graduates, or people you pick. Create one,
            run a matching and look at the preview before anyone is asked.
          </p>
          <p className="cohort-empty__action">
            <Link className="btn" to="/admin/cohorts/new">
              Create the first cohort
            </Link>
          </p>
        </Empty>
      ) : (
        <RegionTable
          label="Cohorts"
          card
          cards
          className="cohort-table"
          caption="Cohorts, newest first"
          columns={[
            'Cohort',
            { label: 'Mentees', className: 'num' },
            { label: 'Mentors', className: 'num' },
            'Latest matching',
            { label: 'Created', className: 'hide-sm' },
          ]}
        >
          {cohorts.map((c) => (
            <tr key={c.id}>
              <th scope="row">
                <Link to={`/admin/cohorts/${c.id}`} className="cohort-table__name">
                  {c.name}
                </Link>
                <span className="block small muted">
                  {c.program_name} · {selectionText(c.selection)}
                  {c.signup_open && ` · sign-up ${c.ends_on ? `until ${formatDate(c.ends_on)}` : 'on'}`}
                </span>
              </th>
              <td className="num" data-label="Mentees">
                {c.mentees.toLocaleString('en-GB')}
              </td>
              <td className="num" data-label="Mentors">
                {c.mentors.toLocaleString('en-GB')}
              </td>
              <td data-label="Latest matching">
                {c.latest_matching ? (
                  <span className="cohort-table__latest">
                    <MatchingStateTag state={c.latest_matching.state} percent={c.latest_matching.percent} />
                    {c.latest_matching.summary && (
                      <span className="small muted">
                        {c.latest_matching.summary.matched.toLocaleString('en-GB')} of{' '}
                        {count(c.latest_matching.summary.mentees, 'mentee')} matched (
                        {percent(c.latest_matching.summary.matched_share)})
                      </span>
                    )}
                  </span>
                ) : (
                  <span className="small muted">Not matched yet</span>
                )}
              </td>
              <td className="hide-sm small">{formatDate(c.created_at, tz)}</td>
            </tr>
          ))}
        </RegionTable>
      )}
    </Page>
  );
}
