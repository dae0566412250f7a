// Who is in the circle. The host also answers requests to join (approve, or decline with a
// reason the person reads), sees the waitlist in the order it is served, and removes people.
import { useState, type FormEvent } from 'react';
import { api, ok } from '../api';
import { formatDate, plural } from '../format';
import { Link } from '../router';
import type { PersonRef } from '../types';
import { Avatar, Button, Empty, FieldError, SubmitRow, TextArea, errorFor, useAction, useToast } from '../ui';
import { useCircle } from './common';

export function MembersSection() {
  const { w, me, host, workable } = useCircle();
  const requests = w.requests ?? [];
  const line = w.waitlist ?? [];
  return (
    <section id="members" className="action" aria-labelledby="members-title">
      <header className="action__header">
        <div className="action__heading">
          <h2 id="members-title">Members</h2>
          <p className="action__lede">
            {w.members}/{w.size_limit} members
            {host && requests.length > 0 ? ` · ${plural(requests.length, 'request')} to answer` : ''}
            {host ? ` · ${line.length === 0 ? 'nobody' : line.length} on the waitlist` : ''}
          </p>
        </div>
      </header>
      <div className="action__body">
        {host && requests.length > 0 && (
          <div className="stack-sm">
            <h3 className="subheading">Requests to join</h3>
            <ul className="list" aria-label="Requests to join">
              {requests.map((r) => (
                <RequestItem key={r.person.id} r={r} />
              ))}
            </ul>
          </div>
        )}
        <div className="stack-sm">
          {host && requests.length > 0 && <h3 className="subheading">In the circle</h3>}
          <ul className="list member-list" aria-label="Members">
            <li className="list__item">
              <Avatar name={w.host.name} size="sm" />
              <div className="list__main">
                <strong>{w.host.id === me.id ? `${w.host.name} (you)` : w.host.name}</strong>
                <div className="muted small">{w.host.title ? `${w.host.title} · ` : ''}Host</div>
              </div>
            </li>
            {w.member_list.map((m) => (
              <li key={m.person.id} className="list__item">
                <Avatar name={m.person.name} size="sm" />
                <div className="list__main">
                  <strong>
                    {m.person.id === me.id ? (
                      `${m.person.name} (you)`
                    ) : (
                      <Link to={`/people/${m.person.id}`}>{m.person.name}</Link>
                    )}
                  </strong>
                  <div className="muted small">
                    {m.person.title ? `${m.person.title} · ` : ''}member since {formatDate(m.since, me.timezone)}
                  </div>
                </div>
                {host && w.state !== 'concluded' && <RemoveButton person={m.person} what="member" />}
              </li>
            ))}
          </ul>
          {w.member_list.length === 0 && (
            <Empty title="No members yet" icon="people">
              {workable && w.accepting_members ? 'People who join appear here.' : 'Nobody is in the circle.'}
            </Empty>
          )}
        </div>
        {host && (
          <div className="stack-sm">
            <h3 className="subheading">Waitlist</h3>
            {line.length === 0 ? (
              <p className="muted small">Nobody is waiting.</p>
            ) : (
              <ol className="list" aria-label="Waitlist">
                {line.map((m) => (
                  <li key={m.person.id} className="list__item">
                    <span className="count">{m.position}</span>
                    <div className="list__main">
                      {m.person.name}
                      <div className="muted small">waiting since {formatDate(m.since, me.timezone)}</div>
                    </div>
                    {w.state !== 'concluded' && <RemoveButton person={m.person} what="waitlist" />}
                  </li>
                ))}
              </ol>
            )}
            <p className="muted small">
              Freed places go to the waitlist in order{w.accepting_members ? '' : ' once you reopen the circle'}.
            </p>
          </div>
        )}
      </div>
    </section>
  );
}

function RemoveButton({ person, what }: { person: PersonRef; what: 'member' | 'waitlist' }) {
  const { w, setW } = useCircle();
  const action = useAction();
  const toast = useToast();
  const [confirm, setConfirm] = useState(false);
  if (!confirm)
    return (
      <Button variant="ghost" className="btn btn--ghost btn--small" aria-label={`Remove ${person.name}`} onClick={() => setConfirm(true)}>
        Remove
      </Button>
    );
  return (
    <div className="confirm confirm--inline" role="group" aria-label={`Remove ${person.name}?`}>
      <p className="small">
        {what === 'member'
          ? `Remove ${person.name}? Their place goes to the first on the waitlist; they cannot rejoin.`
          : `Take ${person.name} off the waitlist? They cannot rejoin.`}
      </p>
      <div className="row">
        <Button
          variant="danger"
          className="btn btn--danger btn--small"
          busy={action.busy}
          onClick={async () => {
            const next = await action.run(() => ok(api.POST('/api/v1/circles/{id}/members/{person_id}/remove', { params: { path: { id: w.id, person_id: person.id } } })));
            if (next) {
              toast(`${person.name} is removed.`);
              setW(next);
            }
          }}
        >
          Remove {person.name}
        </Button>
        <Button variant="ghost" className="btn btn--ghost btn--small" onClick={() => setConfirm(false)}>
          Keep
        </Button>
      </div>
      <FieldError message={action.error?.message} />
    </div>
  );
}

function RequestItem({ r }: { r: { person: PersonRef; message: string; requested_at: string } }) {
  const { w, me, setW } = useCircle();
  const action = useAction();
  const toast = useToast();
  const [declining, setDeclining] = useState(false);
  const [reason, setReason] = useState('');
  const ids = { id: w.id, person_id: r.person.id };

  async function approve() {
    const next = await action.run(() => ok(api.POST('/api/v1/circles/{id}/members/{person_id}/approve', { params: { path: ids } })));
    if (next) {
      const waitlisted = next.waitlist?.some((x) => x.person.id === r.person.id);
      toast(waitlisted ? `${r.person.name} is welcome: the circle is full, so they wait on the waitlist.` : `${r.person.name} is a member now.`);
      setW(next);
    }
  }
  async function decline(e: FormEvent) {
    e.preventDefault();
    const next = await action.run(() => ok(api.POST('/api/v1/circles/{id}/members/{person_id}/decline', { params: { path: ids }, body: { reason } })));
    if (next) {
      toast(`You declined ${r.person.name}'s request.`);
      setW(next);
    }
  }

  return (
    <li className="list__item request-item" aria-label={`Request from ${r.person.name}`}>
      <Avatar name={r.person.name} size="sm" />
      <div className="list__main stack-sm">
        <div>
          <strong>{r.person.name}</strong>
          <span className="muted small">
            {' '}
            · {r.person.title ? `${r.person.title} · ` : ''}asked {formatDate(r.requested_at, me.timezone)}
          </span>
        </div>
        {r.message && <p className="quote small">{r.message}</p>}
        {declining && (
          <form className="inline-form" noValidate onSubmit={decline} aria-label={`Decline ${r.person.name}`}>
            <TextArea
              label="Reason"
              hint={`${r.person.name.split(' ')[0]} reads it.`}
              value={reason}
              onChange={(e) => setReason(e.target.value)}
              error={errorFor(action.error, 'reason')}
              autoFocus
            />
            <SubmitRow busy={action.busy} submit="Decline" submitVariant="danger" onCancel={() => setDeclining(false)} />
          </form>
        )}
        <FieldError message={action.error && !errorFor(action.error, 'reason') && action.error.message} />
      </div>
      {!declining && w.state === 'active' && (
        <div className="row">
          <Button className="btn btn--small" busy={action.busy} aria-label={`Approve ${r.person.name}`} onClick={approve}>
            Approve
          </Button>
          <Button variant="secondary" className="btn btn--secondary btn--small" aria-label={`Decline ${r.person.name}`} onClick={() => setDeclining(true)}>
            Decline…
          </Button>
        </div>
      )}
    </li>
  );
}
