// Joining a circle: at once (an open circle with a free place), onto the waitlist (full), or a
// request with a message (by request). Used on the list and on a circle's own page.
import { useState, type FormEvent } from 'react';
import { api, ok } from '../api';
import type { CircleCard } from '../types';
import { Button, FieldError, SubmitRow, TextArea, errorFor, useDraftForm, useToast } from '../ui';

export function canJoin(c: CircleCard) {
  return c.state === 'active' && c.accepting_members && (!c.my_status || c.my_status === 'left');
}

export function JoinControl({ c, onJoined }: { c: CircleCard; onJoined: (answer: CircleCard) => Promise<unknown> }) {
  const { draft, action, field } = useDraftForm({ message: '' });
  const toast = useToast();
  const [asking, setAsking] = useState(false);

  async function join(e?: FormEvent) {
    e?.preventDefault();
    const r = await action.run(() => ok(api.POST('/api/v1/circles/{id}/join', { params: { path: { id: c.id } }, body: draft.message ? draft : {} })));
    if (!r) return;
    toast(
      r.my_status === 'member'
        ? `You joined “${c.topic}”.`
        : r.my_status === 'waitlisted'
          ? `The circle is full: you are number ${r.my_waitlist_position} on the waitlist.`
          : 'Your request was sent to the host.',
    );
    setAsking(false);
    await onJoined(r);
  }

  if (!canJoin(c)) return null;
  const verb = c.membership === 'by_request' ? 'Request to join' : c.places_free > 0 ? 'Join' : 'Join the waitlist';
  const verbFor = c.membership === 'by_request' ? 'Request to join' : c.places_free > 0 ? 'Join' : 'Join the waitlist of';
  return (
    <div className="stack-sm join">
      {asking ? (
        <form className="inline-form" noValidate onSubmit={join} aria-label={`Ask to join ${c.topic}`}>
          <TextArea
            label="Message to the host (optional)"
            hint="Why this circle, and what you hope to get from it."
            {...field('message')}
            autoFocus
          />
          <SubmitRow busy={action.busy} submit="Send request" onCancel={() => setAsking(false)} />
        </form>
      ) : (
        <div className="row">
          <Button
            variant={c.places_free > 0 ? 'primary' : 'secondary'}
            busy={action.busy}
            aria-label={`${verbFor} ${c.topic}`}
            onClick={() => (c.membership === 'by_request' ? setAsking(true) : void join())}
          >
            {verb}
          </Button>
        </div>
      )}
      <FieldError message={action.error && !errorFor(action.error, 'message') && action.error.message} />
    </div>
  );
}
