import { useState, type FormEvent } from 'react';
import { api } from '../api';
import { CATEGORY_LABELS, OUTCOMES, OUTCOME_LABELS, formatDate } from '../format';
import { navigate } from '../router';
import type { Debrief, DebriefSummary, Objective, ObjectiveOutcome, Relationship } from '../types';
import { Button, ErrorState, FormError, Hint, Loading, TextArea, errorFor, useAction, useApi, useToast } from '../ui';
import { ActionSection, useWorkspace } from './context';

export function DebriefSection() {
  const { ws } = useWorkspace();
  const status =
    ws.state === 'concluded' ? (
      <span className="tag tag--success">Concluded {ws.concluded_at ? formatDate(ws.concluded_at) : ''}</span>
    ) : ws.state === 'concluding' ? (
      <span className="tag tag--waiting">Debriefing</span>
    ) : (
      <span className="tag">When the time comes</span>
    );
  return (
    <ActionSection
      id="debrief"
      number={5}
      title="Debrief and conclude"
      lede="Much like a project, debriefing and formally closing the relationship solidifies what was achieved and what still needs to be done, instead of just fading away."
      status={status}
    >
      {ws.state === 'concluding' || ws.state === 'concluded' ? <DebriefPanel key={ws.state} /> : <StartConcluding />}
    </ActionSection>
  );
}

function StartConcluding() {
  const { ws, reload } = useWorkspace();
  const [confirming, setConfirming] = useState(false);
  const action = useAction();
  const toast = useToast();
  async function conclude() {
    if (await action.run(() => api.post(`/relationships/${ws.id}/conclude`, {}))) {
      toast('Concluding: write your debrief');
      await reload();
    }
  }
  return (
    <div className="stack">
      <p>
        Some mentoring relationships last a long time; some don’t. When it has run its course, or the review date comes,
        conclude it: each of you says, for every objective, whether it was achieved, what still needs doing and what you
        would do differently next time.
        {ws.logistics?.review_date && <> Your review date is {formatDate(ws.logistics.review_date)}.</>}
      </p>
      {!confirming ? (
        <div>
          <Button variant="secondary" onClick={() => setConfirming(true)}>
            Start concluding
          </Button>
        </div>
      ) : (
        <div className="confirm">
          <p>Start concluding? You will each write a debrief; then the relationship becomes read-only.</p>
          <div className="row">
            <Button busy={action.busy} onClick={conclude}>
              Yes, start concluding
            </Button>
            <Button variant="ghost" onClick={() => setConfirming(false)}>
              Not now
            </Button>
          </div>
        </div>
      )}
      <FormError error={action.error} />
    </div>
  );
}

function DebriefPanel() {
  const { ws } = useWorkspace();
  const summary = useApi<DebriefSummary>(`/relationships/${ws.id}/debrief`);
  if (summary.error) return <ErrorState error={summary.error} retry={summary.reload} />;
  if (!summary.data) return <Loading label="Loading the debrief…" />;
  const s = summary.data;
  if (s.state === 'concluded') return <SideBySide s={s} />;
  if (!s.submitted_by_me) return <DebriefForm s={s} onSaved={summary.setData} />;
  return <WaitingForOther s={s} />;
}

function DebriefForm({ s, onSaved }: { s: DebriefSummary; onSaved: (s: DebriefSummary) => void }) {
  const { ws, reload, nameOfRole, myRole } = useWorkspace();
  const objectives = s.purpose.objectives;
  const [outcomes, setOutcomes] = useState<Record<string, ObjectiveOutcome | ''>>(() =>
    Object.fromEntries(objectives.map((o) => [o.id, ''])),
  );
  const [achieved, setAchieved] = useState('');
  const [still, setStill] = useState('');
  const [differently, setDifferently] = useState('');
  const [rating, setRating] = useState<number | null>(null);
  const save = useAction();
  const toast = useToast();
  const otherRole = myRole === 'mentee' ? 'mentor' : 'mentee';

  async function submit(e: FormEvent) {
    e.preventDefault();
    const body = {
      outcomes: objectives.filter((o) => outcomes[o.id]).map((o) => ({ objective_id: o.id, outcome: outcomes[o.id] })),
      achieved,
      still_to_do: still,
      do_differently: differently,
      rating,
    };
    const next = await save.run(() => api.put<DebriefSummary>(`/relationships/${ws.id}/debrief`, body));
    if (next) {
      onSaved(next);
      toast(next.state === 'concluded' ? 'Both debriefs are in: the relationship is concluded' : 'Debrief submitted');
      await reload();
    }
  }

  // outcomes[2].outcome names the third *sent* outcome; map it back to the objective.
  const sent = objectives.filter((o) => outcomes[o.id]);
  const outcomeError = (o: Objective) => {
    const i = sent.indexOf(o);
    return (i >= 0 && (errorFor(save.error, `outcomes[${i}]`, true) ?? undefined)) || undefined;
  };

  return (
    <form className="stack-lg" onSubmit={submit} noValidate aria-label="Your debrief">
      <Hint>
        {s.submitted_by_other
          ? `${nameOfRole(otherRole)} has written their debrief. Yours concludes the relationship; then you both read them side by side.`
          : `Write your own view. ${nameOfRole(otherRole)} writes theirs; neither sees the other’s until both are in.`}
      </Hint>
      {objectives.length > 0 && (
        <fieldset className="form-section">
          <legend>For each objective: was it achieved?</legend>
          {errorFor(save.error, 'outcomes') && (
            <p className="field__error" role="alert">
              {errorFor(save.error, 'outcomes')}
            </p>
          )}
          <ol className="outcome-list">
            {objectives.map((o, i) => (
              <li key={o.id} className="outcome-row">
                <div role="radiogroup" aria-labelledby={`obj-${o.id}`} className="outcome-row__inner">
                  <p id={`obj-${o.id}`} className="outcome-row__objective">
                    <span className="category">{CATEGORY_LABELS[o.category]}</span> {i + 1}. {o.description}
                  </p>
                  <div className="segmented">
                    {OUTCOMES.map((v) => (
                      <label key={v} className={`segmented__option segmented__option--${v}`}>
                        <input
                          type="radio"
                          name={`outcome-${o.id}`}
                          value={v}
                          checked={outcomes[o.id] === v}
                          onChange={() => setOutcomes((x) => ({ ...x, [o.id]: v }))}
                        />
                        <span>{OUTCOME_LABELS[v]}</span>
                      </label>
                    ))}
                  </div>
                </div>
                {outcomeError(o) && <p className="field__error">{outcomeError(o)}</p>}
              </li>
            ))}
          </ol>
        </fieldset>
      )}
      <TextArea label="What was achieved" rows={3} value={achieved} onChange={(e) => setAchieved(e.target.value)} error={errorFor(save.error, 'achieved')} />
      <TextArea
        label="What still needs doing"
        hint="A follow-up relationship starts from this."
        rows={3}
        value={still}
        onChange={(e) => setStill(e.target.value)}
        error={errorFor(save.error, 'still_to_do')}
      />
      <TextArea
        label="What I would do differently in my next mentoring relationship"
        rows={3}
        value={differently}
        onChange={(e) => setDifferently(e.target.value)}
        error={errorFor(save.error, 'do_differently')}
      />
      <fieldset className="field">
        <legend>How worthwhile was it? (optional)</legend>
        <div className="rating" role="radiogroup" aria-label="Rating from 1 to 5">
          {[1, 2, 3, 4, 5].map((n) => (
            <label key={n} className={'rating__star' + (rating !== null && n <= rating ? ' rating__star--on' : '')}>
              <input type="radio" name="rating" value={n} checked={rating === n} onChange={() => setRating(n)} />
              <span aria-hidden="true">★</span>
              <span className="sr-only">{n} of 5</span>
            </label>
          ))}
          {rating !== null && (
            <button type="button" className="link-button small" onClick={() => setRating(null)}>
              Clear
            </button>
          )}
        </div>
        {errorFor(save.error, 'rating') && <p className="field__error">{errorFor(save.error, 'rating')}</p>}
      </fieldset>
      <div className="form-actions">
        <FormError
          error={save.error}
          fieldLabels={{ outcomes: 'Objectives', achieved: 'What was achieved', still_to_do: 'What still needs doing', do_differently: 'What I would do differently' }}
        />
        <Button type="submit" busy={save.busy}>
          Submit my debrief
        </Button>
      </div>
    </form>
  );
}

function WaitingForOther({ s }: { s: DebriefSummary }) {
  const { nameOfRole, myRole, me } = useWorkspace();
  const mine = s.debriefs.find((d) => d.author_id === me.id);
  const otherRole = myRole === 'mentee' ? 'mentor' : 'mentee';
  return (
    <div className="stack">
      <Hint tone="success">
        Your debrief is in. Waiting for {nameOfRole(otherRole)}’s; the side-by-side summary appears when both are in.
      </Hint>
      {mine && <DebriefCard d={mine} objectives={s.purpose.objectives} title="Your debrief" />}
    </div>
  );
}

function DebriefCard({ d, objectives, title }: { d: Debrief; objectives: Objective[]; title: string }) {
  return (
    <div className="card card--inset">
      <h3 className="subheading">{title}</h3>
      <ul className="stack-sm">
        {objectives.map((o) => {
          const out = d.outcomes.find((x) => x.objective_id === o.id)?.outcome;
          return (
            <li key={o.id}>
              {o.description}: {out ? <OutcomeChip outcome={out} /> : '–'}
            </li>
          );
        })}
      </ul>
      <dl className="facts">
        <dt>Achieved</dt>
        <dd>{d.achieved || '–'}</dd>
        <dt>Still to do</dt>
        <dd>{d.still_to_do || '–'}</dd>
        <dt>Do differently</dt>
        <dd>{d.do_differently || '–'}</dd>
        <dt>Rating</dt>
        <dd>{d.rating ? `${d.rating} of 5` : '–'}</dd>
      </dl>
    </div>
  );
}

function OutcomeChip({ outcome }: { outcome: ObjectiveOutcome }) {
  return <span className={`outcome-chip outcome-chip--${outcome}`}>{OUTCOME_LABELS[outcome]}</span>;
}

function SideBySide({ s }: { s: DebriefSummary }) {
  const { ws, nameOfRole } = useWorkspace();
  const start = s.purpose_agreed_at_start;
  const menteeD = s.debriefs.find((d) => d.author_id === ws.mentee?.id);
  const mentorD = s.debriefs.find((d) => d.author_id === ws.mentor?.id);
  const startIds = new Set(start?.objectives.map((o) => o.id) ?? []);
  const rows: { o: Objective; atStart: boolean }[] = [
    ...(start?.objectives ?? []).map((o) => ({ o, atStart: true })),
    ...s.purpose.objectives.filter((o) => !startIds.has(o.id)).map((o) => ({ o, atStart: false })),
  ];
  const outcomeOf = (d: Debrief | undefined, id: string) => d?.outcomes.find((x) => x.objective_id === id)?.outcome;
  const texts: { label: string; pick: (d: Debrief) => string }[] = [
    { label: 'What was achieved', pick: (d) => d.achieved },
    { label: 'What still needs doing', pick: (d) => d.still_to_do },
    { label: 'What I would do differently next time', pick: (d) => d.do_differently },
    { label: 'Rating', pick: (d) => (d.rating ? '★'.repeat(d.rating) + '☆'.repeat(5 - d.rating) + ` (${d.rating} of 5)` : '–') },
  ];

  return (
    <div className="stack-lg summary">
      <div className="summary__purpose">
        <h3 className="subheading">The purpose you agreed at the start</h3>
        {start ? (
          <>
            <p className="muted small">
              Version {start.version}
              {start.agreed_at ? `, agreed ${formatDate(start.agreed_at)}` : ''}
              {s.purpose.version !== start.version ? ` · the purpose was changed later (now version ${s.purpose.version})` : ''}
            </p>
            {start.desired_outcome && (
              <blockquote className="quote quote--purpose">
                <span className="quote__label">The outcome you wanted</span>
                {start.desired_outcome}
              </blockquote>
            )}
          </>
        ) : (
          <p className="muted">The purpose was never agreed by both.</p>
        )}
      </div>
      <div className="table-wrap">
        <table className="summary-table">
          <caption className="sr-only">Each objective, as the mentee and the mentor saw it</caption>
          <thead>
            <tr>
              <th scope="col">Objective</th>
              <th scope="col">{nameOfRole('mentee')}</th>
              <th scope="col">{nameOfRole('mentor')}</th>
            </tr>
          </thead>
          <tbody>
            {rows.length === 0 && (
              <tr>
                <td colSpan={3} className="muted">
                  No objectives were defined.
                </td>
              </tr>
            )}
            {rows.map(({ o, atStart }) => {
              const a = outcomeOf(menteeD, o.id);
              const b = outcomeOf(mentorD, o.id);
              return (
                <tr key={o.id}>
                  <th scope="row">
                    <span className="category">{CATEGORY_LABELS[o.category]}</span> {o.description}
                    {o.success_measure && <span className="muted small block">Success: {o.success_measure}</span>}
                    {!atStart && <span className="tag">Added later</span>}
                  </th>
                  <td>{a ? <OutcomeChip outcome={a} /> : <span className="muted">–</span>}</td>
                  <td>{b ? <OutcomeChip outcome={b} /> : <span className="muted">–</span>}</td>
                </tr>
              );
            })}
            {texts.map((t) => (
              <tr key={t.label} className="summary-table__text">
                <th scope="row">{t.label}</th>
                <td>{menteeD ? t.pick(menteeD) || <span className="muted">–</span> : '–'}</td>
                <td>{mentorD ? t.pick(mentorD) || <span className="muted">–</span> : '–'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <FollowUp />
    </div>
  );
}

function FollowUp() {
  const { ws } = useWorkspace();
  const [open, setOpen] = useState(false);
  const [message, setMessage] = useState('');
  const [draft, setDraft] = useState('');
  const action = useAction();
  const toast = useToast();
  async function submit(e: FormEvent) {
    e.preventDefault();
    const body: Record<string, string> = { message };
    if (draft.trim()) body.draft_purpose = draft;
    const r = await action.run(() => api.post<Relationship>(`/relationships/${ws.id}/follow-up`, body));
    if (r) {
      toast('Follow-up proposed: it waits for an answer in Requests');
      navigate('/requests');
    }
  }
  return (
    <div className="card card--inset stack">
      <h3 className="subheading">What next?</h3>
      <p className="muted">
        There is no right or wrong length for a mentoring relationship. If there is more to do together, propose a new
        relationship with a new purpose, starting from what still needs doing.
      </p>
      {!open ? (
        <div>
          <Button onClick={() => setOpen(true)}>Propose a follow-up relationship</Button>
        </div>
      ) : (
        <form className="stack" onSubmit={submit} noValidate aria-label="Propose a follow-up">
          <TextArea label="Message" rows={2} value={message} onChange={(e) => setMessage(e.target.value)} error={errorFor(action.error, 'message')} autoFocus />
          <TextArea
            label="Draft purpose"
            hint="Leave empty to start from what you both said still needs doing."
            rows={3}
            value={draft}
            onChange={(e) => setDraft(e.target.value)}
            error={errorFor(action.error, 'draft_purpose')}
          />
          {action.error && !['message', 'draft_purpose'].includes(action.error.field) && <FormError error={action.error} />}
          <div className="row">
            <Button type="submit" busy={action.busy}>
              Send the proposal
            </Button>
            <Button type="button" variant="ghost" onClick={() => setOpen(false)}>
              Cancel
            </Button>
          </div>
        </form>
      )}
    </div>
  );
}
