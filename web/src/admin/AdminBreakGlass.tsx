// Break-glass access: when a complaint demands it, an administrator reads one relationship's
// shared content, after stating why. The page says first what opening does (both participants
// are told who, when and why; 30 minutes; private notes stay closed), asks for the reason, then
// shows the content read-only with the grant's end. Each opening is in the administrators' audit
// trail (AdminAudit.tsx).
import type { ReactNode } from 'react';
import { api, ApiError, ok } from '../api';
import { formatDate, formatDateTime } from '../format';
import { Link } from '../router';
import type { BreakGlassGrant, Meeting, Purpose, Story, Task } from '../types';
import { Button, Card, FormError, Hint, Page, StateBadge, TextArea, useApi, useTextForm } from '../ui';
import { Pending } from './adminParts';

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
  const { text: reason, setText: setReason, action: open, submit } = useTextForm(
    '',
    (text) => ok(api.POST('/api/v1/admin/relationships/{id}/break-glass', { params: { path: { id } }, body: { reason: text } })),
    () => content.reload(),
  );

  return (
    <Page
      title={`Relationship #${id}: break-glass access`}
      subtitle="For a complaint that cannot be handled from states and dates alone."
      actions={
        <Link className="btn btn--ghost" to="/admin/relationships">
          Back to the overview
        </Link>
      }
    >
      {content.error || content.data === undefined ? (
        <Pending error={content.error} retry={content.reload} label="Checking your access…" />
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
    </Page>
  );
}

/** The items of one part of the content, or a line saying there are none. */
function ItemList<T extends { id: string }>({ items, none, children }: { items: T[]; none: string; children: (item: T) => ReactNode }) {
  if (items.length === 0) return <p className="muted">{none}</p>;
  return (
    <ul className="stack">
      {items.map((item) => (
        <li key={item.id}>{children(item)}</li>
      ))}
    </ul>
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
        <ItemList items={content.purpose.objectives} none="No purpose drafted yet.">
          {(o) => (
            <>
              <strong>{o.description}</strong>
              <div className="muted small">Success: {o.success_measure}</div>
            </>
          )}
        </ItemList>
        {content.purpose.desired_outcome && <p>Desired outcome: {content.purpose.desired_outcome}</p>}
      </Card>
      <Card title="Action plan">
        <ItemList items={content.tasks} none="No tasks.">
          {(t) => (
            <>
              {t.title} <span className="muted small">({t.status}{t.due ? `, due ${formatDate(t.due)}` : ''})</span>
            </>
          )}
        </ItemList>
      </Card>
      <Card title="Meetings and stories">
        <ItemList items={content.meetings} none="No meetings.">
          {(m) => (
            <>
              <strong>{formatDateTime(m.starts_at)}</strong> <span className="muted small">({m.status})</span>
              {m.shared_notes && <p>Shared notes: {m.shared_notes}</p>}
              {storiesOf(m.id).map((s) => (
                <blockquote key={s.id}>
                  {s.story} <span className="muted small">Point: {s.point}</span>
                  {s.reflection && <div className="small">Reflection: {s.reflection}</div>}
                </blockquote>
              ))}
            </>
          )}
        </ItemList>
      </Card>
    </div>
  );
}
