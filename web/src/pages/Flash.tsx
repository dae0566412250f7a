// Flash mentoring: one short session on one question. Mentors publish topics with slots; a
// mentee books a free slot with the question, may cancel until the cutoff, and afterwards
// records a takeaway and a rating. Times show in the reader's profile timezone.
import { useState, type FormEvent } from 'react';
import { api } from '../api';
import { dateInDays, formatDateTime, formatTime } from '../format';
import { navigate } from '../router';
import { useSession } from '../session';
import type { FlashBooking, FlashSlot, FlashTopic, Page } from '../types';
import {
  Button,
  Card,
  Empty,
  ErrorState,
  FormError,
  Loading,
  PageHeader,
  SelectField,
  TextArea,
  TextField,
  errorFor,
  useAction,
  useApi,
  useToast,
} from '../ui';

const PHASE_LABELS: Record<FlashBooking['phase'], string> = {
  upcoming: 'Upcoming',
  follow_up: 'Follow-up',
  completed: 'Completed',
  cancelled: 'Cancelled',
};

/** A topic list with each topic's upcoming slots. */
async function topicsWithSlots(path: string): Promise<FlashTopic[]> {
  const page = await api.get<Page<FlashTopic>>(path);
  return Promise.all(page.items.map((t) => api.get<FlashTopic>(`/flash/topics/${t.id}`)));
}

export function Flash() {
  const { me } = useSession();
  const topics = useApi<FlashTopic[]>('/flash/topics?limit=50', () => topicsWithSlots('/flash/topics?limit=50'));
  const bookings = useApi<Page<FlashBooking>>('/flash/bookings');
  const offers = me.formats_offered.includes('flash');
  const reload = async () => {
    await Promise.all([topics.reload(), bookings.reload()]);
  };
  // Topics with a free slot first; a mentor's own topics are listed under "My flash topics".
  const others = topics.data
    ?.filter((t) => t.mentor.id !== me.id)
    .sort((a, b) => Number(b.free_slots > 0) - Number(a.free_slots > 0));

  return (
    <div className="stack-lg">
      <PageHeader
        title="Flash mentoring"
        subtitle={`One question, one short session. Times are shown in your timezone (${me.timezone}).`}
      />
      <Card title="My flash sessions">
        {bookings.error ? (
          <ErrorState error={bookings.error} retry={bookings.reload} />
        ) : !bookings.data ? (
          <Loading label="Loading your sessions…" rows={2} />
        ) : bookings.data.items.length === 0 ? (
          <Empty title="No flash session booked" icon="calendar">
            Pick a free slot below and ask your question.
          </Empty>
        ) : (
          <ul className="list" aria-label="My flash sessions">
            {bookings.data.items.map((b) => (
              <BookingItem key={b.id} b={b} reload={reload} />
            ))}
          </ul>
        )}
      </Card>

      <Card title="Flash topics">
        {topics.error ? (
          <ErrorState error={topics.error} retry={topics.reload} />
        ) : !others ? (
          <Loading label="Loading flash topics…" />
        ) : others.length === 0 ? (
          <Empty title="No flash topic is published yet" icon="compass">
            Mentors who offer flash mentoring publish topics with slots here.
          </Empty>
        ) : (
          <ul className="list" aria-label="Flash topics">
            {others.map((t) => (
              <TopicItem key={t.id} t={t} reload={reload} />
            ))}
          </ul>
        )}
      </Card>

      {offers ? (
        <MyTopics />
      ) : (
        <p className="muted small">
          To publish your own flash topics, add “Flash mentoring” to the formats you offer on your{' '}
          <a href="/profile" onClick={(e) => (e.preventDefault(), navigate('/profile'))}>
            profile
          </a>
          .
        </p>
      )}
    </div>
  );
}

function TopicItem({ t, reload }: { t: FlashTopic; reload: () => Promise<void> }) {
  const { me } = useSession();
  const [chosen, setChosen] = useState<FlashSlot | null>(null);
  const free = (t.slots ?? []).filter((s) => s.free);
  return (
    <li className="list__item flash-topic" aria-label={`Topic: ${t.title}`}>
      <div className="list__main stack-sm">
        <div>
          <strong>{t.title}</strong> <span className="muted small">with {t.mentor.name}</span>
        </div>
        {t.description && <p className="small">{t.description}</p>}
        {free.length === 0 ? (
          <p className="muted small">No free slot at the moment.</p>
        ) : (
          <div className="row" role="group" aria-label={`Free slots of ${t.title}`}>
            {free.map((s) => (
              <button
                key={s.id}
                type="button"
                className={'btn btn--small ' + (chosen?.id === s.id ? '' : 'btn--secondary')}
                aria-pressed={chosen?.id === s.id}
                title={`${s.local_start} in ${s.timezone} (the mentor's time)`}
                onClick={() => setChosen(chosen?.id === s.id ? null : s)}
              >
                {formatDateTime(s.starts_at, me.timezone)} · {s.duration_minutes} min
              </button>
            ))}
          </div>
        )}
        {chosen && (
          <BookForm
            slot={chosen}
            topic={t}
            onDone={async () => {
              setChosen(null);
              await reload();
            }}
          />
        )}
      </div>
    </li>
  );
}

function BookForm({ slot, topic, onDone }: { slot: FlashSlot; topic: FlashTopic; onDone: () => Promise<void> }) {
  const { me } = useSession();
  const [question, setQuestion] = useState('');
  const action = useAction();
  const toast = useToast();
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const r = await action.run(() => api.post<FlashBooking>(`/flash/slots/${slot.id}/book`, { question }));
    if (r) {
      toast(`Booked: ${topic.title} on ${formatDateTime(r.starts_at, me.timezone)}.`);
      await onDone();
    }
  };
  return (
    <form noValidate onSubmit={submit} className="inline-form card card--inset" aria-label={`Book ${topic.title}`}>
      <p className="small">
        <strong>{formatDateTime(slot.starts_at, me.timezone)}</strong> your time ({me.timezone}) ·{' '}
        {slot.local_start.slice(11, 16)} for {topic.mentor.name} ({slot.timezone})
      </p>
      <TextArea
        label="Your question"
        hint="What do you want answered in the session?"
        value={question}
        onChange={(e) => setQuestion(e.target.value)}
        error={errorFor(action.error, 'question')}
      />
      {action.error && errorFor(action.error, 'slot_id') && (
        <p className="field__error" role="alert">
          {action.error.message}
        </p>
      )}
      <FormError error={action.error} fieldLabels={{ question: 'Your question', slot_id: 'Slot' }} />
      <div className="row">
        <Button type="submit" busy={action.busy}>
          Book this slot
        </Button>
      </div>
    </form>
  );
}

function BookingItem({ b, reload }: { b: FlashBooking; reload: () => Promise<void> }) {
  const { me } = useSession();
  const cancel = useAction();
  const propose = useAction();
  const toast = useToast();
  const other = b.my_role === 'mentee' ? b.mentor : b.mentee;
  const canCancel = b.phase === 'upcoming';
  return (
    <li className="list__item flash-booking" aria-label={`Flash session: ${b.topic.title}`}>
      <div className="list__main stack-sm">
        <div>
          <strong>{b.topic.title}</strong>{' '}
          <span className="muted small">
            {b.my_role === 'mentee' ? 'with' : 'for'} {other.name}
          </span>{' '}
          <span className={'tag ' + (b.phase === 'cancelled' ? 'tag--dropped' : b.phase === 'upcoming' ? 'tag--waiting' : 'tag--success')}>
            {PHASE_LABELS[b.phase]}
          </span>
        </div>
        <div className="small">
          {formatDateTime(b.starts_at, me.timezone)}–{formatTime(b.ends_at, me.timezone)}
          {canCancel && <span className="muted"> · cancel until {formatDateTime(b.cancel_until, me.timezone)}</span>}
        </div>
        <p className="quote small">
          <span className="quote__label">Question: </span>
          {b.question}
        </p>
        {b.takeaway && (
          <p className="small">
            <strong>Takeaway:</strong> {b.takeaway} {b.rating && <span aria-label={`rated ${b.rating} of 5`}>· {'★'.repeat(b.rating)}</span>}
          </p>
        )}
        {b.resource_url && (
          <p className="small">
            <strong>Resource:</strong>{' '}
            <a href={b.resource_url} target="_blank" rel="noreferrer">
              {b.resource_url}
            </a>{' '}
            {b.resource_note}
          </p>
        )}
        {b.phase === 'follow_up' && b.my_role === 'mentee' && !b.takeaway && <TakeawayForm b={b} reload={reload} />}
        {b.phase === 'follow_up' && b.my_role === 'mentor' && !b.resource_url && <ResourceForm b={b} reload={reload} />}
        {(cancel.error || propose.error) && (
          <p className="field__error" role="alert">
            {(cancel.error ?? propose.error)!.message}
          </p>
        )}
      </div>
      <div className="row">
        {canCancel && (
          <Button
            variant="secondary"
            busy={cancel.busy}
            aria-label={`Cancel ${b.topic.title}`}
            onClick={async () => {
              if (await cancel.run(() => api.post(`/flash/bookings/${b.id}/cancel`, {}))) {
                toast('The flash session is cancelled.');
                await reload();
              }
            }}
          >
            Cancel
          </Button>
        )}
        {b.phase === 'follow_up' && !b.relationship_id && (
          <Button
            variant="ghost"
            busy={propose.busy}
            onClick={async () => {
              const r = await propose.run(() => api.post<{ id: string }>(`/flash/bookings/${b.id}/propose-relationship`, {}));
              if (r) navigate(`/relationships/${r.id}`);
            }}
          >
            Propose a one-to-one
          </Button>
        )}
      </div>
    </li>
  );
}

function TakeawayForm({ b, reload }: { b: FlashBooking; reload: () => Promise<void> }) {
  const [takeaway, setTakeaway] = useState('');
  const [rating, setRating] = useState('');
  const action = useAction();
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const body = { takeaway, rating: rating ? Number(rating) : undefined };
    if (await action.run(() => api.put(`/flash/bookings/${b.id}/takeaway`, body))) await reload();
  };
  return (
    <form noValidate onSubmit={submit} className="inline-form" aria-label="Takeaway and rating">
      <TextArea label="What you take away" value={takeaway} onChange={(e) => setTakeaway(e.target.value)} error={errorFor(action.error, 'takeaway')} />
      <SelectField label="Rating" value={rating} onChange={(e) => setRating(e.target.value)} error={errorFor(action.error, 'rating')} className="field--narrow">
        <option value="">Choose…</option>
        {[5, 4, 3, 2, 1].map((n) => (
          <option key={n} value={n}>
            {n} {n === 1 ? 'star' : 'stars'}
          </option>
        ))}
      </SelectField>
      <FormError error={action.error} fieldLabels={{ takeaway: 'What you take away', rating: 'Rating' }} />
      <div className="row">
        <Button type="submit" busy={action.busy}>
          Save takeaway
        </Button>
      </div>
    </form>
  );
}

function ResourceForm({ b, reload }: { b: FlashBooking; reload: () => Promise<void> }) {
  const [url, setUrl] = useState('');
  const [note, setNote] = useState('');
  const action = useAction();
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (await action.run(() => api.put(`/flash/bookings/${b.id}/resource`, { resource_url: url, note }))) await reload();
  };
  return (
    <form noValidate onSubmit={submit} className="inline-form" aria-label="Share a resource">
      <TextField label="Resource link" type="url" value={url} onChange={(e) => setUrl(e.target.value)} error={errorFor(action.error, 'resource_url')} />
      <TextField label="Note" value={note} onChange={(e) => setNote(e.target.value)} error={errorFor(action.error, 'note')} />
      <FormError error={action.error} fieldLabels={{ resource_url: 'Resource link' }} />
      <div className="row">
        <Button type="submit" busy={action.busy}>
          Share resource
        </Button>
      </div>
    </form>
  );
}

// ---------------------------------------------------------------- a mentor's own topics

function MyTopics() {
  const { me } = useSession();
  const path = `/flash/topics?mentor_id=${me.id}&limit=50`;
  const mine = useApi<FlashTopic[]>(path, () => topicsWithSlots(path));
  const [title, setTitle] = useState('');
  const [description, setDescription] = useState('');
  const action = useAction();
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (await action.run(() => api.post('/flash/topics', { title, description }))) {
      setTitle('');
      setDescription('');
      await mine.reload();
    }
  };
  return (
    <Card title="My flash topics">
      {mine.error ? (
        <ErrorState error={mine.error} retry={mine.reload} />
      ) : !mine.data ? (
        <Loading label="Loading your topics…" rows={1} />
      ) : mine.data.length === 0 ? (
        <Empty title="You publish no flash topic yet" icon="compass">
          Name a topic below, then add slots people can book.
        </Empty>
      ) : (
        <ul className="list" aria-label="My flash topics">
          {mine.data.map((t) => (
            <MyTopic key={t.id} t={t} reload={mine.reload} />
          ))}
        </ul>
      )}
      <form noValidate onSubmit={submit} className="stack form-section" aria-label="New flash topic">
        <h3 className="subheading">New topic</h3>
        <TextField label="Topic title" value={title} onChange={(e) => setTitle(e.target.value)} error={errorFor(action.error, 'title')} />
        <TextArea label="Topic description" value={description} onChange={(e) => setDescription(e.target.value)} error={errorFor(action.error, 'description')} />
        {action.error && errorFor(action.error, 'formats_offered') && (
          <p className="field__error" role="alert">
            {action.error.message}
          </p>
        )}
        <FormError error={action.error} fieldLabels={{ title: 'Topic title', formats_offered: 'Formats you offer' }} />
        <div className="form-actions">
          <Button type="submit" busy={action.busy}>
            Publish topic
          </Button>
        </div>
      </form>
    </Card>
  );
}

function MyTopic({ t, reload }: { t: FlashTopic; reload: () => Promise<void> }) {
  const { me } = useSession();
  const [date, setDate] = useState(() => dateInDays(1, me.timezone));
  const [time, setTime] = useState('10:00');
  const [duration, setDuration] = useState('20');
  const action = useAction();
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const slot = { start: `${date}T${time}`, duration_minutes: Number(duration) || duration };
    if (await action.run(() => api.post(`/flash/topics/${t.id}/slots`, { slots: [slot] }))) await reload();
  };
  const slots = t.slots ?? [];
  return (
    <li className="list__item" aria-label={`My topic: ${t.title}`}>
      <div className="list__main stack-sm">
        <div>
          <strong>{t.title}</strong> <span className="muted small">{t.free_slots} free</span>
        </div>
        {slots.length > 0 ? (
          <ul className="small">
            {slots.map((s) => (
              <li key={s.id}>
                {formatDateTime(s.starts_at, me.timezone)} · {s.duration_minutes} min ·{' '}
                {s.withdrawn ? 'withdrawn' : s.booked_by ? `booked by ${s.booked_by.name}` : 'free'}
              </li>
            ))}
          </ul>
        ) : (
          <p className="muted small">No upcoming slot.</p>
        )}
        <form noValidate onSubmit={submit} className="row" aria-label={`Add a slot to ${t.title}`}>
          <TextField label="Slot date" type="date" value={date} onChange={(e) => setDate(e.target.value)} error={errorFor(action.error, 'slots[0].start')} />
          <TextField label={`Start (${me.timezone})`} type="time" value={time} onChange={(e) => setTime(e.target.value)} />
          <TextField
            label="Minutes"
            type="number"
            value={duration}
            onChange={(e) => setDuration(e.target.value)}
            error={errorFor(action.error, 'slots[0].duration_minutes')}
          />
          <Button type="submit" busy={action.busy}>
            Add slot
          </Button>
        </form>
        {action.error && !action.error.field.startsWith('slots[0]') && (
          <p className="field__error" role="alert">
            {action.error.message}
          </p>
        )}
      </div>
    </li>
  );
}
