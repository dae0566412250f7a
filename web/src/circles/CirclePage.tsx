// A circle's page. Anyone signed in sees its card and may join; its host and members get the
// workspace, laid out like a relationship's: the purpose, sessions and stories, action items,
// the debrief, and the members (with requests and the waitlist for the host).
import { useState } from 'react';
import { api, ok } from '../api';
import { MEDIUM_LABELS, formatDate, plural } from '../format';
import { Link } from '../router';
import { useSession } from '../session';
import type { CircleCard, CircleWorkspace } from '../types';
import { Avatar, Button, Card, ErrorState, FieldError, LoadingCard, useAction, useApi, useToast } from '../ui';
import { ConcludingBanner, NextStepsCard, SectionNav, useScrollToHash } from '../workspace/context';
import { CircleForm } from './CircleForm';
import { CircleProvider, CircleStateBadge, MembershipTag, SizeFacts, StatusTag, firstName, useCircle } from './common';
import { DebriefSection } from './Debrief';
import { ActionItemsSection } from './ActionItems';
import { JoinControl } from './Join';
import { MembersSection } from './Members';
import { PurposeSection } from './Purpose';
import { SessionsSection } from './Sessions';

const SECTIONS = [
  { id: 'purpose', label: 'Purpose' },
  { id: 'sessions', label: 'Sessions and stories' },
  { id: 'action-items', label: 'Action items' },
  { id: 'debrief', label: 'Debrief' },
  { id: 'members', label: 'Members', numbered: false },
];

export function CirclePage({ id }: { id: string }) {
  const { me } = useSession();
  const card = useApi(`/circles/${id}`, () => ok(api.GET('/api/v1/circles/{id}', { params: { path: { id } } })));
  const inside = card.data && (card.data.my_status === 'host' || card.data.my_status === 'member');
  const ws = useApi(inside ? `/circles/${id}/workspace` : null, () => ok(api.GET('/api/v1/circles/{id}/workspace', { params: { path: { id } } })));

  useScrollToHash(!!ws.data);

  if (card.error) return <ErrorState error={card.error} retry={card.reload} />;
  if (!card.data)
    return (
      <LoadingCard label="Opening the circle…" rows={5} />
    );
  const c = ws.data ?? card.data;
  const reloadAll = async () => {
    await card.reload();
    if (inside) await ws.reload();
  };

  return (
    <div className="page circle-page stack-lg">
      <nav className="breadcrumbs" aria-label="Breadcrumbs">
        <Link to="/circles">Circles</Link> / <span>{c.topic}</span>
      </nav>
      {!inside ? (
        <>
          <CircleHeader c={c} onChanged={reloadAll} />
          <Outside c={c} onJoined={reloadAll} />
        </>
      ) : ws.error ? (
        <>
          <CircleHeader c={c} onChanged={reloadAll} />
          <ErrorState error={ws.error} retry={ws.reload} />
        </>
      ) : !ws.data ? (
        <>
          <CircleHeader c={c} onChanged={reloadAll} />
          <LoadingCard label="Loading the circle's workspace…" rows={6} />
        </>
      ) : (
        <CircleProvider w={ws.data} me={me} setW={ws.setData} reload={reloadAll}>
          <CircleHeader c={ws.data} onChanged={reloadAll} />
          <Inside />
        </CircleProvider>
      )}
    </div>
  );
}

/** Topic, host, size, state, and what the caller may do to the circle as a whole: leave it, or
 *  (the host) edit it and close or reopen it to new members. */
function CircleHeader({ c, onChanged }: { c: CircleCard; onChanged: () => Promise<void> }) {
  const { me } = useSession();
  const [editing, setEditing] = useState(false);
  const [leaving, setLeaving] = useState(false);
  const action = useAction();
  const toast = useToast();
  const host = c.my_status === 'host';
  const active = c.state === 'active';
  const canLeave = c.state !== 'concluded' && (c.my_status === 'member' || c.my_status === 'waitlisted' || c.my_status === 'requested');

  async function leave() {
    if (await action.run(() => ok(api.POST('/api/v1/circles/{id}/leave', { params: { path: { id: c.id } } })))) {
      toast(c.my_status === 'member' ? `You left “${c.topic}”.` : c.my_status === 'waitlisted' ? 'You left the waitlist.' : 'Your request is withdrawn.');
      setLeaving(false);
      await onChanged();
    }
  }
  async function setAccepting(open: boolean) {
    if (await action.run(() => ok(open ? api.POST('/api/v1/circles/{id}/reopen', { params: { path: { id: c.id } } }) : api.POST('/api/v1/circles/{id}/close', { params: { path: { id: c.id } } })))) {
      toast(open ? 'The circle is open to new members again.' : 'The circle is closed to new members.');
      await onChanged();
    }
  }

  return (
    <>
      <header className="ws-header card circle-header">
        <Avatar name={c.host.name} size="lg" />
        <div className="ws-header__text">
          <p className="eyebrow">Circle · hosted by {c.host.id === me.id ? 'you' : c.host.name}</p>
          <h1>{c.topic}</h1>
          <p className="muted">
            <SizeFacts c={c} /> · every {plural(c.cadence_days, 'day')} · {MEDIUM_LABELS[c.medium]}
          </p>
        </div>
        <div className="ws-header__meta">
          <div className="row">
            <CircleStateBadge state={c.state} />
            <MembershipTag c={c} />
            <StatusTag c={c} />
          </div>
          <span className="muted small">
            {c.concluded_at
              ? `Concluded ${formatDate(c.concluded_at)}`
              : c.concluding_at
                ? `Concluding since ${formatDate(c.concluding_at)}`
                : `Started ${formatDate(c.created_at)}`}
          </span>
          {(host && active) || canLeave ? (
            <div className="row">
              {host && active && (
                <>
                  <Button variant="secondary" className="btn btn--secondary btn--small" aria-expanded={editing} onClick={() => setEditing((e) => !e)}>
                    Edit circle
                  </Button>
                  <Button
                    variant="ghost"
                    className="btn btn--ghost btn--small"
                    busy={action.busy}
                    onClick={() => setAccepting(!c.accepting_members)}
                  >
                    {c.accepting_members ? 'Close to new members' : 'Reopen to new members'}
                  </Button>
                </>
              )}
              {canLeave && !leaving && (
                <Button variant="secondary" className="btn btn--secondary btn--small" onClick={() => setLeaving(true)}>
                  {c.my_status === 'member' ? 'Leave the circle' : c.my_status === 'waitlisted' ? 'Leave the waitlist' : 'Withdraw request'}
                </Button>
              )}
            </div>
          ) : null}
        </div>
      </header>
      {leaving && (
        <div className="confirm" role="group" aria-label="Leave the circle?">
          <p>
            {c.my_status === 'member'
              ? `Leave “${c.topic}”? Your place goes to the first on the waitlist. You keep your action items, and you can rejoin later at the back of the line.`
              : c.my_status === 'waitlisted'
                ? 'Leave the waitlist? If you join again you go to the back of the line.'
                : 'Withdraw your request to join?'}
          </p>
          <div className="row">
            <Button variant="danger" busy={action.busy} onClick={leave}>
              {c.my_status === 'member' ? 'Leave the circle' : c.my_status === 'waitlisted' ? 'Leave the waitlist' : 'Withdraw request'}
            </Button>
            <Button variant="ghost" onClick={() => setLeaving(false)}>
              Stay
            </Button>
          </div>
        </div>
      )}
      <FieldError message={action.error?.message} />
      {editing && (
        <Card title="Edit the circle">
          <CircleForm<CircleWorkspace>
            circle={c}
            onSaved={async () => {
              setEditing(false);
              toast('The circle is saved.');
              await onChanged();
            }}
            onCancel={() => setEditing(false)}
          />
        </Card>
      )}
      {c.description && !editing && <p className="lead circle-description">{c.description}</p>}
    </>
  );
}

/** What someone outside the circle sees: their place in line, or the way in. */
function Outside({ c, onJoined }: { c: CircleCard; onJoined: () => Promise<void> }) {
  return (
    <Card title="Your place">
      {c.my_status === 'waitlisted' ? (
        <div className="stack-sm" aria-label="Waitlist position">
          <p className="metric">
            <span className="metric__value">#{c.my_waitlist_position}</span> <span className="metric__label">on the waitlist</span>
          </p>
          <p className="muted">
            The circle is full ({c.members}/{c.size_limit}). When a place frees up the first on the waitlist becomes a member,
            and you are notified.
          </p>
        </div>
      ) : c.my_status === 'requested' ? (
        <p>Your request is waiting for {c.host.name}.</p>
      ) : c.my_status === 'declined' ? (
        <p>{firstName(c.host.name)} declined your request to join this circle.</p>
      ) : c.my_status === 'removed' ? (
        <p>The host removed you from this circle.</p>
      ) : c.state !== 'active' ? (
        <p className="muted">This circle is {c.state}: it takes no new members.</p>
      ) : !c.accepting_members ? (
        <p className="muted">The host has closed this circle to new members for now.</p>
      ) : (
        <div className="stack">
          <p className="muted">
            Only the host and members see the circle's purpose, sessions, stories and action items.{' '}
            {c.membership === 'by_request'
              ? `${firstName(c.host.name)} approves each request to join.`
              : c.places_free > 0
                ? `There ${c.places_free === 1 ? 'is one place' : `are ${c.places_free} places`} free.`
                : 'It is full: joining puts you on the waitlist, served in order.'}
          </p>
          <JoinControl c={c} onJoined={onJoined} />
        </div>
      )}
    </Card>
  );
}

function Inside() {
  const { w, host } = useCircle();
  const now = Date.now();
  const done: string[] = [];
  if (w.purpose.agreed) done.push(`Purpose agreed (version ${w.purpose.version})`);
  if (w.sessions.some((s) => s.status === 'scheduled' && new Date(s.starts_at).getTime() > now)) done.push('Next session scheduled');
  const held = w.sessions.filter((s) => s.status === 'held').length;
  if (held) done.push(`${plural(held, 'session')} held`);
  if (w.action_items.length) done.push(host ? `${plural(w.action_items.length, 'action item')} in the circle` : `${plural(w.action_items.length, 'action item')} of yours`);
  if (w.debrief.submitted_by_me) done.push('Your debrief is in');
  if (w.state === 'concluded') done.push('Debriefed and concluded');

  return (
    <>
      <ConcludingBanner
        state={w.state}
        concluding="The circle is debriefing: the host and every member write what was achieved, what still needs doing and what they would do differently."
        concluded="This circle is closed and read-only. Read everyone's debriefs side by side below."
      />
      <div className="ws-layout">
        <aside className="ws-aside">
          <SectionNav label="The circle" sections={SECTIONS} />
          <NextStepsCard steps={w.next_steps} done={done} />
        </aside>
        <div className="ws-main">
          <PurposeSection />
          <SessionsSection />
          <ActionItemsSection />
          <DebriefSection />
          <MembersSection />
        </div>
      </div>
    </>
  );
}
