// Flash mentoring: one question, one short session. My sessions (Bookings.tsx), the published
// topics with their free slots in my timezone and the booking form, and a mentor's own topics
// (MyTopics.tsx). A slot someone else booked a moment earlier answers with the topic's next
// free slots, offered right there.
import { useEffect, useState, type FormEvent } from 'react';
import { api, ok, query } from '../api';
import { formatDateTime } from '../format';
import { Link } from '../router';
import { useSession } from '../session';
import type { FlashSlot, FlashTopic } from '../types';
import { Card, Empty, ErrorState, FieldError, FormError, Loading, PageHeader, SubmitRow, TextArea, errorFor, useAction, useApi, useToast } from '../ui';
import { Bookings } from './Bookings';
import { MyTopics } from './MyTopics';
import { topicsWithSlots } from './topics';

export function Flash() {
  const { me } = useSession();
  const [q, setQ] = useState('');
  const [search, setSearch] = useState('');
  // Search as one types, once the typing pauses.
  useEffect(() => {
    const t = setTimeout(() => setSearch(q.trim()), 300);
    return () => clearTimeout(t);
  }, [q]);
  const path = '/flash/topics' + query({ limit: 50, q: search || undefined });
  const topics = useApi<FlashTopic[]>(path, () => topicsWithSlots({ limit: 50, q: search || undefined }));
  const bookings = useApi('/flash/bookings', () => ok(api.GET('/api/v1/flash/bookings')));
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
      <Bookings bookings={bookings} reload={reload} />

      <Card
        title="Flash topics"
        actions={
          <div className="flash-search" role="search">
            <label htmlFor="flash-q" className="sr-only">
              Search flash topics
            </label>
            <input id="flash-q" type="search" placeholder="Search topics, e.g. pivot tables" value={q} onChange={(e) => setQ(e.target.value)} />
          </div>
        }
      >
        {topics.error ? (
          <ErrorState error={topics.error} retry={topics.reload} />
        ) : !others ? (
          <Loading label="Loading flash topics…" />
        ) : others.length === 0 ? (
          search ? (
            <Empty title={`No topic matches “${search}”`} icon="search">
              Try another word, or clear the search to see every topic.
            </Empty>
          ) : (
            <Empty title="No flash topic is published yet" icon="compass">
              Mentors who offer flash mentoring publish topics with slots here.
            </Empty>
          )
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
          <Link to="/profile">profile</Link>.
        </p>
      )}
    </div>
  );
}

function TopicItem({ t, reload }: { t: FlashTopic; reload: () => Promise<void> }) {
  const { me } = useSession();
  const [chosen, setChosen] = useState<FlashSlot | null>(null);
  // Kept here, so picking another slot after a clash keeps what was typed.
  const [question, setQuestion] = useState('');
  const free = (t.slots ?? []).filter((s) => s.free);
  return (
    <li className="list__item flash-topic" aria-label={`Topic: ${t.title}`}>
      <div className="list__main stack-sm">
        <div>
          <strong>{t.title}</strong>{' '}
          <span className="muted small">
            with <Link to={`/people/${t.mentor.id}`}>{t.mentor.name}</Link>
            {t.mentor.title ? `, ${t.mentor.title}` : ''}
          </span>
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
                title={`${s.local_start.replace('T', ' ')} in ${s.timezone} (the mentor's time)`}
                onClick={() => setChosen(chosen?.id === s.id ? null : s)}
              >
                {formatDateTime(s.starts_at, me.timezone)} · {s.duration_minutes} min
              </button>
            ))}
          </div>
        )}
        {chosen && (
          <BookForm
            key={chosen.id}
            slot={chosen}
            topic={t}
            question={question}
            setQuestion={setQuestion}
            onPick={setChosen}
            onTaken={reload}
            onDone={async () => {
              setChosen(null);
              setQuestion('');
              await reload();
            }}
          />
        )}
      </div>
    </li>
  );
}

function BookForm({
  slot,
  topic,
  question,
  setQuestion,
  onDone,
  onPick,
  onTaken,
}: {
  slot: FlashSlot;
  topic: FlashTopic;
  question: string;
  setQuestion: (q: string) => void;
  onDone: () => Promise<void>;
  onPick: (s: FlashSlot) => void;
  onTaken: () => Promise<void>;
}) {
  const { me } = useSession();
  const action = useAction();
  const toast = useToast();
  const taken = action.error?.status === 409 && action.error.field === 'slot_id';
  const alternatives = (taken ? (action.error!.details.next_free_slots as FlashSlot[] | undefined) : undefined) ?? [];

  async function submit(e: FormEvent) {
    e.preventDefault();
    const r = await action.run(() => ok(api.POST('/api/v1/flash/slots/{slot_id}/book', { params: { path: { slot_id: slot.id } }, body: { question } })));
    if (r) {
      toast(`Booked: ${topic.title} on ${formatDateTime(r.starts_at, me.timezone)}.`);
      await onDone();
    } else {
      await onTaken();
    }
  }
  return (
    <form noValidate onSubmit={submit} className="inline-form card card--inset" aria-label={`Book ${topic.title}`}>
      <p className="small">
        <strong>{formatDateTime(slot.starts_at, me.timezone)}</strong> your time ({me.timezone}) ·{' '}
        {slot.local_start.slice(11, 16)} for {topic.mentor.name} ({slot.timezone})
      </p>
      <TextArea
        label="Your question"
        hint="What do you want answered in the session? The mentor reads it before you meet."
        value={question}
        onChange={(e) => setQuestion(e.target.value)}
        error={errorFor(action.error, 'question')}
        autoFocus
      />
      {taken ? (
        <div className="hint hint--warn" role="alert">
          <span className="hint__icon" aria-hidden="true">
            ⚠
          </span>
          <div className="stack-sm">
            <p>Someone booked this slot a moment ago. {alternatives.length ? 'Pick another; your question is kept:' : 'This topic has no other free slot right now.'}</p>
            {alternatives.length > 0 && (
              <div className="row" role="group" aria-label="Next free slots">
                {alternatives.map((s) => (
                  <button key={s.id} type="button" className="btn btn--small btn--secondary" onClick={() => onPick(s)}>
                    {formatDateTime(s.starts_at, me.timezone)} · {s.duration_minutes} min
                  </button>
                ))}
              </div>
            )}
          </div>
        </div>
      ) : (
        <>
          <FieldError message={action.error && errorFor(action.error, 'slot_id') && action.error.message} />
          <FormError error={action.error} fieldLabels={{ question: 'Your question', slot_id: 'Slot' }} />
        </>
      )}
      <SubmitRow busy={action.busy} disabled={taken} submit="Book this slot" />
    </form>
  );
}
