import { useState, type FormEvent, type ReactNode } from 'react';
import { api, ok } from '../api';
import { CATEGORIES, CATEGORY_LABELS, formatDate } from '../format';
import type { Objective, ObjectiveCategory } from '../types';
import { Button, FieldError, FormActions, FormError, Hint, SelectField, TextArea, TextField, errorFor, useAction, useToast } from '../ui';
import { ActionSection, useWorkspace } from './context';
import { RELATIONSHIP_ACTIONS } from './actions';

interface DraftObjective {
  id: string | null;
  category: ObjectiveCategory;
  description: string;
  success_measure: string;
}

const blank = (): DraftObjective => ({ id: null, category: 'skill_gaps', description: '', success_measure: '' });

export function PurposeSection() {
  const { ws, workable, nameOfRole, setWs, reload, myRole, who } = useWorkspace();
  const p = ws.purpose;
  const [editing, setEditing] = useState(false);
  const agree = useAction();
  const toast = useToast();
  const otherRole = myRole === 'mentee' ? 'mentor' : 'mentee';

  async function doAgree() {
    const next = await agree.run(() =>
      ok(api.POST('/api/v1/relationships/{id}/purpose/agree', { params: { path: { id: ws.id } }, body: { version: p.version } })),
    );
    if (next) {
      setWs(next);
      toast(next.purpose.agreed ? 'You both agreed the purpose' : 'You agreed the purpose');
    } else {
      // The purpose changed since this page loaded: show the new version to read.
      await reload();
    }
  }

  const status = <PurposeStatus version={p.version} agreed={p.agreed} />;

  return (
    <ActionSection
      {...RELATIONSHIP_ACTIONS.purpose}
      status={status}
    >
      {editing || (p.version === 0 && workable) ? (
        <PurposeEditor
          onDone={() => setEditing(false)}
          canCancel={p.version > 0}
        />
      ) : p.version === 0 ? (
        <p className="muted">No purpose was defined.</p>
      ) : (
        <div className="stack">
          <ObjectiveList objectives={p.objectives} desiredOutcome={p.desired_outcome} />
          <div className="agreement" aria-label="Agreement">
            <span className="muted small">Version {p.version}</span>
            {(['mentee', 'mentor'] as const).map((role) => {
              const yes = role === 'mentee' ? p.agreed_by_mentee : p.agreed_by_mentor;
              const name = role === myRole ? 'You' : who(role);
              return (
                <span key={role} className={'agree-chip' + (yes ? ' agree-chip--yes' : '')}>
                  {yes ? '✓' : '…'} {name} {yes ? 'agreed' : role === myRole ? 'have not agreed yet' : 'has not agreed yet'}
                </span>
              );
            })}
            {p.agreed_at && <span className="muted small">Agreed {formatDate(p.agreed_at)}</span>}
          </div>
          {workable && (
            <div className="row">
              {!p.agreed_by_me && (
                <Button busy={agree.busy} onClick={doAgree}>
                  Agree to version {p.version}
                </Button>
              )}
              {p.agreed_by_me && !p.agreed && (
                <span className="muted">Waiting for {nameOfRole(otherRole)} to agree.</span>
              )}
              <Button variant="secondary" onClick={() => setEditing(true)}>
                {p.agreed ? 'Change the purpose' : 'Edit the draft'}
              </Button>
            </div>
          )}
          <FormError error={agree.error} />
        </div>
      )}
    </ActionSection>
  );
}

function PurposeEditor({ onDone, canCancel }: { onDone: () => void; canCancel: boolean }) {
  const { ws, setWs } = useWorkspace();
  const p = ws.purpose;
  const toast = useToast();

  return (
    <PurposeForm
      objectives={p.objectives}
      desiredOutcome={p.desired_outcome}
      save={(body) => ok(api.PUT('/api/v1/relationships/{id}/purpose', { params: { path: { id: ws.id } }, body }))}
      onSaved={(next) => {
        setWs(next);
        onDone();
        toast(`Purpose saved as version ${next.purpose.version}. Agree to it, and ask your partner to agree too.`);
      }}
      onCancel={canCancel ? onDone : undefined}
      before={
        <>
          {ws.draft_purpose && p.version === 0 && (
            <Hint>
              <strong>The draft purpose from the request:</strong> {ws.draft_purpose}
            </Hint>
          )}
          {p.agreed && <Hint tone="warn">Changing an agreed purpose asks you both to agree again.</Hint>}
        </>
      }
    />
  );
}

/** The objectives and the outcome, read-only: a relationship's or a circle's. */
export function ObjectiveList({ objectives, desiredOutcome, outcomeTitle = 'The outcome we want' }: { objectives: Objective[]; desiredOutcome: string; outcomeTitle?: string }) {
  return (
    <>
      <ol className="objectives">
        {objectives.map((o) => (
          <li key={o.id} className="objective">
            <span className={`category category--${o.category}`}>{CATEGORY_LABELS[o.category]}</span>
            <p className="objective__text">{o.description}</p>
            {o.success_measure && (
              <p className="objective__measure">
                <span className="muted">Success looks like:</span> {o.success_measure}
              </p>
            )}
          </li>
        ))}
      </ol>
      {desiredOutcome && (
        <div className="outcome">
          <h3 className="subheading">{outcomeTitle}</h3>
          <p>{desiredOutcome}</p>
        </div>
      )}
    </>
  );
}

/** What PUT .../purpose takes, for a relationship and a circle alike. */
export interface PurposeDraft {
  objectives: { id?: string; category: ObjectiveCategory; description: string; success_measure: string }[];
  desired_outcome: string;
}

/** The purpose editor without its owner: objectives (category, description, how success is
 *  seen) and the outcome, sent with `save`, with the API's messages next to the objective they
 *  name; `onSaved` gets the answer. */
export function PurposeForm<T>({
  objectives: initial,
  desiredOutcome,
  save,
  onSaved,
  onCancel,
  before,
  outcomeHint = 'Having a clear outcome you want to achieve ensures you both get something out of it.',
  label = 'Purpose editor',
}: {
  objectives: Objective[];
  desiredOutcome: string;
  save: (body: PurposeDraft) => Promise<T>;
  onSaved: (next: T) => void;
  onCancel?: () => void;
  before?: ReactNode;
  outcomeHint?: string;
  label?: string;
}) {
  const action = useAction();
  const [objectives, setObjectives] = useState<DraftObjective[]>(() =>
    initial.length ? initial.map((o: Objective) => ({ ...o })) : [blank()],
  );
  const [outcome, setOutcome] = useState(desiredOutcome);

  const update = (i: number, patch: Partial<DraftObjective>) =>
    setObjectives((list) => list.map((o, j) => (j === i ? { ...o, ...patch } : o)));

  async function submit(e: FormEvent) {
    e.preventDefault();
    const body = {
      objectives: objectives.map((o) => ({
        ...(o.id ? { id: o.id } : {}),
        category: o.category,
        description: o.description,
        success_measure: o.success_measure,
      })),
      desired_outcome: outcome,
    };
    const next = await action.run(() => save(body));
    if (next) onSaved(next);
  }

  const err = (name: string, prefix = false) => errorFor(action.error, name, prefix);

  return (
    <form className="stack" onSubmit={submit} noValidate aria-label={label}>
      {before}
      <FieldError message={err('objectives')} />
      <ol className="objective-editor">
        {objectives.map((o, i) => (
          <li key={i} className="objective-editor__row">
            <div className="objective-editor__head">
              <h3 className="subheading">Objective {i + 1}</h3>
              {objectives.length > 1 && (
                <button
                  type="button"
                  className="btn btn--ghost btn--small"
                  onClick={() => setObjectives((list) => list.filter((_, j) => j !== i))}
                >
                  Remove<span className="sr-only"> objective {i + 1}</span>
                </button>
              )}
            </div>
            <div className="grid-objective">
              <SelectField
                label="Category"
                value={o.category}
                onChange={(e) => update(i, { category: e.target.value as ObjectiveCategory })}
                error={err(`objectives[${i}].category`)}
              >
                {CATEGORIES.map((c) => (
                  <option key={c} value={c}>
                    {CATEGORY_LABELS[c]}
                  </option>
                ))}
              </SelectField>
              <TextArea
                label={`Objective ${i + 1}`}
                hint="What do you want to work on?"
                rows={2}
                value={o.description}
                onChange={(e) => update(i, { description: e.target.value })}
                error={err(`objectives[${i}].description`) ?? err(`objectives[${i}]`) ?? err(`objectives[${i}].id`)}
              />
            </div>
            <TextField
              label={`How will you see success? (objective ${i + 1})`}
              hint="e.g. “I present my first model to the team”"
              value={o.success_measure}
              onChange={(e) => update(i, { success_measure: e.target.value })}
              error={err(`objectives[${i}].success_measure`)}
            />
          </li>
        ))}
      </ol>
      {objectives.length < 10 && (
        <div>
          <button type="button" className="btn btn--secondary btn--small" onClick={() => setObjectives((l) => [...l, blank()])}>
            + Add an objective
          </button>
        </div>
      )}
      <TextArea
        label="The outcome you want"
        hint={outcomeHint}
        rows={3}
        value={outcome}
        onChange={(e) => setOutcome(e.target.value)}
        error={err('desired_outcome')}
      />
      <FormActions
        error={action.error}
        fieldLabels={{ objectives: 'Objectives', desired_outcome: 'The outcome you want' }}
        busy={action.busy}
        submit="Save purpose"
        onCancel={onCancel}
      />
    </form>
  );
}

/** Where a purpose stands: not defined, a draft, or agreed (a relationship's or a circle's). */
export function PurposeStatus({ version, agreed }: { version: number; agreed: boolean }) {
  return version === 0 ? (
    <span className="tag tag--waiting">Not defined yet</span>
  ) : agreed ? (
    <span className="tag tag--success">Agreed · version {version}</span>
  ) : (
    <span className="tag tag--waiting">Draft · version {version}</span>
  );
}
