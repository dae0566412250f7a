// One session opened: who attended (the host records it once the session has started), the notes
// the whole circle shares, and the host's stories with every member's reflection.
import { useMemo, useState, type FormEvent } from 'react';
import { AddToCalendar } from '../AddToCalendar';
import { JoinVideo } from '../JoinVideo';
import { api, ok } from '../api';
import type { Attendance, CircleSessionDetail, CircleSessionSummary, CircleStory } from '../types';
import { Button, ErrorState, FieldError, FormError, Hint, Loading, errorFor, useAction, useApi, useToast } from '../ui';
import { NoteEditor, ReflectionForm, StoryText, TellStory } from '../workspace/Meetings';
import { firstName, useCircle } from './common';

const MARKS: { value: Attendance; label: string }[] = [
  { value: 'present', label: 'Present' },
  { value: 'absent', label: 'Absent' },
  { value: 'excused', label: 'Excused' },
];

export function SessionDetail({ session }: { session: CircleSessionSummary }) {
  const { w, reload } = useCircle();
  const path = `/circles/${w.id}/sessions/${session.id}`;
  const ids = useMemo(() => ({ id: w.id, session_id: session.id }), [w.id, session.id]);
  const detail = useApi(path, () => ok(api.GET('/api/v1/circles/{id}/sessions/{session_id}', { params: { path: ids } })));
  if (detail.error) return <ErrorState error={detail.error} retry={detail.reload} />;
  if (!detail.data) return <Loading label="Loading the session…" rows={2} />;
  const d = detail.data;
  const saved = async (next: CircleSessionDetail) => {
    detail.setData(next);
    await reload();
  };
  return (
    <div className="meeting-notes circle-session">
      {(d.status === 'scheduled' || d.status === 'cancelled') && (
        <div className="row meeting__calendar">
          {d.status === 'scheduled' && <JoinVideo url={d.video_url} />}
          <AddToCalendar path={`${path}/calendar.ics`} cancelled={d.status === 'cancelled'} />
        </div>
      )}
      <AttendanceBlock d={d} ids={ids} onSaved={saved} />
      <Notes d={d} ids={ids} onSaved={detail.setData} />
      <Stories d={d} ids={ids} onSaved={saved} reloadDetail={detail.reload} />
    </div>
  );
}

/** Which session of which circle. */
interface SessionIds {
  id: string;
  session_id: string;
}

function AttendanceBlock({ d, ids, onSaved }: { d: CircleSessionDetail; ids: SessionIds; onSaved: (d: CircleSessionDetail) => Promise<void> }) {
  const { host, workable, nameOf } = useCircle();
  const [marks, setMarks] = useState<Record<string, Attendance | null>>(() =>
    Object.fromEntries(d.attendance.map((a) => [a.person.id, a.status])),
  );
  const action = useAction();
  const toast = useToast();
  const started = new Date(d.starts_at).getTime() <= Date.now();
  const editable = host && workable && started && d.status !== 'cancelled';

  if (!editable)
    return (
      <div className="note">
        <h5>Attendance</h5>
        {d.attendance.length === 0 ? (
          <p className="muted small">Nobody to record.</p>
        ) : (
          <ul className="attendance-list" aria-label="Attendance">
            {d.attendance.map((a) => (
              <li key={a.person.id}>
                <span>{nameOf(a.person)}</span>
                <span className={'tag' + (a.status === 'present' ? ' tag--success' : a.status === 'absent' ? ' tag--danger' : '')}>
                  {a.status ? MARKS.find((m) => m.value === a.status)!.label : 'Not recorded'}
                </span>
              </li>
            ))}
          </ul>
        )}
        {host && workable && !started && d.status === 'scheduled' && (
          <p className="muted small">Record who came once the session has started.</p>
        )}
      </div>
    );

  async function submit(e: FormEvent) {
    e.preventDefault();
    const attendance = d.attendance.flatMap((a) => {
      const status = marks[a.person.id];
      return status ? [{ person_id: a.person.id, status }] : [];
    });
    const next = await action.run(() =>
      ok(api.PUT('/api/v1/circles/{id}/sessions/{session_id}/attendance', { params: { path: ids }, body: { attendance } })),
    );
    if (next) {
      toast('Attendance saved');
      await onSaved(next);
    }
  }
  // attendance[i] names the i-th *sent* row; map it back to the person.
  const sent = d.attendance.filter((a) => marks[a.person.id]);
  const rowError = (id: string) => {
    const i = sent.findIndex((a) => a.person.id === id);
    return i >= 0 ? errorFor(action.error, `attendance[${i}]`, true) : undefined;
  };

  return (
    <form className="note" onSubmit={submit} noValidate aria-label="Attendance">
      <h5>Attendance</h5>
      {d.attendance.length === 0 ? (
        <p className="muted small">The circle has no members to record.</p>
      ) : (
        <ul className="attendance-form">
          {d.attendance.map((a) => (
            <li key={a.person.id}>
              <div role="radiogroup" aria-label={`Attendance of ${a.person.name}`} className="attendance-row">
                <span className="attendance-row__name">{a.person.name}</span>
                <div className="segmented">
                  {MARKS.map((m) => (
                    <label key={m.value} className={`segmented__option segmented__option--${m.value}`}>
                      <input
                        type="radio"
                        name={`attendance-${d.id}-${a.person.id}`}
                        value={m.value}
                        checked={marks[a.person.id] === m.value}
                        onChange={() => setMarks((x) => ({ ...x, [a.person.id]: m.value }))}
                      />
                      <span>{m.label}</span>
                    </label>
                  ))}
                </div>
              </div>
              {rowError(a.person.id) && <p className="field__error">{rowError(a.person.id)}</p>}
            </li>
          ))}
        </ul>
      )}
      <FieldError
        message={
          errorFor(action.error, 'attendance') &&
          (action.error!.raw === 'must be a list of {person_id, status}' ? 'Mark at least one member.' : action.error!.message)
        }
      />
      {action.error && !action.error.field.startsWith('attendance') && <FormError error={action.error} />}
      <div className="row">
        <Button type="submit" className="btn btn--small" busy={action.busy}>
          Save attendance
        </Button>
        <Button
          type="button"
          variant="ghost"
          className="btn btn--ghost btn--small"
          onClick={() =>
            setMarks((x) => Object.fromEntries(d.attendance.map((a) => [a.person.id, x[a.person.id] ?? 'present'])))
          }
        >
          Everyone else present
        </Button>
      </div>
    </form>
  );
}

function Notes({ d, ids, onSaved }: { d: CircleSessionDetail; ids: SessionIds; onSaved: (d: CircleSessionDetail) => void }) {
  const { workable } = useCircle();
  return (
    <NoteEditor
      kind="shared"
      label="Session notes"
      hint="The whole circle sees and edits these."
      saved={d.notes}
      field="notes"
      empty="No notes."
      submit="Save notes"
      done="Session notes saved"
      editable={workable && d.status !== 'cancelled'}
      save={(text) => ok(api.PATCH('/api/v1/circles/{id}/sessions/{session_id}', { params: { path: ids }, body: { notes: text } }))}
      onSaved={onSaved}
    />
  );
}

function Stories({
  d,
  ids,
  onSaved,
  reloadDetail,
}: {
  d: CircleSessionDetail;
  ids: SessionIds;
  onSaved: (d: CircleSessionDetail) => Promise<void>;
  reloadDetail: () => Promise<void>;
}) {
  const { w, host, workable } = useCircle();
  const started = new Date(d.starts_at).getTime() <= Date.now();
  const canTell = host && workable && started && d.status !== 'cancelled';
  return (
    <div className="stories">
      <h5>Stories</h5>
      {d.stories.length === 0 && (
        <p className="muted small">
          {canTell
            ? 'No story logged for this session yet.'
            : started
              ? 'No stories in this session.'
              : `${firstName(w.host.name)} logs the stories once the session has happened.`}
        </p>
      )}
      <ul className="stack">
        {d.stories.map((s) => (
          <StoryItem key={s.id} s={s} onReflected={reloadDetail} />
        ))}
      </ul>
      {host &&
        d.story_hints.map((h) => (
          <Hint key={h} tone="warn">
            {h}
          </Hint>
        ))}
      {canTell && <TellStory<CircleSessionDetail>
          post={(body) => ok(api.POST('/api/v1/circles/{id}/sessions/{session_id}/stories', { params: { path: ids }, body }))}
          onSaved={onSaved}
          audience="your members"
        />}
    </div>
  );
}

function StoryItem({ s, onReflected }: { s: CircleStory; onReflected: () => Promise<void> }) {
  const { w, me, host, workable, setW } = useCircle();
  const [editing, setEditing] = useState(false);
  const members = w.member_list.length;
  return (
    <li className="story">
      <StoryText label={`${host ? 'Your' : `${firstName(w.host.name)}’s`} story`} story={s.story} point={s.point} />
      {s.reflections.length > 0 && (
        <ul className="reflections" aria-label="Reflections">
          {s.reflections.map((r) => (
            <li key={r.person.id} className="story__reflection">
              <strong>{r.person.id === me.id ? 'Your' : `${r.person.name ?? 'A former member'}’s`} reflection:</strong> {r.reflection}
            </li>
          ))}
        </ul>
      )}
      {!host && workable && (!s.my_reflection || editing) ? (
        <ReflectionForm
          question={s.question_for_members}
          initial={s.my_reflection ?? ''}
          post={(reflection) => ok(api.POST('/api/v1/circles/{id}/stories/{story_id}/reflection', { params: { path: { id: w.id, story_id: s.id } }, body: { reflection } }))}
          onSaved={async (next) => {
            setEditing(false);
            setW(next);
            await onReflected();
          }}
          onCancel={editing ? () => setEditing(false) : undefined}
        />
      ) : !host && s.my_reflection && workable ? (
        <div>
          <button type="button" className="link-button small" onClick={() => setEditing(true)}>
            Edit your reflection
          </button>
        </div>
      ) : host ? (
        <p className="muted small">
          {s.reflections.length === 0
            ? 'Waiting for the members’ reflections: what did they learn, or what will they apply?'
            : `${s.reflections.length} of ${members} ${members === 1 ? 'member has' : 'members have'} reflected.`}
        </p>
      ) : null}
    </li>
  );
}
