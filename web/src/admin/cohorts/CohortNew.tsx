// "New cohort": a name, a description, its program and dates, whether people may sign themselves
// up, and its members chosen by a filter (a department, or everyone, with how many mentees and
// mentors each would bring) or picked by hand; with sign-up on it may also start empty. The
// server decides who qualifies; its errors appear at the field.
import { DateRangeFields } from '../../DateRangeFields';
import { useMemo, useState, type FormEvent } from 'react';
import { api, ok } from '../../api';
import { dayOrNull } from '../../dateRange';
import { navigate, useLocation } from '../../router';
import { FieldError, Hint, SelectField, errorFor, useAction, useApi, useToast } from '../../ui';
import { NameFields, NewItemPage, refused, useDayRange } from '../adminParts';
import { takesCohorts } from '../programs/programTypes';
import { CohortPeoplePicker, pickedError, type Picked } from './CohortPeoplePicker';
import type { DepartmentCounts } from './cohortTypes';
import './Cohorts.css';

const EVERYONE = '';

/** The departments with what each would bring (GET /admin/departments), and the whole
 *  organisation's sums, which the filter "everyone" takes. */
function useDepartments() {
  const loaded = useApi('/admin/departments', () => ok(api.GET('/api/v1/admin/departments')));
  const rows = loaded.data?.items;
  const all = useMemo<DepartmentCounts | undefined>(
    () =>
      rows?.reduce(
        (sum, d) => ({
          department: EVERYONE,
          people: sum.people + d.people,
          seeking_one_to_one: sum.seeking_one_to_one + d.seeking_one_to_one,
          offering_one_to_one: sum.offering_one_to_one + d.offering_one_to_one,
        }),
        { department: EVERYONE, people: 0, seeking_one_to_one: 0, offering_one_to_one: 0 },
      ),
    [rows],
  );
  // A filter compares departments regardless of case and spaces, so "Sales" and "sales " are one
  // choice with their counts added. People without a department count for everyone, but are no
  // department to choose.
  const named = useMemo(() => {
    if (!rows) return undefined;
    const byKey = new Map<string, DepartmentCounts>();
    for (const d of rows) {
      const key = d.department.trim().toLowerCase();
      if (!key) continue;
      const seen = byKey.get(key);
      byKey.set(
        key,
        seen
          ? {
              department: seen.department,
              people: seen.people + d.people,
              seeking_one_to_one: seen.seeking_one_to_one + d.seeking_one_to_one,
              offering_one_to_one: seen.offering_one_to_one + d.offering_one_to_one,
            }
          : { ...d, department: d.department.trim() },
      );
    }
    return [...byKey.values()];
  }, [rows]);
  return { departments: named, all, error: loaded.error, loading: loaded.loading, retry: loaded.reload };
}

const n = (v: number) => v.toLocaleString('en-GB');

const FIELD_LABELS = {
  name: 'Name',
  description: 'Description',
  program_id: 'Program',
  starts_on: 'Starts on',
  ends_on: 'Ends on',
  signup_open: 'People may sign themselves up',
  filter: 'Department',
  mentee_ids: 'Mentees',
  mentor_ids: 'Mentors',
};

/** The programs a cohort can join: open ones offering one-to-one mentoring, the default first
 *  (as the server lists them). */
function usePrograms() {
  const loaded = useApi('/admin/programs', () => ok(api.GET('/api/v1/admin/programs')));
  const usable = useMemo(() => loaded.data?.items.filter(takesCohorts), [loaded.data]);
  return { programs: usable, error: loaded.error, retry: loaded.reload };
}

type Mode = 'filter' | 'list' | 'signup';

const PICKERS = [
  { role: 'mentee', legend: 'Mentees', hint: 'The people to find a mentor for.' },
  {
    role: 'mentor',
    legend: 'Mentors',
    hint: 'Only people who offer one-to-one mentoring are listed; their free places are their capacity.',
  },
] as const;

export function CohortNew() {
  const [name, setName] = useState('');
  const [description, setDescription] = useState('');
  const [mode, setMode] = useState<Mode>('filter');
  // "+ New cohort in this program" on a program's page names the program in the address.
  const { search } = useLocation();
  const [chosenProgram, setChosenProgram] = useState(search.get('program') ?? '');
  const dates = useDayRange();
  const [signup, setSignup] = useState(false);
  const programs = usePrograms();
  const [department, setDepartment] = useState(EVERYONE);
  const [picked, setPicked] = useState<Record<'mentee' | 'mentor', Picked[]>>({ mentee: [], mentor: [] });
  const departments = useDepartments();
  const save = useAction();
  const toast = useToast();

  const chosen =
    department === EVERYONE ? departments.all : departments.departments?.find((d) => d.department === department);
  const where = department === EVERYONE ? 'the organisation' : department;

  // The program asked for in the address when it can take cohorts, else the default one.
  const programId =
    programs.programs?.find((p) => p.id === chosenProgram)?.id ?? programs.programs?.find((p) => p.is_default)?.id ?? '';

  function chooseSignup(on: boolean) {
    setSignup(on);
    if (!on && mode === 'signup') setMode('filter');
  }

  async function submit(e: FormEvent) {
    e.preventDefault();
    if (refused(save, dates.problem())) return;
    const common = {
      name,
      description,
      // Without the programs (they failed to load) the server takes the default one.
      ...(programId ? { program_id: programId } : {}),
      starts_on: dayOrNull(dates.startsOn),
      ends_on: dayOrNull(dates.endsOn),
      signup_open: signup,
    };
    const body =
      mode === 'signup'
        ? common
        : mode === 'filter'
          ? { ...common, filter: department === EVERYONE ? {} : { department } }
          : { ...common, mentee_ids: picked.mentee.map((p) => p.id), mentor_ids: picked.mentor.map((p) => p.id) };
    const created = await save.run(() => ok(api.POST('/api/v1/cohorts', { body })));
    if (created) {
      toast(`Cohort “${created.name}” created: ${created.mentees} mentees, ${created.mentors} mentors`);
      navigate(`/admin/cohorts/${created.id}`);
    }
  }

  const filterError = errorFor(save.error, 'filter', true);

  return (
    <NewItemPage
      what="cohort"
      listTo="/admin/cohorts"
      listName="Cohorts"
      subtitle="Choose who is matched together. Nobody is told anything until you apply a matching."
      className="cohort-new"
      formClassName="cohort-form"
      onSubmit={submit}
      save={save}
      fieldLabels={FIELD_LABELS}
    >
      <NameFields
        name={name}
        description={description}
        onName={setName}
        onDescription={setDescription}
        error={save.error}
        nameHint="How administrators recognise it, e.g. “Engineering spring 2027”."
        descriptionHint="What the cohort is for; only administrators see it."
      />

      <div className="grid-2">
        <SelectField
          label="Program"
          hint={
            programs.error ? (
              <>
                The programs could not be loaded ({programs.error.message}); the cohort joins the default program.{' '}
                <button type="button" className="link-button small" onClick={() => void programs.retry()}>
                  Try again
                </button>
              </>
            ) : (
              'Its matching weights are used, and the pairs proposed belong to it. Open programs offering one-to-one mentoring.'
            )
          }
          value={programId}
          onChange={(e) => setChosenProgram(e.target.value)}
          disabled={!programs.programs}
          error={errorFor(save.error, 'program_id')}
        >
          {!programs.programs && <option value="">{programs.error ? 'The default program' : 'Loading the programs…'}</option>}
          {programs.programs?.map((p) => (
            <option key={p.id} value={p.id}>
              {p.name}
              {p.is_default ? ' (default)' : ''}
            </option>
          ))}
        </SelectField>
        <fieldset className="field checkgroup">
          <legend>Sign-up</legend>
          <p className="field__hint" id="cohort-signup-hint">
            Everyone finds the cohort on their Programs page and joins as a mentee, or as a mentor if they offer
            one-to-one mentoring, until it ends. You can still add people yourself.
          </p>
          <div className="checkgroup__options">
            <label className="check">
              <input
                type="checkbox"
                checked={signup}
                onChange={(e) => chooseSignup(e.target.checked)}
                aria-describedby="cohort-signup-hint"
              />
              <span>People may sign themselves up</span>
            </label>
          </div>
        </fieldset>
      </div>
      <DateRangeFields
        {...dates.fields}
        error={save.error}
        endHint="Sign-up closes after this day. Move it later to extend the cohort."
      />

      <fieldset className="cohort-mode">
        <legend>Who is in the cohort{signup ? ' from the start' : ''}</legend>
        <div className={'cohort-mode__options' + (signup ? ' cohort-mode__options--three' : '')}>
          {signup && (
            <label className={'cohort-mode__option' + (mode === 'signup' ? ' cohort-mode__option--on' : '')}>
              <input type="radio" name="mode" value="signup" checked={mode === 'signup'} onChange={() => setMode('signup')} />
              <span>
                <strong>Only people who sign up</strong>
                <span className="block small muted">The cohort starts empty and fills as people join.</span>
              </span>
            </label>
          )}
          <label className={'cohort-mode__option' + (mode === 'filter' ? ' cohort-mode__option--on' : '')}>
            <input type="radio" name="mode" value="filter" checked={mode === 'filter'} onChange={() => setMode('filter')} />
            <span>
              <strong>By department</strong>
              <span className="block small muted">
                Everyone who seeks one-to-one mentoring becomes a mentee; everyone who offers it with at least one
                place, a mentor.
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

      {mode === 'signup' ? null : mode === 'filter' ? (
        <div className={'field cohort-department' + (filterError ? ' field--invalid' : '')}>
          <label htmlFor="cohort-department">Department</label>
          <p className="field__hint" id="cohort-department-hint">
            {departments.error ? (
              <>
                The departments could not be loaded ({departments.error.message}); “Everyone” still works.
                <button type="button" className="link-button small" onClick={() => void departments.retry()}>
                  Try again
                </button>
              </>
            ) : !departments.departments ? (
              'Loading the departments and who each would bring…'
            ) : (
              'Each department with how many of its active people would be mentees and mentors.'
            )}
          </p>
          <FieldError id="cohort-department-error" message={filterError} />
          <select
            id="cohort-department"
            value={department}
            onChange={(e) => setDepartment(e.target.value)}
            aria-describedby={
              'cohort-department-hint' + (chosen ? ' cohort-department-counts' : '') + (filterError ? ' cohort-department-error' : '')
            }
            aria-invalid={filterError ? true : undefined}
          >
            <option value={EVERYONE}>
              Everyone (all departments
              {departments.all
                ? `: ${n(departments.all.seeking_one_to_one)} mentees, ${n(departments.all.offering_one_to_one)} mentors`
                : ''}
              )
            </option>
            {departments.departments?.map((d) => (
              <option key={d.department} value={d.department}>
                {d.department} ({n(d.seeking_one_to_one)} mentees, {n(d.offering_one_to_one)} mentors)
              </option>
            ))}
          </select>
          {chosen ? (
            <dl
              className={'cohort-department__counts' + (departments.loading ? ' cohort-department__counts--loading' : '')}
              id="cohort-department-counts"
              aria-label={`Who a cohort of ${where === 'the organisation' ? 'everyone' : where} would take`}
            >
              {[
                { term: 'Mentees', value: chosen.seeking_one_to_one, note: 'seek one-to-one mentoring' },
                { term: 'Mentors', value: chosen.offering_one_to_one, note: 'offer it, with a place' },
                { term: 'People', value: chosen.people, note: `active in ${where}` },
              ].map((c) => (
                <div key={c.term}>
                  <dt>{c.term}</dt>
                  <dd>
                    <span className="cohort-department__value">{n(c.value)}</span>
                    <span className="cohort-department__note">{c.note}</span>
                  </dd>
                </div>
              ))}
            </dl>
          ) : (
            !departments.error && (
              <div className="cohort-department__counts cohort-department__counts--loading" aria-hidden="true">
                {[0, 1, 2].map((i) => (
                  <div key={i}>
                    <div className="skeleton" style={{ width: '40%', marginBottom: '0.4rem' }} />
                    <div className="skeleton" style={{ width: '75%' }} />
                  </div>
                ))}
              </div>
            )
          )}
          {chosen && chosen.offering_one_to_one === 0 && (
            <Hint tone="warn">
              Nobody in {where} offers one-to-one mentoring with a place, so a matching of this cohort would
              match nobody. Choose another department, or pick the mentors yourself.
            </Hint>
          )}
          {chosen && chosen.offering_one_to_one > 0 && chosen.seeking_one_to_one === 0 && (
            <Hint tone="warn">Nobody in {where} seeks one-to-one mentoring, so this cohort would have no mentees.</Hint>
          )}
        </div>
      ) : (
        <div className="grid-2 cohort-pickers">
          {PICKERS.map(({ role, legend, hint }) => (
            <CohortPeoplePicker
              key={role}
              legend={legend}
              role={role}
              value={picked[role]}
              onChange={(v) => setPicked((p) => ({ ...p, [role]: v }))}
              error={pickedError(save.error, `${role}_ids`, picked[role])}
              hint={hint}
            />
          ))}
        </div>
      )}
    </NewItemPage>
  );
}
