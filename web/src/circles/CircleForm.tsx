// A circle's settings: created by a mentor who offers circles (POST /circles) and changed by its
// host while it is active (PATCH /circles/{id}). The API checks the ranges and names the field.
import type { FormEvent } from 'react';
import { api, ok, wholeNumber, type ApiError } from '../api';
import type { CircleCard, Medium } from '../types';
import { FieldError, FormError, Hint, MediumOptions, SelectField, SubmitRow, TextArea, TextField, errorFor, useDraftForm } from '../ui';

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
  const { draft: f, action, field } = useDraftForm<Settings>(() => ({
    topic: circle?.topic ?? '',
    description: circle?.description ?? '',
    size_limit: String(circle?.size_limit ?? 6),
    cadence_days: String(circle?.cadence_days ?? 14),
    medium: circle?.medium ?? 'video',
    membership: circle?.membership ?? 'open',
  }));

  async function submit(e: FormEvent) {
    e.preventDefault();
    const body = { ...f, size_limit: wholeNumber(f.size_limit), cadence_days: wholeNumber(f.cadence_days) };
    const r = await action.run(() => (circle ? ok(api.PATCH('/api/v1/circles/{id}', { params: { path: { id: circle.id } }, body })) : ok(api.POST('/api/v1/circles', { body }))));
    // Editing answers the circle's workspace, creating its card: the caller says which it edits.
    if (r) await onSaved(r as T);
  }

  const name = circle ? 'Edit the circle' : 'Create a circle';
  return (
    <form noValidate onSubmit={submit} className="stack" aria-label={name}>
      <TextField label="Topic" placeholder="e.g. Women in leadership" {...field('topic')} autoFocus={!circle} />
      <TextArea label="Description" hint="What the group will work on, and who it is for." {...field('description')} />
      <div className="grid-4">
        <TextField label="Size limit" type="number" inputMode="numeric" hint="2 to 50 members" {...field('size_limit')} />
        <TextField label="Meets every (days)" type="number" inputMode="numeric" hint="1 to 90" {...field('cadence_days')} />
        <SelectField label="Medium" {...field('medium')}>
          <MediumOptions />
        </SelectField>
        <SelectField label="Membership" {...field('membership')}>
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
  return <FieldError message={error.message} />;
}
