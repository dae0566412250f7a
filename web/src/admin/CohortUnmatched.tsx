// The mentees the preview leaves without a mentor, grouped by why, with the API's explanation
// of each reason and, per mentee, how many mentors were eligible and how many scored.
import { useEffect, useState } from 'react';
import { ApiError, api, query } from '../api';
import type { Page } from '../types';
import { Button, asApiError } from '../ui';
import { PersonCell } from './CohortBits';
import { REASONS, REASON_TITLES, count, type Matching, type UnmatchedMentee, type UnmatchedReason } from './cohortTypes';

const PAGE = 100;

export function CohortUnmatched({ job }: { job: Matching }) {
  const summary = job.summary!;
  const total = summary.mentees - summary.matched;
  const [items, setItems] = useState<UnmatchedMentee[]>([]);
  const [cursor, setCursor] = useState<string | null>(null);
  const [done, setDone] = useState(false);
  const [loading, setLoading] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);

  async function load(from: string | null) {
    setLoading(true);
    try {
      const page = await api.get<Page<UnmatchedMentee>>(`/matchings/${job.id}/unmatched` + query({ limit: PAGE, cursor: from }));
      setItems((list) => (from ? [...list, ...page.items] : page.items));
      setCursor(page.next_cursor);
      setDone(page.next_cursor === null);
      setError(null);
    } catch (e) {
      setError(asApiError(e));
    } finally {
      setLoading(false);
    }
  }

  useEffect(() => {
    if (total > 0) void load(null);
  }, [job.id, total]);

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

  const reasons = [...REASONS, ...Object.keys(summary.unmatched).filter((r) => !REASONS.includes(r as UnmatchedReason))];
  return (
    <section className="cohort-unmatched stack" aria-labelledby="unmatched-title">
      <h3 id="unmatched-title" className="section-title">
        Unmatched mentees <span className="count">{total.toLocaleString('en-GB')}</span>
      </h3>
      {reasons
        .filter((r) => (summary.unmatched[r] ?? 0) > 0)
        .map((reason) => (
          <ReasonGroup
            key={reason}
            reason={reason}
            total={summary.unmatched[reason] ?? 0}
            items={items.filter((u) => u.reason === reason)}
            more={!done}
          />
        ))}
      {error && (
        <p className="field__error" role="alert">
          The unmatched mentees could not be loaded: {error.message}
        </p>
      )}
      {loading && items.length === 0 && <p className="small muted">Loading the unmatched mentees…</p>}
      {!done && (items.length > 0 || error) && (
        <Button variant="secondary" busy={loading} onClick={() => void load(cursor)}>
          {error ? 'Try again' : 'Load more unmatched mentees'}
        </Button>
      )}
    </section>
  );
}

const FOLDED = 8;

function ReasonGroup({ reason, total, items, more }: { reason: string; total: number; items: UnmatchedMentee[]; more: boolean }) {
  const [all, setAll] = useState(false);
  const title = REASON_TITLES[reason as UnmatchedReason] ?? reason;
  const shown = all ? items : items.slice(0, FOLDED);
  return (
    <section className="cohort-reason card card--inset" aria-label={title}>
      <h4 className="cohort-reason__title">
        {title} <span className="count count--accent">{total.toLocaleString('en-GB')}</span>
      </h4>
      {items[0] && <p className="cohort-reason__why">{items[0].explanation}</p>}
      <ul className="cohort-reason__list">
        {shown.map((u) => (
          <li key={u.mentee.id}>
            <PersonCell person={u.mentee} />
            <span className="small muted cohort-reason__numbers">
              {count(u.eligible_mentors, 'eligible mentor')} · {count(u.candidates, 'candidate')} above the minimum
            </span>
          </li>
        ))}
      </ul>
      {(items.length > FOLDED || items.length < total) && (
        <p className="small muted cohort-reason__more">
          {shown.length} of {total.toLocaleString('en-GB')} shown.{' '}
          {items.length > FOLDED && (
            <button type="button" className="link-button small" onClick={() => setAll(!all)} aria-expanded={all}>
              {all ? 'Show fewer' : `Show all ${items.length} loaded`}
            </button>
          )}
          {items.length < total && more && !all && ' Load more below to see the rest.'}
        </p>
      )}
    </section>
  );
}
