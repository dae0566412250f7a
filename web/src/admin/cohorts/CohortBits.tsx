// Small pieces the cohort pages share: a matching's state tag, a person's name with their title
// and department, a pager for cursor-paged lists, and a member picker that searches by name.
import { useId, useRef, useState, type KeyboardEvent } from 'react';
import { Button, FieldError } from '../../ui';
import { useMemberSearch, type CursorPages } from './CohortHooks';
import { STATE_LABELS, STATE_TAGS, count, type CohortMember, type MatchingState, type PersonBrief } from './cohortTypes';

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

export function freePlaces(m: CohortMember): number {
  return Math.max(0, (m.capacity ?? 0) - (m.live_mentees ?? 0));
}

/** Chooses one member of a role: a search box that asks the server for the members whose name
 *  contains what is typed (a cohort may have 20,000 mentors), then a list of those found. Enter in
 *  the box picks the only one found, or moves to the list. */
export function MemberPicker({
  cohortId,
  role,
  label,
  value,
  onChange,
  total,
  error,
  note,
}: {
  cohortId: string;
  role: 'mentee' | 'mentor';
  label: string;
  value: string;
  onChange: (id: string, member: CohortMember | null) => void;
  /** How many members of the role the cohort has, for the hint. */
  total?: number;
  error?: string;
  /** A word after some names, e.g. "proposed now". */
  note?: Record<string, string>;
}) {
  const [term, setTerm] = useState('');
  const search = useMemberSearch(cohortId, role, term);
  // The member chosen, kept in the list while a later search does not find them.
  const [chosen, setChosen] = useState<CohortMember | null>(null);
  const selectRef = useRef<HTMLSelectElement>(null);
  const id = useId();
  const found = search.found ?? [];
  const keep = value !== '' && chosen?.id === value && !found.some((m) => m.id === value) ? chosen : null;
  const options = keep ? [keep, ...found] : found;
  const roles = role + 's';

  function choose(memberId: string) {
    const m = options.find((x) => x.id === memberId) ?? null;
    setChosen(m);
    onChange(memberId, m);
  }

  function onSearchKey(e: KeyboardEvent<HTMLInputElement>) {
    if (e.key !== 'Enter') return;
    // Enter searches, it does not send the form half filled.
    e.preventDefault();
    if (search.searching) return;
    if (found.length === 1) choose(found[0].id);
    else if (found.length > 1) selectRef.current?.focus();
  }

  let status: string;
  if (search.error) status = `The ${roles} could not be searched: ${search.error.message}.`;
  else if (search.found === null) status = `Loading the ${roles}…`;
  else if (search.q === '')
    status = search.more
      ? `The first ${found.length} of ${total !== undefined ? total.toLocaleString('en-GB') : 'the'} ${roles}; type part of a name to find anyone.`
      : `All ${count(found.length, 'active ' + role)} of the cohort.`;
  else if (found.length === 0) status = `No ${role} of the cohort has “${search.q}” in their name.`;
  else if (search.more) status = `The first ${found.length} ${roles} with “${search.q}” in their name; type more of it to narrow.`;
  else status = `${count(found.length, role)} with “${search.q}” in their name.`;
  if (search.searching && search.found !== null && search.q !== term.trim()) status = 'Searching…';

  const describedBy = [error ? id + '-error' : '', id + '-hint'].filter(Boolean).join(' ');
  return (
    <div className={'field cohort-picker' + (error ? ' field--invalid' : '')}>
      <label htmlFor={id + '-select'}>{label}</label>
      <div className="cohort-picker__row">
        <span className="cohort-picker__search">
          <input
            type="search"
            aria-label={`Search the ${roles} by name`}
            aria-describedby={id + '-hint'}
            aria-controls={id + '-select'}
            placeholder="Part of a name"
            value={term}
            maxLength={100}
            autoComplete="off"
            onChange={(e) => setTerm(e.target.value)}
            onKeyDown={onSearchKey}
          />
          {search.searching && <span className="spinner cohort-picker__spinner" aria-hidden="true" />}
        </span>
        <select
          id={id + '-select'}
          ref={selectRef}
          value={value}
          onChange={(e) => choose(e.target.value)}
          aria-invalid={error ? true : undefined}
          aria-describedby={describedBy}
          disabled={options.length === 0}
        >
          <option value="">
            {search.found === null
              ? search.error
                ? 'Could not load'
                : 'Loading…'
              : options.length === 0
                ? `No ${role} found`
                : search.q === ''
                  ? `Choose a ${role}`
                  : `Choose a ${role} (${found.length}${search.more ? '+' : ''} found)`}
          </option>
          {options.map((m) => (
            <option key={m.id} value={m.id}>
              {m.name}
              {m.department ? ` — ${m.department}` : ''}
              {role === 'mentor' ? ` — ${freePlaces(m)} free of ${m.capacity ?? 0}` : ''}
              {note?.[m.id] ? ` (${note[m.id]})` : ''}
            </option>
          ))}
        </select>
      </div>
      <p className="field__hint cohort-picker__hint" id={id + '-hint'} aria-live="polite">
        {status}
        {search.error && (
          <>
            {' '}
            <button type="button" className="link-button small" onClick={search.retry}>
              Try again
            </button>
          </>
        )}
      </p>
      <FieldError id={id + '-error'} message={error} />
    </div>
  );
}
