// A program's matching: the emerging skills of reverse mentoring, whether external people take
// part, and the points of each factor, in a disclosure since most programs keep the
// organisation's weights. Each input shows the API's message for its field.
import type { ChangeEvent } from 'react';
import type { ApiError } from '../../api';
import { TextArea, TextField, errorFor } from '../../ui';
import { SEASONED_YEARS, WEIGHT_FACTORS, type WeightFactor, type WeightKey, type WeightsDraft } from './matchingWeights';
import type { ProgramDraft } from './programForm';

export function MatchingFields({
  draft,
  onChange,
  error,
  isDefault,
}: {
  draft: ProgramDraft;
  onChange: (d: ProgramDraft) => void;
  error: ApiError | null;
  isDefault: boolean;
}) {
  const weights = draft.weights;
  const setWeight = (key: WeightKey, value: string) =>
    weights && onChange({ ...draft, weights: { ...weights, [key]: value } as WeightsDraft });
  /** A factor's label, hint, number and the API's message for it. */
  const weightField = (w: WeightsDraft, f: WeightFactor) => ({
    label: f.label,
    hint: f.hint,
    type: 'number',
    value: w[f.key],
    onChange: (e: ChangeEvent<HTMLInputElement>) => setWeight(f.key, e.target.value),
    error: errorFor(error, `matching.weights.${f.key}`),
  });
  const weightInvalid = !!error?.field?.startsWith('matching.weights');
  return (
    <fieldset className="program-matching stack">
      <legend className="subheading">Matching</legend>
      {isDefault && (
        <p className="small muted">
          The default program’s matching is the organisation’s: recommendations, the directory and every cohort of this
          program score with it.
        </p>
      )}
      <TextArea
        label="Emerging skills (optional)"
        hint="The cutting-edge skills for which a junior person may mentor a senior one (reverse mentoring), separated by commas."
        value={draft.emerging_skills}
        rows={2}
        onChange={(e) => onChange({ ...draft, emerging_skills: e.target.value })}
        error={errorFor(error, 'matching.emerging_skills') ?? errorFor(error, 'matching')}
      />
      <label className="check">
        <input
          type="checkbox"
          checked={draft.allow_external}
          onChange={(e) => onChange({ ...draft, allow_external: e.target.checked })}
        />
        <span>External experts take part (they can be recommended and matched as mentors)</span>
      </label>
      {weights && (
        <details className="program-weights" open={weightInvalid || undefined}>
          <summary>Weights: the points each factor gives a mentor at full strength</summary>
          <p className="small muted">From 0 (the factor does not count) to 100. A mentor’s score adds the factors that apply.</p>
          <div className="program-weights__grid">
            {WEIGHT_FACTORS.map((f) => (
              <TextField key={f.key} {...weightField(weights, f)} inputMode="decimal" min={0} max={100} step="any" />
            ))}
            <TextField {...weightField(weights, SEASONED_YEARS)} inputMode="numeric" min={0} max={60} />
          </div>
        </details>
      )}
    </fieldset>
  );
}
