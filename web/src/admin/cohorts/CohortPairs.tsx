// The preview's pairs, a page at a time: who is proposed to whom, the score and the factors
// behind it, and per pair the administrator's corrections: pin it, forbid it, or pin the mentee
// to another mentor of the cohort. Corrections take effect when the matching is run again.
import { Fragment, useState } from 'react';
import { api, ok, type ApiError } from '../../api';
import { Link } from '../../router';
import { Button, Empty, SubmitRow, errorFor, useAction, useToast } from '../../ui';
import { Pending, RegionTable } from '../adminParts';
import { MemberPicker, Pager, PersonCell } from './CohortBits';
import { useCursorPages } from './CohortHooks';
import { points, ruleKey, type CohortDetail, type Matching, type MatchedPair, type PairRule, type PairRuleKind } from './cohortTypes';

const PAGE = 25;

export function CohortPairs({
  job,
  cohortId,
  mentors,
  rules,
  readOnly,
  onRules,
}: {
  job: Matching;
  cohortId: string;
  /** How many mentors the cohort has, for the "Other mentor" search. */
  mentors: number;
  rules: PairRule[];
  readOnly: boolean;
  onRules: (detail: CohortDetail) => void;
}) {
  const pages = useCursorPages<MatchedPair>(`/matchings/${job.id}/pairs`, PAGE, (page) =>
    ok(api.GET('/api/v1/matchings/{id}/pairs', { params: { path: { id: job.id }, query: page } })),
  );
  const summary = job.summary!;
  const best = summary.score_distribution.at(-1)?.to ?? 100;
  const byPair = new Map(rules.map((r) => [ruleKey(r.mentee_id, r.mentor_id), r]));
  const pinOf = new Map(rules.filter((r) => r.kind === 'pin').map((r) => [r.mentee_id, r]));
  const applied = job.state === 'applied';

  return (
    <section className="stack" aria-labelledby="pairs-title">
      <h3 id="pairs-title" className="section-title">
        Proposed pairs <span className="count">{summary.matched.toLocaleString('en-GB')}</span>
      </h3>
      {!readOnly && !applied && (
        <p className="small muted">
          <strong>Pin</strong> keeps a pair in every later matching; <strong>Forbid</strong> keeps it out;{' '}
          <strong>Other mentor</strong> pins the mentee to someone you choose. Run the matching again to see their effect.
        </p>
      )}
      {!pages.items.length && (pages.error || pages.loading) ? (
        <Pending error={pages.error} retry={pages.reload} label="Loading the pairs…" rows={4} />
      ) : summary.matched === 0 ? (
        <Empty title="Nobody could be matched" icon="people">
          See the unmatched mentees below for the reasons. Lowering the minimum score or adding mentors usually helps.
        </Empty>
      ) : (
        <RegionTable
          label="Proposed pairs"
          card
          cards
          wrapClassName={'cohort-pairs' + (pages.loading ? ' cohort-pairs--loading' : '')}
          caption="Proposed pairs, by mentee"
          columns={['Mentee', 'Mentor', 'Score', applied ? 'Proposal' : { label: 'Actions', srOnly: true }]}
        >
          {pages.items.map((p) => (
            <PairRow
              key={p.mentee.id}
              pair={p}
              best={best}
              cohortId={cohortId}
              mentors={mentors}
              rule={byPair.get(ruleKey(p.mentee.id, p.mentor.id))}
              otherPin={(() => {
                const pin = pinOf.get(p.mentee.id);
                return pin && pin.mentor_id !== p.mentor.id ? pin : undefined;
              })()}
              readOnly={readOnly}
              applied={applied}
              onRules={onRules}
            />
          ))}
        </RegionTable>
      )}
      <Pager pages={pages} pageSize={PAGE} total={summary.matched} label="Pairs" />
    </section>
  );
}

function PairRow({
  pair: p,
  best,
  cohortId,
  mentors,
  rule,
  otherPin,
  readOnly,
  applied,
  onRules,
}: {
  pair: MatchedPair;
  best: number;
  cohortId: string;
  mentors: number;
  rule: PairRule | undefined;
  otherPin: PairRule | undefined;
  readOnly: boolean;
  applied: boolean;
  onRules: (detail: CohortDetail) => void;
}) {
  const [open, setOpen] = useState<'factors' | 'other' | null>(null);
  const [otherMentor, setOtherMentor] = useState('');
  const action = useAction();
  const toast = useToast();
  const menteeName = p.mentee.name ?? `person #${p.mentee.id}`;
  const mentorName = p.mentor.name ?? `person #${p.mentor.id}`;
  const detailsId = `pair-${p.mentee.id}-details`;

  async function setRule(mentorId: string, kind: PairRuleKind) {
    const detail = await action.run(() =>
      ok(api.PUT('/api/v1/cohorts/{id}/rules/{mentee_id}/{mentor_id}', { params: { path: { id: cohortId, mentee_id: p.mentee.id, mentor_id: mentorId } }, body: { kind } })),
    );
    if (!detail) return;
    onRules(detail);
    setOpen(null);
    const saved = detail.rules.find((r) => r.mentee_id === p.mentee.id && r.mentor_id === mentorId);
    const mentorLabel = saved?.mentor_name ?? `person #${mentorId}`;
    toast(
      kind === 'pin'
        ? `${menteeName} pinned to ${mentorLabel}. Re-run the matching to see it.`
        : `${menteeName} and ${mentorLabel} will not be paired. Re-run the matching to see it.`,
    );
  }

  async function removeRule(r: PairRule) {
    const detail = await action.run(() => ok(api.DELETE('/api/v1/cohorts/{id}/rules/{mentee_id}/{mentor_id}', { params: { path: { id: cohortId, mentee_id: r.mentee_id, mentor_id: r.mentor_id } } })));
    if (!detail) return;
    onRules(detail);
    toast(r.kind === 'pin' ? `Pin of ${menteeName} removed` : `${menteeName} and ${mentorName} may be paired again`);
  }

  const share = Math.max(0, Math.min(1, p.score / Math.max(1, best)));
  const actionError: ApiError | null = open === 'other' ? null : action.error;

  return (
    <Fragment>
      <tr className={'cohort-pair' + (open ? ' cohort-pair--open' : '')} data-mentee={p.mentee.id}>
        <td data-label="Mentee">
          <PersonCell person={p.mentee} />
        </td>
        <td data-label="Mentor">
          <PersonCell person={p.mentor} />
          <span className="cohort-pair__tags">
            {p.pinned && <span className="tag tag--accent">Pinned</span>}
            {!p.pinned && rule?.kind === 'pin' && <span className="tag tag--accent">Pin added · re-run</span>}
            {rule?.kind === 'forbid' && <span className="tag tag--danger">Forbidden · re-run</span>}
            {otherPin && (
              <span className="tag tag--warn">
                Pinned to {otherPin.mentor_name ?? `#${otherPin.mentor_id}`} · re-run
              </span>
            )}
          </span>
        </td>
        <td data-label="Score" className="cohort-pair__score">
          <span className="cohort-score">
            <span className="cohort-score__value">{points(p.score)}</span>
            <span className="cohort-score__track" aria-hidden="true">
              <span className="cohort-score__fill" style={{ width: `${share * 100}%` }} />
            </span>
          </span>
          <button
            type="button"
            className="link-button small"
            aria-expanded={open === 'factors'}
            aria-controls={detailsId}
            onClick={() => setOpen(open === 'factors' ? null : 'factors')}
          >
            {open === 'factors' ? 'Hide why' : 'Why'}
            <span className="sr-only">
              {' '}
              {menteeName} and {mentorName}
            </span>
          </button>
        </td>
        <td className="cohort-pair__actions" data-label={applied ? 'Proposal' : undefined}>
          {applied ? (
            p.relationship_id ? (
              <span className="tag tag--success">Proposed</span>
            ) : p.not_applied ? (
              <span className="cohort-skipped">
                <span className="tag tag--warn">Skipped</span>
                <span className="small">{p.not_applied}</span>
              </span>
            ) : (
              <span className="small muted">–</span>
            )
          ) : readOnly ? null : (
            <div className="cohort-pair__buttons">
              {rule?.kind === 'pin' ? (
                <Button variant="secondary" className="btn btn--secondary btn--small" busy={action.busy} onClick={() => removeRule(rule)}>
                  Unpin<span className="sr-only"> {menteeName}</span>
                </Button>
              ) : (
                <Button
                  variant="secondary"
                  className="btn btn--secondary btn--small"
                  busy={action.busy}
                  disabled={!!otherPin || rule?.kind === 'forbid'}
                  title={otherPin ? 'Remove the other pin first' : undefined}
                  onClick={() => setRule(p.mentor.id, 'pin')}
                >
                  Pin<span className="sr-only"> {menteeName} to {mentorName}</span>
                </Button>
              )}
              {rule?.kind === 'forbid' ? (
                <Button variant="ghost" className="btn btn--ghost btn--small" busy={action.busy} onClick={() => removeRule(rule)}>
                  Allow<span className="sr-only"> {menteeName} with {mentorName}</span>
                </Button>
              ) : (
                <Button
                  variant="ghost"
                  className="btn btn--ghost btn--small cohort-forbid"
                  busy={action.busy}
                  disabled={rule?.kind === 'pin'}
                  onClick={() => setRule(p.mentor.id, 'forbid')}
                >
                  Forbid<span className="sr-only"> {menteeName} with {mentorName}</span>
                </Button>
              )}
              <button
                type="button"
                className="btn btn--ghost btn--small"
                aria-expanded={open === 'other'}
                aria-controls={detailsId}
                disabled={!!otherPin || rule?.kind === 'pin'}
                onClick={() => {
                  action.clear();
                  setOpen(open === 'other' ? null : 'other');
                }}
              >
                Other mentor…<span className="sr-only"> for {menteeName}</span>
              </button>
            </div>
          )}
          {actionError && (
            <p className="field__error small" role="alert">
              {actionError.message}
            </p>
          )}
        </td>
      </tr>
      {open && (
        <tr className="cohort-pair__details" id={detailsId}>
          <td colSpan={4}>
            {open === 'factors' ? (
              <Factors pair={p} />
            ) : (
              <form
                className="cohort-other"
                onSubmit={(e) => {
                  e.preventDefault();
                  if (!otherMentor) return;
                  void setRule(otherMentor, 'pin');
                }}
                noValidate
              >
                <MemberPicker
                  cohortId={cohortId}
                  role="mentor"
                  label={`Pin ${menteeName} to`}
                  value={otherMentor}
                  onChange={setOtherMentor}
                  total={mentors}
                  note={{ [p.mentor.id]: 'proposed now' }}
                  error={errorFor(action.error, 'mentor_id') ?? errorFor(action.error, 'mentee_id') ?? action.error?.message}
                />
                <SubmitRow
                  busy={action.busy}
                  disabled={!otherMentor || otherMentor === p.mentor.id}
                  submit="Pin this mentor"
                  onCancel={() => setOpen(null)}
                />
                <p className="small muted">
                  A pin is honoured when the mentor still has a free place and no hard rule (their manager, an existing
                  pairing) stands in the way; otherwise the next preview says why it was not.
                </p>
              </form>
            )}
          </td>
        </tr>
      )}
    </Fragment>
  );
}

function Factors({ pair: p }: { pair: MatchedPair }) {
  if (!p.factors.length) return <p className="small muted">No factor recorded for this pair.</p>;
  return (
    <div className="cohort-factors">
      <p className="small">
        <strong>{points(p.score)} points</strong> for {p.mentee.name} with {p.mentor.name}
        {p.relationship_id && (
          <>
            {' '}
            · <Link to={`/admin/relationships`}>proposal #{p.relationship_id}</Link>
          </>
        )}
      </p>
      <ul className="factor-list" aria-label="Factors">
        {p.factors.map((f, i) => (
          <li key={f.name + i} className={'factor' + (f.points < 0 ? ' factor--negative' : '')}>
            <span>{f.reason}</span>
            <span className="factor__points">
              {f.points > 0 ? '+' : ''}
              {points(f.points)}
            </span>
          </li>
        ))}
      </ul>
    </div>
  );
}
