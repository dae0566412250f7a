// A running matching: a live progress bar with the phase, polled until the job ends. At the end
// the bar shows 100% for a moment, so the jump to the preview is not a surprise.
import { useEffect, useRef, useState } from 'react';
import { relativeTime } from '../../format';
import { useMatchingPoll } from './CohortHooks';
import { PHASE_LABELS, type Matching } from './cohortTypes';

const PHASES = ['loading', 'candidates', 'solving', 'explaining', 'saving'];

export function CohortProgress({ job: initial, onEnd }: { job: Matching; onEnd: (m: Matching) => void }) {
  const [finished, setFinished] = useState<Matching | null>(null);
  const { job, stale } = useMatchingPoll(initial, setFinished);
  const onEndRef = useRef(onEnd);
  onEndRef.current = onEnd;

  useEffect(() => {
    if (!finished) return;
    const t = window.setTimeout(() => onEndRef.current(finished), finished.state === 'done' ? 600 : 0);
    return () => window.clearTimeout(t);
  }, [finished]);

  const shown = finished ?? job;
  const percent = finished?.state === 'done' ? 100 : Math.max(0, Math.min(100, shown.percent));
  const phase = finished?.state === 'done' ? 'done' : shown.state === 'queued' ? 'queued' : shown.phase;
  const label = PHASE_LABELS[phase] ?? phase;
  const current = PHASES.indexOf(phase);

  return (
    <section className="card cohort-progress" aria-labelledby="cohort-progress-title">
      <div className="cohort-progress__head">
        <h2 id="cohort-progress-title" className="card__title">
          <span className="spinner spinner--inline" aria-hidden="true" /> Matching #{shown.id} is running
        </h2>
        <span className="cohort-progress__percent" aria-hidden="true">
          {percent}%
        </span>
      </div>
      <div
        className="cohort-progress__track"
        role="progressbar"
        aria-label="Matching progress"
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={percent}
        aria-valuetext={`${percent}%: ${label}`}
      >
        <span className="cohort-progress__fill" style={{ width: `${Math.max(percent, 2)}%` }} />
      </div>
      <p className="cohort-progress__phase" aria-live="polite">
        {label}
      </p>
      <ol className="cohort-phases" aria-label="Phases">
        {PHASES.map((p, i) => (
          <li
            key={p}
            className={
              'cohort-phases__step' +
              (phase === 'done' || (current >= 0 && i < current)
                ? ' cohort-phases__step--done'
                : i === current
                  ? ' cohort-phases__step--now'
                  : '')
            }
          >
            {PHASE_LABELS[p]}
          </li>
        ))}
      </ol>
      <p className="small muted">
        Started {relativeTime(shown.created_at)} with {shown.k} candidates per mentee
        {shown.min_score > 0.01 ? ` and a minimum score of ${shown.min_score}` : ''}. You can leave this page; the
        matching goes on and its preview waits here.
      </p>
      {stale && <p className="field__error small">Lost touch with the server ({stale.message}); still trying…</p>}
    </section>
  );
}
