// The administrator's overviews of circles and flash mentoring, next to the relationships
// overview: states, dates and counts from GET /admin/circles and GET /admin/flash, never content
// (no topics, purposes, notes, stories, questions, takeaways or resources; the API sends none).
import { useEffect, useState, type ReactNode } from 'react';
import { api, ApiError, ok } from '../api';
import { CircleStateBadge } from '../circles/common';
import { formatDate, percent, plural } from '../format';
import { PageTabs } from '../PageTabs';
import { Link } from '../router';
import { useSession } from '../session';
import type { AdminCircleRow, CircleState, FlashPhase } from '../types';
import { Button, Empty, ErrorState, Page, useApi, type Loaded } from '../ui';
import { Pending, RegionTable, TitledCard } from './adminParts';

// ---------------------------------------------------------------- shared pieces

const OVERVIEWS = [
  { to: '/admin/relationships', label: 'Relationships' },
  { to: '/admin/circles', label: 'Circles' },
  { to: '/admin/flash', label: 'Flash' },
  { to: '/admin/reports', label: 'Reports' },
  { to: '/admin/audit', label: 'Audit trail' },
];

/** One-to-one, circles and flash: the three content-free overviews, one tab each. */
export function OverviewTabs() {
  return <PageTabs label="Overviews" tabs={OVERVIEWS} />;
}

/** What someone who is not a program administrator gets, before or after asking the API. */
function AdminsOnly({ what, elsewhere }: { what: string; elsewhere: ReactNode }) {
  return (
    <ErrorState
      title="Administrators only"
      error={new ApiError(403, 'forbidden', `only program administrators can see the ${what} overview`)}
      detail={elsewhere}
    />
  );
}

/** A figure: a label, a large number and a line of context. */
export function Figure({ label, value, note }: { label: string; value: ReactNode; note?: ReactNode }) {
  return (
    <div className="figure">
      <dt className="figure__label">{label}</dt>
      <dd className="figure__value">{value}</dd>
      {note !== undefined && <dd className="figure__note">{note}</dd>}
    </div>
  );
}

/** The overview's figures, "Across the program". */
export function ProgramFigures({ titleId, label, children }: { titleId: string; label: string; children: ReactNode }) {
  return (
    <TitledCard titleId={titleId} title="Across the program">
      <dl className="figures" aria-label={label}>
        {children}
      </dl>
    </TitledCard>
  );
}

/** A row of the bar chart: a label (a filter button when `onSelect` is given), a bar, a number. */
export function BarRow({
  label,
  value,
  max,
  tone,
  selected,
  onSelect,
}: {
  label: string;
  value: number;
  max: number;
  tone: string;
  selected?: boolean;
  onSelect?: () => void;
}) {
  return (
    <li className={'bars__row' + (value === 0 ? ' bars__row--zero' : '')}>
      {onSelect ? (
        <button className={'bars__label' + (selected ? ' bars__label--on' : '')} aria-pressed={!!selected} onClick={onSelect}>
          {label}
        </button>
      ) : (
        <span className="bars__label bars__label--static">{label}</span>
      )}
      <span className="bars__track" aria-hidden="true">
        <span className={`bars__fill badge--${tone}`} style={{ width: `${Math.min(1, value / Math.max(1, max)) * 100}%` }} />
      </span>
      <span className="bars__value">{value}</span>
    </li>
  );
}

/** How many are in each state, a bar each; selecting a state filters the table below. */
export function StateBars<S extends string>({
  titleId,
  label,
  total,
  states,
  labels,
  counts,
  selected,
  onSelect,
}: {
  titleId: string;
  label: string;
  total: number;
  states: S[];
  labels: Record<S, string>;
  counts: Record<string, number>;
  selected: S | '';
  onSelect: (s: S | '') => void;
}) {
  const max = Math.max(...states.map((s) => counts[s]));
  return (
    <TitledCard titleId={titleId} title={<>By state <span className="count">{total} in all</span></>}>
      <ul className="bars" aria-label={label}>
        {states.map((s) => (
          <BarRow
            key={s}
            label={labels[s]}
            value={counts[s]}
            max={max}
            tone={s}
            selected={selected === s}
            onSelect={() => onSelect(selected === s ? '' : s)}
          />
        ))}
      </ul>
      <p className="muted small">Select a state to filter the table.</p>
    </TitledCard>
  );
}

/** The section of the table: what it shows and how many, with "Show all" while a state filters it. */
export function TableSection({
  titleId,
  title,
  count,
  onShowAll,
  children,
}: {
  titleId: string;
  title: ReactNode;
  count: number;
  /** Given while the table is filtered. */
  onShowAll?: () => void;
  children: ReactNode;
}) {
  return (
    <section aria-labelledby={titleId} className="stack">
      <h2 id={titleId} className="section-title">
        {title} <span className="count">{count}</span>
        {onShowAll && (
          <button className="link-button small" onClick={onShowAll}>
            Show all
          </button>
        )}
      </h2>
      {children}
    </section>
  );
}

/** Names of the hosts, fetched once each (a name is not a circle's content). */
function useNames(ids: string[]): Map<string, string> {
  const key = [...new Set(ids)].sort().join(',');
  const [names, setNames] = useState<Map<string, string>>(new Map());
  useEffect(() => {
    if (!key) return;
    let cancelled = false;
    Promise.all(
      key.split(',').map((id) =>
        ok(api.GET('/api/v1/people/{id}', { params: { path: { id } } })).then(
          (p): [string, string] => [id, p.name],
          (): [string, string] => [id, `Person #${id}`],
        ),
      ),
    ).then((pairs) => {
      if (!cancelled) setNames(new Map(pairs));
    });
    return () => {
      cancelled = true;
    };
  }, [key]);
  return names;
}

/** An overview of one format: its heading with "Refresh" and the overviews' tabs, then its
 *  figures, or `empty` in a card while there is nothing to count. */
function FormatOverview<T>({
  title,
  subtitle,
  overview,
  loadingLabel,
  isEmpty,
  empty,
  children,
}: {
  title: string;
  subtitle: string;
  overview: Loaded<T>;
  loadingLabel: string;
  isEmpty: (data: T) => boolean;
  empty: ReactNode;
  children: (data: T) => ReactNode;
}) {
  const data = overview.data;
  return (
    <Page
      title={title}
      subtitle={subtitle}
      actions={
        <Button variant="secondary" busy={overview.loading && !!data} onClick={overview.reload}>
          Refresh
        </Button>
      }
    >
      <OverviewTabs />
      {overview.error || !data ? (
        <Pending error={overview.error} retry={overview.reload} label={loadingLabel} rows={5} />
      ) : isEmpty(data) ? (
        <div className="card">{empty}</div>
      ) : (
        <div className="stack-lg">{children(data)}</div>
      )}
    </Page>
  );
}

const sum = <T,>(rows: T[], f: (r: T) => number) => rows.reduce((n, r) => n + f(r), 0);

// ---------------------------------------------------------------- circles

const CIRCLE_STATES: CircleState[] = ['active', 'concluding', 'concluded'];
const CIRCLE_STATE_LABELS: Record<CircleState, string> = {
  active: 'Active',
  concluding: 'Concluding',
  concluded: 'Concluded',
};

export function AdminCircles() {
  const { me } = useSession();
  // One request for everything: the counts cover all circles and the state filter is local.
  const overview = useApi(me.is_admin ? '/admin/circles' : null, () => ok(api.GET('/api/v1/admin/circles')));
  const [state, setState] = useState<CircleState | ''>('');
  const all = overview.data?.items ?? [];
  const hosts = useNames(all.map((c) => c.host_id));

  if (!me.is_admin || overview.error?.status === 403)
    return <AdminsOnly what="circles" elsewhere={<>The circles you host or belong to are under <Link to="/circles">Circles</Link>.</>} />;

  const rows = state ? all.filter((c) => c.state === state) : all;
  const running = all.filter((c) => c.state !== 'concluded');
  const concluded = all.filter((c) => c.state === 'concluded');
  const waiting = running.filter((c) => c.waitlisted > 0).length;
  const actionItems = sum(all, (c) => c.action_items);
  const actionItemsDone = sum(all, (c) => c.action_items_done);

  return (
    <FormatOverview
      title="Circles overview"
      subtitle="States, dates and counts of every circle. Never content: topics, purposes, session notes, stories, action items and debriefs stay with the host and the members."
      overview={overview}
      loadingLabel="Loading the circles overview…"
      isEmpty={() => all.length === 0}
      empty={
        <Empty title="No circles yet" icon="people">
          When a mentor starts a circle, its state, members and sessions are counted here.
        </Empty>
      }
    >
      {({ counts }) => (
        <>
          <ProgramFigures titleId="circle-figures-title" label="Circles in numbers">
            <Figure
              label="Members"
              value={sum(running, (c) => c.members)}
              note={`of ${plural(sum(running, (c) => c.size_limit), 'place')} in ${plural(running.length, 'running circle')}`}
            />
            <Figure
              label="On waitlists"
              value={sum(running, (c) => c.waitlisted)}
              note={waiting ? `for ${plural(waiting, 'full circle')}` : 'nobody is waiting'}
            />
            <Figure label="Requests to join" value={sum(running, (c) => c.requested)} note="waiting for a host’s answer" />
            <Figure label="Sessions held" value={sum(all, (c) => c.sessions_held)} note={`${sum(all, (c) => c.sessions_scheduled)} scheduled`} />
            <Figure
              label="Purposes agreed"
              value={`${all.filter((c) => c.purpose_agreed).length}/${all.length}`}
              note="circles with an agreed purpose"
            />
            <Figure
              label="Action items done"
              value={`${actionItemsDone}/${actionItems}`}
              note={actionItems ? `${percent(actionItemsDone / actionItems)} done` : 'none kept yet'}
            />
            <Figure
              label="Debriefs"
              value={sum(concluded, (c) => c.debriefs_submitted)}
              note={`in ${plural(concluded.length, 'concluded circle')}`}
            />
          </ProgramFigures>
          <StateBars
            titleId="circle-states-title"
            label="Circles by state"
            total={all.length}
            states={CIRCLE_STATES}
            labels={CIRCLE_STATE_LABELS}
            counts={counts}
            selected={state}
            onSelect={setState}
          />
          <TableSection
            titleId="circle-table-title"
            title={state ? `${CIRCLE_STATE_LABELS[state]} circles` : 'All circles'}
            count={rows.length}
            onShowAll={state ? () => setState('') : undefined}
          >
            {rows.length === 0 ? (
              <Empty title={`No ${CIRCLE_STATE_LABELS[state as CircleState].toLowerCase()} circles`} icon="chart">
                None in this state.
              </Empty>
            ) : (
              <RegionTable
                label="Circles table"
                card
                className="table--nowrap table--cards"
                labelledBy="circle-table-title"
                columns={['Circle', 'Host', 'Members', 'Waiting', 'Joining', 'Purpose', 'Sessions', 'Items done', 'Debriefs', 'Dates']}
              >
                {rows.map((c) => (
                  <CircleRow key={c.id} c={c} host={hosts.get(c.host_id) ?? `#${c.host_id}`} tz={me.timezone} />
                ))}
              </RegionTable>
            )}
          </TableSection>
        </>
      )}
    </FormatOverview>
  );
}

function CircleRow({ c, host, tz }: { c: AdminCircleRow; host: string; tz: string }) {
  const full = c.members >= c.size_limit && c.state !== 'concluded';
  return (
    <tr>
      <td data-label="Circle">
        <span className="num">#{c.id}</span> <CircleStateBadge state={c.state} />
      </td>
      <td data-label="Host">{host}</td>
      <td data-label="Members" className="num">
        {c.members}/{c.size_limit}
        {full && <span className="muted small"> · full</span>}
        {c.left > 0 && <div className="muted small">{c.left} left</div>}
      </td>
      <td data-label="Waiting">
        {c.waitlisted + c.requested === 0 ? (
          <span className="muted">–</span>
        ) : (
          <>
            {c.waitlisted > 0 && <div>{c.waitlisted} waitlisted</div>}
            {c.requested > 0 && <div>{plural(c.requested, 'request')}</div>}
          </>
        )}
      </td>
      <td data-label="Joining">
        {c.membership === 'open' ? 'Open' : 'By request'}
        {!c.accepting_members && <div className="muted small">closed</div>}
      </td>
      <td data-label="Purpose">{c.purpose_agreed ? 'Agreed' : 'Not yet'}</td>
      <td data-label="Sessions">
        {c.sessions_held} held
        {c.sessions_scheduled > 0 && <div className="muted small">{c.sessions_scheduled} scheduled</div>}
      </td>
      <td data-label="Items done" className="num">
        {c.action_items ? `${c.action_items_done}/${c.action_items}` : <span className="muted">–</span>}
      </td>
      <td data-label="Debriefs" className="num">
        {c.state === 'active' && c.debriefs_submitted === 0 ? <span className="muted">–</span> : `${c.debriefs_submitted}/${c.members + 1}`}
      </td>
      <td data-label="Dates" className="small">
        created {formatDate(c.created_at, tz)}
        {c.concluded_at && <div className="muted">concluded {formatDate(c.concluded_at, tz)}</div>}
      </td>
    </tr>
  );
}

// ---------------------------------------------------------------- flash mentoring

const PHASES: { phase: FlashPhase; label: string; tone: string }[] = [
  { phase: 'upcoming', label: 'Upcoming', tone: 'requested' },
  { phase: 'follow_up', label: 'Follow-up', tone: 'concluding' },
  { phase: 'completed', label: 'Completed', tone: 'active' },
  { phase: 'cancelled', label: 'Cancelled', tone: 'withdrawn' },
];

export function AdminFlash() {
  const { me } = useSession();
  const overview = useApi(me.is_admin ? '/admin/flash' : null, () => ok(api.GET('/api/v1/admin/flash')));

  if (!me.is_admin || overview.error?.status === 403)
    return <AdminsOnly what="flash mentoring" elsewhere={<>Your own flash sessions and topics are under <Link to="/flash">Flash</Link>.</>} />;

  const bookings = overview.data?.bookings;
  const booked = bookings ? bookings.upcoming + bookings.follow_up + bookings.completed : 0;
  const held = bookings ? bookings.follow_up + bookings.completed : 0;
  const allBookings = bookings ? booked + bookings.cancelled : 0;

  return (
    <FormatOverview
      title="Flash mentoring overview"
      subtitle="Counts for the whole program. Never content: topics, the questions asked, takeaways and shared resources stay with the mentor and the mentee."
      overview={overview}
      loadingLabel="Loading the flash mentoring overview…"
      isEmpty={(f) => f.topics === 0 && allBookings === 0}
      empty={
        <Empty title="No flash mentoring yet" icon="calendar">
          When a mentor publishes a topic with slots, its slots and bookings are counted here.
        </Empty>
      }
    >
      {(f) => {
        const b = f.bookings;
        return (
          <>
            <ProgramFigures titleId="flash-figures-title" label="Flash mentoring in numbers">
              <Figure
                label="Topics published"
                value={f.published_topics}
                note={f.topics > f.published_topics ? `of ${f.topics}; ${f.topics - f.published_topics} unlisted` : `of ${f.topics}`}
              />
              <Figure label="Slots offered" value={f.slots} note={`${f.free_upcoming_slots} free and upcoming`} />
              <Figure
                label="Slots booked"
                value={booked}
                note={f.slots ? `${percent(booked / f.slots)} of the slots offered` : 'no slots offered'}
              />
              <Figure label="Sessions held" value={held} note={`${b.upcoming} upcoming`} />
              <Figure label="Cancelled" value={b.cancelled} note={allBookings ? `of ${plural(allBookings, 'booking')}` : 'no bookings'} />
              <Figure
                label="Average rating"
                value={f.ratings.average === null ? '–' : `${f.ratings.average.toFixed(1)} / 5`}
                note={f.ratings.count ? `from ${plural(f.ratings.count, 'rating')}` : 'no ratings yet'}
              />
            </ProgramFigures>
            <div className="overview-grid">
              <TitledCard
                titleId="flash-phases-title"
                title={
                  <>
                    Bookings by phase <span className="count">{allBookings} in all</span>
                  </>
                }
              >
                {allBookings === 0 ? (
                  <Empty title="No bookings yet" icon="calendar">
                    {f.free_upcoming_slots
                      ? `${plural(f.free_upcoming_slots, 'free slot')} waiting for a mentee.`
                      : 'No free slots either: mentors have none open.'}
                  </Empty>
                ) : (
                  <>
                    <ul className="bars" aria-label="Bookings by phase">
                      {PHASES.map((p) => (
                        <BarRow
                          key={p.phase}
                          label={p.label}
                          value={b[p.phase]}
                          max={Math.max(...PHASES.map((x) => b[x.phase]))}
                          tone={p.tone}
                        />
                      ))}
                    </ul>
                    <p className="muted small">
                      Upcoming: booked, not yet held. Follow-up: held, and the takeaway and the resource can still be
                      added. Completed: the follow-up has closed.
                    </p>
                  </>
                )}
              </TitledCard>
              <TitledCard
                titleId="flash-after-title"
                title={
                  <>
                    After the session <span className="count">{plural(held, 'session')} held</span>
                  </>
                }
              >
                {held === 0 ? (
                  <Empty title="No session held yet" icon="hourglass">
                    Takeaways, ratings and resources are counted once sessions have taken place.
                  </Empty>
                ) : (
                  <ul className="bars" aria-label="What followed the sessions held">
                    <BarRow label="Takeaways" value={f.takeaways} max={held} tone="active" />
                    <BarRow label="Ratings" value={f.ratings.count} max={held} tone="active" />
                    <BarRow label="Resources" value={f.resources} max={held} tone="concluding" />
                    <BarRow
                      label="One-to-ones"
                      value={f.relationships_proposed}
                      max={held}
                      tone="starting"
                    />
                  </ul>
                )}
                {held > 0 && (
                  <p className="muted small">
                    Of the sessions held: takeaways the mentees recorded, their ratings, resources the mentors shared, and
                    one-to-one relationships proposed from a session.
                  </p>
                )}
              </TitledCard>
            </div>
          </>
        );
      }}
    </FormatOverview>
  );
}
