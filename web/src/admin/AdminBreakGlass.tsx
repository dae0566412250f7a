// Break-glass access: when a complaint demands it, an administrator reads one relationship's
// shared content, after stating why. The page says first what opening does (both participants
// are told who, when and why; 30 minutes; private notes stay closed), asks for the reason, then
// shows the content read-only with the grant's end. Each opening is in the administrators' audit
// trail (AdminAudit.tsx).
import { useState } from 'react';
import { api, ApiError, ok } from '../api';
import { formatDate, formatDateTime } from '../format';
import { Link } from '../router';
import type { BreakGlassGrant, Meeting, Purpose, Story, Task } from '../types';
import { Button, Card, ErrorState, FormError, Hint, Loading, PageHeader, StateBadge, TextArea, useAction, useApi } from '../ui';

/** What GET /admin/relationships/{id}/content sends: the shared workspace and the grant. */
interface SharedContent {
  id: string;
  state: Parameters<typeof StateBadge>[0]['state'];
  mentee: { name: string } | null;
  mentor: { name: string } | null;
  purpose: Purpose;
  tasks: Task[];
  meetings: Meeting[];
  stories: Story[];
  break_glass: BreakGlassGrant;
}

const MIN_REASON = 10;

export function AdminBreakGlass({ id }: { id: string }) {
  const content = useApi(`/admin/relationships/${id}/content`, async () => {
    try {
      return (await ok(api.GET('/api/v1/admin/relationships/{id}/content', { params: { path: { id } } }))) as unknown as SharedContent;
    } catch (e) {
      if (e instanceof ApiError && e.status === 403) return null; // closed: ask for a reason
      throw e;
    }
  });
  const [reason, setReason] = useState('');
  const open = useAction();

  async function submit(e: React.FormEvent) {
    e.preventDefault();
    const grant = await open.run(() =>
      ok(api.POST('/api/v1/admin/relationships/{id}/break-glass', { params: { path: { id } }, body: { reason } })),
    );
    if (grant) await content.reload();
  }

  return (
    <div className="page">
      <PageHeader
        title={`Relationship #${id}: break-glass access`}
        subtitle="For a complaint that cannot be handled from states and dates alone."
        actions={
          <Link className="btn btn--ghost" to="/admin/relationships">
            Back to the overview
          </Link>
        }
      />
      {content.error ? (
        <ErrorState error={content.error} retry={content.reload} />
      ) : content.data === undefined ? (
        <div className="card">
          <Loading label="Checking your access…" />
        </div>
      ) : content.data === null ? (
        <Card title="Open this relationship's content">
          <form className="stack" onSubmit={submit}>
            <Hint tone="warn">
              Both participants will be told your name, the time and the reason you give. Access lasts 30 minutes
              and is written to the administrators' audit trail. Private notes stay closed.
            </Hint>
            <TextArea
              label="Reason"
              hint="What was reported, and a complaint's reference if there is one (at least 10 characters)."
              value={reason}
              onChange={(e) => setReason(e.target.value)}
              rows={3}
              maxLength={1000}
              required
            />
            <FormError error={open.error} />
            <div>
              <Button type="submit" busy={open.busy} disabled={reason.trim().length < MIN_REASON}>
                Open the content and tell both participants
              </Button>
            </div>
          </form>
        </Card>
      ) : (
        <SharedContentView content={content.data} />
      )}
    </div>
  );
}

function SharedContentView({ content }: { content: SharedContent }) {
  const g = content.break_glass;
  const storiesOf = (meetingId: string) => content.stories.filter((s) => s.meeting_id === meetingId);
  return (
    <div className="stack-lg">
      <Hint tone="warn">
        Opened {formatDateTime(g.opened_at)}, until {formatDateTime(g.expires_at)}, for: “{g.reason}”. Both participants
        were told. Read-only; private notes are not shown.
      </Hint>
      <Card title="The pair">
        <p>
          <StateBadge state={content.state} /> {content.mentee?.name ?? 'Mentee'} with {content.mentor?.name ?? 'Mentor'}
        </p>
      </Card>
      <Card title="Purpose">
        {content.purpose.objectives.length === 0 ? (
          <p className="muted">No purpose drafted yet.</p>
        ) : (
          <ul className="stack">
            {content.purpose.objectives.map((o) => (
              <li key={o.id}>
                <strong>{o.description}</strong>
                <div className="muted small">Success: {o.success_measure}</div>
              </li>
            ))}
          </ul>
        )}
        {content.purpose.desired_outcome && <p>Desired outcome: {content.purpose.desired_outcome}</p>}
      </Card>
      <Card title="Action plan">
        {content.tasks.length === 0 ? (
          <p className="muted">No tasks.</p>
        ) : (
          <ul className="stack">
            {content.tasks.map((t) => (
              <li key={t.id}>
                {t.title} <span className="muted small">({t.status}{t.due ? `, due ${formatDate(t.due)}` : ''})</span>
              </li>
            ))}
          </ul>
        )}
      </Card>
      <Card title="Meetings and stories">
        {content.meetings.length === 0 ? (
          <p className="muted">No meetings.</p>
        ) : (
          <ul className="stack">
            {content.meetings.map((m) => (
              <li key={m.id}>
                <strong>{formatDateTime(m.starts_at)}</strong> <span className="muted small">({m.status})</span>
                {m.shared_notes && <p>Shared notes: {m.shared_notes}</p>}
                {storiesOf(m.id).map((s) => (
                  <blockquote key={s.id}>
                    {s.story} <span className="muted small">Point: {s.point}</span>
                    {s.reflection && <div className="small">Reflection: {s.reflection}</div>}
                  </blockquote>
                ))}
              </li>
            ))}
          </ul>
        )}
      </Card>
    </div>
  );
}
