import { useState, type FormEvent, type ReactNode } from 'react';
import { api, ok } from '../api';
import { FORMAT_LABELS, LIVE_STATES, MEDIUM_LABELS, SKILL_LEVELS, formatTime } from '../format';
import { Link, navigate } from '../router';
import { useSession } from '../session';
import type { DirectoryEntry, Person } from '../types';
import { Avatar, Button, Card, ErrorState, FormError, Hint, LoadingCard, SkillLevel, StateBadge, SubmitRow, TextArea, errorFor, useAction, useApi, useToast } from '../ui';
import { ResponsivenessCard } from './Profile';
import { WorkPlace } from './Directory';
import { DirectorySearch } from './FindMentor';

export function PersonPage({ id }: { id: string }) {
  const { me } = useSession();
  const person = useApi<Person>(`/people/${id}`, () => ok(api.GET('/api/v1/people/{id}', { params: { path: { id } } })));
  const mine = useApi('/relationships?limit=100', () => ok(api.GET('/api/v1/relationships', { params: { query: { limit: 100 } } })));

  if (person.error) return <ErrorState error={person.error} retry={person.reload} />;
  if (!person.data)
    return (
      <div className="page">
        <LoadingCard label="Loading profile…" rows={5} />
      </div>
    );
  const p = person.data;
  const isMe = p.id === me.id;
  const withThem = (mine.data?.items ?? []).filter(
    (r) => r.mentee?.id === p.id || r.mentor?.id === p.id,
  );
  const open = withThem.find((r) => r.state === 'requested' || LIVE_STATES.includes(r.state));

  return (
    <div className="page">
      <nav className="breadcrumbs" aria-label="Breadcrumbs">
        <Link to="/people">People</Link> <span aria-hidden="true">/</span> <span>{p.name}</span>
      </nav>
      <div className="profile-hero card">
        <Avatar name={p.name} size="lg" />
        <div className="profile-hero__text">
          <h1>
            {p.name} {isMe && <span className="tag">You</span>}
          </h1>
          <p className="profile-hero__title">{p.title}</p>
          <p className="muted">
            <WorkPlace p={p} />
          </p>
        </div>
        <div className="profile-hero__side">
          {p.mentor_capacity > 0 ? (
            <span className="tag tag--success">Mentors up to {p.mentor_capacity} at a time</span>
          ) : (
            <span className="tag">Not taking mentees now</span>
          )}
          {isMe && (
            <Link className="btn btn--secondary btn--small" to="/profile">
              Edit my profile
            </Link>
          )}
        </div>
      </div>

      <div className="profile-layout">
        <div className="stack-lg">
          <Card title="About">
            {p.bio ? <p className="prose">{p.bio}</p> : <p className="muted">No bio yet.</p>}
            <dl className="facts facts--grid">
              <dt>Timezone</dt>
              <dd>
                {p.timezone} <span className="muted">(now {formatTime(new Date().toISOString(), p.timezone)})</span>
              </dd>
              <dt>Languages</dt>
              <dd>{p.languages.length ? p.languages.join(', ') : '–'}</dd>
              <dt>Meets by</dt>
              <dd>{p.media.length ? p.media.map((m) => MEDIUM_LABELS[m]).join(', ') : '–'}</dd>
              <dt>Offers</dt>
              <dd>{p.formats_offered.length ? p.formats_offered.map((f) => FORMAT_LABELS[f]).join(', ') : '–'}</dd>
              <dt>Experience</dt>
              <dd>{p.years_of_experience != null ? `${p.years_of_experience} years` : '–'}</dd>
            </dl>
          </Card>
          <Card title="Skills">
            {p.skills.length === 0 ? (
              <p className="muted">No skills listed.</p>
            ) : (
              <ul className="skills-table">
                {[...p.skills]
                  .sort((a, b) => b.level - a.level)
                  .map((s) => (
                    <li key={s.name}>
                      <span>{s.name}</span>
                      <SkillLevel level={s.level} />
                      <span className="muted small">{SKILL_LEVELS[s.level - 1]}</span>
                    </li>
                  ))}
              </ul>
            )}
          </Card>
        </div>
        <aside className="stack-lg">
          {!isMe && p.manager_id === me.id && <RecommendMentorCard person={p} />}
          {p.responsiveness && (p.mentor_capacity > 0 || p.responsiveness.requests_received > 0) && (
            <ResponsivenessCard r={p.responsiveness} name={p.name.split(' ')[0]} />
          )}
          {!isMe &&
            (open ? (
              <Card title="You are already connected">
                <p>
                  {open.my_role === 'mentee' ? 'Your mentoring with' : 'Your mentoring of'} {p.name.split(' ')[0]}:{' '}
                  <StateBadge state={open.state} />
                </p>
                <Link className="btn btn--secondary" to={open.state === 'requested' ? '/requests' : `/relationships/${open.id}`}>
                  {open.state === 'requested' ? 'See the request' : 'Open the workspace'}
                </Link>
              </Card>
            ) : (
              <>
                <RequestMentorCard person={p} isMyManager={me.manager_id === p.id} />
                {me.mentor_capacity > 0 && <OfferCard person={p} />}
              </>
            ))}
        </aside>
      </div>
    </div>
  );
}

/** The request form (message and draft purpose) -> POST /api/v1/relationships. Also opened from
 *  the Find a mentor page with the draft purpose prefilled from the chosen purpose. */
export function RequestMentorCard({
  person,
  isMyManager = false,
  initialDraft = '',
  onCancel,
}: {
  person: Pick<Person, 'id' | 'name' | 'mentor_capacity'>;
  isMyManager?: boolean;
  initialDraft?: string;
  onCancel?: () => void;
}) {
  const first = person.name.split(' ')[0];

  if (isMyManager)
    return (
      <Card title="Request as mentor">
        <Hint>
          {first} is your current manager. Look for a mentor who is not your manager: another perspective helps. Your
          manager can recommend one.
        </Hint>
      </Card>
    );
  if (person.mentor_capacity <= 0)
    return (
      <Card title="Request as mentor">
        <p className="muted">{first} is not taking mentees at the moment.</p>
      </Card>
    );

  return (
    <Card title="Request as mentor" className="card--form">
      <ProposalForm
        person={person}
        as="mentor"
        initialDraft={initialDraft}
        message={{ hint: `Introduce yourself and say why ${first}.`, rows: 4 }}
        draft={{
          hint: 'What would you like to get out of it? Networking, career options, a skill gap, coaching on a skill… You will agree the purpose together.',
          rows: 3,
        }}
        submit={<>Request {first} as mentor</>}
        sent={`Request sent to ${person.name}`}
        onCancel={onCancel}
      />
    </Card>
  );
}

function OfferCard({ person }: { person: Person }) {
  const [open, setOpen] = useState(false);
  const first = person.name.split(' ')[0];

  return (
    <Card title="Offer to mentor">
      {!open ? (
        <>
          <p className="muted">You mentor others. Think {first} would benefit? Offer to be their mentor.</p>
          <Button variant="secondary" onClick={() => setOpen(true)}>
            Offer to mentor {first}
          </Button>
        </>
      ) : (
        <ProposalForm
          person={person}
          as="mentee"
          message={{ rows: 3, autoFocus: true }}
          draft={{ rows: 2 }}
          submit="Send offer"
          sent={`Offer sent to ${person.name}`}
          onCancel={() => setOpen(false)}
        />
      )}
    </Card>
  );
}

/** A message and a draft purpose that propose a relationship with `person` `as` mentor or mentee
 *  -> POST /api/v1/relationships; then on to Requests, where it waits for an answer. */
function ProposalForm({
  person,
  as,
  initialDraft = '',
  message: messageField,
  draft: draftField,
  submit,
  sent,
  onCancel,
}: {
  person: Pick<Person, 'id' | 'name'>;
  as: 'mentor' | 'mentee';
  initialDraft?: string;
  message: { hint?: string; rows: number; autoFocus?: boolean };
  draft: { hint?: string; rows: number };
  submit: ReactNode;
  sent: string;
  onCancel?: () => void;
}) {
  const [message, setMessage] = useState('');
  const [draft, setDraft] = useState(initialDraft);
  const action = useAction();
  const toast = useToast();
  const personField = `${as}_id`;

  async function send(e: FormEvent) {
    e.preventDefault();
    const body =
      as === 'mentor'
        ? { mentor_id: person.id, message, draft_purpose: draft }
        : { mentee_id: person.id, message, draft_purpose: draft };
    if (await action.run(() => ok(api.POST('/api/v1/relationships', { body })))) {
      toast(sent);
      navigate('/requests');
    }
  }

  return (
    <form className="stack" onSubmit={send} noValidate>
      <TextArea label="Message" {...messageField} value={message} onChange={(e) => setMessage(e.target.value)} error={errorFor(action.error, 'message')} />
      <TextArea label="Draft purpose" {...draftField} value={draft} onChange={(e) => setDraft(e.target.value)} error={errorFor(action.error, 'draft_purpose')} />
      {errorFor(action.error, personField) ? (
        <div className="form-error" role="alert">
          {errorFor(action.error, personField)}
        </div>
      ) : (
        <FormError error={action.error && !['message', 'draft_purpose'].includes(action.error.field) ? action.error : null} />
      )}
      <SubmitRow busy={action.busy} submit={submit} onCancel={onCancel} />
    </form>
  );
}

/** A manager recommends a mentor to a direct report. The answer says only what was sent: nothing
 *  about the report's mentoring. */
function RecommendMentorCard({ person }: { person: Person }) {
  const { me } = useSession();
  const [mentor, setMentor] = useState<DirectoryEntry | null>(null);
  const [note, setNote] = useState('');
  const [sent, setSent] = useState<string | null>(null);
  const action = useAction();
  const toast = useToast();
  const first = person.name.split(' ')[0];

  async function submit(e: FormEvent) {
    e.preventDefault();
    if (!mentor) return;
    const done = await action.run(() =>
      ok(api.POST('/api/v1/people/{id}/mentor-recommendations', { params: { path: { id: person.id } }, body: { mentor_id: mentor.id, note } })),
    );
    if (done) {
      toast(`Recommendation sent to ${first}`);
      setSent(mentor.name);
      setMentor(null);
      setNote('');
    }
  }

  return (
    <Card title={`Recommend a mentor to ${person.name}`} className="card--form recommend-card">
      {sent ? (
        <div className="stack">
          <Hint tone="success">
            Sent. {first} will see that you recommend {sent} as a mentor. Whether and how {first} follows it up
            stays between {first} and their mentor.
          </Hint>
          <Button variant="secondary" onClick={() => setSent(null)}>
            Recommend someone else
          </Button>
        </div>
      ) : mentor ? (
        <form className="stack" onSubmit={submit} noValidate aria-label="Recommend a mentor">
          <div className="chosen">
            <Avatar name={mentor.name} size="sm" />
            <div>
              <strong>{mentor.name}</strong>
              <span className="muted small"> · {mentor.title}</span>
            </div>
            <button type="button" className="link-button small" onClick={() => setMentor(null)}>
              Change
            </button>
          </div>
          <TextArea
            label="Note"
            hint={`Why ${mentor.name.split(' ')[0]}? ${first} sees this note.`}
            rows={3}
            value={note}
            onChange={(e) => setNote(e.target.value)}
            error={errorFor(action.error, 'note')}
          />
          {errorFor(action.error, 'mentor_id') ? (
            <div className="form-error" role="alert">
              {errorFor(action.error, 'mentor_id')}
            </div>
          ) : (
            <FormError error={action.error && action.error.field !== 'note' ? action.error : null} />
          )}
          <Button type="submit" busy={action.busy}>
            Send recommendation
          </Button>
        </form>
      ) : (
        <div className="stack-sm">
          <p className="muted small">
            You are {first}’s manager. Suggest someone else who could mentor them: another perspective helps.
          </p>
          <DirectorySearch compact onPick={setMentor} excludeIds={[person.id, me.id]} />
        </div>
      )}
    </Card>
  );
}
