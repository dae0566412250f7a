// My flash sessions, as mentee or mentor: cancel one (with a reason the other reads) until two
// hours before; afterwards, during the week of follow-up, the mentee records what they take away
// with a rating and the mentor shares a resource; either may propose a one-to-one relationship
// from the session, prefilled from its topic.
import { useState, type FormEvent } from 'react';
import { AddToCalendar } from '../AddToCalendar';
import { JoinVideo } from '../JoinVideo';
import { api, ok } from '../api';
import { formatDate, formatDateTime, formatTime, relativeTime } from '../format';
import { Link, navigate } from '../router';
import { useSession } from '../session';
import type { components } from '../generated/api-schema';
import type { FlashBooking } from '../types';

type FlashTakeawayInput = components['schemas']['FlashTakeawayInput'];
import { Button, Card, Empty, Fetched, FieldError, InlineFormActions, SubmitRow, TextArea, TextField, errorFor, useDraftForm, useTextForm, useToast, type Loaded } from '../ui';
import { RatingInput } from '../workspace/Debrief';

const PHASE_LABELS: Record<FlashBooking['phase'], string> = {
  upcoming: 'Upcoming',
  follow_up: 'Follow-up',
  completed: 'Completed',
  cancelled: 'Cancelled',
};

export function Bookings({ bookings, reload }: { bookings: Loaded<{ items: FlashBooking[] }>; reload: () => Promise<void> }) {
  const items = bookings.data?.items ?? [];
  const groups: { title: string; items: FlashBooking[] }[] = [
    {
      title: 'To follow up',
      items: items.filter((b) => b.phase === 'follow_up').sort((a, b) => b.starts_at.localeCompare(a.starts_at)),
    },
    { title: 'Coming up', items: items.filter((b) => b.phase === 'upcoming').sort((a, b) => a.starts_at.localeCompare(b.starts_at)) },
    {
      title: 'Past and cancelled',
      items: items.filter((b) => b.phase === 'completed' || b.phase === 'cancelled').sort((a, b) => b.starts_at.localeCompare(a.starts_at)),
    },
  ].filter((g) => g.items.length > 0);

  return (
    <Card title="My flash sessions">
      <Fetched loaded={bookings} label="Loading your sessions…" rows={2}>
        {() =>
          items.length === 0 ? (
            <Empty title="No flash session booked" icon="calendar">
              Pick a free slot below and ask your question.
            </Empty>
          ) : (
            <div className="stack">
              {groups.map((g) => (
                <section key={g.title} className="stack-sm">
                  {groups.length > 1 && <h3 className="subheading">{g.title}</h3>}
                  <ul className="list" aria-label={g.title}>
                    {g.items.map((b) => (
                      <BookingItem key={b.id} b={b} reload={reload} />
                    ))}
                  </ul>
                </section>
              ))}
            </div>
          )
        }
      </Fetched>
    </Card>
  );
}

function BookingItem({ b, reload }: { b: FlashBooking; reload: () => Promise<void> }) {
  const { me } = useSession();
  const [open, setOpen] = useState<'cancel' | 'takeaway' | 'resource' | 'propose' | null>(null);
  const other = b.my_role === 'mentee' ? b.mentor : b.mentee;
  const mentee = b.my_role === 'mentee';
  const followUp = b.phase === 'follow_up';
  const canPropose = (followUp || b.phase === 'completed') && !b.relationship_id;
  const close = async () => {
    setOpen(null);
    await reload();
  };

  return (
    <li className="list__item flash-booking" aria-label={`Flash session: ${b.topic.title}`}>
      <div className="list__main stack-sm">
        <div>
          <strong>{b.topic.title ?? 'A flash session'}</strong>{' '}
          <span className="muted small">
            {mentee ? 'with' : 'for'} {other.name}
          </span>{' '}
          <span className={'tag ' + (b.phase === 'cancelled' ? 'tag--dropped' : b.phase === 'upcoming' ? 'tag--waiting' : 'tag--success')}>
            {PHASE_LABELS[b.phase]}
          </span>
        </div>
        <div className="small">
          {formatDateTime(b.starts_at, me.timezone)}–{formatTime(b.ends_at, me.timezone)}
          {b.phase === 'upcoming' && <span className="muted"> · cancel until {formatDateTime(b.cancel_until, me.timezone)}</span>}
          {followUp && <span className="muted"> · follow-up open until {formatDate(b.follow_up_until, me.timezone)}</span>}
        </div>
        <p className="quote small">
          <span className="quote__label">{mentee ? 'Your question' : `${other.name.split(' ')[0]}’s question`}</span>
          {b.question}
        </p>
        {b.phase === 'cancelled' && (
          <p className="small muted">
            Cancelled by {b.cancelled_by === me.id ? 'you' : other.name}
            {b.cancelled_at ? ` ${relativeTime(b.cancelled_at)}` : ''}
            {b.cancel_reason ? `: “${b.cancel_reason}”` : '.'}
          </p>
        )}
        {b.takeaway && open !== 'takeaway' && (
          <div className="flash-followup">
            <p className="small">
              <strong>{mentee ? 'Your takeaway' : `${other.name.split(' ')[0]}’s takeaway`}:</strong> {b.takeaway}{' '}
              {b.rating && (
                <span className="stars" role="img" aria-label={`rated ${b.rating} of 5`}>
                  {'★'.repeat(b.rating)}
                  <span className="stars__off">{'★'.repeat(5 - b.rating)}</span>
                </span>
              )}
            </p>
            {mentee && followUp && (
              <button type="button" className="link-button small" onClick={() => setOpen('takeaway')}>
                Edit your takeaway
              </button>
            )}
          </div>
        )}
        {b.resource_url && open !== 'resource' && (
          <div className="flash-followup">
            <p className="small">
              <strong>Resource:</strong>{' '}
              <a href={b.resource_url} target="_blank" rel="noreferrer">
                {b.resource_url}
              </a>
              {b.resource_note ? ` · ${b.resource_note}` : ''}
            </p>
            {!mentee && followUp && (
              <button type="button" className="link-button small" onClick={() => setOpen('resource')}>
                Edit the resource
              </button>
            )}
          </div>
        )}
        {followUp && mentee && (!b.takeaway || open === 'takeaway') && (
          <TakeawayForm b={b} onSaved={close} onCancel={b.takeaway ? () => setOpen(null) : undefined} />
        )}
        {followUp && !mentee && (!b.resource_url || open === 'resource') && (
          <ResourceForm b={b} onSaved={close} onCancel={b.resource_url ? () => setOpen(null) : undefined} />
        )}
        {followUp && !mentee && !b.takeaway && <p className="muted small">{other.name.split(' ')[0]} has not recorded a takeaway yet.</p>}
        {b.relationship_id && (
          <p className="small">
            A one-to-one was proposed from this session. <Link to={`/relationships/${b.relationship_id}`}>Open it</Link>
          </p>
        )}
        {open === 'cancel' && <CancelForm b={b} onDone={close} onKeep={() => setOpen(null)} />}
        {open === 'propose' && <ProposeForm b={b} onCancel={() => setOpen(null)} />}
      </div>
      <div className="row">
        {b.phase === 'upcoming' && open !== 'cancel' && (
          <Button variant="secondary" aria-label={`Cancel ${b.topic.title}`} onClick={() => setOpen('cancel')}>
            Cancel
          </Button>
        )}
        {b.phase === 'upcoming' && <JoinVideo url={b.video_url} />}
        {(b.phase === 'upcoming' || b.phase === 'cancelled') && (
          <AddToCalendar path={`/flash/bookings/${b.id}/calendar.ics`} cancelled={b.phase === 'cancelled'} />
        )}
        {canPropose && open !== 'propose' && (
          <Button variant="ghost" onClick={() => setOpen('propose')}>
            {mentee ? 'Ask for a one-to-one' : 'Offer a one-to-one'}
          </Button>
        )}
      </div>
    </li>
  );
}

function CancelForm({ b, onDone, onKeep }: { b: FlashBooking; onDone: () => Promise<void>; onKeep: () => void }) {
  const toast = useToast();
  const { text: reason, setText: setReason, action, submit } = useTextForm(
    '',
    (text) => ok(api.POST('/api/v1/flash/bookings/{id}/cancel', { params: { path: { id: b.id } }, body: text.trim() ? { reason: text } : {} })),
    async () => {
      toast('The flash session is cancelled.');
      await onDone();
    },
  );
  const mentee = b.my_role === 'mentee';
  return (
    <form className="confirm stack-sm" noValidate onSubmit={submit} aria-label={`Cancel ${b.topic.title}?`}>
      <p>
        Cancel this session? {mentee ? 'The slot becomes free for someone else.' : 'The slot is withdrawn, so nobody else books it.'}
      </p>
      <TextArea
        label={`Reason for ${(mentee ? b.mentor : b.mentee).name.split(' ')[0]} (optional)`}
        rows={2}
        value={reason}
        onChange={(e) => setReason(e.target.value)}
        error={errorFor(action.error, 'reason')}
      />
      <InlineFormActions
        error={action.error}
        fields={['reason']}
        busy={action.busy}
        submit="Cancel the session"
        submitVariant="danger"
        onCancel={onKeep}
        cancelLabel="Keep it"
      />
    </form>
  );
}

function TakeawayForm({ b, onSaved, onCancel }: { b: FlashBooking; onSaved: () => Promise<void>; onCancel?: () => void }) {
  const { draft, set, action, field } = useDraftForm({ takeaway: b.takeaway ?? '', rating: b.rating });
  const toast = useToast();
  async function submit(e: FormEvent) {
    e.preventDefault();
    // Without a rating the server answers that it is required, and the form says so there.
    const body = (draft.rating === null ? { takeaway: draft.takeaway } : draft) as FlashTakeawayInput;
    if (await action.run(() => ok(api.PUT('/api/v1/flash/bookings/{id}/takeaway', { params: { path: { id: b.id } }, body })))) {
      toast(`Takeaway saved; ${b.mentor.name.split(' ')[0]} is told.`);
      await onSaved();
    }
  }
  return (
    <form noValidate onSubmit={submit} className="inline-form card card--inset" aria-label="Takeaway and rating">
      <TextArea label="What you take away" hint="One or two sentences: the answer, or what you will do now." {...field('takeaway')} />
      <RatingInput
        legend="How useful was the session?"
        name={`rating-${b.id}`}
        value={draft.rating}
        onChange={(rating) => set('rating', rating)}
        clearable={false}
        error={errorFor(action.error, 'rating')}
      />
      <InlineFormActions error={action.error} fields={['takeaway', 'rating']} busy={action.busy} submit="Save takeaway" onCancel={onCancel} />
    </form>
  );
}

function ResourceForm({ b, onSaved, onCancel }: { b: FlashBooking; onSaved: () => Promise<void>; onCancel?: () => void }) {
  const { draft, action, field } = useDraftForm({ resource_url: b.resource_url ?? '', note: b.resource_note });
  const toast = useToast();
  async function submit(e: FormEvent) {
    e.preventDefault();
    if (await action.run(() => ok(api.PUT('/api/v1/flash/bookings/{id}/resource', { params: { path: { id: b.id } }, body: draft })))) {
      toast(`Resource shared with ${b.mentee.name.split(' ')[0]}.`);
      await onSaved();
    }
  }
  return (
    <form noValidate onSubmit={submit} className="inline-form card card--inset" aria-label="Share a resource">
      <TextField
        label="Resource link"
        type="url"
        inputMode="url"
        placeholder="https://"
        hint="An article, a template or a recording that answers the question further."
        {...field('resource_url')}
      />
      <TextField label="Note" {...field('note')} />
      <InlineFormActions error={action.error} fields={['resource_url', 'note']} busy={action.busy} submit="Share resource" onCancel={onCancel} />
    </form>
  );
}

/** A one-to-one request (the mentee asks) or offer (the mentor offers) from the session: the
 *  same rules as any request, so the API's message lands at the right field. */
function ProposeForm({ b, onCancel }: { b: FlashBooking; onCancel: () => void }) {
  const mentee = b.my_role === 'mentee';
  const other = mentee ? b.mentor : b.mentee;
  const { draft, action, field } = useDraftForm({
    message: `After our flash session on “${b.topic.title ?? 'your topic'}”, ${mentee ? 'I would like to continue with you as my mentor.' : 'I would be glad to keep mentoring you.'}`,
    draft_purpose: b.topic.title ?? '',
  });
  const toast = useToast();
  async function submit(e: FormEvent) {
    e.preventDefault();
    const r = await action.run(() => ok(api.POST('/api/v1/flash/bookings/{id}/propose-relationship', { params: { path: { id: b.id } }, body: draft })));
    if (r) {
      toast(`${mentee ? 'Request' : 'Offer'} sent to ${other.name}: it waits for an answer in Requests.`);
      navigate(`/relationships/${r.id}`);
    }
  }
  return (
    <form noValidate onSubmit={submit} className="inline-form card card--inset" aria-label="Propose a one-to-one">
      <h3 className="subheading">{mentee ? `Ask ${other.name} to mentor you` : `Offer to mentor ${other.name}`}</h3>
      <TextArea label="Message" rows={2} {...field('message')} />
      <TextArea
        label="Draft purpose"
        hint="What the relationship would work on; you agree the purpose together once it starts."
        rows={2}
        {...field('draft_purpose')}
      />
      <FieldError message={action.error && !['message', 'draft_purpose'].includes(action.error.field) && action.error.message} />
      <SubmitRow busy={action.busy} submit={mentee ? 'Send the request' : 'Send the offer'} onCancel={onCancel} />
    </form>
  );
}
