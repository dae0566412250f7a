import { Fragment, useEffect, useMemo, useState, type FormEvent, type ReactNode } from 'react';
import { AddToCalendar } from '../AddToCalendar';
import { JoinVideo } from '../JoinVideo';
import { api, ok, wholeNumber } from '../api';
import {
  MEDIUM_LABELS,
  MEETING_STATUS_LABELS,
  dateInDays,
  formatDateTime,
  formatTime,
  localizeText,
  plural,
  rowsFor,
  relativeTime,
  utcToZoned,
  zonedToUtcIso,
} from '../format';
import type { Medium, Meeting, MeetingDetail, MeetingStatus, Story } from '../types';
import { Button, FormActions, FormError, Hint, Loading, MediumOptions, OpenButton, SelectField, SubmitRow, TextArea, TextField, errorFor, useAction, useTextForm, useToast } from '../ui';
import { ActionSection, useWorkspace } from './context';
import { SuggestedTimes } from './SuggestedTimes';
import { Icon } from '../icons';
import { RELATIONSHIP_ACTIONS } from './actions';

export function MeetingsSection() {
  const { ws, workable } = useWorkspace();
  return (
    <ScheduleSection
      {...RELATIONSHIP_ACTIONS.meetings}
      items={ws.meetings}
      noun="meeting"
      closed={ws.state === 'concluded'}
      schedule={workable && ((hasUpcoming) => <ScheduleMeeting hasUpcoming={hasUpcoming} />)}
      empty={<p className="muted">No meetings yet.</p>}
      card={(m, latest) => <MeetingCard meeting={m} initiallyOpen={latest && m.status !== 'cancelled'} />}
    />
  );
}

/** A relationship's meetings or a circle's sessions as a numbered section: when the next one is
 *  and how many were held (counted in `noun`s), the form that schedules one (`schedule`, told
 *  whether any is still to come; false for who may not), then those to come and the earlier ones,
 *  each drawn by `card`, or `empty` while there are none. Once `closed`, nothing is to come. */
export function ScheduleSection<T extends { id: string; status: string; starts_at: string }>({
  id,
  number,
  title,
  lede,
  items,
  noun,
  closed,
  schedule,
  empty,
  card,
}: {
  id: string;
  number: number;
  title: string;
  lede: string;
  items: T[];
  noun: string;
  closed: boolean;
  schedule: false | ((hasUpcoming: boolean) => ReactNode);
  empty: ReactNode;
  card: (item: T, latest: boolean) => ReactNode;
}) {
  const { upcoming, past, held } = byTime(items, closed);
  return (
    <ActionSection id={id} number={number} title={title} lede={lede} status={<NextAndHeld next={upcoming[0]} held={plural(held, noun)} closed={closed} />}>
      {schedule && schedule(upcoming.length > 0)}
      {items.length === 0 ? empty : <ComingUpAndEarlier upcoming={upcoming} past={past} card={card} />}
    </ActionSection>
  );
}

/** A relationship's meetings or a circle's sessions: those still to come (soonest first), the
 *  rest (latest first), and how many were held. Once `closed` (concluded), nothing is to come. */
function byTime<T extends { status: string; starts_at: string }>(items: T[], closed = false) {
  const now = Date.now();
  const upcoming = items
    .filter((m) => !closed && m.status === 'scheduled' && new Date(m.starts_at).getTime() >= now)
    .sort((a, b) => a.starts_at.localeCompare(b.starts_at));
  const past = items.filter((m) => !upcoming.includes(m)).sort((a, b) => b.starts_at.localeCompare(a.starts_at));
  const held = items.filter((m) => m.status === 'held').length;
  return { upcoming, past, held };
}

/** The section's status: when the next one is, and how many were held (`held` says it, e.g.
 *  "3 meetings"). A concluded (`closed`) one has no next. */
function NextAndHeld({ next, held, closed = false }: { next: { starts_at: string } | undefined; held: string; closed?: boolean }) {
  return (
    <>
      {closed ? null : next ? (
        <span className="tag tag--success">Next: {relativeTime(next.starts_at)}</span>
      ) : (
        <span className="tag tag--waiting">Nothing planned</span>
      )}
      <span className="tag">{held} held</span>
    </>
  );
}

/** "Coming up" and "Earlier", each only when it has any; `card` draws one, told whether it is the
 *  latest of the earlier ones (the one worth opening). */
function ComingUpAndEarlier<T extends { id: string }>({
  upcoming,
  past,
  card,
}: {
  upcoming: T[];
  past: T[];
  card: (item: T, latest: boolean) => ReactNode;
}) {
  return (
    <div className="stack">
      {upcoming.length > 0 && (
        <>
          <h3 className="subheading">Coming up</h3>
          {upcoming.map((m) => (
            <Fragment key={m.id}>{card(m, false)}</Fragment>
          ))}
        </>
      )}
      {past.length > 0 && (
        <>
          <h3 className="subheading">Earlier</h3>
          {past.map((m, i) => (
            <Fragment key={m.id}>{card(m, i === 0)}</Fragment>
          ))}
        </>
      )}
    </div>
  );
}

function ScheduleMeeting({ hasUpcoming }: { hasUpcoming: boolean }) {
  const { ws, reload, me, myRole } = useWorkspace();
  const [open, setOpen] = useState(!hasUpcoming);
  const [date, setDate] = useState(dateInDays(7, me.timezone));
  const [time, setTime] = useState('10:00');
  const [duration, setDuration] = useState('60');
  const [medium, setMedium] = useState<Medium>(ws.logistics?.medium ?? 'video');
  const [where, setWhere] = useState(ws.logistics?.where ?? '');
  const save = useAction();
  const toast = useToast();
  const other = myRole === 'mentee' ? ws.mentor : ws.mentee;
  const startsAt = zonedToUtcIso(date, time, me.timezone);

  async function submit(e: FormEvent) {
    e.preventDefault();
    const body = {
      starts_at: startsAt ?? `${date}T${time}`,
      duration_minutes: wholeNumber(duration),
      medium,
      where,
    };
    const created = await save.run(() => ok(api.POST('/api/v1/relationships/{id}/meetings', { params: { path: { id: ws.id } }, body })));
    if (created) {
      toast(`Meeting scheduled for ${formatDateTime(created.starts_at, me.timezone)}`);
      setOpen(false);
      await reload();
    }
  }

  const err = (n: string) => errorFor(save.error, n);
  if (!open) return <OpenButton onOpen={() => setOpen(true)}>+ Schedule another meeting</OpenButton>;
  return (
    <form id="schedule-meeting" className="card card--inset stack" onSubmit={submit} noValidate aria-label="Schedule a meeting">
      <h3 className="subheading">Schedule a meeting</h3>
      <div className="grid-4">
        <TextField id="schedule-date" label="Date" type="date" value={date} onChange={(e) => setDate(e.target.value)} error={err('starts_at')} />
        <TextField
          label="Time"
          type="time"
          hint={`Your time (${me.timezone})`}
          value={time}
          onChange={(e) => setTime(e.target.value)}
        />
        <TextField label="Minutes" inputMode="numeric" value={duration} onChange={(e) => setDuration(e.target.value)} error={err('duration_minutes')} />
        <SelectField label="How" value={medium} onChange={(e) => setMedium(e.target.value as Medium)} error={err('medium')}>
          <MediumOptions />
        </SelectField>
      </div>
      <SuggestedTimes
        duration={duration}
        chosen={startsAt}
        onPick={(t) => {
          const local = utcToZoned(Date.parse(t.starts_at), me.timezone);
          setDate(local.date);
          setTime(local.time);
          setDuration(String(Math.round((Date.parse(t.ends_at) - Date.parse(t.starts_at)) / 60_000)));
        }}
      />
      <TextField label="Where" hint="A video link or a place." value={where} onChange={(e) => setWhere(e.target.value)} error={err('where')} />
      {startsAt && other && other.timezone && other.timezone !== me.timezone && (
        <p className="muted small">
          For {other.name.split(' ')[0]} that is {formatTime(startsAt, other.timezone)} ({other.timezone}).
        </p>
      )}
      <p className="muted small">The agenda is built from your plan: overdue tasks first, then open tasks, then your objectives.</p>
      <FormActions
        error={save.error}
        fieldLabels={{ starts_at: 'Date and time' }}
        busy={save.busy}
        submit="Schedule meeting"
        onCancel={hasUpcoming ? () => setOpen(false) : undefined}
      />
    </form>
  );
}

function MeetingCard({ meeting: m, initiallyOpen = false }: { meeting: Meeting; initiallyOpen?: boolean }) {
  const { ws, reload, workable, me } = useWorkspace();
  const [open, setOpen] = useState(initiallyOpen);
  const action = useAction();
  const toast = useToast();
  const started = new Date(m.starts_at).getTime() <= Date.now();
  // A meeting still scheduled when the relationship concluded never happened, whatever its date.
  const neverHeld = ws.state === 'concluded' && m.status === 'scheduled';

  async function setStatus(status: MeetingStatus) {
    const done = await action.run(() => ok(api.PATCH('/api/v1/relationships/{id}/meetings/{meeting_id}', { params: { path: { id: ws.id, meeting_id: m.id } }, body: { status } })));
    if (done) {
      toast(status === 'held' ? 'Meeting marked as held' : `Meeting ${MEETING_STATUS_LABELS[status].toLowerCase()}`);
      if (status === 'held') setOpen(true);
      await reload();
    }
  }

  return (
    <article className={`meeting meeting--${m.status}`} aria-label={`Meeting on ${formatDateTime(m.starts_at, me.timezone)}`}>
      <header className="meeting__head">
        <div>
          <h4 className="meeting__when">{formatDateTime(m.starts_at, me.timezone)}</h4>
          <p className="muted small">
            {m.duration_minutes} min · {MEDIUM_LABELS[m.medium]}
            {m.where ? ` · ${m.where}` : ''}
            {neverHeld ? '' : ` · ${relativeTime(m.starts_at)}`}
          </p>
        </div>
        <span className={`tag tag--meeting-${neverHeld ? 'cancelled' : m.status}`}>{neverHeld ? 'Not held' : MEETING_STATUS_LABELS[m.status]}</span>
      </header>
      {m.agenda.length > 0 && !neverHeld && (
        <div className="agenda">
          <h5>Agenda</h5>
          <ul>
            {m.agenda.map((a, i) => (
              <li key={i} className={`agenda__item agenda__item--${a.kind}`}>
                {localizeText(a.text, me.timezone)}
              </li>
            ))}
          </ul>
        </div>
      )}
      {workable && m.status === 'scheduled' && (
        <div className="row meeting__actions">
          {started && (
            <>
              <Button className="btn btn--small" busy={action.busy} onClick={() => setStatus('held')}>
                Mark as held
              </Button>
              <Button variant="ghost" className="btn btn--ghost btn--small" disabled={action.busy} onClick={() => setStatus('no_show')}>
                No-show
              </Button>
            </>
          )}
          <Button variant="ghost" className="btn btn--ghost btn--small" disabled={action.busy} onClick={() => setStatus('cancelled')}>
            Cancel meeting
          </Button>
        </div>
      )}
      {(m.status === 'scheduled' || m.status === 'cancelled') && (
        <div className="row meeting__calendar">
          {m.status === 'scheduled' && <JoinVideo url={m.video_url} />}
          <AddToCalendar path={`/relationships/${ws.id}/meetings/${m.id}/calendar.ics`} cancelled={m.status === 'cancelled'} />
        </div>
      )}
      <FormError error={action.error} />
      {m.status !== 'cancelled' && m.status !== 'no_show' && (
        <button className="disclosure" aria-expanded={open} onClick={() => setOpen((o) => !o)}>
          {open ? '▾' : '▸'} Notes and stories{m.stories ? ` (${plural(m.stories, 'story', 'stories')})` : ''}
        </button>
      )}
      {open && <MeetingNotes meetingId={m.id} />}
    </article>
  );
}

function MeetingNotes({ meetingId }: { meetingId: string }) {
  const { ws, myRole, workable, reload, nameOfRole } = useWorkspace();
  const [detail, setDetail] = useState<MeetingDetail | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const ids = useMemo(() => ({ id: ws.id, meeting_id: meetingId }), [ws.id, meetingId]);

  useEffect(() => {
    ok(api.GET('/api/v1/relationships/{id}/meetings/{meeting_id}', { params: { path: ids } }))
      .then(setDetail)
      .catch((e: Error) => setLoadError(e.message));
  }, [ids, ws.updated_at, ws.stories.length]);

  if (loadError) return <p className="field__error">{loadError}</p>;
  if (!detail) return <Loading label="Loading notes…" rows={2} />;

  const stories = ws.stories.filter((s) => s.meeting_id === meetingId);
  const canTell = workable && myRole === 'mentor' && (detail.status === 'held' || detail.status === 'scheduled');

  return (
    <div className="meeting-notes">
      <SharedNotes detail={detail} ids={ids} onSaved={setDetail} />
      <PrivateNote detail={detail} ids={ids} onSaved={setDetail} />
      <div className="stories">
        <h5>Stories</h5>
        {stories.length === 0 && <p className="muted small">No stories in this meeting.</p>}
        <ul className="stack">
          {stories.map((s) => (
            <StoryItem key={s.id} story={s} />
          ))}
        </ul>
        {myRole === 'mentor' &&
          detail.story_hints.map((h) => (
            <Hint key={h} tone="warn">
              {h}
            </Hint>
          ))}
        {canTell && (
          <TellStory<MeetingDetail>
            post={(body) => ok(api.POST('/api/v1/relationships/{id}/meetings/{meeting_id}/stories', { params: { path: ids }, body }))}
            onSaved={async (d) => {
              setDetail(d);
              await reload();
            }}
          />
        )}
        {myRole === 'mentee' && stories.some((s) => !s.reflection) && workable && (
          <p className="muted small">{nameOfRole('mentor')} shared a story: tell them what you took from it.</p>
        )}
      </div>
    </div>
  );
}

/** Which meeting of which relationship. */
interface MeetingIds {
  id: string;
  meeting_id: string;
}

function SharedNotes({ detail, ids, onSaved }: { detail: MeetingDetail; ids: MeetingIds; onSaved: (d: MeetingDetail) => void }) {
  const { workable } = useWorkspace();
  return (
    <NoteEditor
      kind="shared"
      label="Shared notes"
      hint="You both see these."
      saved={detail.shared_notes}
      field="shared_notes"
      empty="No notes."
      submit="Save shared notes"
      done="Shared notes saved"
      editable={workable}
      save={(text) => ok(api.PATCH('/api/v1/relationships/{id}/meetings/{meeting_id}', { params: { path: ids }, body: { shared_notes: text } }))}
      onSaved={onSaved}
    />
  );
}

function PrivateNote({ detail, ids, onSaved }: { detail: MeetingDetail; ids: MeetingIds; onSaved: (d: MeetingDetail) => void }) {
  const { workable } = useWorkspace();
  return (
    <NoteEditor
      kind="private"
      label={
        <>
          <Icon name="lock" size={16} className="icon--inline" />My private note <span className="private-label">only you can see this</span>
        </>
      }
      saved={detail.my_private_note}
      field="text"
      minRows={2}
      empty="No private note."
      submit="Save private note"
      done="Private note saved"
      editable={workable}
      save={(text) => ok(api.PUT('/api/v1/relationships/{id}/meetings/{meeting_id}/private-note', { params: { path: ids }, body: { text } }))}
      onSaved={onSaved}
    />
  );
}

/** Notes kept with a meeting or a circle's session (`kind` shared or private): once they can no
 *  longer change (not `editable`), the text as saved; else a text area that `save` sends, the
 *  API's message at it when it names `field`. */
export function NoteEditor<T>({
  kind,
  label,
  hint,
  saved,
  field,
  minRows,
  empty,
  submit,
  done,
  editable,
  save,
  onSaved,
}: {
  kind: 'shared' | 'private';
  label: ReactNode;
  hint?: string;
  saved: string;
  field: string;
  minRows?: number;
  empty: string;
  submit: string;
  done: string;
  editable: boolean;
  save: (text: string) => Promise<T>;
  onSaved: (d: T) => void;
}) {
  const toast = useToast();
  const { text, setText, action, submit: submitNote } = useTextForm(saved, save, (d) => {
    onSaved(d);
    toast(done);
  });
  if (!editable)
    return (
      <div className={`note note--${kind}`}>
        <h5>{label}</h5>
        <p className="prose">{saved || <span className="muted">{empty}</span>}</p>
      </div>
    );
  return (
    <form className={`note note--${kind}`} onSubmit={submitNote} noValidate>
      <TextArea
        label={label}
        hint={hint}
        rows={rowsFor(text, minRows)}
        value={text}
        onChange={(e) => setText(e.target.value)}
        error={errorFor(action.error, field)}
      />
      {action.error && action.error.field !== field && <FormError error={action.error} />}
      <Button type="submit" variant="secondary" className="btn btn--secondary btn--small" busy={action.busy} disabled={text === saved}>
        {submit}
      </Button>
    </form>
  );
}

function StoryItem({ story: s }: { story: Story }) {
  const { ws, setWs, myRole, workable, nameOfRole, whose } = useWorkspace();
  return (
    <li className="story">
      <StoryText label={`${whose('mentor')} story`} story={s.story} point={s.point} />
      {s.reflection ? (
        <p className="story__reflection">
          <strong>{whose('mentee')} reflection:</strong> {s.reflection}
        </p>
      ) : myRole === 'mentee' && workable ? (
        <ReflectionForm
          question={s.question_for_mentee}
          post={(reflection) => ok(api.POST('/api/v1/relationships/{id}/stories/{story_id}/reflection', { params: { path: { id: ws.id, story_id: s.id } }, body: { reflection } }))}
          onSaved={setWs}
        />
      ) : (
        <p className="muted small">Waiting for {nameOfRole('mentee')}’s reflection: what did they learn, or what will they apply?</p>
      )}
    </li>
  );
}

/** The teller's form for a story and the point it makes, sent with `post` (to a relationship's
 *  meeting or a circle's session); `audience` is who is asked to reflect. */
export function TellStory<T>({
  post,
  onSaved,
  audience = 'your mentee',
}: {
  post: (story: { story: string; point: string }) => Promise<T>;
  onSaved: (d: T) => Promise<void>;
  audience?: string;
}) {
  const [open, setOpen] = useState(false);
  const [story, setStory] = useState('');
  const [point, setPoint] = useState('');
  const save = useAction();
  const toast = useToast();
  async function submit(e: FormEvent) {
    e.preventDefault();
    const d = await save.run(() => post({ story, point }));
    if (d) {
      toast(`Story logged; ${audience} ${audience === 'your mentee' ? 'is' : 'are'} asked what they took from it`);
      setStory('');
      setPoint('');
      setOpen(false);
      await onSaved(d);
    }
  }
  if (!open)
    return (
      <Button variant="secondary" className="btn btn--secondary btn--small" onClick={() => setOpen(true)}>
        + Log a story you told
      </Button>
    );
  return (
    <form className="card card--inset stack" onSubmit={submit} noValidate aria-label="Log a story">
      <Hint>
        Share stories to help crystallise a point, or to show a path {audience} could follow, but be careful not to
        dominate the conversation. Afterwards {audience} {audience === 'your mentee' ? 'is' : 'are'} asked what they
        learned or can apply.
      </Hint>
      <TextArea label="The story" rows={3} value={story} onChange={(e) => setStory(e.target.value)} error={errorFor(save.error, 'story')} autoFocus />
      <TextField label="The point it makes" value={point} onChange={(e) => setPoint(e.target.value)} error={errorFor(save.error, 'point')} />
      {save.error && !['story', 'point'].includes(save.error.field) && <FormError error={save.error} />}
      <SubmitRow busy={save.busy} submit="Log story" onCancel={() => setOpen(false)} />
    </form>
  );
}

/** The listener's reflection on a story, answering the teller's `question`, sent with `post` (to
 *  a relationship's story or a circle's); `initial` is the one being edited, and "Cancel" shows
 *  when `onCancel` is given. */
export function ReflectionForm<T>({
  question,
  initial = '',
  post,
  onSaved,
  onCancel,
}: {
  question: string;
  initial?: string;
  post: (reflection: string) => Promise<T>;
  onSaved: (next: T) => void | Promise<void>;
  onCancel?: () => void;
}) {
  const toast = useToast();
  const { text: reflection, setText: setReflection, action: save, submit } = useTextForm(initial, post, async (next) => {
    toast('Reflection saved');
    await onSaved(next);
  });
  return (
    <form className="stack-sm" onSubmit={submit} noValidate aria-label="Your reflection">
      <TextArea
        label={question}
        rows={2}
        value={reflection}
        onChange={(e) => setReflection(e.target.value)}
        error={errorFor(save.error, 'reflection')}
      />
      {save.error && save.error.field !== 'reflection' && <FormError error={save.error} />}
      <div className="row">
        <Button type="submit" className="btn btn--small" busy={save.busy}>
          Save reflection
        </Button>
        {onCancel && (
          <Button type="button" variant="ghost" className="btn btn--ghost btn--small" onClick={onCancel}>
            Cancel
          </Button>
        )}
      </div>
    </form>
  );
}

/** A story as told: the teller, the story and the point it makes. */
export function StoryText({ label, story, point }: { label: string; story: string; point: string }) {
  return (
    <>
      <p className="story__text">
        <span className="story__label">{label}</span>
        {story}
      </p>
      <p className="story__point">
        <strong>The point:</strong> {point}
      </p>
    </>
  );
}
