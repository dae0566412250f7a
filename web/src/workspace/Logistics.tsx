import { useState, type FormEvent } from 'react';
import { api, ok, wholeNumber } from '../api';
import { MEDIUM_LABELS, dateInDays, formatDate, plural } from '../format';
import type { Medium } from '../types';
import { FormActions, Hint, MediumOptions, OpenButton, SelectField, TextArea, TextField, useDraftForm, useToast } from '../ui';
import { ActionSection, useWorkspace } from './context';
import { RELATIONSHIP_ACTIONS } from './actions';

export function LogisticsSection() {
  const { ws, workable, who } = useWorkspace();
  const l = ws.logistics;
  const [editing, setEditing] = useState(false);

  return (
    <ActionSection
      {...RELATIONSHIP_ACTIONS.logistics}
      status={l ? <span className="tag tag--success">Decided</span> : <span className="tag tag--waiting">Not decided yet</span>}
    >
      {editing || (!l && workable) ? (
        <LogisticsEditor onDone={() => setEditing(false)} canCancel={!!l} />
      ) : !l ? (
        <p className="muted">No logistics were decided.</p>
      ) : (
        <div className="stack">
          {l.hints.length > 0 && (
            <div className="stack-sm" aria-label="Hints">
              {l.hints.map((h) => (
                <Hint key={h} tone="warn">
                  {h}
                </Hint>
              ))}
            </div>
          )}
          <dl className="facts facts--grid">
            <dt>How often</dt>
            <dd>Every {plural(l.cadence_days, 'day')}</dd>
            <dt>How</dt>
            <dd>
              {MEDIUM_LABELS[l.medium]}
              {l.medium === 'video' && <span className="tag tag--success">Face to face</span>}
            </dd>
            <dt>Where</dt>
            <dd>{l.where || <span className="muted">–</span>}</dd>
            <dt>Feedback</dt>
            <dd>{l.feedback_preference || <span className="muted">–</span>}</dd>
            <dt>What {who('mentee')} {who('mentee') === 'you' ? 'want' : 'wants'} to learn</dt>
            <dd>{l.mentee_learning || <span className="muted">–</span>}</dd>
            <dt>What {who('mentor')} {who('mentor') === 'you' ? 'want' : 'wants'} to learn</dt>
            <dd>{l.mentor_learning || <span className="muted">–</span>}</dd>
            <dt>Review date</dt>
            <dd>{l.review_date ? formatDate(l.review_date) : <span className="muted">not set</span>}</dd>
          </dl>
          {workable && (
            <OpenButton onOpen={() => setEditing(true)}>Change the logistics</OpenButton>
          )}
        </div>
      )}
    </ActionSection>
  );
}

function LogisticsEditor({ onDone, canCancel }: { onDone: () => void; canCancel: boolean }) {
  const { ws, setWs, who, me } = useWorkspace();
  const wants = (role: 'mentee' | 'mentor') => `${who(role)} ${who(role) === 'you' ? 'want' : 'wants'}`;
  const l = ws.logistics;
  const { draft, action: save, field } = useDraftForm(() => ({
    cadence_days: String(l?.cadence_days ?? ws.cadence_days),
    medium: l?.medium ?? ('video' as Medium),
    where: l?.where ?? '',
    feedback_preference: l?.feedback_preference ?? '',
    mentee_learning: l?.mentee_learning ?? '',
    mentor_learning: l?.mentor_learning ?? '',
    review_date: l?.review_date ?? '',
  }));
  const toast = useToast();

  async function submit(e: FormEvent) {
    e.preventDefault();
    const body = {
      ...draft,
      cadence_days: wholeNumber(draft.cadence_days),
      review_date: draft.review_date || null,
    };
    const next = await save.run(() => ok(api.PUT('/api/v1/relationships/{id}/logistics', { params: { path: { id: ws.id } }, body })));
    if (next) {
      setWs(next);
      onDone();
      toast('Logistics saved');
    }
  }

  return (
    <form className="stack" onSubmit={submit} noValidate aria-label="Logistics editor">
      <div className="grid-3">
        <TextField
          label="Meet every … days"
          hint="Between 1 and 90. Every two to four weeks keeps momentum."
          inputMode="numeric"
          {...field('cadence_days')}
        />
        <SelectField label="How you meet" hint="Seeing each other matters for the visual cues." {...field('medium')}>
          <MediumOptions recommended="video" />
        </SelectField>
        <TextField label="Where" hint="A video link, a room or a café." {...field('where')} />
      </div>
      <TextArea label={`How ${wants('mentee')} to receive feedback`} rows={2} {...field('feedback_preference')} />
      <div className="grid-2">
        <TextArea label={`What ${wants('mentee')} to learn`} rows={2} {...field('mentee_learning')} />
        <TextArea label={`What ${wants('mentor')} to learn`} hint="Mentors learn and grow too." rows={2} {...field('mentor_learning')} />
      </div>
      <TextField
        label="Review date"
        type="date"
        hint="A day on which to discuss when the relationship should come to its natural end."
        min={dateInDays(1, me.timezone)}
        {...field('review_date')}
        className="field--narrow"
      />
      <FormActions error={save.error} busy={save.busy} submit="Save logistics" onCancel={canCancel ? onDone : undefined} />
    </form>
  );
}
