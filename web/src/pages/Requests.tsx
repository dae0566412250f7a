import { useState, type FormEvent, type ReactNode } from 'react';
import { api, countsChanged, ok } from '../api';
import { formatDate, relativeTime } from '../format';
import { Link, navigate } from '../router';
import { useSession } from '../session';
import type { Relationship, Workspace } from '../types';
import {
  Avatar,
  Button,
  Empty,
  ErrorState,
  FormError,
  LoadingCard,
  Page,
  Quote,
  StateBadge,
  SubmitRow,
  TextArea,
  errorFor,
  useAction,
  useApi,
  useTextForm,
  useToast,
} from '../ui';
import { otherPerson } from './Home';

interface Inbox {
  open: Workspace[];
  closed: Relationship[];
}

async function loadInbox(): Promise<Inbox> {
  const page = await ok(api.GET('/api/v1/relationships', { params: { query: { limit: 100 } } }));
  const requested = page.items.filter((r) => r.state === 'requested');
  // The list leaves out questions; the relationship itself has them.
  const open = await Promise.all(requested.map((r) => ok(api.GET('/api/v1/relationships/{id}', { params: { path: { id: r.id } } }))));
  const closed = page.items.filter((r) => ['declined', 'withdrawn', 'expired'].includes(r.state));
  return { open, closed };
}

export function Requests() {
  const inbox = useApi<Inbox>('inbox', loadInbox);
  const incoming = inbox.data?.open.filter((r) => r.waiting_for_me) ?? [];
  const sent = inbox.data?.open.filter((r) => !r.waiting_for_me) ?? [];

  return (
    <Page
      title="Requests"
      subtitle="Answer the requests waiting for you (accept, decline with a reason, or ask a question first) and follow the ones you sent. Unanswered requests expire after 14 days."
    >
      {inbox.error ? (
        <ErrorState error={inbox.error} retry={inbox.reload} />
      ) : !inbox.data ? (
        <LoadingCard label="Loading requests…" />
      ) : (
        <div className="stack-lg">
          <RequestGroup id="incoming" title="Waiting for you" count={incoming.length}>
            {incoming.length === 0 ? (
              <Empty title="Nothing waiting for you" icon="inbox">
                When someone asks you to mentor them, or offers to mentor you, it shows up here.
              </Empty>
            ) : (
              incoming.map((r) => <IncomingRequest key={r.id} r={r} reload={inbox.reload} />)
            )}
          </RequestGroup>
          <RequestGroup id="sent" title="Sent by you" count={sent.length}>
            {sent.length === 0 ? (
              <Empty title="No open requests" icon="mail">
                Find someone in the <Link to="/people">people directory</Link> and request them as your mentor. You can
                have up to three requests waiting at once.
              </Empty>
            ) : (
              sent.map((r) => <SentRequest key={r.id} r={r} reload={inbox.reload} />)
            )}
          </RequestGroup>
          {inbox.data.closed.length > 0 && (
            <RequestGroup id="closed" title="Closed" count={inbox.data.closed.length}>
              <ul className="rel-list">
                {inbox.data.closed.map((r) => (
                  <li key={r.id} className="rel-card rel-card--static">
                    <Avatar name={otherPerson(r)?.name ?? '?'} size="sm" />
                    <span className="rel-card__main">
                      <strong>{otherPerson(r)?.name}</strong>
                      <span className="muted small">
                        {r.proposed_by_program ? 'The program proposed it' : r.initiated_by === r.my_role ? 'You asked' : 'They asked'} ·{' '}
                        {formatDate(r.requested_at)}
                      </span>
                    </span>
                    <StateBadge state={r.state} />
                    {r.state === 'declined' && r.decline_reason && (
                      <p className="rel-card__reason muted small">“{r.decline_reason}”</p>
                    )}
                  </li>
                ))}
              </ul>
            </RequestGroup>
          )}
        </div>
      )}
    </Page>
  );
}

/** One heading of the inbox with how many stand under it. */
function RequestGroup({ id, title, count, children }: { id: string; title: string; count: number; children: ReactNode }) {
  return (
    <section aria-labelledby={`${id}-title`} className="stack">
      <h2 id={`${id}-title`} className="section-title">
        {title} <span className="count">{count}</span>
      </h2>
      {children}
    </section>
  );
}

/** The words a request came with: its message and draft purpose, each when there is one. */
export function RequestWords({ r }: { r: Pick<Workspace, 'message' | 'draft_purpose'> }) {
  return (
    <>
      {r.message && <Quote label="Message">{r.message}</Quote>}
      {r.draft_purpose && (
        <Quote label="Draft purpose" purpose>
          {r.draft_purpose}
        </Quote>
      )}
    </>
  );
}

function RequestSummary({ r }: { r: Workspace }) {
  const { me } = useSession();
  const other = otherPerson(r);
  const theyAsk = r.proposed_by_program
    ? r.my_role === 'mentor'
      ? 'is proposed to you as a mentee by the program'
      : 'is proposed to you as a mentor by the program'
    : r.waiting_for_me
      ? r.initiated_by === 'mentee'
        ? 'asks you to be their mentor'
        : 'offers to mentor you'
      : r.initiated_by === 'mentee'
        ? 'you asked them to be your mentor'
        : 'you offered to mentor them';
  return (
    <>
      <header className="request__head">
        <Avatar name={other?.name ?? '?'} />
        <div>
          <h3>
            {other ? <Link to={`/people/${other.id}`}>{other.name}</Link> : 'Someone'}{' '}
            <span className="request__verb">{theyAsk}</span>
          </h3>
          <p className="muted small">
            {other?.title} · sent {relativeTime(r.requested_at)} · expires {formatDate(r.expires_at, me.timezone)} (
            {relativeTime(r.expires_at)})
          </p>
        </div>
      </header>
      <div className="request__body">
        <RequestWords r={r} />
      </div>
    </>
  );
}

function Questions({ r, canAnswer, reload }: { r: Workspace; canAnswer: boolean; reload: () => Promise<void> }) {
  if (!r.questions.length) return null;
  return (
    <div className="questions">
      <h4>Questions</h4>
      <ul className="stack">
        {r.questions.map((q) => (
          <li key={q.id} className="question">
            <p>
              <strong>Q:</strong> {q.question} <span className="muted small">· {relativeTime(q.asked_at)}</span>
            </p>
            {q.answer ? (
              <p>
                <strong>A:</strong> {q.answer}
              </p>
            ) : canAnswer ? (
              <AnswerForm relId={r.id} questionId={q.id} reload={reload} />
            ) : (
              <p className="muted small">Waiting for an answer.</p>
            )}
          </li>
        ))}
      </ul>
    </div>
  );
}

function AnswerForm({ relId, questionId, reload }: { relId: string; questionId: string; reload: () => Promise<void> }) {
  const toast = useToast();
  const { text: answer, setText: setAnswer, action, submit } = useTextForm(
    '',
    (text) => ok(api.POST('/api/v1/relationships/{id}/questions/{question_id}/answer', { params: { path: { id: relId, question_id: questionId } }, body: { answer: text } })),
    async () => {
      toast('Answer sent');
      await reload();
    },
  );
  return (
    <form className="inline-form" onSubmit={submit} noValidate>
      <TextArea label="Your answer" rows={2} value={answer} onChange={(e) => setAnswer(e.target.value)} error={errorFor(action.error, 'answer')} />
      {action.error && action.error.field !== 'answer' && <FormError error={action.error} />}
      <Button type="submit" busy={action.busy} className="btn btn--small">
        Send answer
      </Button>
    </form>
  );
}

function IncomingRequest({ r, reload }: { r: Workspace; reload: () => Promise<void> }) {
  const [mode, setMode] = useState<'idle' | 'decline' | 'ask'>('idle');
  const [text, setText] = useState('');
  const action = useAction();
  const toast = useToast();
  const other = otherPerson(r);

  async function accept() {
    const done = await action.run(() => ok(api.POST('/api/v1/relationships/{id}/accept', { params: { path: { id: r.id } } })));
    if (done) {
      toast(`You accepted ${other?.name}. Next: define your purpose together.`);
      navigate(`/relationships/${r.id}`);
    }
  }
  async function submit(e: FormEvent) {
    e.preventDefault();
    const ids = { params: { path: { id: r.id } } };
    const send = () =>
      mode === 'decline'
        ? ok(api.POST('/api/v1/relationships/{id}/decline', { ...ids, body: { reason: text } }))
        : ok(api.POST('/api/v1/relationships/{id}/questions', { ...ids, body: { question: text } }));
    if (await action.run(send)) {
      toast(mode === 'decline' ? 'Request declined' : 'Question sent');
      setMode('idle');
      setText('');
      await reload();
      countsChanged();
    }
  }

  return (
    <article className="card request request--incoming" aria-label={`Request from ${other?.name}`}>
      <RequestSummary r={r} />
      <Questions r={r} canAnswer={false} reload={reload} />
      {mode === 'idle' ? (
        <div className="row request__actions">
          <Button busy={action.busy} onClick={accept}>
            Accept
          </Button>
          <Button variant="secondary" onClick={() => setMode('ask')}>
            Ask a question
          </Button>
          <Button variant="ghost" onClick={() => setMode('decline')}>
            Decline…
          </Button>
        </div>
      ) : (
        <form className="stack request__form" onSubmit={submit} noValidate>
          <TextArea
            label={mode === 'decline' ? 'Reason for declining' : 'Your question'}
            hint={
              mode === 'decline'
                ? `${other?.name.split(' ')[0]} will see this. Be kind, and if you can, suggest someone else.`
                : 'Ask for what you need to know before answering.'
            }
            rows={3}
            value={text}
            onChange={(e) => setText(e.target.value)}
            error={errorFor(action.error, mode === 'decline' ? 'reason' : 'question')}
            autoFocus
          />
          <SubmitRow
            busy={action.busy}
            submit={mode === 'decline' ? 'Decline request' : 'Send question'}
            submitVariant={mode === 'decline' ? 'danger' : 'primary'}
            onCancel={() => {
              setMode('idle');
              action.clear();
            }}
          />
        </form>
      )}
      {action.error && !action.error.field.match(/^(reason|question)$/) && <FormError error={action.error} />}
    </article>
  );
}

function SentRequest({ r, reload }: { r: Workspace; reload: () => Promise<void> }) {
  const [confirming, setConfirming] = useState(false);
  const action = useAction();
  const toast = useToast();
  async function withdraw() {
    if (await action.run(() => ok(api.POST('/api/v1/relationships/{id}/withdraw', { params: { path: { id: r.id } } })))) {
      toast('Request withdrawn');
      await reload();
    }
  }
  return (
    <article className="card request" aria-label={`Request to ${otherPerson(r)?.name}`}>
      <RequestSummary r={r} />
      <Questions r={r} canAnswer reload={reload} />
      <div className="row request__actions">
        <span className="tag tag--waiting">Waiting for {otherPerson(r)?.name.split(' ')[0]}</span>
        {!confirming ? (
          <Button variant="ghost" onClick={() => setConfirming(true)}>
            Withdraw…
          </Button>
        ) : (
          <>
            <span className="small">Withdraw this request?</span>
            <Button variant="danger" busy={action.busy} onClick={withdraw}>
              Yes, withdraw
            </Button>
            <Button variant="ghost" onClick={() => setConfirming(false)}>
              Keep it
            </Button>
          </>
        )}
      </div>
      <FormError error={action.error} />
    </article>
  );
}
