// The fields of a program, for the new-program form and a program's page: name, description,
// dates, formats, how long requests wait, after how many missed meetings a pair fades, and the
// emerging skills of reverse mentoring. Each shows the API's message for its field.
import { DateRangeFields } from '../../DateRangeFields';
import type { ReactNode } from 'react';
import type { ApiError } from '../../api';
import { CheckboxGroup, TextArea, TextField, errorFor, textFields } from '../../ui';
import { NameFields } from '../adminParts';
import { SEASONED_YEARS, WEIGHT_FACTORS } from './matchingWeights';
import type { ProgramDraft } from './programForm';
import { DEFAULT_REQUEST_EXPIRY_DAYS, PROGRAM_FORMAT_LABELS, PROGRAM_FORMATS } from './programTypes';

export const PROGRAM_FIELD_LABELS: Record<string, string> = {
  name: 'Name',
  description: 'Description',
  starts_on: 'Starts on',
  ends_on: 'Ends on',
  formats: 'Formats',
  request_expiry_days: 'Requests wait',
  fade_after_cadences: 'Fades after',
  matching: 'Emerging skills',
  'matching.emerging_skills': 'Emerging skills',
  ...Object.fromEntries([...WEIGHT_FACTORS, SEASONED_YEARS].map((f) => [`matching.weights.${f.key}`, f.label])),
};

export function ProgramFields({
  draft,
  onChange,
  error,
  matching,
}: {
  draft: ProgramDraft;
  onChange: (d: ProgramDraft) => void;
  error: ApiError | null;
  /** What stands where the emerging skills are typed when the form does not edit them. */
  matching?: ReactNode;
}) {
  const set = <K extends keyof ProgramDraft>(key: K, value: ProgramDraft[K]) => onChange({ ...draft, [key]: value });
  const field = textFields(draft, set, error);
  return (
    <div className="stack">
      <NameFields
        name={draft.name}
        description={draft.description}
        onName={(v) => set('name', v)}
        onDescription={(v) => set('description', v)}
        error={error}
        nameHint="As people see it next to its cohorts, e.g. “Women in engineering 2027”."
        descriptionHint="What the program is for."
      />
      <DateRangeFields
        startsOn={draft.starts_on}
        endsOn={draft.ends_on}
        onStartsOn={(v) => set('starts_on', v)}
        onEndsOn={(v) => set('ends_on', v)}
        error={error}
      />
      <CheckboxGroup
        legend="Formats"
        hint="What the program offers. Cohorts match for one-to-one mentoring, so only a program with it can have cohorts."
        options={PROGRAM_FORMATS}
        labels={PROGRAM_FORMAT_LABELS}
        value={draft.formats}
        onChange={(v) => set('formats', v)}
        error={errorFor(error, 'formats', true)}
      />
      <div className="grid-2">
        <TextField
          label="Requests wait (days, optional)"
          hint={`How long a request waits for an answer before it expires, 1 to 90 days. Empty: the server’s setting (${DEFAULT_REQUEST_EXPIRY_DAYS} days unless changed).`}
          type="number"
          inputMode="numeric"
          min={1}
          max={90}
          className="field--narrow"
          {...field('request_expiry_days')}
        />
        <TextField
          label="Fades after (missed meetings)"
          hint="An active pair that has not met for this many times its agreed cadence is fading, and both are told; 1 to 6."
          type="number"
          inputMode="numeric"
          min={1}
          max={6}
          className="field--narrow"
          {...field('fade_after_cadences')}
        />
      </div>
      {matching ?? (
        <TextArea
          label="Emerging skills (optional)"
          hint="The cutting-edge skills for which a junior person may mentor a senior one (reverse mentoring), separated by commas. Empty: the organisation’s list."
          value={draft.emerging_skills}
          rows={2}
          onChange={(e) => set('emerging_skills', e.target.value)}
          error={errorFor(error, 'matching', true)}
        />
      )}
    </div>
  );
}
