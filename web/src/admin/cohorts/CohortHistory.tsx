// A cohort's matchings, newest first: when, with which settings, what came out, and a link to
// each one's preview (older ones open read-only).
import { formatDateTime } from '../../format';
import { Link } from '../../router';
import { useSession } from '../../session';
import { Empty } from '../../ui';
import { RegionTable } from '../adminParts';
import { MatchingStateTag } from './CohortBits';
import { points, type CohortDetail } from './cohortTypes';

export function CohortHistory({ cohort, shownId }: { cohort: CohortDetail; shownId: string | null }) {
  const tz = useSession().me.timezone;
  if (cohort.matchings.length === 0)
    return (
      <Empty title="No matching yet" icon="chart">
        Each run of the matching is kept here with its settings and results.
      </Empty>
    );
  return (
    <RegionTable
      label="Matchings of this cohort"
      card
      className="cohort-history"
      caption="Matchings of the cohort, newest first"
      columns={[
        'Matching',
        'State',
        { label: 'Matched', className: 'num' },
        { label: 'Total score', className: 'num hide-sm' },
        { label: 'Settings', className: 'hide-sm' },
        { label: 'Open', srOnly: true },
      ]}
    >
      {cohort.matchings.map((m, i) => {
        const to = i === 0 ? `/admin/cohorts/${cohort.id}` : `/admin/cohorts/${cohort.id}/matchings/${m.id}`;
        return (
          <tr key={m.id} aria-current={m.id === shownId ? 'true' : undefined} className={m.id === shownId ? 'cohort-history--shown' : undefined}>
            <td>
              <strong>#{m.id}</strong>
              {i === 0 && <span className="tag tag--accent">Latest</span>}
              <span className="block small muted">{formatDateTime(m.created_at, tz)}</span>
            </td>
            <td>
              <MatchingStateTag state={m.state} percent={m.percent} />
              {m.state === 'failed' && m.error && <span className="block small cohort-history__error">{m.error}</span>}
              {m.applied_at && <span className="block small muted">applied {formatDateTime(m.applied_at, tz)}</span>}
            </td>
            <td className="num">{m.matched !== undefined ? m.matched.toLocaleString('en-GB') : '–'}</td>
            <td className="num hide-sm">{m.total_score !== undefined ? points(m.total_score) : '–'}</td>
            <td className="small hide-sm">
              K {m.k} · min {m.min_score > 0.01 ? points(m.min_score) : 'none'}
            </td>
            <td className="table__actions">
              {m.id === shownId ? (
                <span className="small muted">Shown</span>
              ) : (
                <Link className="btn btn--ghost btn--small" to={to}>
                  Open<span className="sr-only"> matching #{m.id}</span>
                </Link>
              )}
            </td>
          </tr>
        );
      })}
    </RegionTable>
  );
}
