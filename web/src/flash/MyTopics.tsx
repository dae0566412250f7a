// A mentor's own flash topics: publish one, edit its title and description, take it off the
// list and put it back, add slots (written on the mentor's own clock, which the server reads in
// their profile timezone) or many at once from their weekly hours, and withdraw a free one.
import { useState, type FormEvent } from 'react';
import { api, ok, wholeNumber } from '../api';
import { dateInDays, formatDateTime, plural } from '../format';
import { Link } from '../router';
import { useSession } from '../session';
import type { FlashSlot, FlashTopic } from '../types';
import { Button, Card, Empty, Fetched, FieldError, FormError, InlineFormActions, SubmitRow, TextArea, TextField, errorFor, useAction, useApi, useDraftForm, useToast } from '../ui';
import { topicsWithSlots } from './topics';

const NO_TOPIC = { title: '', description: '' };

export function MyTopics() {
  const { me } = useSession();
  const path = `/flash/topics?mentor_id=${me.id}&limit=50`;
  const mine = useApi<FlashTopic[]>(path, () => topicsWithSlots({ mentor_id: me.id, limit: 50 }));
  const { draft, setDraft, action, field } = useDraftForm(NO_TOPIC);
  const toast = useToast();
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (await action.run(() => ok(api.POST('/api/v1/flash/topics', { body: draft })))) {
      toast(`“${draft.title}” is published: add slots people can book.`);
      setDraft(NO_TOPIC);
      await mine.reload();
    }
  };
  return (
    <Card title="My flash topics">
      <Fetched loaded={mine} label="Loading your topics…" rows={1}>
        {(data) =>
          data.length === 0 ? (
            <Empty title="You publish no flash topic yet" icon="compass">
              Name a topic below, then add slots people can book.
            </Empty>
          ) : (
            <ul className="list" aria-label="My flash topics">
              {data.map((t) => (
                <MyTopic key={t.id} t={t} reload={mine.reload} />
              ))}
            </ul>
          )
        }
      </Fetched>
      <form noValidate onSubmit={submit} className="stack form-section" aria-label="New flash topic">
        <h3 className="subheading">New topic</h3>
        <TextField label="Topic title" placeholder="e.g. Building a pivot table" {...field('title')} />
        <TextArea label="Topic description" hint="What you can answer in a short session." {...field('description')} />
        <FieldError message={action.error && errorFor(action.error, 'formats_offered') && action.error.message} />
        <FormError error={action.error} fieldLabels={{ title: 'Topic title', formats_offered: 'Formats you offer' }} />
        <SubmitRow className="form-actions" busy={action.busy} submit="Publish topic" />
      </form>
    </Card>
  );
}

function MyTopic({ t, reload }: { t: FlashTopic; reload: () => Promise<void> }) {
  const { me } = useSession();
  const [editing, setEditing] = useState(false);
  const publish = useAction();
  const toast = useToast();
  const slots = t.slots ?? [];

  async function setPublished(published: boolean) {
    if (await publish.run(() => ok(api.PATCH('/api/v1/flash/topics/{id}', { params: { path: { id: t.id } }, body: { published } })))) {
      toast(published ? `“${t.title}” is listed again.` : `“${t.title}” is off the list: nobody can book it. Booked sessions stay.`);
      await reload();
    }
  }

  return (
    <li className="list__item my-topic" aria-label={`My topic: ${t.title}`}>
      <div className="list__main stack-sm">
        <div className="my-topic__head">
          <div>
            <strong>{t.title}</strong> <span className="muted small">{t.free_slots} free</span>{' '}
            {!t.published && <span className="tag tag--dropped">Not listed</span>}
          </div>
          <div className="row">
            <Button variant="ghost" className="btn btn--ghost btn--small" aria-expanded={editing} onClick={() => setEditing((e) => !e)}>
              Edit<span className="sr-only"> {t.title}</span>
            </Button>
            <Button variant="ghost" className="btn btn--ghost btn--small" busy={publish.busy} onClick={() => setPublished(!t.published)}>
              {t.published ? 'Take off the list' : 'List it again'}
            </Button>
          </div>
        </div>
        <FieldError message={publish.error?.message} />
        {editing ? (
          <EditTopic t={t} onDone={async () => {
            setEditing(false);
            await reload();
          }} onCancel={() => setEditing(false)} />
        ) : (
          t.description && <p className="small">{t.description}</p>
        )}
        {slots.length > 0 ? (
          <ul className="slot-list small" aria-label={`Slots of ${t.title}`}>
            {slots.map((s) => (
              <SlotRow key={s.id} t={t} s={s} reload={reload} />
            ))}
          </ul>
        ) : (
          <p className="muted small">No upcoming slot.</p>
        )}
        <AddSlot t={t} tz={me.timezone} reload={reload} />
        <SlotsFromHours t={t} tz={me.timezone} reload={reload} />
      </div>
    </li>
  );
}

function SlotRow({ t, s, reload }: { t: FlashTopic; s: FlashSlot; reload: () => Promise<void> }) {
  const { me } = useSession();
  const action = useAction();
  const when = `${formatDateTime(s.starts_at, me.timezone)} · ${s.duration_minutes} min`;
  return (
    <li className={'slot' + (s.withdrawn ? ' slot--withdrawn' : '')}>
      <span>
        {when} · {s.withdrawn ? 'withdrawn' : s.booked_by ? `booked by ${s.booked_by.name}` : 'free'}
      </span>
      {s.free && (
        <button
          type="button"
          className="link-button small"
          disabled={action.busy}
          aria-label={`Withdraw the slot of ${when}`}
          onClick={async () => {
            if (await action.run(() => ok(api.DELETE('/api/v1/flash/topics/{id}/slots/{slot_id}', { params: { path: { id: t.id, slot_id: s.id } } })))) await reload();
          }}
        >
          Withdraw
        </button>
      )}
      {action.error && <span className="field__error">{action.error.message}</span>}
    </li>
  );
}

function EditTopic({ t, onDone, onCancel }: { t: FlashTopic; onDone: () => Promise<void>; onCancel: () => void }) {
  const { draft, action, field } = useDraftForm({ title: t.title, description: t.description });
  async function submit(e: FormEvent) {
    e.preventDefault();
    if (await action.run(() => ok(api.PATCH('/api/v1/flash/topics/{id}', { params: { path: { id: t.id } }, body: draft })))) await onDone();
  }
  return (
    <form noValidate onSubmit={submit} className="inline-form card card--inset" aria-label={`Edit ${t.title}`}>
      <TextField label="Title" {...field('title')} autoFocus />
      <TextArea label="Description" {...field('description')} />
      <InlineFormActions error={action.error} fields={['title', 'description']} busy={action.busy} submit="Save topic" onCancel={onCancel} />
    </form>
  );
}

function AddSlot({ t, tz, reload }: { t: FlashTopic; tz: string; reload: () => Promise<void> }) {
  const [date, setDate] = useState(() => dateInDays(1, tz));
  const [time, setTime] = useState('10:00');
  const [duration, setDuration] = useState('20');
  const action = useAction();
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const slot = { start: `${date}T${time}`, duration_minutes: wholeNumber(duration) };
    if (await action.run(() => ok(api.POST('/api/v1/flash/topics/{id}/slots', { params: { path: { id: t.id } }, body: { slots: [slot] } })))) await reload();
  };
  return (
    <>
      <form noValidate onSubmit={submit} className="row add-slot" aria-label={`Add a slot to ${t.title}`}>
        <TextField label="Slot date" type="date" value={date} onChange={(e) => setDate(e.target.value)} error={errorFor(action.error, 'slots[0].start')} />
        <TextField label={`Start (${tz})`} type="time" value={time} onChange={(e) => setTime(e.target.value)} />
        <TextField
          label="Minutes"
          type="number"
          inputMode="numeric"
          value={duration}
          onChange={(e) => setDuration(e.target.value)}
          error={errorFor(action.error, 'slots[0].duration_minutes')}
        />
        <Button type="submit" busy={action.busy}>
          Add slot
        </Button>
      </form>
      <FieldError message={action.error && !action.error.field.startsWith('slots[0]') && action.error.message} />
    </>
  );
}

/** Slots back to back within the mentor's weekly hours (their Availability tab) over a range of
 *  their dates, around what they already offer and what is booked. */
function SlotsFromHours({ t, tz, reload }: { t: FlashTopic; tz: string; reload: () => Promise<void> }) {
  const { draft, action, field } = useDraftForm(() => ({ from: dateInDays(1, tz), to: dateInDays(7, tz), duration_minutes: '30' }));
  const toast = useToast();
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const body = { ...draft, duration_minutes: wholeNumber(draft.duration_minutes) };
    const made = await action.run(() =>
      ok(api.POST('/api/v1/flash/topics/{id}/slots/from-availability', { params: { path: { id: t.id } }, body })),
    );
    if (made) {
      toast(`${plural(made.added_slots, 'slot')} added from your hours`);
      await reload();
    }
  };
  return (
    <>
      <form noValidate onSubmit={submit} className="row add-slot" aria-label={`Add slots to ${t.title} from your hours`}>
        <TextField label="From" type="date" {...field('from')} />
        <TextField label="Until" type="date" {...field('to')} />
        <TextField label="Minutes each" type="number" inputMode="numeric" {...field('duration_minutes')} />
        <Button type="submit" variant="secondary" busy={action.busy}>
          Add slots from my hours
        </Button>
      </form>
      <FieldError message={action.error && !['from', 'to', 'duration_minutes'].includes(action.error.field) && action.error.message} />
      {action.error?.code === 'conflict' && action.error.message.includes('Availability') && (
        <p className="small">
          <Link to="/profile/availability">Set your weekly hours</Link>
        </p>
      )}
    </>
  );
}
