// Group sessions: the host schedules, moves, holds or cancels them; a member sends apologies for
// one they cannot attend. Each session opens onto its attendance, notes and stories
// (SessionDetail.tsx).
import { useState, type FormEvent } from 'react';
import { api, ok, wholeNumber } from '../api';
import { MEDIUM_LABELS, MEETING_STATUS_LABELS, dateInDays, formatDateTime, formatTime, plural, relativeTime, utcToZoned, zonedToUtcIso } from '../format';
import type { CircleSessionSummary, Medium } from '../types';
import { Button, Empty, FormActions, FormError, Hint, MediumOptions, OpenButton, SelectField, TextField, errorFor, useAction, useApi, useToast } from '../ui';
import { useCircle } from './common';
import { SessionDetail } from './SessionDetail';
import { ScheduleSection } from '../workspace/Meetings';
import { CIRCLE_ACTIONS } from '../workspace/actions';

export function SessionsSection() {
  const { w, host, workable } = useCircle();
  return (
    <ScheduleSection
      {...CIRCLE_ACTIONS.sessions}
      items={w.sessions}
      noun="session"
      closed={w.state === 'concluded'}
      schedule={host && workable && ((hasUpcoming) => <ScheduleSession hasUpcoming={hasUpcoming} />)}
      empty={
        <Empty title="No sessions yet" icon="calendar">
          {host
            ? `Schedule the first session: the circle meets every ${plural(w.cadence_days, 'day')}.`
            : `${w.host.name} schedules the sessions; you are notified when one is planned.`}
        </Empty>
      }
      card={(s, latest) => <SessionCard s={s} initiallyOpen={latest && s.status === 'held'} />}
    />
  );
}

/** The wall-clock time of an instant for the members, grouped by timezone. */
function MembersTimes({ iso }: { iso: string | null }) {
  const { w, me } = useCircle();
  if (!iso) return null;
  const zones = new Map<string, number>();
  for (const m of w.member_list) {
    const tz = m.person.timezone;
    if (tz && tz !== me.timezone) zones.set(tz, (zones.get(tz) ?? 0) + 1);
  }
  if (zones.size === 0) return null;
  const ms = new Date(iso).getTime();
  return (
    <p className="field__hint">
      For members elsewhere:{' '}
      {[...zones.entries()]
        .map(([tz, n]) => `${utcToZoned(ms, tz).time} in ${tz}${n > 1 ? ` (${n} members)` : ''}`)
        .join(' · ')}
    </p>
  );
}

interface SessionFields {
  date: string;
  time: string;
  duration: string;
  medium: Medium;
  where: string;
}

/** Date, time (in the reader's timezone), length, medium and place of a session. */
function SessionFieldset({ f, set, error }: { f: SessionFields; set: (p: Partial<SessionFields>) => void; error: ReturnType<typeof useAction>['error'] }) {
  const { me } = useCircle();
  const startsAt = zonedToUtcIso(f.date, f.time, me.timezone);
  return (
    <>
      <div className="grid-4">
        <TextField label="Date" type="date" value={f.date} onChange={(e) => set({ date: e.target.value })} error={errorFor(error, 'starts_at')} />
        <TextField label={`Time (${me.timezone})`} type="time" value={f.time} onChange={(e) => set({ time: e.target.value })} />
        <TextField
          label="Minutes"
          type="number"
          inputMode="numeric"
          value={f.duration}
          onChange={(e) => set({ duration: e.target.value })}
          error={errorFor(error, 'duration_minutes')}
        />
        <SelectField label="Medium" value={f.medium} onChange={(e) => set({ medium: e.target.value as Medium })} error={errorFor(error, 'medium')}>
          <MediumOptions />
        </SelectField>
      </div>
      <MembersTimes iso={startsAt} />
      <TextField
        label="Where"
        hint={f.medium === 'video' ? 'The video link' : f.medium === 'in_person' ? 'The room' : 'How to join'}
        value={f.where}
        onChange={(e) => set({ where: e.target.value })}
        error={errorFor(error, 'where')}
      />
      {(f.medium === 'phone' || f.medium === 'chat') && (
        <Hint tone="warn">A group misses the visual cues on a {MEDIUM_LABELS[f.medium].toLowerCase()}: a video call keeps them.</Hint>
      )}
    </>
  );
}

const SESSION_FIELD_LABELS = { starts_at: 'Date', duration_minutes: 'Minutes', where: 'Where' };

function sessionBody(f: SessionFields, tz: string) {
  return {
    starts_at: zonedToUtcIso(f.date, f.time, tz) ?? `${f.date}T${f.time}`,
    duration_minutes: wholeNumber(f.duration),
    medium: f.medium,
    where: f.where,
  };
}

function ScheduleSession({ hasUpcoming }: { hasUpcoming: boolean }) {
  const { w, me, reload } = useCircle();
  const [open, setOpen] = useState(!hasUpcoming);
  const [f, setF] = useState<SessionFields>(() => ({
    date: dateInDays(Math.min(w.cadence_days, 7), me.timezone),
    time: '16:00',
    duration: '60',
    medium: w.medium,
    where: '',
  }));
  const action = useAction();
  const toast = useToast();

  async function submit(e: FormEvent) {
    e.preventDefault();
    const s = await action.run(() => ok(api.POST('/api/v1/circles/{id}/sessions', { params: { path: { id: w.id } }, body: sessionBody(f, me.timezone) })));
    if (s) {
      toast(`Session scheduled for ${formatDateTime(s.starts_at, me.timezone)}; the members are told.`);
      setOpen(false);
      await reload();
    }
  }

  if (!open) return <OpenButton onOpen={() => setOpen(true)}>+ Schedule a session</OpenButton>;
  return (
    <form noValidate onSubmit={submit} className="card card--inset stack" aria-label="Schedule a session">
      <h3 className="subheading">Schedule a session</h3>
      <SessionFieldset f={f} set={(p) => setF({ ...f, ...p })} error={action.error} />
      <FormActions
        error={action.error}
        fieldLabels={SESSION_FIELD_LABELS}
        busy={action.busy}
        submit="Schedule session"
        onCancel={hasUpcoming ? () => setOpen(false) : undefined}
      />
    </form>
  );
}

function SessionCard({ s, initiallyOpen = false }: { s: CircleSessionSummary; initiallyOpen?: boolean }) {
  const { w, me, host, workable, reload } = useCircle();
  const [open, setOpen] = useState(initiallyOpen);
  const [mode, setMode] = useState<'reschedule' | 'cancel' | null>(null);
  const action = useAction();
  const toast = useToast();
  const started = new Date(s.starts_at).getTime() <= Date.now();
  const path = `/circles/${w.id}/sessions/${s.id}`;
  const scheduled = s.status === 'scheduled';
  // A session still scheduled when the circle concluded never happened, whatever its date.
  const neverHeld = scheduled && w.state === 'concluded';
  // A member sees whether they sent apologies for an upcoming session.
  const ids = { id: w.id, session_id: s.id };
  const mine = useApi(!host && scheduled && !started && workable ? path : null, () =>
    ok(api.GET('/api/v1/circles/{id}/sessions/{session_id}', { params: { path: ids } })),
  );
  const myMark = mine.data?.attendance.find((a) => a.person.id === me.id)?.status ?? null;

  async function setStatus(status: 'held' | 'cancelled') {
    if (await action.run(() => ok(api.PATCH('/api/v1/circles/{id}/sessions/{session_id}', { params: { path: ids }, body: { status } })))) {
      toast(status === 'held' ? 'Session marked as held: record who came, and the stories told.' : 'Session cancelled.');
      setMode(null);
      if (status === 'held') setOpen(true);
      await reload();
    }
  }
  async function excuse() {
    if (await action.run(() => ok(api.PUT('/api/v1/circles/{id}/sessions/{session_id}/attendance', { params: { path: ids }, body: { attendance: [{ person_id: me.id, status: 'excused' }] } })))) {
      toast(`${w.host.name.split(' ')[0]} knows you cannot make it.`);
      await Promise.all([mine.reload(), reload()]);
    }
  }

  const a = s.attendance;
  const recorded = a.present + a.absent + a.excused;
  return (
    <article className={`meeting meeting--${s.status}`} aria-label={`Session on ${formatDateTime(s.starts_at, me.timezone)}`}>
      <header className="meeting__head">
        <div>
          <h4 className="meeting__when">
            {formatDateTime(s.starts_at, me.timezone)}–{formatTime(new Date(new Date(s.starts_at).getTime() + s.duration_minutes * 60_000).toISOString(), me.timezone)}
          </h4>
          <p className="muted small">
            {s.duration_minutes} min · {MEDIUM_LABELS[s.medium]}
            {s.where ? (
              <>
                {' · '}
                {/^https?:\/\//.test(s.where) ? (
                  <a href={s.where} target="_blank" rel="noreferrer">
                    {s.where}
                  </a>
                ) : (
                  s.where
                )}
              </>
            ) : null}
            {neverHeld ? '' : ` · ${relativeTime(s.starts_at)}`}
          </p>
        </div>
        <span className={`tag tag--meeting-${neverHeld ? 'cancelled' : s.status}`}>{neverHeld ? 'Not held' : MEETING_STATUS_LABELS[s.status]}</span>
      </header>
      <p className="small muted">
        {recorded === 0
          ? s.status === 'held'
            ? 'No attendance recorded yet.'
            : scheduled
              ? `${plural(w.members, 'member')} in the circle.`
              : ''
          : `Attendance: ${a.present} present, ${a.absent} absent, ${a.excused} excused`}
        {s.stories > 0 ? ` · ${plural(s.stories, 'story', 'stories')}` : ''}
      </p>
      {workable && scheduled && (
        <div className="row meeting__actions">
          {host ? (
            <>
              {started && (
                <Button className="btn btn--small" busy={action.busy} onClick={() => setStatus('held')}>
                  Mark as held
                </Button>
              )}
              {!started && (
                <Button variant="ghost" className="btn btn--ghost btn--small" aria-expanded={mode === 'reschedule'} onClick={() => setMode(mode === 'reschedule' ? null : 'reschedule')}>
                  Reschedule
                </Button>
              )}
              <Button variant="ghost" className="btn btn--ghost btn--small" aria-expanded={mode === 'cancel'} onClick={() => setMode(mode === 'cancel' ? null : 'cancel')}>
                Cancel session
              </Button>
            </>
          ) : !started && myMark === 'excused' ? (
            <span className="tag">You sent your apologies</span>
          ) : !started && mine.data ? (
            <Button variant="ghost" className="btn btn--ghost btn--small" busy={action.busy} onClick={excuse}>
              I can’t make it
            </Button>
          ) : null}
        </div>
      )}
      {mode === 'cancel' && (
        <div className="confirm" role="group" aria-label="Cancel the session?">
          <p>Cancel this session? The members see it as cancelled; it keeps no attendance or stories.</p>
          <div className="row">
            <Button variant="danger" busy={action.busy} onClick={() => setStatus('cancelled')}>
              Cancel the session
            </Button>
            <Button variant="ghost" onClick={() => setMode(null)}>
              Keep it
            </Button>
          </div>
        </div>
      )}
      {mode === 'reschedule' && <Reschedule s={s} onDone={() => setMode(null)} />}
      {mode !== 'reschedule' && <FormError error={action.error} />}
      {s.status !== 'cancelled' && (
        <button className="disclosure" aria-expanded={open} onClick={() => setOpen((o) => !o)}>
          {open ? '▾' : '▸'} Attendance, notes and stories
        </button>
      )}
      {open && <SessionDetail session={s} />}
    </article>
  );
}

function Reschedule({ s, onDone }: { s: CircleSessionSummary; onDone: () => void }) {
  const { w, me, reload } = useCircle();
  const local = utcToZoned(new Date(s.starts_at).getTime(), me.timezone);
  const [f, setF] = useState<SessionFields>({ date: local.date, time: local.time, duration: String(s.duration_minutes), medium: s.medium, where: s.where });
  const action = useAction();
  const toast = useToast();
  async function submit(e: FormEvent) {
    e.preventDefault();
    if (await action.run(() => ok(api.PATCH('/api/v1/circles/{id}/sessions/{session_id}', { params: { path: { id: w.id, session_id: s.id } }, body: sessionBody(f, me.timezone) })))) {
      toast('Session moved.');
      onDone();
      await reload();
    }
  }
  return (
    <form noValidate onSubmit={submit} className="card card--inset stack" aria-label="Reschedule the session">
      <SessionFieldset f={f} set={(p) => setF({ ...f, ...p })} error={action.error} />
      <FormActions error={action.error} fieldLabels={SESSION_FIELD_LABELS} busy={action.busy} submit="Save the new time" onCancel={onDone} />
    </form>
  );
}
