// Applying a preview: a confirmation that says exactly what will happen, then the result (how
// many proposals were created, and the pairs skipped with the reason).
import { api, ok } from '../../api';
import { useAction } from '../../ui';
import { ConfirmPanel } from '../adminParts';
import { PersonCell } from './CohortBits';
import { count, type ApplyResult, type Matching } from './cohortTypes';

/** The confirmation under the preview's header; "Apply…" opens it. */
export function CohortApply({
  job,
  onApplied,
  onCancel,
}: {
  job: Matching;
  onApplied: (r: ApplyResult) => void;
  onCancel: () => void;
}) {
  const apply = useAction();
  const summary = job.summary!;
  const unmatched = summary.mentees - summary.matched;

  async function go() {
    const result = await apply.run(() => ok(api.POST('/api/v1/matchings/{id}/apply', { params: { path: { id: job.id } } })));
    if (result) onApplied(result);
  }

  return (
    <ConfirmPanel
      className="cohort-confirm"
      titleId="apply-title"
      title={`Send ${count(summary.matched, 'proposal')}?`}
      error={apply.error}
      failed="Not applied"
      busy={apply.busy}
      confirm={`Send ${count(summary.matched, 'proposal')}`}
      onConfirm={go}
      onCancel={onCancel}
    >
      <li>
        Each of the {count(summary.matched, 'matched mentee')} gets a one-to-one proposal with their mentor. The
        mentor finds it in <strong>Requests</strong> and accepts or declines it within 14 days; both are notified.
      </li>
      <li>
        A pair the rules no longer allow (a place taken since, a request already open between them, a mentee with
        three open requests) is skipped, and listed here with the reason.
      </li>
      {unmatched > 0 && <li>The {count(unmatched, 'unmatched mentee')} get nothing from this matching.</li>}
      <li>Sent proposals cannot be recalled from here: a mentee may withdraw one, a mentor may decline it.</li>
    </ConfirmPanel>
  );
}

export function ApplyOutcome({ result }: { result: ApplyResult }) {
  return (
    <section className="banner banner--success cohort-outcome" aria-labelledby="outcome-title" role="status">
      <h3 id="outcome-title" className="subheading">
        {count(result.created, 'proposal')} sent
        {result.skipped.length > 0 ? `, ${result.skipped.length} skipped` : ''}
      </h3>
      <p className="small">
        Each mentor now finds the proposal in their requests and accepts or declines it. Follow the answers in the
        relationships overview.
      </p>
      {result.skipped.length > 0 && (
        <div className="cohort-outcome__skipped">
          <h4 className="small">Skipped pairs</h4>
          <ul>
            {result.skipped.map((p) => (
              <li key={p.mentee.id}>
                <span className="cohort-outcome__pair">
                  <PersonCell person={p.mentee} /> <span aria-hidden="true">→</span>
                  <span className="sr-only">with</span> <PersonCell person={p.mentor} />
                </span>
                <span className="small cohort-outcome__reason">{p.not_applied}</span>
              </li>
            ))}
          </ul>
        </div>
      )}
    </section>
  );
}
