// Starts a matching of the cohort: one button, the switch that also matches mentees who already
// have a mentor (off by default, as the server's), and the two knobs (candidates per mentee and a
// minimum score) folded away under "Advanced". The API's 422 appears at the knob it names.
import { useId, useState, type FormEvent, type InputHTMLAttributes } from 'react';
import { api, ok } from '../../api';
import { Button, FieldError, errorFor, useAction } from '../../ui';
import { DEFAULT_K, type Matching } from './cohortTypes';

/** A number under "Advanced", its hint, and the API's message for it above the box. */
function Knob({
  id,
  label,
  hint,
  error,
  ...input
}: { id: string; label: string; hint: string; error?: string } & InputHTMLAttributes<HTMLInputElement>) {
  return (
    <div className={'field field--narrow' + (error ? ' field--invalid' : '')}>
      <label htmlFor={id}>{label}</label>
      <p className="field__hint" id={id + '-hint'}>
        {hint}
      </p>
      <FieldError id={id + '-error'} message={error} />
      <input
        id={id}
        type="number"
        {...input}
        aria-invalid={error ? true : undefined}
        aria-describedby={id + '-hint' + (error ? ` ${id}-error` : '')}
      />
    </div>
  );
}

export function CohortRun({
  cohortId,
  label,
  variant = 'primary',
  initialK = DEFAULT_K,
  initialMinScore = 0,
  initialIncludeMentored = false,
  onStarted,
  disabled,
}: {
  cohortId: string;
  label: string;
  variant?: 'primary' | 'secondary';
  initialK?: number;
  initialMinScore?: number;
  initialIncludeMentored?: boolean;
  onStarted: (job: Matching) => void;
  disabled?: boolean;
}) {
  const id = useId();
  const [k, setK] = useState(String(initialK));
  const [minScore, setMinScore] = useState(initialMinScore > 0.01 ? String(initialMinScore) : '0');
  const [includeMentored, setIncludeMentored] = useState(initialIncludeMentored);
  const [open, setOpen] = useState(false);
  const start = useAction();
  const kError = errorFor(start.error, 'k');
  const minError = errorFor(start.error, 'min_score');
  const otherError = start.error && !kError && !minError ? start.error.message : undefined;

  async function submit(e: FormEvent) {
    e.preventDefault();
    const body: Record<string, number | string | boolean> = { include_mentored: includeMentored };
    // Sent as typed when not a number, so the server's message explains what it wants.
    if (k.trim() !== '') body.k = Number.isFinite(Number(k)) ? Number(k) : k;
    if (minScore.trim() !== '') body.min_score = Number.isFinite(Number(minScore)) ? Number(minScore) : minScore;
    const job = await start.run(() => ok(api.POST('/api/v1/cohorts/{id}/matchings', { params: { path: { id: cohortId } }, body })));
    if (job) onStarted(job);
  }

  // Errors about the knobs open them.
  const showAdvanced = open || !!kError || !!minError;

  return (
    <form className="cohort-run" onSubmit={submit} noValidate aria-label={label}>
      <div className="cohort-run__main">
        <Button type="submit" variant={variant} busy={start.busy} disabled={disabled}>
          {label}
        </Button>
        <div className="cohort-run__switch">
          <label className="check">
            <input
              type="checkbox"
              role="switch"
              checked={includeMentored}
              onChange={(e) => setIncludeMentored(e.target.checked)}
              aria-describedby={id + '-mentored-hint'}
            />
            <span>Include mentees already in a mentoring relationship</span>
          </label>
          <p className="field__hint" id={id + '-mentored-hint'}>
            Off: mentees who already have a mentor are left out, so the program does not propose a second one.
          </p>
        </div>
        <details
          className="cohort-run__advanced"
          open={showAdvanced}
          onToggle={(e) => setOpen((e.target as HTMLDetailsElement).open)}
        >
          <summary>Advanced</summary>
          <div className="cohort-run__knobs">
            <Knob
              id={id + '-k'}
              label="Candidates per mentee"
              hint="The best K mentors kept for each mentee (1–500). More is slower and rarely better."
              error={kError}
              inputMode="numeric"
              min={1}
              max={500}
              value={k}
              onChange={(e) => setK(e.target.value)}
            />
            <Knob
              id={id + '-min'}
              label="Minimum score"
              hint="Pairs scoring less are never proposed (0–1000 points). 0 accepts any positive fit."
              error={minError}
              inputMode="decimal"
              min={0}
              max={1000}
              step="any"
              value={minScore}
              onChange={(e) => setMinScore(e.target.value)}
            />
          </div>
        </details>
      </div>
      <FieldError message={otherError} />
    </form>
  );
}
