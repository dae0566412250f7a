// Choosing instead of typing what a person cannot know by heart: people by name (never their
// ids), a department among those that exist (or a new one), and a time zone among the IANA zones.
import { useEffect, useId, useMemo, useState, type ReactNode } from 'react';
import { api, ok } from './api';
import type { Person } from './types';
import { FieldError, asApiError } from './ui';

interface Someone {
  id: string;
  name: string;
  detail: string;
}

const known = new Map<string, Someone>();

function someone(p: Pick<Person, 'id' | 'name' | 'title' | 'department'>): Someone {
  const s = { id: p.id, name: p.name, detail: [p.title, p.department].filter(Boolean).join(' · ') };
  known.set(s.id, s);
  return s;
}

/** People chosen by searching their names; `ids` in and out, as the API wants them. At most
 *  `max` people (1 for a single choice, whose search reappears once it is removed). */
export function PersonPicker({
  label,
  hint,
  ids,
  onChange,
  max = 1,
  excludeIds = [],
  error,
}: {
  label: string;
  hint?: ReactNode;
  ids: string[];
  onChange: (ids: string[]) => void;
  max?: number;
  excludeIds?: string[];
  error?: string;
}) {
  const id = useId();
  const [term, setTerm] = useState('');
  const [results, setResults] = useState<Someone[] | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [, setResolved] = useState(0);

  // The names of people chosen before (a saved manager): asked once each.
  useEffect(() => {
    const missing = ids.filter((x) => !known.has(x));
    if (!missing.length) return;
    let live = true;
    void Promise.all(
      missing.map((x) =>
        ok(api.GET('/api/v1/people/{id}', { params: { path: { id: x } } }))
          .then(someone)
          .catch(() => known.set(x, { id: x, name: `Person #${x}`, detail: 'not found' })),
      ),
    ).then(() => live && setResolved((n) => n + 1));
    return () => {
      live = false;
    };
  }, [ids]);

  useEffect(() => {
    const q = term.trim();
    if (!q) {
      setResults(null);
      setProblem(null);
      return;
    }
    let live = true;
    const timer = window.setTimeout(async () => {
      try {
        const page = await ok(api.GET('/api/v1/directory', { params: { query: { q, limit: 8 } } }));
        if (live) {
          setResults(page.items.map(someone));
          setProblem(null);
        }
      } catch (e) {
        if (live) setProblem(asApiError(e).message);
      }
    }, 250);
    return () => {
      live = false;
      window.clearTimeout(timer);
    };
  }, [term]);

  const chosen = ids.map((x) => known.get(x) ?? { id: x, name: '…', detail: '' });
  const offered = (results ?? []).filter((p) => !ids.includes(p.id) && !excludeIds.includes(p.id));
  const full = ids.length >= max;

  return (
    <fieldset className={'field person-picker' + (error ? ' field--invalid' : '')}>
      <legend>{label}</legend>
      {hint && (
        <p className="field__hint" id={id + '-hint'}>
          {hint}
        </p>
      )}
      {chosen.length > 0 ? (
        <ul className="person-picker__chosen" aria-label={`${label}: chosen`}>
          {chosen.map((p) => (
            <li key={p.id}>
              <span>
                <strong>{p.name}</strong> {p.detail && <span className="muted small">{p.detail}</span>}
              </span>
              <button type="button" className="btn btn--ghost btn--small" onClick={() => onChange(ids.filter((x) => x !== p.id))}>
                Remove<span className="sr-only"> {p.name}</span>
              </button>
            </li>
          ))}
        </ul>
      ) : (
        <p className="muted small">Nobody chosen.</p>
      )}
      {!full && (
        <>
          <label htmlFor={id + '-q'} className="sr-only">
            Search people for {label.toLowerCase()}
          </label>
          <input
            id={id + '-q'}
            type="search"
            placeholder="Search by name"
            autoComplete="off"
            value={term}
            onChange={(e) => setTerm(e.target.value)}
            aria-describedby={hint ? id + '-hint' : undefined}
          />
          <div aria-live="polite">
            {problem && <p className="field__error">{problem}</p>}
            {results && offered.length === 0 && <p className="muted small">Nobody matches “{term.trim()}”.</p>}
            {offered.length > 0 && (
              <ul className="person-picker__results" aria-label={`People matching “${term.trim()}”`}>
                {offered.map((p) => (
                  <li key={p.id}>
                    <button
                      type="button"
                      className="person-picker__result"
                      onClick={() => {
                        onChange([...ids, p.id]);
                        setTerm('');
                      }}
                    >
                      <strong>{p.name}</strong>
                      <span className="muted small">{p.detail}</span>
                    </button>
                  </li>
                ))}
              </ul>
            )}
          </div>
        </>
      )}
      <FieldError message={error} />
    </fieldset>
  );
}

const NEW = '\u0000new';

/** A department among those that exist (from the administrator's list), or a new one typed in. */
export function DepartmentField({ value, onChange, error }: { value: string; onChange: (v: string) => void; error?: string }) {
  const id = useId();
  const [departments, setDepartments] = useState<string[] | null>(null);
  const [typing, setTyping] = useState(false);
  useEffect(() => {
    let live = true;
    ok(api.GET('/api/v1/admin/departments'))
      .then((r) => live && setDepartments(r.items.map((d) => d.department).filter(Boolean)))
      .catch(() => live && setDepartments([]));
    return () => {
      live = false;
    };
  }, []);
  const list = departments ?? [];
  const isNew = typing || (!!value && departments !== null && !list.includes(value));
  return (
    <div className={'field department-field' + (error ? ' field--invalid' : '')}>
      <label htmlFor={id}>Department</label>
      <select
        id={id}
        value={isNew ? NEW : value}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? id + '-error' : undefined}
        onChange={(e) => {
          if (e.target.value === NEW) {
            setTyping(true);
            onChange('');
          } else {
            setTyping(false);
            onChange(e.target.value);
          }
        }}
      >
        <option value="">No department</option>
        {list.map((d) => (
          <option key={d} value={d}>
            {d}
          </option>
        ))}
        <option value={NEW}>A new department…</option>
      </select>
      {isNew && (
        <>
          <label htmlFor={id + '-new'} className="field__sublabel">
            Name of the new department
          </label>
          <input id={id + '-new'} value={value} onChange={(e) => onChange(e.target.value)} autoFocus={typing} />
        </>
      )}
      <FieldError id={id + '-error'} message={error} />
    </div>
  );
}

let zones: string[] | null = null;
/** The browser's IANA time zones, UTC first. */
export function timeZones(): string[] {
  if (!zones) {
    let all: string[];
    try {
      all = Intl.supportedValuesOf('timeZone');
    } catch {
      all = ['Europe/London', 'Europe/Paris', 'America/New_York', 'Asia/Kolkata'];
    }
    zones = ['UTC', ...all.filter((z) => z !== 'UTC')];
  }
  return zones;
}

/** A time zone chosen from the IANA zones: typing part of a name ("berl", "new york") narrows
 *  the list; the choice is one of them. */
export function TimeZoneField({
  value,
  onChange,
  error,
  hint,
}: {
  value: string;
  onChange: (v: string) => void;
  error?: string;
  hint?: ReactNode;
}) {
  const id = useId();
  const [term, setTerm] = useState('');
  const all = useMemo(timeZones, []);
  const needle = term.trim().toLowerCase().replace(/\s+/g, '_');
  const matches = needle ? all.filter((z) => z.toLowerCase().includes(needle)) : all;
  const shown = matches.includes(value) || !value ? matches : [value, ...matches];
  return (
    <div className={'field timezone-field' + (error ? ' field--invalid' : '')}>
      <label htmlFor={id}>Time zone</label>
      {hint && (
        <p className="field__hint" id={id + '-hint'}>
          {hint}
        </p>
      )}
      <label htmlFor={id + '-q'} className="sr-only">
        Search time zones
      </label>
      <input
        id={id + '-q'}
        type="search"
        placeholder="Search, e.g. Berlin or New York"
        autoComplete="off"
        value={term}
        onChange={(e) => {
          setTerm(e.target.value);
          const n = e.target.value.trim().toLowerCase().replace(/\s+/g, '_');
          const first = n ? all.find((z) => z.toLowerCase().includes(n)) : undefined;
          if (first) onChange(first);
        }}
      />
      <select
        id={id}
        size={5}
        value={value}
        onChange={(e) => onChange(e.target.value)}
        aria-invalid={error ? true : undefined}
        aria-describedby={[hint ? id + '-hint' : '', error ? id + '-error' : ''].filter(Boolean).join(' ') || undefined}
      >
        {shown.map((z) => (
          <option key={z} value={z}>
            {z.replace(/_/g, ' ')}
          </option>
        ))}
      </select>
      {matches.length === 0 && <p className="muted small">No time zone matches “{term.trim()}”.</p>}
      <FieldError id={id + '-error'} message={error} />
    </div>
  );
}
