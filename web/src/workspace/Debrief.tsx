import { useState, type FormEvent, type ReactNode } from 'react';
import { api, ok } from '../api';
import { CATEGORY_LABELS, OUTCOMES, OUTCOME_LABELS, formatDate } from '../format';
import { navigate } from '../router';
import type { Debrief, DebriefSummary, Objective, ObjectiveOutcome } from '../types';
import { Button, Fetched, FieldError, FormError, Hint, InlineFormActions, OpenButton, Quote, TextArea, errorFor, useAction, useApi, useDraftForm, useToast } from '../ui';
import { ActionSection, scrollToSection, useWorkspace } from './context';
import { RELATIONSHIP_ACTIONS } from './actions';

export function DebriefSection() {
  const { ws } = useWorkspace();
  const status = <ConcludeStatus state={ws.state} concludedAt={ws.concluded_at} />;
  return (
    <ActionSection
      {...RELATIONSHIP_ACTIONS.debrief}
      status={status}
    >
      {ws.state === 'concluding' || ws.state === 'concluded' ? <DebriefPanel key={ws.state} /> : <StartConcluding />}
    </ActionSection>
  );
}

/** Where concluding stands, for a relationship or a circle. */
export function ConcludeStatus({ state, concludedAt }: { state: string; concludedAt: string | null | undefined }) {
  return state === 'concluded' ? (
    <span className="tag tag--success">Concluded {concludedAt ? formatDate(concludedAt) : ''}</span>
  ) : state === 'concluding' ? (
    <span className="tag tag--waiting">Debriefing</span>
  ) : (
    <span className="tag">When the time comes</span>
  );
}

/** "Start concluding", then the question (`children`) with "Yes, start concluding" (which runs
 *  `action`) and "Not now"; what the API refused under it. `groupLabel` names the question for
 *  assistive technology where the page has several. */
export function ConfirmConcluding({
  children,
  groupLabel,
  action,
}: {
  children: ReactNode;
  groupLabel?: string;
  action: ReturnType<typeof useStartConcluding>;
}) {
  const [confirming, setConfirming] = useState(false);
  return (
    <>
      {!confirming ? (
        <OpenButton onOpen={() => setConfirming(true)}>Start concluding</OpenButton>
      ) : (
        <div className="confirm" {...(groupLabel ? { role: 'group', 'aria-label': groupLabel } : {})}>
          <p>{children}</p>
          <div className="row">
            <ConcludeOrNot action={action} onNotNow={() => setConfirming(false)} />
          </div>
        </div>
      )}
      <FormError error={action.error} />
    </>
  );
}

/** The answers to "Start concluding?": "Yes, start concluding" runs `action`. */
export function ConcludeOrNot({ action, onNotNow }: { action: ReturnType<typeof useStartConcluding>; onNotNow: () => void }) {
  return (
    <>
      <Button busy={action.busy} onClick={action.conclude}>
        Yes, start concluding
      </Button>
      <Button variant="ghost" onClick={onNotNow}>
        Not now
      </Button>
    </>
  );
}

/** Starts concluding (`post`): says `told`, fetches the workspace again with `reload` and, when
 *  `scroll`, brings the debrief section into view. */
export function useStartConcluding(post: () => Promise<unknown>, told: string, reload: () => Promise<void>, scroll: boolean) {
  const action = useAction();
  const toast = useToast();
  async function conclude() {
    if (await action.run(post)) {
      toast(told);
      await reload();
      if (scroll) setTimeout(() => scrollToSection('debrief'), 100);
    }
  }
  return { busy: action.busy, error: action.error, conclude };
}

/** A relationship's: both are asked for their debriefs. */
export function useConcludeRelationship(scroll: boolean) {
  const { ws, reload } = useWorkspace();
  return useStartConcluding(() => ok(api.POST('/api/v1/relationships/{id}/conclude', { params: { path: { id: ws.id } } })), 'Concluding: write your debrief', reload, scroll);
}

function StartConcluding() {
  const { ws } = useWorkspace();
  const action = useConcludeRelationship(false);
  return (
    <div className="stack">
      <p>
        Some mentoring relationships last a long time; some don’t. When it has run its course, or the review date comes,
        conclude it: each of you says, for every objective, whether it was achieved, what still needs doing and what you
        would do differently next time.
        {ws.logistics?.review_date && <> Your review date is {formatDate(ws.logistics.review_date)}.</>}
      </p>
      <ConfirmConcluding action={action}>
        Start concluding? You will each write a debrief; then the relationship becomes read-only.
      </ConfirmConcluding>
    </div>
  );
}

function DebriefPanel() {
  const { ws } = useWorkspace();
  const summary = useApi(`/relationships/${ws.id}/debrief`, () => ok(api.GET('/api/v1/relationships/{id}/debrief', { params: { path: { id: ws.id } } })));
  return (
    <Fetched loaded={summary} label="Loading the debrief…">
      {(s) =>
        s.state === 'concluded' ? (
          <SideBySide s={s} />
        ) : !s.submitted_by_me ? (
          <RelationshipDebriefForm s={s} onSaved={summary.setData} />
        ) : (
          <WaitingForOther s={s} />
        )
      }
    </Fetched>
  );
}

function RelationshipDebriefForm({ s, onSaved }: { s: DebriefSummary; onSaved: (s: DebriefSummary) => void }) {
  const { ws, reload, nameOfRole, myRole } = useWorkspace();
  const otherRole = myRole === 'mentee' ? 'mentor' : 'mentee';

  return (
    <DebriefForm
      objectives={s.purpose.objectives}
      save={(body) => ok(api.PUT('/api/v1/relationships/{id}/debrief', { params: { path: { id: ws.id } }, body }))}
      onSaved={onSaved}
      concluded="Both debriefs are in: the relationship is concluded"
      reload={reload}
      intro={
        s.submitted_by_other
          ? `${nameOfRole(otherRole)} has written their debrief. Yours concludes the relationship; then you both read them side by side.`
          : `Write your own view. ${nameOfRole(otherRole)} writes theirs; neither sees the other’s until both are in.`
      }
    />
  );
}

/** What PUT .../debrief takes, for a relationship and a circle alike. */
export interface DebriefBody {
  outcomes: { objective_id: string; outcome: ObjectiveOutcome }[];
  achieved: string;
  still_to_do: string;
  do_differently: string;
  rating: number | null;
}

/** A debrief's answers before any is written; the outcomes are kept per objective. */
const NO_ANSWERS: Omit<DebriefBody, 'outcomes'> = { achieved: '', still_to_do: '', do_differently: '', rating: null };

/** A debrief without its owner: an outcome for each objective, what was achieved, what still
 *  needs doing, what one would do differently, and an optional rating. `save` sends it; the
 *  answer goes to `onSaved`, a toast says so (`concluded` when it was the last one), and the
 *  workspace is fetched again with `reload`. */
export function DebriefForm<S extends { state: string }>({
  objectives,
  save,
  onSaved,
  concluded,
  reload,
  intro,
  stillHint = 'A follow-up relationship starts from this.',
  differentlyLabel = 'What I would do differently in my next mentoring relationship',
}: {
  objectives: Objective[];
  save: (body: DebriefBody) => Promise<S>;
  onSaved: (s: S) => void;
  concluded: string;
  reload: () => Promise<void>;
  intro: ReactNode;
  stillHint?: string;
  differentlyLabel?: string;
}) {
  const { draft, set, action, field } = useDraftForm(NO_ANSWERS);
  const toast = useToast();
  const [outcomes, setOutcomes] = useState<Record<string, ObjectiveOutcome | ''>>(() =>
    Object.fromEntries(objectives.map((o) => [o.id, ''])),
  );

  async function submit(e: FormEvent) {
    e.preventDefault();
    const body = {
      outcomes: objectives
        .filter((o) => outcomes[o.id])
        .map((o) => ({ objective_id: o.id, outcome: outcomes[o.id] as ObjectiveOutcome })),
      ...draft,
    };
    const next = await action.run(() => save(body));
    if (next) {
      onSaved(next);
      toast(next.state === 'concluded' ? concluded : 'Debrief submitted');
      await reload();
    }
  }

  // outcomes[2].outcome names the third *sent* outcome; map it back to the objective.
  const sent = objectives.filter((o) => outcomes[o.id]);
  const outcomeError = (o: Objective) => {
    const i = sent.indexOf(o);
    return (i >= 0 && (errorFor(action.error, `outcomes[${i}]`, true) ?? undefined)) || undefined;
  };

  return (
    <form className="stack-lg" onSubmit={submit} noValidate aria-label="Your debrief">
      <Hint>{intro}</Hint>
      {objectives.length > 0 && (
        <fieldset className="form-section">
          <legend>For each objective: was it achieved?</legend>
          <FieldError message={errorFor(action.error, 'outcomes')} />
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
      <TextArea label="What was achieved" rows={3} {...field('achieved')} />
      <TextArea label="What still needs doing" hint={stillHint} rows={3} {...field('still_to_do')} />
      <TextArea label={differentlyLabel} rows={3} {...field('do_differently')} />
      <RatingInput
        legend="How worthwhile was it? (optional)"
        value={draft.rating}
        onChange={(rating) => set('rating', rating)}
        error={errorFor(action.error, 'rating')}
      />
      <div className="form-actions">
        <FormError
          error={action.error}
          fieldLabels={{ outcomes: 'Objectives', achieved: 'What was achieved', still_to_do: 'What still needs doing', do_differently: 'What I would do differently' }}
        />
        <Button type="submit" busy={action.busy}>
          Submit my debrief
        </Button>
      </div>
    </form>
  );
}

/** One to five stars as radio buttons (arrow keys move between them); `null` is no rating. */
export function RatingInput({
  legend,
  value,
  onChange,
  error,
  name = 'rating',
  clearable = true,
}: {
  legend: string;
  value: number | null;
  onChange: (v: number | null) => void;
  error?: string;
  name?: string;
  clearable?: boolean;
}) {
  return (
    <fieldset className={'field' + (error ? ' field--invalid' : '')}>
      <legend>{legend}</legend>
      <div className="rating" role="radiogroup" aria-label="Rating from 1 to 5">
        {[1, 2, 3, 4, 5].map((n) => (
          <label key={n} className={'rating__star' + (value !== null && n <= value ? ' rating__star--on' : '')}>
            <input type="radio" name={name} value={n} checked={value === n} onChange={() => onChange(n)} />
            <span aria-hidden="true">★</span>
            <span className="sr-only">{n} of 5</span>
          </label>
        ))}
        {clearable && value !== null && (
          <button type="button" className="link-button small" onClick={() => onChange(null)}>
            Clear
          </button>
        )}
      </div>
      <FieldError message={error} />
    </fieldset>
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

export function DebriefCard({ d, objectives, title }: { d: Debrief; objectives: Objective[]; title: string }) {
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

export function OutcomeChip({ outcome }: { outcome: ObjectiveOutcome }) {
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
              <Quote label="The outcome you wanted" purpose>
                {start.desired_outcome}
              </Quote>
            )}
          </>
        ) : (
          <p className="muted">The purpose was never agreed by both.</p>
        )}
      </div>
      <DebriefTable
        rows={rows}
        columns={[
          { key: 'mentee', label: nameOfRole('mentee'), debrief: menteeD },
          { key: 'mentor', label: nameOfRole('mentor'), debrief: mentorD },
        ]}
        caption="Each objective, as the mentee and the mentor saw it"
      />
      <FollowUp />
    </div>
  );
}

function FollowUp() {
  const { ws } = useWorkspace();
  const other = ws.my_role === 'mentor' ? ws.mentee : ws.mentor;
  const [open, setOpen] = useState(false);
  const { draft, action, field } = useDraftForm({ message: '', draft_purpose: '' });
  const toast = useToast();
  async function submit(e: FormEvent) {
    e.preventDefault();
    const body = draft.draft_purpose.trim() ? draft : { message: draft.message };
    const r = await action.run(() => ok(api.POST('/api/v1/relationships/{id}/follow-up', { params: { path: { id: ws.id } }, body })));
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
      {!other?.active ? (
        <p className="muted">{other?.name ?? 'The other person'} is no longer in Mentorhub, so no follow-up can be proposed.</p>
      ) : !open ? (
        <div>
          <Button onClick={() => setOpen(true)}>Propose a follow-up relationship</Button>
        </div>
      ) : (
        <form className="stack" onSubmit={submit} noValidate aria-label="Propose a follow-up">
          <TextArea label="Message" rows={2} {...field('message')} autoFocus />
          <TextArea label="Draft purpose" hint="Leave empty to start from what you both said still needs doing." rows={3} {...field('draft_purpose')} />
          <InlineFormActions
            error={action.error}
            fields={['message', 'draft_purpose']}
            busy={action.busy}
            submit="Send the proposal"
            onCancel={() => setOpen(false)}
          />
        </form>
      )}
    </div>
  );
}

/** Debriefs side by side: a row per objective with each author's outcome, then a row per text
 *  (achieved, still to do, do differently, rating). A column per author. */
export function DebriefTable({
  rows,
  columns,
  caption,
}: {
  rows: { o: Objective; atStart: boolean }[];
  columns: { key: string; label: ReactNode; debrief: Debrief | undefined }[];
  caption: string;
}) {
  const outcomeOf = (d: Debrief | undefined, id: string) => d?.outcomes.find((x) => x.objective_id === id)?.outcome;
  const texts: { label: string; pick: (d: Debrief) => string }[] = [
    { label: 'What was achieved', pick: (d) => d.achieved },
    { label: 'What still needs doing', pick: (d) => d.still_to_do },
    { label: 'What I would do differently next time', pick: (d) => d.do_differently },
    { label: 'Rating', pick: (d) => (d.rating ? '★'.repeat(d.rating) + '☆'.repeat(5 - d.rating) + ` (${d.rating} of 5)` : '–') },
  ];
  return (
    <div tabIndex={0} role="region" aria-label="Debriefs side by side" className="table-wrap">
      <table className={'summary-table' + (columns.length > 2 ? ' summary-table--many' : '')}>
        <caption className="sr-only">{caption}</caption>
        <thead>
          <tr>
            <th scope="col">Objective</th>
            {columns.map((c) => (
              <th key={c.key} scope="col">
                {c.label}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.length === 0 && (
            <tr>
              <td colSpan={columns.length + 1} className="muted">
                No objectives were defined.
              </td>
            </tr>
          )}
          {rows.map(({ o, atStart }) => (
            <tr key={o.id}>
              <th scope="row">
                <span className="category">{CATEGORY_LABELS[o.category]}</span> {o.description}
                {o.success_measure && <span className="muted small block">Success: {o.success_measure}</span>}
                {!atStart && <span className="tag">Added later</span>}
              </th>
              {columns.map((c) => {
                const v = outcomeOf(c.debrief, o.id);
                return <td key={c.key}>{v ? <OutcomeChip outcome={v} /> : <span className="muted">–</span>}</td>;
              })}
            </tr>
          ))}
          {texts.map((t) => (
            <tr key={t.label} className="summary-table__text">
              <th scope="row">{t.label}</th>
              {columns.map((c) => (
                <td key={c.key}>{c.debrief ? t.pick(c.debrief) || <span className="muted">–</span> : '–'}</td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
