// The relationship workspace: the five actions of a mentoring relationship, in order.
import { useState } from 'react';
import { api, ok } from '../api';
import { formatDate, plural, relativeTime } from '../format';
import { Link } from '../router';
import { useSession } from '../session';
import { Avatar, Button, ErrorState, FormError, LoadingCard, StateBadge, useApi } from '../ui';
import { ConcludingBanner, NextStepsCard, SectionNav, WorkspaceProvider, scrollToSection, useScrollToHash, useWorkspace } from './context';
import { PurposeSection } from './Purpose';
import { LogisticsSection } from './Logistics';
import { PlanSection } from './Plan';
import { MeetingsSection } from './Meetings';
import { ConcludeOrNot, DebriefSection, useConcludeRelationship } from './Debrief';
import { Timeline } from './Timeline';
import { Icon } from '../icons';
import { RequestWords } from '../pages/Requests';

const SECTIONS = [
  { id: 'purpose', label: 'Purpose' },
  { id: 'logistics', label: 'Logistics' },
  { id: 'plan', label: 'Action plan' },
  { id: 'meetings', label: 'Meetings' },
  { id: 'debrief', label: 'Debrief' },
];

export function WorkspacePage({ id }: { id: string }) {
  const { me } = useSession();
  const ws = useApi(`/relationships/${id}`, () => ok(api.GET('/api/v1/relationships/{id}', { params: { path: { id } } })));

  useScrollToHash(!!ws.data);

  if (ws.error)
    return (
      <div className="page">
        <ErrorState
          error={ws.error}
          retry={ws.reload}
          title={ws.error.status === 403 ? 'This mentoring relationship is private' : undefined}
          detail={
            ws.error.status === 403
              ? 'A relationship’s purpose, plan, meetings, notes and debrief belong to its mentee and its mentor. Managers and program administrators never see them.'
              : undefined
          }
        />
      </div>
    );
  if (!ws.data)
    return (
      <div className="page">
        <LoadingCard label="Opening the workspace…" rows={6} />
      </div>
    );

  return (
    <WorkspaceProvider ws={ws.data} me={me} setWs={ws.setData} reload={ws.reload}>
      <WorkspaceView />
    </WorkspaceProvider>
  );
}

function WorkspaceView() {
  const { ws, myRole } = useWorkspace();
  const other = myRole === 'mentee' ? ws.mentor : ws.mentee;
  const isRequest = ['requested', 'declined', 'withdrawn', 'expired', 'accepted'].includes(ws.state);

  return (
    <div className="page workspace">
      <header className="ws-header card">
        <Avatar name={other?.name ?? '?'} size="lg" />
        <div className="ws-header__text">
          <p className="eyebrow">{myRole === 'mentee' ? 'Your mentor' : 'Your mentee'}</p>
          <h1>
            {other ? <Link to={`/people/${other.id}`}>{other.name}</Link> : 'Someone'}
          </h1>
          <p className="muted">
            {other?.title}
            {other?.timezone ? ` · ${other.timezone}` : ''}
          </p>
          {ws.partner_email && (
            <p className="small ws-header__email">
              E-mail: <a href={`mailto:${ws.partner_email}`}>{ws.partner_email}</a>
            </p>
          )}
        </div>
        <div className="ws-header__meta">
          <StateBadge state={ws.state} />
          <span className="muted small">
            {ws.concluded_at
              ? `Concluded ${formatDate(ws.concluded_at)}`
              : ws.activated_at
                ? `Active since ${formatDate(ws.activated_at)}`
                : `Requested ${formatDate(ws.requested_at)}`}
          </span>
          {!isRequest && <span className="muted small">Meeting every {plural(ws.cadence_days, 'day')}</span>}
          {!ws.program.is_default && <span className="muted small">Program: {ws.program.name}</span>}
        </div>
      </header>

      {isRequest ? (
        <RequestState />
      ) : (
        <>
          {ws.state === 'fading' && <FadingBanner />}
          <ConcludingBanner
            state={ws.state}
            concluding="You are debriefing this relationship: each of you writes what was achieved, what still needs doing and what you would do differently."
            concluded="This relationship is closed and read-only. Read both debriefs side by side below."
          />
          <div className="ws-layout">
            <aside className="ws-aside">
              <SectionNav label="The five actions" sections={[...SECTIONS, { id: 'timeline', label: 'Timeline', numbered: false }]} />
              <NextSteps />
            </aside>
            <div className="ws-main">
              <PurposeSection />
              <LogisticsSection />
              <PlanSection />
              <MeetingsSection />
              <DebriefSection />
              <Timeline />
            </div>
          </div>
        </>
      )}
    </div>
  );
}

function NextSteps() {
  const { ws } = useWorkspace();
  const now = Date.now();
  const upcoming = ws.meetings.some((m) => m.status === 'scheduled' && new Date(m.starts_at).getTime() > now);
  const done: string[] = [];
  if (ws.purpose.agreed) done.push(`Purpose agreed (version ${ws.purpose.version})`);
  if (ws.logistics) done.push('Logistics decided');
  if (ws.tasks.length) done.push(`Action plan started (${plural(ws.tasks.length, 'task')})`);
  if (upcoming) done.push('Next meeting scheduled');
  if (ws.state === 'concluded') done.push('Debriefed and concluded');
  return <NextStepsCard steps={ws.next_steps} done={done} />;
}

function FadingBanner() {
  const { ws } = useWorkspace();
  const [confirming, setConfirming] = useState(false);
  const action = useConcludeRelationship(true);
  return (
    <div className="banner banner--fading" role="alert" aria-labelledby="fading-title">
      <div className="banner__icon">
        <Icon name="hourglass" size={30} />
      </div>
      <div className="banner__text">
        <h2 id="fading-title">This relationship is fading</h2>
        <p>
          No meeting has been held or planned within twice your cadence ({plural(ws.cadence_days * 2, 'day')}).
          Calendars get busy and relationships quietly fade away: meet again, or conclude it properly with a debrief.
        </p>
        {confirming && (
          <p className="banner__confirm">
            Start concluding? You will each write a debrief, and then the relationship becomes read-only.
          </p>
        )}
        <FormError error={action.error} />
      </div>
      <div className="banner__actions">
        {!confirming ? (
          <>
            <Button onClick={() => scrollToSection('meetings', '#schedule-date')}>Schedule a meeting</Button>
            <Button variant="secondary" onClick={() => setConfirming(true)}>
              Start concluding
            </Button>
          </>
        ) : (
          <ConcludeOrNot action={action} onNotNow={() => setConfirming(false)} />
        )}
      </div>
    </div>
  );
}

function RequestState() {
  const { ws, myRole } = useWorkspace();
  const other = myRole === 'mentee' ? ws.mentor : ws.mentee;
  const texts: Record<string, string> = {
    requested:
      (ws.proposed_by_program ? `The program proposed this pair from a cohort matching. ` : '') +
      (ws.waiting_for_me
        ? 'This request waits for your answer.'
        : `Waiting for ${other?.name.split(' ')[0]} to answer (expires ${relativeTime(ws.expires_at)}).`),
    declined: `Declined${ws.decline_reason ? `: “${ws.decline_reason}”` : '.'}`,
    withdrawn: 'This request was withdrawn.',
    expired: 'This request expired without an answer.',
    accepted: 'Accepted.',
  };
  return (
    <div className="stack-lg">
      <div className="card stack">
        <p className="lead">{texts[ws.state]}</p>
        <RequestWords r={ws} />
        {ws.state === 'requested' && (
          <div>
            <Link className="btn" to="/requests">
              {ws.waiting_for_me ? 'Answer in your requests' : 'See your requests'}
            </Link>
          </div>
        )}
      </div>
      <Timeline />
    </div>
  );
}
