// The mentees the preview leaves without a mentor, grouped by why. The summary counts each
// reason; each group fetches its own mentees from the server (`?reason=`), a page at a time with
// "Show more", so a preview of 100,000 mentees never loads them all. Each group shows the API's
// explanation of the reason, what usually helps, and per mentee how many mentors were eligible
// and how many scored above the minimum.
import { useEffect, useId, useRef } from 'react';
import { api, ok } from '../../api';
import { Button, Loading } from '../../ui';
import { PersonCell } from './CohortBits';
import { useShowMore } from './CohortHooks';
import {
  REASONS,
  REASON_ADVICE,
  REASON_TITLES,
  count,
  type Matching,
  type UnmatchedMentee,
  type UnmatchedReason,
} from './cohortTypes';

/** The first page of a group fills a few rows of the grid; "Show more" adds more at a time. */
const FIRST = 12;
const MORE = 36;

export function CohortUnmatched({ job }: { job: Matching }) {
  const summary = job.summary!;
  const total = REASONS.reduce((sum, r) => sum + (summary.unmatched[r] ?? 0), 0);

  if (total <= 0)
    return (
      <section className="cohort-unmatched" aria-labelledby="unmatched-title">
        <h3 id="unmatched-title" className="section-title">
          Unmatched mentees <span className="count">0</span>
        </h3>
        <p className="hint hint--success" role="note">
          <span className="hint__icon" aria-hidden="true">
            ✓
          </span>
          <span>Every mentee of the cohort has a proposed mentor.</span>
        </p>
      </section>
    );

  return (
    <section className="cohort-unmatched stack" aria-labelledby="unmatched-title">
      <h3 id="unmatched-title" className="section-title">
        Unmatched mentees <span className="count">{total.toLocaleString('en-GB')}</span>
      </h3>
      {REASONS.filter((r) => (summary.unmatched[r] ?? 0) > 0).map((reason) => (
        <ReasonGroup key={`${job.id}:${reason}`} jobId={job.id} reason={reason} total={summary.unmatched[reason]} />
      ))}
    </section>
  );
}

function ReasonGroup({ jobId, reason, total }: { jobId: string; reason: UnmatchedReason; total: number }) {
  const list = useShowMore<UnmatchedMentee>(`/matchings/${jobId}/unmatched?reason=${reason}`, FIRST, MORE, (page) =>
    ok(api.GET('/api/v1/matchings/{id}/unmatched', { params: { path: { id: jobId }, query: { reason, ...page } } })),
  );
  const id = useId();
  const title = REASON_TITLES[reason];
  const countRef = useRef<HTMLParagraphElement>(null);
  const moreRef = useRef<HTMLButtonElement>(null);
  // "Show more" disappears with the last page: its focus goes to the count that replaces it.
  const focusAfter = useRef(false);
  useEffect(() => {
    if (focusAfter.current && !list.loadingMore && !list.hasMore) {
      focusAfter.current = false;
      countRef.current?.focus();
    }
  }, [list.loadingMore, list.hasMore]);

  const shown = list.items.length;
  const remaining = Math.max(0, total - shown);
  const next = Math.min(MORE, remaining);

  return (
    <section className="cohort-reason card card--inset" aria-labelledby={id + '-title'} aria-busy={list.loading || list.loadingMore}>
      <h4 className="cohort-reason__title" id={id + '-title'}>
        {title} <span className="count count--accent">{total.toLocaleString('en-GB')}</span>
      </h4>
      {list.error && shown === 0 ? (
        <div className="cohort-reason__error" role="alert">
          <p className="field__error">The mentees unmatched for this reason could not be loaded: {list.error.message}.</p>
          <Button variant="secondary" className="btn btn--secondary btn--small" busy={list.loadingMore} onClick={list.showMore}>
            Try again
          </Button>
        </div>
      ) : list.loading ? (
        <Loading label={`Loading the mentees: ${title.toLowerCase()}…`} rows={2} />
      ) : (
        <>
          {list.items[0] && <p className="cohort-reason__why">{list.items[0].explanation}</p>}
          <p className="small muted cohort-reason__advice">{REASON_ADVICE[reason]}</p>
          <ul className="cohort-reason__list" aria-label={`Mentees: ${title}`}>
            {list.items.map((u) => (
              <li key={u.mentee.id}>
                <PersonCell person={u.mentee} />
                <span className="small muted cohort-reason__numbers">
                  {count(u.eligible_mentors, 'eligible mentor')} · {count(u.candidates, 'candidate')} above the minimum
                </span>
              </li>
            ))}
          </ul>
          {(total > FIRST || list.hasMore) && (
            <div className="cohort-reason__more">
              <p className="small muted cohort-reason__count" ref={countRef} tabIndex={-1} aria-live="polite">
                {shown >= total || !list.hasMore
                  ? `All ${total.toLocaleString('en-GB')} shown.`
                  : `${shown.toLocaleString('en-GB')} of ${total.toLocaleString('en-GB')} shown.`}
              </p>
              {list.hasMore && (
                // Not disabled while it loads, so the keyboard's focus stays on it.
                <button
                  ref={moreRef}
                  type="button"
                  className="btn btn--secondary btn--small"
                  aria-busy={list.loadingMore || undefined}
                  aria-disabled={list.loadingMore || undefined}
                  onClick={() => {
                    focusAfter.current = document.activeElement === moreRef.current;
                    list.showMore();
                  }}
                >
                  {list.loadingMore && <span className="spinner spinner--inline" aria-hidden="true" />}
                  {list.error ? 'Try again' : next > 0 ? `Show ${next.toLocaleString('en-GB')} more` : 'Show more'}
                  <span className="sr-only"> {title.toLowerCase()}</span>
                </button>
              )}
              {list.error && shown > 0 && (
                <p className="field__error small" role="alert">
                  More could not be loaded: {list.error.message}.
                </p>
              )}
            </div>
          )}
        </>
      )}
    </section>
  );
}
