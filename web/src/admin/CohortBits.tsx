// Small pieces the cohort pages share: a matching's state tag, a person's name with their title
// and department, a pager for cursor-paged lists, and a member picker.
import { useEffect, useId, useMemo, useState } from 'react';
import { Button } from '../ui';
import { fetchAll, type CursorPages } from './CohortHooks';
import { STATE_LABELS, STATE_TAGS, type CohortMember, type MatchingState, type PersonBrief } from './cohortTypes';

export function MatchingStateTag({ state, percent }: { state: MatchingState; percent?: number }) {
  return (
    <span className={`tag cohort-state ${STATE_TAGS[state]}`}>
      {STATE_LABELS[state]}
      {state === 'running' && percent !== undefined ? ` · ${percent}%` : ''}
    </span>
  );
}

/** "Name" over "Title · Department"; a deactivated person shows as such. */
export function PersonCell({ person }: { person: PersonBrief }) {
  if (!person.name)
    return (
      <span className="cohort-person">
        <span className="cohort-person__name muted">No longer active</span>
        <span className="small muted">person #{person.id}</span>
      </span>
    );
  return (
    <span className="cohort-person">
      <span className="cohort-person__name">{person.name}</span>
      <span className="small muted">{[person.title, person.department].filter(Boolean).join(' · ')}</span>
    </span>
  );
}

/** Previous / next for a cursor-paged list, with "21–40 of 312" when the total is known. */
export function Pager<T>({ pages, pageSize, total, label }: { pages: CursorPages<T>; pageSize: number; total?: number; label: string }) {
  if (pages.index === 0 && !pages.hasNext) return null;
  const first = pages.index * pageSize + 1;
  const last = pages.index * pageSize + pages.items.length;
  return (
    <nav className="cohort-pager" aria-label={`${label} pages`}>
      <Button variant="secondary" className="btn btn--secondary btn--small" disabled={pages.index === 0 || pages.loading} onClick={pages.previous}>
        ← Previous
      </Button>
      <span className="small muted" aria-live="polite">
        {pages.items.length > 0 ? `${first.toLocaleString('en-GB')}–${last.toLocaleString('en-GB')}` : '–'}
        {total !== undefined ? ` of ${total.toLocaleString('en-GB')}` : ''}
      </span>
      <Button
        variant="secondary"
        className="btn btn--secondary btn--small"
        disabled={!pages.hasNext || pages.loading}
        busy={pages.loading && pages.hasNext}
        onClick={pages.next}
      >
        Next →
      </Button>
    </nav>
  );
}

const memberCache = new Map<string, Promise<{ items: CohortMember[]; complete: boolean }>>();

/** The cohort's members of one role (up to 5,000), fetched once per page view. */
export function useCohortMembers(cohortId: string, role: 'mentee' | 'mentor', enabled = true) {
  const [members, setMembers] = useState<CohortMember[] | null>(null);
  const [complete, setComplete] = useState(true);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    if (!enabled) return;
    const key = `${cohortId}:${role}`;
    let promise = memberCache.get(key);
    if (!promise) {
      promise = fetchAll<CohortMember>(`/cohorts/${cohortId}/members?role=${role}`, 500, 5000);
      memberCache.set(key, promise);
      promise.catch(() => memberCache.delete(key));
    }
    let cancelled = false;
    promise
      .then((r) => {
        if (cancelled) return;
        setMembers(r.items.filter((m) => m.active));
        setComplete(r.complete);
      })
      .catch((e: Error) => !cancelled && setError(e.message));
    return () => {
      cancelled = true;
    };
  }, [cohortId, role, enabled]);
  return { members, complete, error };
}

/** Forgets the members fetched for a cohort (after the page is left or the cohort changes). */
export function forgetCohortMembers(cohortId: string) {
  for (const key of [...memberCache.keys()]) if (key.startsWith(cohortId + ':')) memberCache.delete(key);
}

export function freePlaces(m: CohortMember): number {
  return Math.max(0, (m.capacity ?? 0) - (m.live_mentees ?? 0));
}

/** Chooses one member of a role: a filter box over the names and departments, then a list. */
export function MemberPicker({
  cohortId,
  role,
  label,
  value,
  onChange,
  error,
  note,
  exclude,
}: {
  cohortId: string;
  role: 'mentee' | 'mentor';
  label: string;
  value: string;
  onChange: (id: string) => void;
  error?: string;
  /** A word after some names, e.g. "proposed". */
  note?: Record<string, string>;
  exclude?: string[];
}) {
  const { members, complete, error: loadError } = useCohortMembers(cohortId, role);
  const [filter, setFilter] = useState('');
  const id = useId();
  const needle = filter.trim().toLowerCase();
  const shown = useMemo(
    () =>
      (members ?? []).filter(
        (m) =>
          !exclude?.includes(m.id) &&
          (!needle ||
            m.id === value ||
            (m.name ?? '').toLowerCase().includes(needle) ||
            (m.department ?? '').toLowerCase().includes(needle)),
      ),
    [members, needle, value, exclude],
  );
  const describedBy = [error ? id + '-error' : '', id + '-hint'].filter(Boolean).join(' ');
  return (
    <div className={'field cohort-picker' + (error ? ' field--invalid' : '')}>
      <label htmlFor={id + '-select'}>{label}</label>
      <div className="cohort-picker__row">
        <input
          type="search"
          aria-label={`Filter the ${role}s by name or department`}
          placeholder="Filter by name"
          value={filter}
          onChange={(e) => setFilter(e.target.value)}
        />
        <select
          id={id + '-select'}
          value={value}
          onChange={(e) => onChange(e.target.value)}
          aria-invalid={error ? true : undefined}
          aria-describedby={describedBy}
          disabled={!members}
        >
          <option value="">{members ? `Choose a ${role} (${shown.length})` : loadError ? 'Could not load' : 'Loading…'}</option>
          {shown.map((m) => (
            <option key={m.id} value={m.id}>
              {m.name}
              {m.department ? ` — ${m.department}` : ''}
              {role === 'mentor' ? ` — ${freePlaces(m)} free of ${m.capacity ?? 0}` : ''}
              {note?.[m.id] ? ` (${note[m.id]})` : ''}
            </option>
          ))}
        </select>
      </div>
      <p className="field__hint" id={id + '-hint'}>
        {loadError
          ? `The ${role}s could not be loaded: ${loadError}`
          : complete
            ? `${(members ?? []).length} active ${role}s in the cohort.`
            : `The first ${(members ?? []).length} active ${role}s of the cohort.`}
      </p>
      {error && (
        <p className="field__error" id={id + '-error'} role="alert">
          {error}
        </p>
      )}
    </div>
  );
}
