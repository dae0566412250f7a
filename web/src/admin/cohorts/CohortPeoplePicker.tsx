// Picks people for a new cohort by hand: search the directory, add, remove. The chosen people
// are listed with their title and department; an error from the API names one of them.
import { useEffect, useId, useState } from 'react';
import { api, fieldMatches, ok, type ApiError } from '../../api';
import type { DirectoryEntry } from '../../types';
import { FieldError, asApiError } from '../../ui';

export interface Picked {
  id: string;
  name: string;
  title: string;
  department: string;
  free_places: number;
}

/** The API's message about the people picked for `field`, naming the one it refused
 *  ("mentee_ids[3]" is the fourth picked). */
export function pickedError(error: ApiError | null, field: string, picked: Picked[]): string | undefined {
  if (!error || !fieldMatches(error.field, field, true)) return undefined;
  const m = error.field.match(/\[(\d+)\]/);
  const who = m ? picked[Number(m[1])] : undefined;
  return who ? `${who.name}: ${error.message}` : error.message;
}

export function CohortPeoplePicker({
  legend,
  role,
  value,
  onChange,
  error,
  hint,
}: {
  legend: string;
  role: 'mentee' | 'mentor';
  value: Picked[];
  onChange: (v: Picked[]) => void;
  error?: string;
  hint: string;
}) {
  const id = useId();
  const [term, setTerm] = useState('');
  const [results, setResults] = useState<DirectoryEntry[] | null>(null);
  const [searchError, setSearchError] = useState<string | null>(null);
  const [searching, setSearching] = useState(false);
  const words = term.trim();

  // Searches as one types; short and symbolic terms ("R", "C#") are searched too.
  useEffect(() => {
    if (words.length === 0) {
      setResults(null);
      setSearchError(null);
      return;
    }
    let cancelled = false;
    const timer = window.setTimeout(async () => {
      setSearching(true);
      try {
        const page = await ok(
          api.GET('/api/v1/directory', { params: { query: { q: words, limit: 8, format: role === 'mentor' ? 'one_to_one' : undefined } } }),
        );
        if (!cancelled) {
          setResults(page.items);
          setSearchError(null);
        }
      } catch (e) {
        if (!cancelled) setSearchError(asApiError(e).message);
      } finally {
        if (!cancelled) setSearching(false);
      }
    }, 250);
    return () => {
      cancelled = true;
      window.clearTimeout(timer);
    };
  }, [words, role]);

  const chosen = new Set(value.map((p) => p.id));
  const add = (p: DirectoryEntry) =>
    onChange([...value, { id: p.id, name: p.name, title: p.title, department: p.department, free_places: p.free_places }]);

  return (
    <fieldset className={'field cohort-people' + (error ? ' field--invalid' : '')} aria-describedby={id + '-hint'}>
      <legend>
        {legend} <span className="count">{value.length}</span>
      </legend>
      <p className="field__hint" id={id + '-hint'}>
        {hint}
      </p>
      <FieldError message={error} />
      <label className="sr-only" htmlFor={id + '-search'}>
        Search people to add as {role}s
      </label>
      <input
        id={id + '-search'}
        type="search"
        placeholder="Search by name, title or skill"
        value={term}
        onChange={(e) => setTerm(e.target.value)}
        autoComplete="off"
      />
      <div aria-live="polite" className="cohort-people__results">
        {searching && !results && <p className="small muted">Searching…</p>}
        {searchError && <p className="field__error">{searchError}</p>}
        {results && results.length === 0 && <p className="small muted">Nobody matches “{words}”.</p>}
        {results && results.length > 0 && (
          <ul className="cohort-people__list" aria-label={`People found for ${role}s`}>
            {results.map((p) => (
              <li key={p.id}>
                <span className="cohort-person">
                  <span className="cohort-person__name">{p.name}</span>
                  <span className="small muted">
                    {[p.title, p.department].filter(Boolean).join(' · ')}
                    {role === 'mentor' ? ` · ${p.free_places} free of ${p.mentor_capacity}` : ''}
                  </span>
                </span>
                <button
                  type="button"
                  className="btn btn--secondary btn--small"
                  disabled={chosen.has(p.id)}
                  onClick={() => add(p)}
                >
                  {chosen.has(p.id) ? 'Added' : 'Add'}
                  <span className="sr-only">
                    {' '}
                    {p.name} as a {role}
                  </span>
                </button>
              </li>
            ))}
          </ul>
        )}
      </div>
      {value.length > 0 && (
        <ul className="cohort-people__chosen" aria-label={`Chosen ${role}s`}>
          {value.map((p) => (
            <li key={p.id} className="cohort-chip">
              <span>
                {p.name}
                {p.department && <span className="muted"> · {p.department}</span>}
              </span>
              <button
                type="button"
                className="cohort-chip__remove"
                onClick={() => onChange(value.filter((x) => x.id !== p.id))}
                aria-label={`Remove ${p.name} from the ${role}s`}
              >
                ×
              </button>
            </li>
          ))}
        </ul>
      )}
    </fieldset>
  );
}
