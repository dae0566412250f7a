// A finished matching: the headline statistics, the two charts, what was left out and why, the
// pairs with their corrections, and "Re-run" and "Apply". An older matching, or one applied
// already, is shown read-only.
import { Suspense, lazy, useState } from 'react';
import { formatDateTime, relativeTime } from '../../format';
import { Link } from '../../router';
import { useSession } from '../../session';
import { Button, Hint, Loading } from '../../ui';
import { ApplyOutcome, CohortApply } from './CohortApply';
import { MatchingStateTag } from './CohortBits';
import { CohortPairs } from './CohortPairs';
import { CohortRun } from './CohortRun';
import { CohortUnmatched } from './CohortUnmatched';
import {
  count,
  percent,
  points,
  type ApplyResult,
  type CohortDetail,
  type Matching,
  type MatchingBrief,
} from './cohortTypes';

const ScoreChart = lazy(() => import('./CohortCharts').then((m) => ({ default: m.ScoreChart })));
const DepartmentChart = lazy(() => import('./CohortCharts').then((m) => ({ default: m.DepartmentChart })));

/** A headline statistic: its value, out of how many when `of` is given, and a note under it. */
function Stat({ label, value, of, note, main }: { label: string; value: string; of?: string; note: string; main?: boolean }) {
  return (
    <div className={'cohort-stat' + (main ? ' cohort-stat--main' : '')}>
      <dt>{label}</dt>
      <dd>
        <span className="cohort-stat__value">
          {value}
          {of !== undefined && <span className="cohort-stat__of"> / {of}</span>}
        </span>
        <span className="cohort-stat__note">{note}</span>
      </dd>
    </div>
  );
}

export function CohortPreview({
  cohort,
  job,
  supersededBy,
  newest,
  rulesChanged,
  applyResult,
  onStarted,
  onApplied,
  onRules,
}: {
  cohort: CohortDetail;
  job: Matching;
  /** A newer preview that replaces this one (done or applied): this one is then read-only. */
  supersededBy: MatchingBrief | null;
  /** The cohort's newest matching, when it is not this one (it may have failed). */
  newest: MatchingBrief | null;
  rulesChanged: boolean;
  applyResult: ApplyResult | null;
  onStarted: (job: Matching) => void;
  onApplied: (r: ApplyResult) => void;
  onRules: (detail: CohortDetail) => void;
}) {
  const [confirming, setConfirming] = useState(false);
  const tz = useSession().me.timezone;
  const s = job.summary;
  if (!s) return <Hint tone="warn">This matching has no preview.</Hint>;
  const readOnly = supersededBy !== null;
  const applied = job.state === 'applied';
  const names = new Map<string, string>();
  for (const r of cohort.rules) {
    if (r.mentee_name) names.set(r.mentee_id, r.mentee_name);
    if (r.mentor_name) names.set(r.mentor_id, r.mentor_name);
  }
  const who = (id: string) => names.get(id) ?? `person #${id}`;
  const busyElsewhere = newest !== null && (newest.state === 'queued' || newest.state === 'running');

  return (
    <div className="stack-lg cohort-preview">
      {supersededBy && (
        <div className="banner banner--info cohort-older" role="note">
          <strong>A newer matching of this cohort exists</strong> (#{supersededBy.id},{' '}
          {supersededBy.state === 'applied' ? 'applied' : 'preview ready'}, started {relativeTime(supersededBy.created_at)}).
          This one is shown read-only: it can no longer be applied.{' '}
          <Link to={`/admin/cohorts/${cohort.id}`}>Open the latest matching</Link>
        </div>
      )}
      {!supersededBy && newest && (
        <div className="banner banner--info cohort-older" role="note">
          <strong>
            The newer matching #{newest.id} {newest.state === 'failed' ? 'failed' : 'is still running'}
          </strong>
          ; this preview is still the one to apply. <Link to={`/admin/cohorts/${cohort.id}`}>Open the newest matching</Link>
        </div>
      )}
      {applyResult && <ApplyOutcome result={applyResult} />}
      {applied && !applyResult && (
        <div className="banner banner--success" role="note">
          <strong>Applied</strong>
          {job.applied_at ? ` on ${formatDateTime(job.applied_at, tz)}` : ''}: each pair below shows whether its proposal
          was sent or skipped. Follow the answers in the <Link to="/admin/relationships">relationships overview</Link>.
        </div>
      )}

      <section className="card stack" aria-labelledby="preview-title">
        <header className="cohort-preview__head">
          <div>
            <h2 id="preview-title" className="card__title">
              {applied ? 'Applied matching' : 'Preview'} #{job.id} <MatchingStateTag state={job.state} />
            </h2>
            <p className="small muted">
              Finished {job.finished_at ? relativeTime(job.finished_at) : ''}
              {s.timings_s?.total !== undefined ? ` in ${s.timings_s.total.toFixed(1)} s` : ''} · {s.k} candidates per
              mentee · minimum score {s.min_score > 0.01 ? points(s.min_score) : 'none'} ·{' '}
              {job.include_mentored ? 'mentees who have a mentor included' : 'mentees who have a mentor left out'}
            </p>
          </div>
          {!readOnly && (
            <div className="cohort-preview__actions">
              <CohortRun
                cohortId={cohort.id}
                label={applied ? 'Run a new matching' : 'Re-run'}
                variant={applied ? 'primary' : 'secondary'}
                initialK={s.k}
                initialMinScore={s.min_score}
                initialIncludeMentored={job.include_mentored}
                onStarted={onStarted}
                disabled={busyElsewhere}
              />
              {!applied && (
                <Button
                  onClick={() => setConfirming(true)}
                  disabled={s.matched === 0 || confirming}
                  aria-expanded={confirming}
                  aria-controls="apply-confirm"
                >
                  Apply…
                </Button>
              )}
            </div>
          )}
        </header>

        {confirming && !readOnly && !applied && (
          <div id="apply-confirm">
            <CohortApply
              job={job}
              onCancel={() => setConfirming(false)}
              onApplied={(r) => {
                setConfirming(false);
                onApplied(r);
              }}
            />
          </div>
        )}

        {rulesChanged && !readOnly && !applied && (
          <Hint tone="info">
            Pins or prohibitions changed after this matching ran. <strong>Re-run</strong> to see their effect before you
            apply.
          </Hint>
        )}

        <dl className="cohort-stats" aria-label="Headline statistics">
          <Stat
            main
            label="Matched"
            value={s.matched.toLocaleString('en-GB')}
            of={s.mentees.toLocaleString('en-GB')}
            note={`${percent(s.matched_share)} of the mentees`}
          />
          <Stat
            label="Places used"
            value={s.matched.toLocaleString('en-GB')}
            of={s.places.toLocaleString('en-GB')}
            note={`${count(s.mentors_used, 'mentor')} of ${s.mentors.toLocaleString('en-GB')}`}
          />
          <Stat label="Total score" value={points(s.total_score)} note="the best total under the rules" />
          <Stat label="Average score" value={points(s.average_score)} note="points per pair" />
          <Stat
            label="Pinned"
            value={s.pinned.toLocaleString('en-GB')}
            note={s.forbidden > 0 ? `and ${count(s.forbidden, 'pair')} forbidden` : 'no pair forbidden'}
          />
        </dl>

        {s.ignored_pins.length > 0 && (
          <Hint tone="warn">
            <strong>{count(s.ignored_pins.length, 'pin was', 'pins were')} not honoured:</strong>
            <ul className="cohort-ignored">
              {s.ignored_pins.map((p) => (
                <li key={p.mentee_id + ':' + p.mentor_id}>
                  {who(p.mentee_id)} → {who(p.mentor_id)}: {p.reason}
                </li>
              ))}
            </ul>
          </Hint>
        )}
        {(s.mentored_mentees_left_out ?? 0) > 0 && (
          <p className="cohort-left-out" role="note">
            <strong>{count(s.mentored_mentees_left_out ?? 0, 'mentee')} left out</strong> because they already have a
            mentor. Switch on “Include mentees already in a mentoring relationship” and run again to match them too.
          </p>
        )}
        {(s.inactive_members > 0 || s.external_mentors_left_out > 0) && (
          <p className="small muted">
            {s.inactive_members > 0 && `${count(s.inactive_members, 'member')} left out as deactivated. `}
            {s.external_mentors_left_out > 0 &&
              `${count(s.external_mentors_left_out, 'external mentor')} left out: the program settings do not allow external mentors.`}
          </p>
        )}

        <div className="cohort-charts">
          <section aria-labelledby="chart-scores-title">
            <h3 id="chart-scores-title" className="subheading">
              Score distribution
            </h3>
            {s.matched === 0 ? (
              <p className="small muted">No pairs to chart.</p>
            ) : (
              <Suspense fallback={<Loading label="Drawing the chart…" rows={0} />}>
                <ScoreChart bands={s.score_distribution} average={s.average_score} />
              </Suspense>
            )}
          </section>
          <section aria-labelledby="chart-departments-title">
            <h3 id="chart-departments-title" className="subheading">
              Matched share per department
            </h3>
            {s.departments.length === 0 ? (
              <p className="small muted">No departments to chart.</p>
            ) : (
              <Suspense fallback={<Loading label="Drawing the chart…" rows={0} />}>
                <DepartmentChart departments={s.departments} />
              </Suspense>
            )}
          </section>
        </div>
      </section>

      <CohortUnmatched job={job} />

      {/* Applying fills in each pair's outcome, so the pages are fetched again. */}
      <CohortPairs
        key={`${job.id}:${job.state}`}
        job={job}
        cohortId={cohort.id}
        mentors={cohort.mentors}
        rules={cohort.rules}
        readOnly={readOnly}
        onRules={onRules}
      />
    </div>
  );
}
