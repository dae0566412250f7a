// Circles: a mentor hosts a small group on a topic. Browse the open ones (topic, host, size and
// waitlist), join or ask to join, see one's own; a circle's page shows the members (or one's
// place on the waitlist), the sessions with attendance for the host, notes and action items.
import { useState, type FormEvent } from 'react';
import { api } from '../api';
import { MEDIA, MEDIUM_LABELS, dateInDays, formatDate, formatDateTime, plural, zonedToUtcIso } from '../format';
import { Link, navigate } from '../router';
import { useSession } from '../session';
import type { Attendance, CircleCard, CircleSessionDetail, CircleSessionSummary, CircleWorkspace, Medium, Page } from '../types';
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

const STATUS_TEXT: Record<string, string> = {
  host: 'You host it',
  member: 'Member',
  waitlisted: 'On the waitlist',
  requested: 'Request sent',
  declined: 'Request declined',
  removed: 'Removed',
  left: 'You left',
};

function StatusTag({ c }: { c: CircleCard }) {
  if (!c.my_status) return null;
  const text =
    c.my_status === 'waitlisted' && c.my_waitlist_position
      ? `Waitlist position ${c.my_waitlist_position}`
      : STATUS_TEXT[c.my_status];
  const tone = c.my_status === 'member' || c.my_status === 'host' ? 'tag--success' : c.my_status === 'waitlisted' || c.my_status === 'requested' ? 'tag--waiting' : '';
  return <span className={'tag ' + tone}>{text}</span>;
}

function SizeFacts({ c }: { c: CircleCard }) {
  return (
    <span className="muted small">
      {c.members}/{c.size_limit} members · {c.places_free > 0 ? plural(c.places_free, 'place') + ' free' : 'full'} ·{' '}
      {c.waitlisted === 0 ? 'no waitlist' : `${c.waitlisted} on the waitlist`}
    </span>
  );
}

export function Circles() {
  const { me } = useSession();
  const open = useApi<Page<CircleCard>>('/circles?open=true&state=active&limit=50');
  const mine = useApi<Page<CircleCard>>('/circles?mine=true&limit=50');
  const [creating, setCreating] = useState(false);
  const hosts = me.formats_offered.includes('circle');
  const reload = () => Promise.all([open.reload(), mine.reload()]);

  return (
    <div className="stack-lg">
      <PageHeader
        title="Circles"
        subtitle="Small groups that learn a topic together with a host: join one, or host your own."
        actions={
          hosts && !creating ? (
            <Button onClick={() => setCreating(true)}>Create a circle</Button>
          ) : undefined
        }
      />
      {creating && <CreateCircleForm onCancel={() => setCreating(false)} />}

      <Card title="My circles">
        {mine.error ? (
          <ErrorState error={mine.error} retry={mine.reload} />
        ) : !mine.data ? (
          <Loading label="Loading your circles…" rows={2} />
        ) : mine.data.items.length === 0 ? (
          <Empty title="You are in no circle yet" icon="compass">
            Join an open circle below{hosts ? ', or create one to host' : ''}.
          </Empty>
        ) : (
          <ul className="list" aria-label="My circles">
            {mine.data.items.map((c) => (
              <li key={c.id} className="list__item">
                <div className="list__main">
                  <Link to={`/circles/${c.id}`}>
                    <strong>{c.topic}</strong>
                  </Link>
                  <div className="muted small">
                    Hosted by {c.host.name} · <SizeFacts c={c} />
                  </div>
                </div>
                <StatusTag c={c} />
              </li>
            ))}
          </ul>
        )}
      </Card>

      <Card title="Open circles">
        {open.error ? (
          <ErrorState error={open.error} retry={open.reload} />
        ) : !open.data ? (
          <Loading label="Loading open circles…" />
        ) : open.data.items.length === 0 ? (
          <Empty title="No circle is open right now" icon="compass">
            Circles appear here when a host opens one to new members.
          </Empty>
        ) : (
          <ul className="list" aria-label="Open circles">
            {open.data.items.map((c) => (
              <CircleRow key={c.id} c={c} onChanged={reload} />
            ))}
          </ul>
        )}
      </Card>
    </div>
  );
}

function CircleRow({ c, onChanged }: { c: CircleCard; onChanged: () => Promise<unknown> }) {
  const action = useAction();
  const toast = useToast();
  const [asking, setAsking] = useState(false);
  const [message, setMessage] = useState('');
  const canJoin = !c.my_status || c.my_status === 'left';

  const join = async (e?: FormEvent) => {
    e?.preventDefault();
    const r = await action.run(() => api.post<CircleCard>(`/circles/${c.id}/join`, message ? { message } : {}));
    if (!r) return;
    toast(
      r.my_status === 'member'
        ? `You joined “${c.topic}”.`
        : r.my_status === 'waitlisted'
          ? `The circle is full: you are number ${r.my_waitlist_position} on the waitlist.`
          : 'Your request was sent to the host.',
    );
    setAsking(false);
    await onChanged();
  };

  return (
    <li className="list__item circle-row" aria-label={`Circle: ${c.topic}`}>
      <div className="list__main stack-sm">
        <div>
          <Link to={`/circles/${c.id}`}>
            <strong>{c.topic}</strong>
          </Link>{' '}
          <span className="tag">{c.membership === 'open' ? 'Open to join' : 'By request'}</span>{' '}
          <span className="tag">{MEDIUM_LABELS[c.medium]}</span>
        </div>
        <div className="muted small">
          Hosted by {c.host.name}
          {c.host.title ? `, ${c.host.title}` : ''} · every {plural(c.cadence_days, 'day')}
        </div>
        {c.description && <p className="small">{c.description}</p>}
        <SizeFacts c={c} />
        {asking && (
          <form className="inline-form" noValidate onSubmit={join} aria-label={`Ask to join ${c.topic}`}>
            <TextArea
              label="Message to the host (optional)"
              value={message}
              onChange={(e) => setMessage(e.target.value)}
              error={errorFor(action.error, 'message')}
            />
            <div className="row">
              <Button type="submit" busy={action.busy}>
                Send request
              </Button>
              <Button type="button" variant="ghost" onClick={() => setAsking(false)}>
                Cancel
              </Button>
            </div>
          </form>
        )}
        {action.error && !errorFor(action.error, 'message') && (
          <p className="field__error" role="alert">
            {action.error.message}
          </p>
        )}
      </div>
      <div className="row">
        <StatusTag c={c} />
        {canJoin && !asking && (
          <Button
            variant={c.places_free > 0 ? 'primary' : 'secondary'}
            busy={action.busy}
            aria-label={`${c.membership === 'by_request' ? 'Request to join' : c.places_free > 0 ? 'Join' : 'Join the waitlist of'} ${c.topic}`}
            onClick={() => (c.membership === 'by_request' ? setAsking(true) : void join())}
          >
            {c.membership === 'by_request' ? 'Request to join' : c.places_free > 0 ? 'Join' : 'Join the waitlist'}
          </Button>
        )}
      </div>
    </li>
  );
}

function CreateCircleForm({ onCancel }: { onCancel: () => void }) {
  const [f, setF] = useState({
    topic: '',
    description: '',
    size_limit: '6',
    cadence_days: '14',
    medium: 'video' as Medium,
    membership: 'open',
  });
  const action = useAction();
  const set = (k: keyof typeof f) => (e: { target: { value: string } }) => setF({ ...f, [k]: e.target.value });
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const num = (s: string) => (s.trim() === '' || isNaN(Number(s)) ? s : Number(s));
    const r = await action.run(() =>
      api.post<CircleCard>('/circles', { ...f, size_limit: num(f.size_limit), cadence_days: num(f.cadence_days) }),
    );
    if (r) navigate(`/circles/${r.id}`);
  };
  return (
    <Card title="Create a circle">
      <form noValidate onSubmit={submit} className="stack" aria-label="Create a circle">
        <TextField label="Topic" value={f.topic} onChange={set('topic')} error={errorFor(action.error, 'topic')} />
        <TextArea
          label="Description"
          hint="What the group will work on, and who it is for."
          value={f.description}
          onChange={set('description')}
          error={errorFor(action.error, 'description')}
        />
        <div className="grid-4">
          <TextField
            label="Size limit"
            type="number"
            inputMode="numeric"
            hint="2 to 50 members"
            value={f.size_limit}
            onChange={set('size_limit')}
            error={errorFor(action.error, 'size_limit')}
          />
          <TextField
            label="Meets every (days)"
            type="number"
            inputMode="numeric"
            value={f.cadence_days}
            onChange={set('cadence_days')}
            error={errorFor(action.error, 'cadence_days')}
          />
          <SelectField label="Medium" value={f.medium} onChange={set('medium')} error={errorFor(action.error, 'medium')}>
            {MEDIA.map((m) => (
              <option key={m} value={m}>
                {MEDIUM_LABELS[m]}
              </option>
            ))}
          </SelectField>
          <SelectField
            label="Membership"
            value={f.membership}
            onChange={set('membership')}
            error={errorFor(action.error, 'membership')}
          >
            <option value="open">Open: anyone joins</option>
            <option value="by_request">By request: I approve</option>
          </SelectField>
        </div>
        {action.error && errorFor(action.error, 'host_id') && (
          <p className="field__error" role="alert">
            {action.error.message}
          </p>
        )}
        <FormError error={action.error} fieldLabels={{ size_limit: 'Size limit', cadence_days: 'Meets every (days)', host_id: 'Host' }} />
        <div className="form-actions">
          <Button type="submit" busy={action.busy}>
            Create circle
          </Button>
          <Button type="button" variant="ghost" onClick={onCancel}>
            Cancel
          </Button>
        </div>
      </form>
    </Card>
  );
}

// ---------------------------------------------------------------- a circle's page

export function CirclePage({ id }: { id: string }) {
  const card = useApi<CircleCard>(`/circles/${id}`);
  const inside = card.data && (card.data.my_status === 'host' || card.data.my_status === 'member');
  const ws = useApi<CircleWorkspace>(inside ? `/circles/${id}/workspace` : null);
  const action = useAction();
  const toast = useToast();

  if (card.error) return <ErrorState error={card.error} retry={card.reload} />;
  if (!card.data) return <Loading label="Opening the circle…" />;
  const c = card.data;
  const reloadAll = async () => {
    await card.reload();
    await ws.reload();
  };
  const leave = async () => {
    const r = await action.run(() => api.post<CircleCard>(`/circles/${id}/leave`));
    if (r) {
      toast(`You left “${c.topic}”.`);
      await card.reload();
    }
  };
  const canLeave = c.my_status === 'member' || c.my_status === 'waitlisted' || c.my_status === 'requested';

  return (
    <div className="stack-lg">
      <nav className="breadcrumbs" aria-label="Breadcrumbs">
        <Link to="/circles">Circles</Link> / <span>{c.topic}</span>
      </nav>
      <PageHeader
        title={c.topic}
        subtitle={
          <>
            Hosted by {c.host.name} · <SizeFacts c={c} />
          </>
        }
        actions={
          <div className="row">
            <StatusTag c={c} />
            {canLeave && (
              <Button variant="secondary" busy={action.busy} onClick={leave}>
                {c.my_status === 'member' ? 'Leave the circle' : c.my_status === 'waitlisted' ? 'Leave the waitlist' : 'Withdraw request'}
              </Button>
            )}
          </div>
        }
      />
      {action.error && (
        <p className="field__error" role="alert">
          {action.error.message}
        </p>
      )}
      {c.description && <p className="lead">{c.description}</p>}
      {!inside && (
        <Card title="Your place">
          {c.my_status === 'waitlisted' ? (
            <div className="stack-sm" aria-label="Waitlist position">
              <p className="metric">
                <span className="metric__value">#{c.my_waitlist_position}</span>{' '}
                <span className="metric__label">on the waitlist</span>
              </p>
              <p className="muted">
                The circle is full ({c.members}/{c.size_limit}). When a place frees up the first on the waitlist
                becomes a member, and you get a nudge.
              </p>
            </div>
          ) : c.my_status === 'requested' ? (
            <p>Your request is waiting for {c.host.name}.</p>
          ) : (
            <p className="muted">
              Only the host and members see the circle's sessions, notes and action items.{' '}
              <Link to="/circles">Browse open circles</Link> to join.
            </p>
          )}
        </Card>
      )}
      {inside &&
        (ws.error ? (
          <ErrorState error={ws.error} retry={ws.reload} />
        ) : !ws.data ? (
          <Loading label="Loading the circle's workspace…" />
        ) : (
          <Workspace w={ws.data} reload={reloadAll} />
        ))}
    </div>
  );
}

function Workspace({ w, reload }: { w: CircleWorkspace; reload: () => Promise<void> }) {
  const { me } = useSession();
  const host = w.my_status === 'host';
  const now = Date.now();
  const upcoming = w.sessions.filter((s) => s.status === 'scheduled' && new Date(s.starts_at).getTime() > now);
  const past = w.sessions.filter((s) => !upcoming.includes(s));
  return (
    <div className="grid-2 circle-ws">
      <div className="stack-lg">
        {w.next_steps.length > 0 && (
          <Card title="Next steps">
            <ul className="next-steps">
              {w.next_steps.map((s) => (
                <li key={s}>{s}</li>
              ))}
            </ul>
          </Card>
        )}
        <Card title="Purpose">
          {w.purpose.version === 0 ? (
            <Empty title="No purpose yet" icon="compass">
              {host ? 'Define the objectives with your members.' : 'The host has not defined the purpose yet.'}
            </Empty>
          ) : (
            <div className="stack-sm">
              <ul>
                {w.purpose.objectives.map((o) => (
                  <li key={o.id}>{o.description}</li>
                ))}
              </ul>
              {w.purpose.desired_outcome && <p className="quote">{w.purpose.desired_outcome}</p>}
              <span className={'tag ' + (w.purpose.agreed_by_host ? 'tag--success' : 'tag--waiting')}>
                {w.purpose.agreed_by_host ? 'Agreed' : 'Draft'}
              </span>
            </div>
          )}
        </Card>
        <Card title="Upcoming sessions">
          {upcoming.length === 0 ? (
            <Empty title="No session scheduled" icon="calendar">
              {host ? 'Schedule the next group session below.' : 'The host schedules the sessions.'}
            </Empty>
          ) : (
            <ul className="list" aria-label="Upcoming sessions">
              {upcoming.map((s) => (
                <SessionItem key={s.id} circleId={w.id} s={s} host={host} reload={reload} />
              ))}
            </ul>
          )}
          {host && <AddSessionForm circleId={w.id} tz={me.timezone} reload={reload} />}
        </Card>
        {past.length > 0 && (
          <Card title="Past sessions">
            <ul className="list" aria-label="Past sessions">
              {past.map((s) => (
                <SessionItem key={s.id} circleId={w.id} s={s} host={host} reload={reload} />
              ))}
            </ul>
          </Card>
        )}
      </div>
      <div className="stack-lg">
        <Card title={`Members (${w.members}/${w.size_limit})`}>
          {w.member_list.length === 0 ? (
            <Empty title="No members yet" icon="people">
              People who join appear here.
            </Empty>
          ) : (
            <ul className="list" aria-label="Members">
              {w.member_list.map((m) => (
                <li key={m.person.id} className="list__item">
                  <div className="list__main">
                    <strong>{m.person.name}</strong>
                    <div className="muted small">
                      {m.person.title} · since {formatDate(m.since, me.timezone)}
                    </div>
                  </div>
                  {host && <RemoveButton circleId={w.id} personId={m.person.id} name={m.person.name} reload={reload} />}
                </li>
              ))}
            </ul>
          )}
        </Card>
        {host && w.requests && w.requests.length > 0 && (
          <Card title="Requests to join">
            <ul className="list" aria-label="Requests to join">
              {w.requests.map((r) => (
                <RequestItem key={r.person.id} circleId={w.id} r={r} reload={reload} />
              ))}
            </ul>
          </Card>
        )}
        {host && w.waitlist && (
          <Card title="Waitlist">
            {w.waitlist.length === 0 ? (
              <p className="muted">Nobody is waiting.</p>
            ) : (
              <ol className="list" aria-label="Waitlist">
                {w.waitlist.map((m) => (
                  <li key={m.person.id} className="list__item">
                    <span className="count">{m.position}</span>
                    <div className="list__main">{m.person.name}</div>
                  </li>
                ))}
              </ol>
            )}
          </Card>
        )}
        <ActionItems w={w} host={host} reload={reload} />
      </div>
    </div>
  );
}

function RemoveButton({ circleId, personId, name, reload }: { circleId: string; personId: string; name: string; reload: () => Promise<void> }) {
  const action = useAction();
  const [confirm, setConfirm] = useState(false);
  if (!confirm)
    return (
      <Button variant="ghost" aria-label={`Remove ${name}`} onClick={() => setConfirm(true)}>
        Remove
      </Button>
    );
  return (
    <div className="row">
      <Button
        variant="danger"
        busy={action.busy}
        onClick={async () => {
          if (await action.run(() => api.post(`/circles/${circleId}/members/${personId}/remove`, {}))) await reload();
        }}
      >
        Remove {name}
      </Button>
      <Button variant="ghost" onClick={() => setConfirm(false)}>
        Keep
      </Button>
      {action.error && (
        <p className="field__error" role="alert">
          {action.error.message}
        </p>
      )}
    </div>
  );
}

function RequestItem({
  circleId,
  r,
  reload,
}: {
  circleId: string;
  r: { person: { id: string; name: string }; message: string; requested_at: string };
  reload: () => Promise<void>;
}) {
  const action = useAction();
  const [declining, setDeclining] = useState(false);
  const [reason, setReason] = useState('');
  const base = `/circles/${circleId}/members/${r.person.id}`;
  return (
    <li className="list__item">
      <div className="list__main stack-sm">
        <strong>{r.person.name}</strong>
        {r.message && <p className="quote">{r.message}</p>}
        {declining && (
          <form
            className="inline-form"
            noValidate
            onSubmit={async (e) => {
              e.preventDefault();
              if (await action.run(() => api.post(`${base}/decline`, { reason }))) await reload();
            }}
          >
            <TextArea label="Reason" value={reason} onChange={(e) => setReason(e.target.value)} error={errorFor(action.error, 'reason')} />
            <div className="row">
              <Button type="submit" variant="danger" busy={action.busy}>
                Decline
              </Button>
              <Button type="button" variant="ghost" onClick={() => setDeclining(false)}>
                Cancel
              </Button>
            </div>
          </form>
        )}
        {action.error && !errorFor(action.error, 'reason') && (
          <p className="field__error" role="alert">
            {action.error.message}
          </p>
        )}
      </div>
      {!declining && (
        <div className="row">
          <Button
            busy={action.busy}
            aria-label={`Approve ${r.person.name}`}
            onClick={async () => {
              if (await action.run(() => api.post(`${base}/approve`, {}))) await reload();
            }}
          >
            Approve
          </Button>
          <Button variant="secondary" aria-label={`Decline ${r.person.name}`} onClick={() => setDeclining(true)}>
            Decline…
          </Button>
        </div>
      )}
    </li>
  );
}

function AddSessionForm({ circleId, tz, reload }: { circleId: string; tz: string; reload: () => Promise<void> }) {
  const [date, setDate] = useState(() => dateInDays(7, tz));
  const [time, setTime] = useState('16:00');
  const [duration, setDuration] = useState('60');
  const [where, setWhere] = useState('');
  const action = useAction();
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const starts_at = zonedToUtcIso(date, time, tz) ?? `${date}T${time}`;
    const body: Record<string, unknown> = { starts_at, duration_minutes: Number(duration) || duration };
    if (where) body.where = where;
    if (await action.run(() => api.post(`/circles/${circleId}/sessions`, body))) await reload();
  };
  return (
    <form noValidate onSubmit={submit} className="stack form-section" aria-label="Schedule a session">
      <h3 className="subheading">Schedule a session</h3>
      <div className="grid-3">
        <TextField label="Date" type="date" value={date} onChange={(e) => setDate(e.target.value)} error={errorFor(action.error, 'starts_at')} />
        <TextField label={`Time (${tz})`} type="time" value={time} onChange={(e) => setTime(e.target.value)} />
        <TextField
          label="Minutes"
          type="number"
          value={duration}
          onChange={(e) => setDuration(e.target.value)}
          error={errorFor(action.error, 'duration_minutes')}
        />
      </div>
      <TextField label="Where" hint="A room or a video link" value={where} onChange={(e) => setWhere(e.target.value)} error={errorFor(action.error, 'where')} />
      <FormError error={action.error} fieldLabels={{ starts_at: 'Date', duration_minutes: 'Minutes' }} />
      <div className="form-actions">
        <Button type="submit" busy={action.busy}>
          Schedule session
        </Button>
      </div>
    </form>
  );
}

function SessionItem({
  circleId,
  s,
  host,
  reload,
}: {
  circleId: string;
  s: CircleSessionSummary;
  host: boolean;
  reload: () => Promise<void>;
}) {
  const { me } = useSession();
  const [notes, setNotes] = useState(s.notes);
  const [open, setOpen] = useState<'notes' | 'attendance' | null>(null);
  const action = useAction();
  const started = new Date(s.starts_at).getTime() <= Date.now();
  const saveNotes = async (e: FormEvent) => {
    e.preventDefault();
    if (await action.run(() => api.patch(`/circles/${circleId}/sessions/${s.id}`, { notes }))) {
      setOpen(null);
      await reload();
    }
  };
  return (
    <li className="list__item meeting">
      <div className="list__main stack-sm">
        <div>
          <strong>{formatDateTime(s.starts_at, me.timezone)}</strong>{' '}
          <span className="muted small">
            {s.duration_minutes} min · {MEDIUM_LABELS[s.medium]}
            {s.where ? ` · ${s.where}` : ''}
          </span>{' '}
          <span className={`tag tag--meeting-${s.status}`}>{s.status}</span>
        </div>
        <div className="muted small">
          Attendance: {s.attendance.present} present, {s.attendance.absent} absent, {s.attendance.excused} excused
        </div>
        {s.notes && open !== 'notes' && <p className="meeting-notes small">{s.notes}</p>}
        <div className="row">
          <Button variant="ghost" aria-expanded={open === 'notes'} onClick={() => setOpen(open === 'notes' ? null : 'notes')}>
            {s.notes ? 'Edit notes' : 'Add notes'}
          </Button>
          {host && started && (
            <Button variant="ghost" aria-expanded={open === 'attendance'} onClick={() => setOpen(open === 'attendance' ? null : 'attendance')}>
              Attendance
            </Button>
          )}
        </div>
        {open === 'notes' && (
          <form noValidate onSubmit={saveNotes} className="inline-form">
            <TextArea label="Session notes" value={notes} onChange={(e) => setNotes(e.target.value)} error={errorFor(action.error, 'notes')} />
            <div className="row">
              <Button type="submit" busy={action.busy}>
                Save notes
              </Button>
            </div>
            {action.error && !errorFor(action.error, 'notes') && (
              <p className="field__error" role="alert">
                {action.error.message}
              </p>
            )}
          </form>
        )}
        {open === 'attendance' && <AttendanceForm circleId={circleId} sessionId={s.id} reload={reload} />}
      </div>
    </li>
  );
}

function AttendanceForm({ circleId, sessionId, reload }: { circleId: string; sessionId: string; reload: () => Promise<void> }) {
  const detail = useApi<CircleSessionDetail>(`/circles/${circleId}/sessions/${sessionId}`);
  const [marks, setMarks] = useState<Record<string, Attendance>>({});
  const action = useAction();
  if (detail.error) return <ErrorState error={detail.error} retry={detail.reload} />;
  if (!detail.data) return <Loading label="Loading attendance…" rows={1} />;
  const rows = detail.data.attendance;
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const attendance = rows
      .map((r) => ({ person_id: r.person.id, status: marks[r.person.id] ?? r.status }))
      .filter((r) => r.status);
    if (await action.run(() => api.put(`/circles/${circleId}/sessions/${sessionId}/attendance`, { attendance }))) await reload();
  };
  return (
    <form noValidate onSubmit={submit} className="inline-form" aria-label="Attendance">
      {rows.length === 0 && <p className="muted">No members to record.</p>}
      {rows.map((r, i) => (
        <SelectField
          key={r.person.id}
          label={r.person.name}
          value={marks[r.person.id] ?? r.status ?? ''}
          onChange={(e) => setMarks({ ...marks, [r.person.id]: e.target.value as Attendance })}
          error={errorFor(action.error, `attendance[${i}]`, true)}
        >
          <option value="">Not recorded</option>
          <option value="present">Present</option>
          <option value="absent">Absent</option>
          <option value="excused">Excused</option>
        </SelectField>
      ))}
      {action.error && !/^attendance\[/.test(action.error.field) && (
        <p className="field__error" role="alert">
          {action.error.message}
        </p>
      )}
      <div className="row">
        <Button type="submit" busy={action.busy}>
          Save attendance
        </Button>
      </div>
    </form>
  );
}

function ActionItems({ w, host, reload }: { w: CircleWorkspace; host: boolean; reload: () => Promise<void> }) {
  const { me } = useSession();
  const [title, setTitle] = useState('');
  const [due, setDue] = useState('');
  const [owner, setOwner] = useState('');
  const action = useAction();
  const item = useAction();
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const body: Record<string, unknown> = { title };
    if (due) body.due = due;
    if (host) body.owner_id = owner;
    if (await action.run(() => api.post(`/circles/${w.id}/action-items`, body))) {
      setTitle('');
      setDue('');
      await reload();
    }
  };
  const workable = w.state === 'active';
  return (
    <Card title={host ? 'Action items' : 'My action items'}>
      {w.action_items.length === 0 ? (
        <Empty title="No action items yet" icon="check">
          {host ? "Members' action items appear here." : 'Tasks with dates give you something to follow up on.'}
        </Empty>
      ) : (
        <ul className="list" aria-label={host ? 'Action items' : 'My action items'}>
          {w.action_items.map((t) => (
            <li key={t.id} className={'list__item task' + (t.status === 'done' ? ' task--done' : '')}>
              <label className="check list__main">
                <input
                  type="checkbox"
                  checked={t.status === 'done'}
                  disabled={!workable || item.busy}
                  onChange={async (e) => {
                    const status = e.target.checked ? 'done' : 'open';
                    if (await item.run(() => api.patch(`/circles/${w.id}/action-items/${t.id}`, { status }))) await reload();
                  }}
                />
                <span>
                  {t.title}
                  <span className="muted small">
                    {host ? ` · ${t.owner.name}` : ''}
                    {t.due ? ` · due ${formatDate(t.due)}` : ''}
                    {t.overdue ? ' · overdue' : ''}
                  </span>
                </span>
              </label>
            </li>
          ))}
        </ul>
      )}
      {item.error && (
        <p className="field__error" role="alert">
          {item.error.message}
        </p>
      )}
      {workable && (
        <form noValidate onSubmit={submit} className="stack form-section" aria-label="Add an action item">
          <TextField label="New action item" value={title} onChange={(e) => setTitle(e.target.value)} error={errorFor(action.error, 'title')} />
          <div className="grid-2">
            <TextField label="Due" type="date" value={due} onChange={(e) => setDue(e.target.value)} error={errorFor(action.error, 'due')} />
            {host && (
              <SelectField label="For" value={owner} onChange={(e) => setOwner(e.target.value)} error={errorFor(action.error, 'owner_id')}>
                <option value="">Choose a member</option>
                {w.member_list.map((m) => (
                  <option key={m.person.id} value={m.person.id}>
                    {m.person.name}
                  </option>
                ))}
              </SelectField>
            )}
          </div>
          <FormError error={action.error} fieldLabels={{ title: 'New action item', owner_id: 'For' }} />
          <div className="form-actions">
            <Button type="submit" busy={action.busy}>
              Add action item
            </Button>
          </div>
        </form>
      )}
      {!host && <p className="muted small">Only you and {me.id === w.host.id ? 'you' : w.host.name} see your action items.</p>}
    </Card>
  );
}
