// A circle's settings: created by a mentor who offers circles (POST /circles) and changed by its
// host while it is active (PATCH /circles/{id}). The API checks the ranges and names the field.
import { useState, type FormEvent } from 'react';
import { api, ok, typedNumber, type ApiError } from '../api';
import type { CircleCard, Medium } from '../types';
import { FormError, Hint, MediumOptions, SelectField, SubmitRow, TextArea, TextField, errorFor, useAction } from '../ui';

interface Settings {
  topic: string;
  description: string;
  size_limit: string;
  cadence_days: string;
  medium: Medium;
  membership: 'open' | 'by_request';
}

const LABELS = {
  topic: 'Topic',
  description: 'Description',
  size_limit: 'Size limit',
  cadence_days: 'Meets every (days)',
  medium: 'Medium',
  membership: 'Membership',
  host_id: 'Host',
};

/** A number input's text as JSON: an integer as a number, anything else as typed, so the API
 *  names the field. */
const num = (s: string) => typedNumber(/^\s*\d+\s*$/.test(s) ? Number(s) : s);

/** Creates a circle (no `circle`) or edits one; `onSaved` gets the answer. */
export function CircleForm<T = CircleCard>({
  circle,
  onSaved,
  onCancel,
}: {
  circle?: CircleCard;
  onSaved: (answer: T) => void | Promise<void>;
  onCancel: () => void;
}) {
  const [f, setF] = useState<Settings>(() => ({
    topic: circle?.topic ?? '',
    description: circle?.description ?? '',
    size_limit: String(circle?.size_limit ?? 6),
    cadence_days: String(circle?.cadence_days ?? 14),
    medium: circle?.medium ?? 'video',
    membership: circle?.membership ?? 'open',
  }));
  const action = useAction();
  const set = (k: keyof Settings) => (e: { target: { value: string } }) => setF({ ...f, [k]: e.target.value });

  async function submit(e: FormEvent) {
    e.preventDefault();
    const body = { ...f, size_limit: num(f.size_limit), cadence_days: num(f.cadence_days) };
    const r = await action.run(() => (circle ? ok(api.PATCH('/api/v1/circles/{id}', { params: { path: { id: circle.id } }, body })) : ok(api.POST('/api/v1/circles', { body }))));
    // Editing answers the circle's workspace, creating its card: the caller says which it edits.
    if (r) await onSaved(r as T);
  }

  const err = (name: string) => errorFor(action.error, name);
  const name = circle ? 'Edit the circle' : 'Create a circle';
  return (
    <form noValidate onSubmit={submit} className="stack" aria-label={name}>
      <TextField label="Topic" placeholder="e.g. Women in leadership" value={f.topic} onChange={set('topic')} error={err('topic')} autoFocus={!circle} />
      <TextArea
        label="Description"
        hint="What the group will work on, and who it is for."
        value={f.description}
        onChange={set('description')}
        error={err('description')}
      />
      <div className="grid-4">
        <TextField
          label="Size limit"
          type="number"
          inputMode="numeric"
          hint="2 to 50 members"
          value={f.size_limit}
          onChange={set('size_limit')}
          error={err('size_limit')}
        />
        <TextField
          label="Meets every (days)"
          type="number"
          inputMode="numeric"
          hint="1 to 90"
          value={f.cadence_days}
          onChange={set('cadence_days')}
          error={err('cadence_days')}
        />
        <SelectField label="Medium" value={f.medium} onChange={set('medium')} error={err('medium')}>
          <MediumOptions />
        </SelectField>
        <SelectField label="Membership" value={f.membership} onChange={set('membership')} error={err('membership')}>
          <option value="open">Open: anyone joins</option>
          <option value="by_request">By request: I approve</option>
        </SelectField>
      </div>
      {circle && Number(f.size_limit) > circle.size_limit && circle.waitlisted > 0 && (
        <Hint>A larger circle takes people from the waitlist at once, in order.</Hint>
      )}
      {f.medium !== 'video' && f.medium !== 'in_person' && (
        <Hint tone="warn">Seeing each other matters: a video call keeps the visual cues a group needs.</Hint>
      )}
      <HostError error={action.error} />
      <FormError error={action.error} fieldLabels={LABELS} />
      <SubmitRow className="form-actions" busy={action.busy} submit={circle ? 'Save changes' : 'Create circle'} onCancel={onCancel} />
    </form>
  );
}

/** `host_id` has no input here (it is oneself): its message stands on its own. */
function HostError({ error }: { error: ApiError | null }) {
  if (!error || !errorFor(error, 'host_id')) return null;
  return (
    <p className="field__error" role="alert">
      {error.message}
    </p>
  );
}
