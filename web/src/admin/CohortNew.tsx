// "New cohort": a name, a description, and its members chosen by a filter (a department, or
// everyone) or picked by hand. The server decides who qualifies; its errors appear at the field.
import { useEffect, useMemo, useState, type FormEvent } from 'react';
import { api, fieldMatches } from '../api';
import { Link, navigate } from '../router';
import type { Person } from '../types';
import { Button, FormError, PageHeader, TextArea, TextField, errorFor, useAction, useToast } from '../ui';
import { fetchAll } from './CohortHooks';
import { CohortPeoplePicker, type Picked } from './CohortPeoplePicker';
import type { CohortDetail } from './cohortTypes';
import './Cohorts.css';

interface Department {
  name: string;
  mentees: number;
  mentors: number;
}

const EVERYONE = '';
const PEOPLE_LIMIT = 5000;

const seeksOneToOne = (p: Person) => (p.formats_sought ?? []).includes('one_to_one');
const offersOneToOne = (p: Person) => p.mentor_capacity > 0 && p.formats_offered.includes('one_to_one');

/** The departments of the active people, with how many would join a cohort by that filter. */
function useDepartments() {
  const [state, setState] = useState<{ departments: Department[]; all: Department; complete: boolean } | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    let cancelled = false;
    fetchAll<Person>('/people', 100, PEOPLE_LIMIT)
      .then(({ items, complete }) => {
        if (cancelled) return;
        const byKey = new Map<string, Department>();
        const all: Department = { name: EVERYONE, mentees: 0, mentors: 0 };
        for (const p of items) {
          const name = p.department.trim();
          if (!name) continue;
          const key = name.toLowerCase();
          const d = byKey.get(key) ?? { name, mentees: 0, mentors: 0 };
          byKey.set(key, d);
          for (const target of [d, all]) {
            if (seeksOneToOne(p)) target.mentees++;
            if (offersOneToOne(p)) target.mentors++;
          }
        }
        setState({ departments: [...byKey.values()].sort((a, b) => a.name.localeCompare(b.name)), all, complete });
      })
      .catch((e: Error) => !cancelled && setError(e.message));
    return () => {
      cancelled = true;
    };
  }, []);
  return { ...state, error };
}

const FIELD_LABELS = {
  name: 'Name',
  description: 'Description',
  filter: 'Department',
  mentee_ids: 'Mentees',
  mentor_ids: 'Mentors',
};

export function CohortNew() {
  const [name, setName] = useState('');
  const [description, setDescription] = useState('');
  const [mode, setMode] = useState<'filter' | 'list'>('filter');
  const [department, setDepartment] = useState(EVERYONE);
  const [mentees, setMentees] = useState<Picked[]>([]);
  const [mentors, setMentors] = useState<Picked[]>([]);
  const departments = useDepartments();
  const save = useAction();
  const toast = useToast();

  const chosen = useMemo(
    () =>
      department === EVERYONE
        ? departments.all
        : departments.departments?.find((d) => d.name.toLowerCase() === department.toLowerCase()),
    [department, departments.all, departments.departments],
  );

  async function submit(e: FormEvent) {
    e.preventDefault();
    const body =
      mode === 'filter'
        ? { name, description, filter: department === EVERYONE ? {} : { department } }
        : { name, description, mentee_ids: mentees.map((p) => p.id), mentor_ids: mentors.map((p) => p.id) };
    const created = await save.run(() => api.post<CohortDetail>('/cohorts', body));
    if (created) {
      toast(`Cohort “${created.name}” created: ${created.mentees} mentees, ${created.mentors} mentors`);
      navigate(`/admin/cohorts/${created.id}`);
    }
  }

  /** "mentee_ids[3]" names the fourth person picked; say who. */
  function listError(field: 'mentee_ids' | 'mentor_ids', picked: Picked[]): string | undefined {
    const err = save.error;
    if (!err || !fieldMatches(err.field, field, true)) return undefined;
    const m = err.field.match(/\[(\d+)\]/);
    const who = m ? picked[Number(m[1])] : undefined;
    return who ? `${who.name}: ${err.message}` : err.message;
  }

  const filterError = errorFor(save.error, 'filter', true);

  return (
    <div className="page cohort-new">
      <p className="breadcrumbs">
        <Link to="/admin/cohorts">Cohorts</Link> / New cohort
      </p>
      <PageHeader
        title="New cohort"
        subtitle="Choose who is matched together. Nobody is told anything until you apply a matching."
      />
      <form className="card stack-lg cohort-form" onSubmit={submit} noValidate>
        <div className="grid-2">
          <TextField
            label="Name"
            hint="How administrators recognise it, e.g. “Engineering spring 2027”."
            value={name}
            onChange={(e) => setName(e.target.value)}
            maxLength={100}
            required
            error={errorFor(save.error, 'name')}
          />
          <TextArea
            label="Description (optional)"
            hint="What the cohort is for; only administrators see it."
            value={description}
            onChange={(e) => setDescription(e.target.value)}
            rows={2}
            maxLength={2000}
            error={errorFor(save.error, 'description')}
          />
        </div>

        <fieldset className="cohort-mode">
          <legend>Who is in the cohort</legend>
          <div className="cohort-mode__options">
            <label className={'cohort-mode__option' + (mode === 'filter' ? ' cohort-mode__option--on' : '')}>
              <input type="radio" name="mode" value="filter" checked={mode === 'filter'} onChange={() => setMode('filter')} />
              <span>
                <strong>By department</strong>
                <span className="block small muted">
                  Everyone who seeks one-to-one mentoring becomes a mentee; everyone who offers it with a free place, a
                  mentor.
                </span>
              </span>
            </label>
            <label className={'cohort-mode__option' + (mode === 'list' ? ' cohort-mode__option--on' : '')}>
              <input type="radio" name="mode" value="list" checked={mode === 'list'} onChange={() => setMode('list')} />
              <span>
                <strong>People I pick</strong>
                <span className="block small muted">Search the directory and choose each mentee and mentor.</span>
              </span>
            </label>
          </div>
        </fieldset>

        {mode === 'filter' ? (
          <div className={'field cohort-department' + (filterError ? ' field--invalid' : '')}>
            <label htmlFor="cohort-department">Department</label>
            <p className="field__hint" id="cohort-department-hint">
              {departments.error
                ? `The departments could not be loaded (${departments.error}); “Everyone” still works.`
                : !departments.departments
                  ? 'Loading the departments…'
                  : chosen
                    ? `About ${chosen.mentees} people seek one-to-one mentoring and ${chosen.mentors} offer it${
                        department === EVERYONE ? ' across the organisation' : ` in ${chosen.name}`
                      }; the server counts only active people.`
                    : ''}
              {departments.complete === false && ' Departments are from the first 5,000 people.'}
            </p>
            {filterError && (
              <p className="field__error" id="cohort-department-error" role="alert">
                {filterError}
              </p>
            )}
            <select
              id="cohort-department"
              value={department}
              onChange={(e) => setDepartment(e.target.value)}
              aria-describedby={'cohort-department-hint' + (filterError ? ' cohort-department-error' : '')}
              aria-invalid={filterError ? true : undefined}
            >
              <option value={EVERYONE}>Everyone (all departments)</option>
              {departments.departments?.map((d) => (
                <option key={d.name} value={d.name}>
                  {d.name} ({d.mentees} mentees, {d.mentors} mentors)
                </option>
              ))}
            </select>
          </div>
        ) : (
          <div className="grid-2 cohort-pickers">
            <CohortPeoplePicker
              legend="Mentees"
              role="mentee"
              value={mentees}
              onChange={setMentees}
              error={listError('mentee_ids', mentees)}
              hint="The people to find a mentor for."
            />
            <CohortPeoplePicker
              legend="Mentors"
              role="mentor"
              value={mentors}
              onChange={setMentors}
              error={listError('mentor_ids', mentors)}
              hint="Only people who offer one-to-one mentoring are listed; their free places are their capacity."
            />
          </div>
        )}

        <div className="form-actions">
          <FormError error={save.error} fieldLabels={FIELD_LABELS} />
          <div className="row">
            <Button type="submit" busy={save.busy}>
              Create cohort
            </Button>
            <Link className="btn btn--ghost" to="/admin/cohorts">
              Cancel
            </Link>
          </div>
        </div>
      </form>
    </div>
  );
}
