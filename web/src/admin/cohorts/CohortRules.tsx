// A cohort's pins (this mentee gets this mentor) and prohibitions (never this pair): the list,
// removal, and a form to add one by searching the cohort's mentees and mentors by name. A second
// pin for a mentee is refused by the server, whose message names the mentor pinned already.
import { useState, type FormEvent } from 'react';
import { api, ApiError, ok } from '../../api';
import { formatDate } from '../../format';
import { useSession } from '../../session';
import { Button, Empty, FormError, errorFor, useAction, useToast } from '../../ui';
import { refused } from '../adminParts';
import { MemberPicker } from './CohortBits';
import type { CohortDetail, PairRule, PairRuleKind } from './cohortTypes';

const RULE_LISTS: Record<PairRuleKind, { title: string; hint: string; none: string }> = {
  pin: {
    title: 'Pins',
    hint: 'Kept in every matching while the mentor has a free place and no hard rule stands in the way.',
    none: 'No pins',
  },
  forbid: { title: 'Prohibitions', hint: 'Never proposed, whatever their score.', none: 'No prohibitions' },
};

export function CohortRules({ cohort, onRules }: { cohort: CohortDetail; onRules: (d: CohortDetail) => void }) {
  return (
    <div className="stack-lg">
      <div className="grid-2 cohort-rules">
        {(['pin', 'forbid'] as const).map((kind) => (
          <RuleList
            key={kind}
            {...RULE_LISTS[kind]}
            rules={cohort.rules.filter((r) => r.kind === kind)}
            cohortId={cohort.id}
            onRules={onRules}
          />
        ))}
      </div>
      <AddRule cohort={cohort} onRules={onRules} />
    </div>
  );
}

function RuleList({
  title,
  hint,
  none,
  rules,
  cohortId,
  onRules,
}: {
  title: string;
  hint: string;
  none: string;
  rules: PairRule[];
  cohortId: string;
  onRules: (d: CohortDetail) => void;
}) {
  return (
    <section className="card stack-sm" aria-label={title}>
      <h3 className="card__title">
        {title} <span className="count">{rules.length}</span>
      </h3>
      <p className="small muted">{hint}</p>
      {rules.length === 0 ? (
        <Empty title={none} icon="list">
          Add one below, or from a pair of the preview.
        </Empty>
      ) : (
        <ul className="cohort-rule-list">
          {rules.map((r) => (
            <RuleItem key={r.mentee_id + ':' + r.mentor_id} rule={r} cohortId={cohortId} onRules={onRules} />
          ))}
        </ul>
      )}
    </section>
  );
}

function RuleItem({ rule: r, cohortId, onRules }: { rule: PairRule; cohortId: string; onRules: (d: CohortDetail) => void }) {
  const remove = useAction();
  const toast = useToast();
  const tz = useSession().me.timezone;
  const mentee = r.mentee_name ?? `person #${r.mentee_id}`;
  const mentor = r.mentor_name ?? `person #${r.mentor_id}`;
  async function go() {
    const d = await remove.run(() => ok(api.DELETE('/api/v1/cohorts/{id}/rules/{mentee_id}/{mentor_id}', { params: { path: { id: cohortId, mentee_id: r.mentee_id, mentor_id: r.mentor_id } } })));
    if (d) {
      onRules(d);
      toast(r.kind === 'pin' ? `Pin of ${mentee} to ${mentor} removed` : `${mentee} and ${mentor} may be paired again`);
    }
  }
  return (
    <li className="cohort-rule">
      <span className="cohort-rule__pair">
        <strong>{mentee}</strong>
        <span className="muted" aria-hidden="true">
          {r.kind === 'pin' ? ' → ' : ' ✕ '}
        </span>
        <span className="sr-only">{r.kind === 'pin' ? ' pinned to ' : ' never with '}</span>
        <strong>{mentor}</strong>
        <span className="block small muted">since {formatDate(r.created_at, tz)}</span>
      </span>
      <Button variant="ghost" className="btn btn--ghost btn--small" busy={remove.busy} onClick={go}>
        Remove<span className="sr-only"> {r.kind === 'pin' ? `pin of ${mentee}` : `prohibition of ${mentee} with ${mentor}`}</span>
      </Button>
      {remove.error && <p className="field__error small">{remove.error.message}</p>}
    </li>
  );
}

const ROLES = ['mentee', 'mentor'] as const;
const NOBODY = { mentee: '', mentor: '' };

function AddRule({ cohort, onRules }: { cohort: CohortDetail; onRules: (d: CohortDetail) => void }) {
  const [picked, setPicked] = useState(NOBODY);
  const { mentee, mentor } = picked;
  const [kind, setKind] = useState<PairRuleKind>('pin');
  const save = useAction();
  const toast = useToast();

  async function submit(e: FormEvent) {
    e.preventDefault();
    const missing = ROLES.find((r) => !picked[r]);
    if (refused(save, missing ? new ApiError(422, 'invalid', `choose a ${missing}`, `${missing}_id`) : null)) return;
    const d = await save.run(() => ok(api.PUT('/api/v1/cohorts/{id}/rules/{mentee_id}/{mentor_id}', { params: { path: { id: cohort.id, mentee_id: mentee, mentor_id: mentor } }, body: { kind } })));
    if (d) {
      onRules(d);
      const r = d.rules.find((x) => x.mentee_id === mentee && x.mentor_id === mentor);
      toast(kind === 'pin' ? `${r?.mentee_name} pinned to ${r?.mentor_name}` : `${r?.mentee_name} and ${r?.mentor_name} will not be paired`);
      setPicked(NOBODY);
    }
  }

  return (
    <form className="card stack cohort-add-rule" onSubmit={submit} noValidate aria-labelledby="add-rule-title">
      <h3 id="add-rule-title" className="card__title">
        Add a pin or a prohibition
      </h3>
      <div className="grid-2">
        {ROLES.map((r) => (
          <MemberPicker
            key={r}
            cohortId={cohort.id}
            role={r}
            label={r === 'mentee' ? 'Mentee' : 'Mentor'}
            value={picked[r]}
            onChange={(id) => setPicked((p) => ({ ...p, [r]: id }))}
            total={r === 'mentee' ? cohort.mentees : cohort.mentors}
            error={errorFor(save.error, `${r}_id`)}
          />
        ))}
      </div>
      <fieldset className="field">
        <legend>Rule</legend>
        <div className="segmented">
          {(['pin', 'forbid'] as const).map((k) => (
            <label key={k} className="segmented__option">
              <input type="radio" name="rule-kind" value={k} checked={kind === k} onChange={() => setKind(k)} />
              <span>{k === 'pin' ? 'Pin: always this pair' : 'Forbid: never this pair'}</span>
            </label>
          ))}
        </div>
      </fieldset>
      <div className="form-actions">
        <FormError error={save.error} fieldLabels={{ mentee_id: 'Mentee', mentor_id: 'Mentor', kind: 'Rule' }} />
        <Button type="submit" busy={save.busy}>
          Add {kind === 'pin' ? 'pin' : 'prohibition'}
        </Button>
      </div>
    </form>
  );
}
