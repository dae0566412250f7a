// Every field of a profile, for PATCH /api/v1/me (oneself) and PATCH /api/v1/people/{id}
// (an administrator), with the API's messages next to the field they name.
import type { FormEvent } from 'react';
import { typedNumber, type ApiError } from '../api';
import type { components } from '../generated/api-schema';
import { FORMATS, FORMAT_LABELS, MEDIA, MEDIUM_LABELS, SKILL_LEVELS, listText, splitList } from '../format';
import type { Format, Medium, Person, Skill } from '../types';
import { DepartmentField, PersonPicker, TimeZoneField } from '../pickers';
import { Button, CheckboxGroup, FieldError, FormError, SelectField, TextArea, TextField, errorFor, useDraft } from '../ui';

export const PROFILE_FIELD_LABELS: Record<string, string> = {
  name: 'Name',
  title: 'Title',
  bio: 'About me',
  timezone: 'Time zone',
  languages: 'Languages',
  career_start_year: 'Career start year',
  monthly_availability_hours: 'Hours a month for mentoring',
  mentor_capacity: 'Mentees at a time',
  media: 'Preferred meeting media',
  formats_offered: 'Formats I offer',
  formats_sought: 'Formats I seek',
  skills: 'Skills',
  aspirations: 'What I aspire to',
  email: 'E-mail',
  organisation: 'Organisation',
  is_external: 'External',
  department: 'Department',
  manager_id: 'Current manager',
  former_manager_ids: 'Former managers',
  is_admin: 'Administrator',
  password: 'Password',
};

/** A number input's text as JSON: empty is `empty`, an integer a number, anything else the
 *  text itself so that the API names the field. */
function num<E extends number | null>(text: string, empty: E): number | E {
  const t = text.trim();
  if (!t) return empty;
  return typedNumber(/^-?\d+$/.test(t) ? Number(t) : t);
}

/** What the form sends: a profile patch, with a first password when an administrator creates
 *  someone. */
export type ProfileChanges = components['schemas']['PersonPatch'] & { password?: string };

interface Draft {
  name: string;
  title: string;
  bio: string;
  timezone: string;
  languages: string;
  career_start_year: string;
  monthly_availability_hours: string;
  mentor_capacity: string;
  media: Medium[];
  formats_offered: Format[];
  formats_sought: Format[];
  skills: Skill[];
  roles: string;
  departments: string;
  aspiration_skills: string;
  // administrator only
  email: string;
  organisation: string;
  is_external: boolean;
  department: string;
  manager_id: string[];
  former_manager_ids: string[];
  is_admin: boolean;
  password: string;
}

function draftOf(p: Person | undefined): Draft {
  return {
    name: p?.name ?? '',
    title: p?.title ?? '',
    bio: p?.bio ?? '',
    timezone: p?.timezone ?? 'UTC',
    languages: listText(p?.languages ?? []),
    career_start_year: p?.career_start_year ? String(p.career_start_year) : '',
    monthly_availability_hours: String(p?.monthly_availability_hours ?? 0),
    mentor_capacity: String(p?.mentor_capacity ?? 0),
    media: p?.media ?? [],
    formats_offered: p?.formats_offered ?? [],
    formats_sought: p?.formats_sought ?? [],
    skills: p?.skills.map((s) => ({ ...s })) ?? [],
    roles: listText(p?.aspirations?.roles ?? []),
    departments: listText(p?.aspirations?.departments ?? []),
    aspiration_skills: listText(p?.aspirations?.skills ?? []),
    email: p?.email ?? '',
    organisation: p?.organisation ?? '',
    is_external: p?.is_external ?? false,
    department: p?.department ?? '',
    manager_id: p?.manager_id ? [p.manager_id] : [],
    former_manager_ids: p?.former_manager_ids ?? [],
    is_admin: p?.is_admin ?? false,
    password: '',
  };
}

export function ProfileForm({
  person,
  admin = false,
  creating = false,
  onSave,
  error,
  busy,
  submitLabel = 'Save profile',
}: {
  person?: Person;
  /** Show the fields only an administrator sets. */
  admin?: boolean;
  creating?: boolean;
  onSave: (patch: ProfileChanges) => void;
  error: ApiError | null;
  busy: boolean;
  submitLabel?: string;
}) {
  const { draft: d, set } = useDraft<Draft>(() => draftOf(person));

  function submit(e: FormEvent) {
    e.preventDefault();
    const patch: ProfileChanges = {
      name: d.name,
      title: d.title,
      bio: d.bio,
      timezone: d.timezone,
      languages: splitList(d.languages),
      career_start_year: num(d.career_start_year, null),
      monthly_availability_hours: num(d.monthly_availability_hours, 0),
      mentor_capacity: num(d.mentor_capacity, 0),
      media: d.media,
      formats_offered: d.formats_offered,
      formats_sought: d.formats_sought,
      skills: d.skills.map((s) => ({ name: s.name.trim(), level: s.level })),
      aspirations: {
        roles: splitList(d.roles),
        departments: splitList(d.departments),
        skills: splitList(d.aspiration_skills),
      },
    };
    if (admin) {
      patch.email = d.email;
      patch.organisation = d.organisation;
      patch.is_external = d.is_external;
      patch.department = d.department;
      patch.manager_id = d.manager_id[0] ?? null;
      patch.former_manager_ids = d.former_manager_ids;
      patch.is_admin = d.is_admin;
      if (creating && d.password) patch.password = d.password;
    }
    onSave(patch);
  }

  const err = (name: string, prefix = false) => errorFor(error, name, prefix);

  return (
    <form className="profile-form stack-lg" onSubmit={submit} noValidate>
      {admin && (
        <fieldset className="form-section">
          <legend>Account and organisation</legend>
          <p className="form-section__hint">Only program administrators set these.</p>
          <div className="grid-2">
            <TextField label="E-mail" type="email" value={d.email} onChange={(e) => set('email', e.target.value)} error={err('email')} />
            {creating && (
              <TextField
                label="First password"
                type="password"
                autoComplete="new-password"
                hint="At least 10 characters. Leave empty to create the person without a sign-in."
                value={d.password}
                onChange={(e) => set('password', e.target.value)}
                error={err('password')}
              />
            )}
            <TextField label="Organisation" value={d.organisation} onChange={(e) => set('organisation', e.target.value)} error={err('organisation')} />
            <DepartmentField value={d.department} onChange={(v) => set('department', v)} error={err('department')} />
          </div>
          <div className="grid-2">
            <PersonPicker
              label="Current manager"
              hint="Nobody for no manager. A manager who changes becomes a former manager."
              ids={d.manager_id}
              onChange={(ids) => set('manager_id', ids)}
              excludeIds={person ? [person.id] : []}
              error={err('manager_id')}
            />
            <PersonPicker
              label="Former managers"
              hint="They know where this person started: recommendations say so."
              ids={d.former_manager_ids}
              onChange={(ids) => set('former_manager_ids', ids)}
              max={30}
              excludeIds={[...(person ? [person.id] : []), ...d.manager_id]}
              error={err('former_manager_ids', true)}
            />
          </div>
          <div className="row">
            <label className="check">
              <input type="checkbox" checked={d.is_external} onChange={(e) => set('is_external', e.target.checked)} />
              <span>External to the home organisation</span>
            </label>
            <label className="check">
              <input type="checkbox" checked={d.is_admin} onChange={(e) => set('is_admin', e.target.checked)} />
              <span>Program administrator</span>
            </label>
          </div>
          {err('is_external') && <p className="field__error">{err('is_external')}</p>}
          {err('is_admin') && <p className="field__error">{err('is_admin')}</p>}
        </fieldset>
      )}

      <fieldset className="form-section">
        <legend>About {admin ? 'them' : 'you'}</legend>
        <div className="grid-2">
          <TextField label="Name" autoComplete="name" value={d.name} onChange={(e) => set('name', e.target.value)} error={err('name')} />
          <TextField label="Title" value={d.title} onChange={(e) => set('title', e.target.value)} error={err('title')} />
          <TimeZoneField
            hint="Meeting times are shown in this time zone."
            value={d.timezone}
            onChange={(v) => set('timezone', v)}
            error={err('timezone')}
          />
          <TextField
            label="Languages"
            hint="Comma separated, e.g. English, Hindi"
            value={d.languages}
            onChange={(e) => set('languages', e.target.value)}
            error={err('languages', true)}
          />
          <TextField
            label="Career start year"
            hint={person?.years_of_experience != null ? `${person.years_of_experience} years of experience` : 'Used for years of experience; no age is stored.'}
            inputMode="numeric"
            value={d.career_start_year}
            onChange={(e) => set('career_start_year', e.target.value)}
            error={err('career_start_year')}
          />
        </div>
        <TextArea
          label="About me"
          hint="What you work on, what you are good at, what you are looking for."
          rows={4}
          value={d.bio}
          onChange={(e) => set('bio', e.target.value)}
          error={err('bio')}
        />
      </fieldset>

      <fieldset className="form-section">
        <legend>Skills</legend>
        <p className="form-section__hint">Each with a level from 1 (beginner) to 5 (expert). Mentees find mentors by these.</p>
        <FieldError message={err('skills')} />
        <ul className="list list--stacked skill-rows">
          {d.skills.map((s, i) => (
            <li key={i} className="skill-row">
              <TextField
                label={`Skill ${i + 1}`}
                value={s.name}
                onChange={(e) => set('skills', d.skills.map((x, j) => (j === i ? { ...x, name: e.target.value } : x)))}
                error={err(`skills[${i}].name`) ?? err(`skills[${i}]`)}
              />
              <SelectField
                label={`Level of skill ${i + 1}`}
                value={s.level}
                onChange={(e) => set('skills', d.skills.map((x, j) => (j === i ? { ...x, level: Number(e.target.value) } : x)))}
                error={err(`skills[${i}].level`)}
              >
                {SKILL_LEVELS.map((label, n) => (
                  <option key={n} value={n + 1}>
                    {n + 1} · {label}
                  </option>
                ))}
              </SelectField>
              <button
                type="button"
                className="btn btn--ghost btn--small skill-row__remove"
                onClick={() => set('skills', d.skills.filter((_, j) => j !== i))}
              >
                Remove<span className="sr-only"> skill {i + 1}</span>
              </button>
            </li>
          ))}
        </ul>
        <button type="button" className="btn btn--secondary btn--small" onClick={() => set('skills', [...d.skills, { name: '', level: 3 }])}>
          + Add a skill
        </button>
      </fieldset>

      <fieldset className="form-section">
        <legend>What {admin ? 'they aspire' : 'you aspire'} to</legend>
        <p className="form-section__hint">
          “A position or department that you aspire to”: mentors who hold or held these roles match best. Only you and
          the program administrators see this.
        </p>
        <div className="grid-3">
          <TextField label="Roles" hint="e.g. Data Scientist" value={d.roles} onChange={(e) => set('roles', e.target.value)} error={err('aspirations.roles', true)} />
          <TextField label="Departments" value={d.departments} onChange={(e) => set('departments', e.target.value)} error={err('aspirations.departments', true)} />
          <TextField
            label="Skills to develop"
            hint="Comma separated"
            value={d.aspiration_skills}
            onChange={(e) => set('aspiration_skills', e.target.value)}
            error={err('aspirations.skills', true) ?? err('aspirations')}
          />
        </div>
      </fieldset>

      <fieldset className="form-section">
        <legend>Mentoring</legend>
        <div className="grid-2">
          <TextField
            label="Mentees at a time"
            hint="0 if you are not taking mentees now (at most 20)."
            inputMode="numeric"
            value={d.mentor_capacity}
            onChange={(e) => set('mentor_capacity', e.target.value)}
            error={err('mentor_capacity')}
          />
          <TextField
            label="Hours a month for mentoring"
            hint="Between 0 and 200."
            inputMode="numeric"
            value={d.monthly_availability_hours}
            onChange={(e) => set('monthly_availability_hours', e.target.value)}
            error={err('monthly_availability_hours')}
          />
        </div>
        <CheckboxGroup
          legend="Preferred meeting media"
          hint="Face to face is best, even if only through a camera."
          options={MEDIA}
          labels={MEDIUM_LABELS}
          value={d.media}
          onChange={(v) => set('media', v)}
          error={err('media', true)}
        />
        <div className="grid-2">
          <CheckboxGroup
            legend="Formats I offer"
            options={FORMATS}
            labels={FORMAT_LABELS}
            value={d.formats_offered}
            onChange={(v) => set('formats_offered', v)}
            error={err('formats_offered', true)}
          />
          <CheckboxGroup
            legend="Formats I seek"
            options={FORMATS}
            labels={FORMAT_LABELS}
            value={d.formats_sought}
            onChange={(v) => set('formats_sought', v)}
            error={err('formats_sought', true)}
          />
        </div>
      </fieldset>

      <div className="form-actions">
        <FormError error={error} fieldLabels={PROFILE_FIELD_LABELS} />
        <Button type="submit" busy={busy}>
          {submitLabel}
        </Button>
      </div>
    </form>
  );
}
