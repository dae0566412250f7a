import { useMemo, useState, type ReactNode } from 'react';
import { api, ok } from '../api';
import {
  LIVE_STATES,
  MEDIUM_LABELS,
  STATE_LABELS,
  formatDate,
  formatDateTime,
  plural,
  relativeTime,
} from '../format';
import { Link } from '../router';
import { useSession } from '../session';
import { CircleStateBadge } from '../circles/common';
import type { CircleCard, CircleWorkspace, FlashBooking, NotificationPage, Relationship, RelState, Workspace } from '../types';
import { Avatar, Button, Card, Empty, ErrorState, Loading, Page, StateBadge, useAction, useApi, useToast, type Loaded } from '../ui';
import { NotificationList, markAllRead } from '../notifications/NotificationList';

interface HomeData {
  relationships: Relationship[];
  workspaces: Workspace[];
  /** Circles the reader hosts, belongs to, waits for or asked to join. */
  circles: CircleCard[];
  /** The workspaces of the running circles the reader hosts or belongs to. */
  circleWorkspaces: CircleWorkspace[];
  bookings: FlashBooking[];
}

const CIRCLE_PEOPLE: CircleCard['my_status'][] = ['host', 'member', 'waitlisted', 'requested'];

async function loadHome(): Promise<HomeData> {
  const [page, circlePage, bookings] = await Promise.all([
    ok(api.GET('/api/v1/relationships', { params: { query: { limit: 100 } } })),
    ok(api.GET('/api/v1/circles', { params: { query: { mine: 'true', limit: 100 } } })),
    ok(api.GET('/api/v1/flash/bookings')),
  ]);
  const live = page.items.filter((r) => LIVE_STATES.includes(r.state));
  const circles = circlePage.items.filter((c) => CIRCLE_PEOPLE.includes(c.my_status));
  const inside = circles.filter((c) => c.state !== 'concluded' && (c.my_status === 'host' || c.my_status === 'member'));
  const [workspaces, circleWorkspaces] = await Promise.all([
    Promise.all(live.map((r) => ok(api.GET('/api/v1/relationships/{id}', { params: { path: { id: r.id } } })))),
    Promise.all(inside.map((c) => ok(api.GET('/api/v1/circles/{id}/workspace', { params: { path: { id: c.id } } })))),
  ]);
  return { relationships: page.items, workspaces, circles, circleWorkspaces, bookings: bookings.items };
}

/** What a flash session asks of the reader now, or null when nothing. */
export function flashNextStep(b: FlashBooking, tz: string): string | null {
  if (b.phase === 'upcoming') return `Session ${formatDateTime(b.starts_at, tz)}`;
  if (b.phase !== 'follow_up') return null;
  if (b.my_role === 'mentee' && b.takeaway === null) return 'Record what you take away from the session';
  if (b.my_role === 'mentor' && b.resource_url === null && !b.resource_note) return 'Share a resource with the mentee (optional)';
  return `Follow-up open until ${formatDate(b.follow_up_until, tz)}`;
}

/** One thing on the calendar: a relationship's meeting, a circle's session or a flash session. */
interface Upcoming {
  key: string;
  startsAt: string;
  what: string;
  to: string;
  detail: string;
  kind: string;
}

export function otherPerson(r: Relationship) {
  return r.my_role === 'mentee' ? r.mentor : r.mentee;
}

export function roleLine(r: Relationship): string {
  const other = otherPerson(r)?.name.split(' ')[0] ?? 'someone';
  if (['requested', 'declined', 'withdrawn', 'expired'].includes(r.state)) {
    if (r.proposed_by_program)
      return r.my_role === 'mentee'
        ? `The program proposed ${other} as your mentor`
        : `The program proposed you as ${other}'s mentor`;
    const mine = r.initiated_by === r.my_role;
    if (r.my_role === 'mentee') return mine ? `You asked ${other} to mentor you` : `${other} offered to mentor you`;
    return mine ? `You offered to mentor ${other}` : `${other} asked you to mentor them`;
  }
  return r.my_role === 'mentee' ? `${other} mentors you` : `You mentor ${other}`;
}

const GROUPS: { title: string; states: RelState[]; empty?: string }[] = [
  { title: 'In progress', states: ['starting', 'active', 'fading', 'concluding'] },
  { title: 'Requests', states: ['requested', 'accepted'] },
  { title: 'Concluded', states: ['concluded'] },
  { title: 'Closed requests', states: ['declined', 'withdrawn', 'expired'] },
];

export function Home() {
  const { me } = useSession();
  const home = useApi<HomeData>('home', loadHome);
  const notifications = useApi('/me/notifications?limit=30', () =>
    ok(api.GET('/api/v1/me/notifications', { params: { query: { limit: 30 } } })),
  );
  const hour = new Date().getHours();
  const greeting = hour < 12 ? 'Good morning' : hour < 18 ? 'Good afternoon' : 'Good evening';

  return (
    <Page
      title={`${greeting}, ${me.name.split(' ')[0]}`}
      subtitle="Your mentoring at a glance: what waits for you, what comes next, and what is overdue."
      actions={
        <Link className="btn btn--secondary" to="/people">
          Find people
        </Link>
      }
    >
      <div className="home-grid">
        <div className="stack-lg">
          {home.loading && !home.data ? (
            <Card>
              <Loading label="Loading your mentoring…" />
            </Card>
          ) : home.error ? (
            <ErrorState error={home.error} retry={home.reload} />
          ) : home.data ? (
            <HomeContent data={home.data} />
          ) : null}
        </div>
        <aside className="stack-lg">
          <NotificationsCard notifications={notifications} />
        </aside>
      </div>
    </Page>
  );
}

function HomeContent({ data }: { data: HomeData }) {
  const { me } = useSession();
  const waiting = data.relationships.filter((r) => r.waiting_for_me);
  const now = Date.now();

  const meetings = useMemo(() => {
    const all: Upcoming[] = [
      ...data.workspaces.flatMap((w) =>
        w.meetings
          .filter((m) => m.status === 'scheduled')
          .map((m) => ({
            key: 'm' + m.id,
            startsAt: m.starts_at,
            what: `with ${otherPerson(w)?.name}`,
            to: `/relationships/${w.id}#meetings`,
            detail: `${MEDIUM_LABELS[m.medium]}${m.where ? ` · ${m.where}` : ''} · ${m.duration_minutes} min`,
            kind: 'One-to-one',
          })),
      ),
      ...data.circleWorkspaces.flatMap((c) =>
        c.sessions
          .filter((s) => s.status === 'scheduled')
          .map((s) => ({
            key: 'c' + s.id,
            startsAt: s.starts_at,
            what: `circle “${c.topic}”`,
            to: `/circles/${c.id}`,
            detail: `${MEDIUM_LABELS[s.medium]}${s.where ? ` · ${s.where}` : ''} · ${s.duration_minutes} min`,
            kind: 'Circle',
          })),
      ),
      ...data.bookings
        .filter((b) => b.phase === 'upcoming')
        .map((b) => ({
          key: 'f' + b.id,
          startsAt: b.starts_at,
          what: `flash session with ${(b.my_role === 'mentee' ? b.mentor : b.mentee).name}`,
          to: '/flash',
          detail: `${b.topic.title ?? 'A flash topic'} · ${b.duration_minutes} min`,
          kind: 'Flash',
        })),
    ];
    return all.sort((a, b) => a.startsAt.localeCompare(b.startsAt));
  }, [data]);
  const overdue = useMemo(
    () => [
      ...data.workspaces.flatMap((w) =>
        w.tasks
          .filter((t) => t.overdue)
          .map((t) => ({
            key: 't' + t.id,
            title: t.title,
            due: t.due,
            to: `/relationships/${w.id}#plan`,
            whose: t.owner === w.my_role ? 'yours' : `${otherPerson(w)?.name}'s`,
            where: `with ${otherPerson(w)?.name}`,
          })),
      ),
      ...data.circleWorkspaces.flatMap((c) =>
        c.action_items
          .filter((t) => t.overdue && t.owner.id === me.id)
          .map((t) => ({
            key: 'a' + t.id,
            title: t.title,
            due: t.due,
            to: `/circles/${c.id}`,
            whose: 'yours',
            where: `in the circle “${c.topic}”`,
          })),
      ),
    ],
    [data, me.id],
  );

  if (data.relationships.length === 0 && data.circles.length === 0 && data.bookings.length === 0) return <GettingStarted />;

  const nextStepOf = new Map(data.workspaces.map((w) => [w.id, w.next_steps[0]]));
  const circleStepOf = new Map(data.circleWorkspaces.map((c) => [c.id, c.next_steps[0]]));
  const flash = data.bookings
    .filter((b) => b.phase === 'upcoming' || b.phase === 'follow_up')
    .sort((a, b) => a.starts_at.localeCompare(b.starts_at));
  const flashDone = data.bookings.filter((b) => b.phase === 'completed').length;

  return (
    <>
      {waiting.length > 0 && (
        <Card
          className="card--attention"
          title={`Waiting for you (${waiting.length})`}
          actions={
            <Link to="/requests" className="btn btn--small">
              Open requests
            </Link>
          }
        >
          <ul className="list">
            {waiting.map((r) => (
              <li key={r.id} className="list__item">
                <Avatar name={otherPerson(r)?.name ?? '?'} size="sm" />
                <div className="list__main">
                  <strong>{otherPerson(r)?.name}</strong>{' '}
                  {r.proposed_by_program
                    ? 'is proposed to you as a mentee by the program'
                    : r.initiated_by === 'mentee'
                      ? 'asks you to be their mentor'
                      : 'offers to mentor you'}
                  <div className="muted small">
                    Sent {relativeTime(r.requested_at)} · expires {formatDate(r.expires_at, me.timezone)}
                  </div>
                </div>
              </li>
            ))}
          </ul>
        </Card>
      )}

      <Card title="Next meetings">
        {meetings.length === 0 ? (
          <Empty title="No meetings planned" icon="calendar">
            Open a relationship or a circle and schedule the next meeting: a date keeps it from fading.
          </Empty>
        ) : (
          <ul className="list">
            {meetings.slice(0, 6).map((m) => {
              const past = new Date(m.startsAt).getTime() < now;
              return (
                <li key={m.key} className="list__item">
                  <div className="date-chip" aria-hidden="true">
                    <span>{new Intl.DateTimeFormat('en-GB', { month: 'short', timeZone: me.timezone }).format(new Date(m.startsAt))}</span>
                    <strong>{new Intl.DateTimeFormat('en-GB', { day: 'numeric', timeZone: me.timezone }).format(new Date(m.startsAt))}</strong>
                  </div>
                  <div className="list__main">
                    <Link to={m.to}>
                      <strong>{formatDateTime(m.startsAt, me.timezone)}</strong>
                    </Link>{' '}
                    {m.what}
                    <div className="muted small">
                      {m.kind} · {m.detail} · {relativeTime(m.startsAt)}
                    </div>
                  </div>
                  {past && m.kind !== 'Flash' && <span className="tag tag--warn">Record how it went</span>}
                </li>
              );
            })}
          </ul>
        )}
      </Card>

      <Card title="Overdue tasks">
        {overdue.length === 0 ? (
          <Empty title="Nothing overdue" icon="check">
            Tasks with dates give you something to follow up on. Overdue ones show up here.
          </Empty>
        ) : (
          <ul className="list">
            {overdue.map((t) => (
              <li key={t.key} className="list__item list__item--overdue">
                <span className="tag tag--danger">Overdue</span>
                <div className="list__main">
                  <Link to={t.to}>
                    <strong>{t.title}</strong>
                  </Link>
                  <div className="muted small">
                    Due {t.due ? formatDate(t.due) : '–'} · {t.whose} · {t.where}
                  </div>
                </div>
              </li>
            ))}
          </ul>
        )}
      </Card>

      {data.relationships.length > 0 && (
        <Card title="My relationships">
          <div className="stack">
            <StateSummary relationships={data.relationships} />
            {GROUPS.map((g) => {
              const items = data.relationships.filter((r) => g.states.includes(r.state));
              if (!items.length) return null;
              return (
                <section key={g.title} aria-label={g.title}>
                  <h3 className="subheading">
                    {g.title} <span className="count">{items.length}</span>
                  </h3>
                  <ul className="rel-list">
                    {items.map((r) => (
                      <RelCard
                        key={r.id}
                        to={`/relationships/${r.id}`}
                        avatar={otherPerson(r)?.name ?? '?'}
                        title={otherPerson(r)?.name}
                        line={
                          <>
                            {roleLine(r)} · {otherPerson(r)?.title}
                          </>
                        }
                        next={nextStepOf.get(r.id) ? <>Next: {nextStepOf.get(r.id)}</> : undefined}
                        badge={<StateBadge state={r.state} />}
                      />
                    ))}
                  </ul>
                </section>
              );
            })}
          </div>
        </Card>
      )}

      {data.circles.length > 0 && (
        <Card
          title="My circles"
          actions={
            <Link to="/circles" className="btn btn--ghost btn--small">
              All circles
            </Link>
          }
        >
          <ul className="rel-list" aria-label="My circles">
            {data.circles.map((c) => (
              <RelCard
                key={c.id}
                to={`/circles/${c.id}`}
                avatar={c.topic}
                title={c.topic}
                line={
                  <>
                    {c.my_status === 'host' ? 'You host it' : `Hosted by ${c.host.name}`} · {plural(c.members, 'member')}
                  </>
                }
                next={
                  c.my_status === 'waitlisted'
                    ? `Next: you are on the waitlist, position ${c.my_waitlist_position ?? '–'}`
                    : c.my_status === 'requested'
                      ? `Next: ${c.host.name.split(' ')[0]} answers your request to join`
                      : circleStepOf.get(c.id)
                        ? `Next: ${circleStepOf.get(c.id)}`
                        : c.state === 'concluded'
                          ? 'Concluded: read the debriefs'
                          : ''
                }
                badge={<CircleStateBadge state={c.state} />}
              />
            ))}
          </ul>
        </Card>
      )}

      {data.bookings.length > 0 && (
        <Card
          title="My flash sessions"
          actions={
            <Link to="/flash" className="btn btn--ghost btn--small">
              Flash mentoring
            </Link>
          }
        >
          {flash.length === 0 ? (
            <p className="muted">
              Nothing coming up or to follow up{flashDone > 0 ? `; ${plural(flashDone, 'session')} completed` : ''}. Book
              another on <Link to="/flash">Flash mentoring</Link>.
            </p>
          ) : (
            <ul className="rel-list" aria-label="My flash sessions">
              {flash.map((b) => {
                const other = b.my_role === 'mentee' ? b.mentor : b.mentee;
                return (
                  <RelCard
                    key={b.id}
                    to="/flash"
                    avatar={other.name}
                    title={b.topic.title ?? 'A flash session'}
                    line={
                      <>
                        {b.my_role === 'mentee' ? `With ${other.name}` : `${other.name} asks`} ·{' '}
                        {formatDate(b.starts_at, me.timezone)}
                      </>
                    }
                    next={<>Next: {flashNextStep(b, me.timezone)}</>}
                    badge={<span className="tag">{b.phase === 'upcoming' ? 'Upcoming' : 'Follow-up'}</span>}
                  />
                );
              })}
            </ul>
          )}
        </Card>
      )}
    </>
  );
}

function GettingStarted() {
  const { me } = useSession();
  return (
    <Card title="Getting started" className="welcome">
      <p className="muted">You have no mentoring yet: no relationship, circle or flash session. Here is how to begin.</p>
      <ol className="steps">
        <li>
          <strong>Complete your profile.</strong> Skills with their levels, the roles you aspire to and how you like to
          meet help you find the right mentor and them find you. <Link to="/profile">Edit my profile</Link>
        </li>
        <li>
          <strong>Find a mentor.</strong> Look for someone in a position or department you aspire to, an outside
          expert, or a former manager; then request them with a draft purpose. <Link to="/people">Browse people</Link>
        </li>
        {me.mentor_capacity > 0 && (
          <li>
            <strong>Mentor someone.</strong> Requests for you appear under <Link to="/requests">Requests</Link>; you
            can also offer to mentor a colleague from their profile.
          </li>
        )}
        <li>
          <strong>Make it worth the time.</strong> Every relationship follows five actions: define the purpose, decide
          the logistics, keep an action plan, weave in stories (but not too many), and debrief and conclude.
        </li>
      </ol>
    </Card>
  );
}

function StateSummary({ relationships }: { relationships: Relationship[] }) {
  const counts = new Map<RelState, number>();
  for (const r of relationships) counts.set(r.state, (counts.get(r.state) ?? 0) + 1);
  return (
    <div className="state-summary" aria-label="Relationships by state">
      {[...counts.entries()].map(([state, n]) => (
        <span key={state} className={`state-pill badge--${state}`}>
          {STATE_LABELS[state]} <strong>{n}</strong>
        </span>
      ))}
    </div>
  );
}

function NotificationsCard({ notifications }: { notifications: Loaded<NotificationPage> }) {
  const action = useAction();
  const toast = useToast();
  const [all, setAll] = useState(false);
  const items = notifications.data?.items;
  const unread = notifications.data?.unread ?? 0;
  const SHOWN = 6;

  async function readAll() {
    const marked = await action.run(markAllRead);
    if (marked !== undefined) {
      await notifications.reload();
      toast(`Marked ${plural(marked, 'notification')} as read`);
    }
  }

  return (
    <Card
      title={
        <>
          Notifications {unread > 0 && <span className="count count--accent">{unread} new</span>}
        </>
      }
      actions={
        unread > 1 ? (
          <Button variant="ghost" className="btn btn--ghost btn--small" busy={action.busy} onClick={readAll}>
            Mark all read
          </Button>
        ) : undefined
      }
    >
      {notifications.loading && !items ? (
        <Loading label="Loading notifications…" rows={2} />
      ) : notifications.error ? (
        <ErrorState error={notifications.error} retry={notifications.reload} />
      ) : !items || items.length === 0 ? (
        <Empty title="No notifications" icon="bell">
          Mentorhub tells you when a request arrives, a purpose waits for your agreement, a meeting is near, or a
          relationship starts to fade.
        </Empty>
      ) : (
        <NotificationList items={all ? items : items.slice(0, SHOWN)} changed={notifications.reload} />
      )}
      {items && items.length > SHOWN && (
        <button className="link-button small notifications__more" onClick={() => setAll((x) => !x)}>
          {all ? 'Show fewer' : `Show ${items.length - SHOWN} older`}
        </button>
      )}
      {action.error && <p className="field__error">{action.error.message}</p>}
    </Card>
  );
}

/** One relationship, circle or flash session in a list on the home page, a link to it: an avatar,
 *  its `title`, a `line` about it, what is `next` (when given) and its `badge`. */
function RelCard({
  to,
  avatar,
  title,
  line,
  next,
  badge,
}: {
  to: string;
  avatar: string;
  title: ReactNode;
  line: ReactNode;
  next?: ReactNode;
  badge: ReactNode;
}) {
  return (
    <li>
      <Link to={to} className="rel-card">
        <Avatar name={avatar} />
        <span className="rel-card__main">
          <strong>{title}</strong>
          <span className="muted small">{line}</span>
          {next !== undefined && <span className="rel-card__next small">{next}</span>}
        </span>
        {badge}
      </Link>
    </li>
  );
}
