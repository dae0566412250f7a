// Concluding a circle: the host starts it; the host and every member write a debrief (an outcome
// for each objective, what was achieved, what still needs doing, what they would do
// differently); each sees only their own until the last is in and the circle is concluded, then
// everyone reads them side by side. The form and the table are the one-to-one workspace's.
import { api, ok } from '../api';
import { OUTCOMES, OUTCOME_LABELS, formatDate, plural } from '../format';
import type { CircleDebrief, CircleDebriefSummary, Objective } from '../types';
import { Fetched, Hint, Quote, useApi } from '../ui';
import { ActionSection } from '../workspace/context';
import { ConcludeStatus, ConfirmConcluding, DebriefCard, DebriefForm, DebriefTable, useStartConcluding } from '../workspace/Debrief';
import { firstName, useCircle } from './common';
import { CIRCLE_ACTIONS } from '../workspace/actions';

export function DebriefSection() {
  const { w } = useCircle();
  const status = <ConcludeStatus state={w.state} concludedAt={w.concluded_at} />;
  return (
    <ActionSection
      {...CIRCLE_ACTIONS.debrief}
      status={status}
    >
      {w.state === 'active' ? <StartConcluding /> : <DebriefPanel key={w.state} />}
    </ActionSection>
  );
}

function StartConcluding() {
  const { w, host, reload } = useCircle();
  const action = useStartConcluding(
    () => ok(api.POST('/api/v1/circles/{id}/conclude', { params: { path: { id: w.id } } })),
    'Concluding: the members are asked for their debriefs. Write yours.',
    reload,
    true,
  );
  if (!host)
    return (
      <p className="muted">
        When the circle has run its course, {firstName(w.host.name)} starts concluding it. Then each member, and the host,
        writes a debrief; once all are in, you read them side by side.
      </p>
    );
  return (
    <div className="stack">
      <p>
        When the circle has done what it set out to do, conclude it. Sessions, stories and action items then close; you
        and each of the {plural(w.members, 'member')} write a debrief, and the circle is concluded when the last one is
        in.
      </p>
      {!w.purpose.agreed && (
        <Hint tone="warn">The purpose was never agreed: the debriefs will have no objectives to score.</Hint>
      )}
      <ConfirmConcluding groupLabel="Start concluding?" action={action}>
        Start concluding “{w.topic}”? Nobody can schedule sessions or change action items after this.
      </ConfirmConcluding>
    </div>
  );
}

function DebriefPanel() {
  const { w } = useCircle();
  const summary = useApi(`/circles/${w.id}/debrief`, () => ok(api.GET('/api/v1/circles/{id}/debrief', { params: { path: { id: w.id } } })));
  return (
    <Fetched loaded={summary} label="Loading the debrief…">
      {(s) =>
        s.state === 'concluded' ? (
          <Summary s={s} />
        ) : (
          <div className="stack-lg">
            <DebriefProgress s={s} />
            {!s.submitted_by_me ? <WriteDebrief s={s} onSaved={summary.setData} /> : <Mine s={s} />}
          </div>
        )
      }
    </Fetched>
  );
}

function DebriefProgress({ s }: { s: CircleDebriefSummary }) {
  const pct = s.expected ? Math.round((s.submitted / s.expected) * 100) : 0;
  return (
    <div className="debrief-progress">
      <div className="progress">
        <div
          className="progress__bar"
          role="progressbar"
          aria-label="Debriefs written"
          aria-valuemin={0}
          aria-valuemax={s.expected}
          aria-valuenow={s.submitted}
          aria-valuetext={`${s.submitted} of ${s.expected} debriefs in`}
        >
          <span style={{ width: `${pct}%` }} />
        </div>
        <span className="small">
          <strong>
            {s.submitted} of {s.expected}
          </strong>{' '}
          debriefs in
        </span>
      </div>
    </div>
  );
}

function WriteDebrief({ s, onSaved }: { s: CircleDebriefSummary; onSaved: (s: CircleDebriefSummary) => void }) {
  const { w, host, reload } = useCircle();
  const waiting = s.expected - s.submitted;
  return (
    <DebriefForm
      objectives={s.purpose.objectives}
      save={(body) => ok(api.PUT('/api/v1/circles/{id}/debrief', { params: { path: { id: w.id } }, body }))}
      onSaved={onSaved}
      concluded="Every debrief is in: the circle is concluded."
      reload={reload}
      stillHint="What you will keep working on after the circle."
      differentlyLabel={host ? 'What I would do differently when I next host a circle' : 'What I would do differently in my next circle'}
      intro={
        waiting === 1
          ? 'Everyone else has written theirs: yours concludes the circle, and then you all read the debriefs side by side.'
          : `Write your own view. Nobody reads the others’ debriefs until all ${s.expected} are in.`
      }
    />
  );
}

function Mine({ s }: { s: CircleDebriefSummary }) {
  const { me } = useCircle();
  const mine = s.debriefs.find((d) => d.author.id === me.id);
  return (
    <div className="stack">
      <Hint tone="success">
        Your debrief is in. Waiting for {plural(s.expected - s.submitted, 'more debrief')}; everyone’s appear side by side
        when the last is in.
      </Hint>
      {mine && <DebriefCard d={mine} objectives={s.purpose.objectives} title="Your debrief" />}
    </div>
  );
}

/** The read-only summary of a concluded circle: the purpose, how each objective went across the
 *  circle, and every debrief side by side (the host first). */
function Summary({ s }: { s: CircleDebriefSummary }) {
  const { w, me } = useCircle();
  const debriefs = [...s.debriefs].sort((a, b) => rank(a, w.host.id) - rank(b, w.host.id) || (a.author.name ?? '').localeCompare(b.author.name ?? ''));
  const authorLabel = (d: CircleDebrief) =>
    `${d.author.id === me.id ? 'You' : d.author.name ?? 'A former member'}${d.author.id === w.host.id ? ' (host)' : ''}`;
  const rated = debriefs.filter((d) => d.rating);
  const average = rated.length ? rated.reduce((n, d) => n + (d.rating ?? 0), 0) / rated.length : null;
  return (
    <section className="stack-lg summary circle-summary" aria-label="Debrief summary">
      <div className="summary__purpose stack-sm">
        <h3 className="subheading">What the circle set out to do</h3>
        {s.purpose.version === 0 ? (
          <p className="muted">No purpose was defined.</p>
        ) : (
          <>
            <p className="muted small">
              Version {s.purpose.version}
              {s.purpose.agreed_at ? `, agreed ${formatDate(s.purpose.agreed_at)}` : ' (never agreed)'}
            </p>
            {s.purpose.desired_outcome && (
              <Quote label="The outcome the circle wanted" purpose>
                {s.purpose.desired_outcome}
              </Quote>
            )}
          </>
        )}
      </div>
      <div className="metrics">
        <div className="metric">
          <span className="metric__value">
            {s.submitted}/{s.expected}
          </span>
          <span className="metric__label">debriefs</span>
        </div>
        <div className="metric">
          <span className="metric__value">{average === null ? '–' : average.toFixed(1)}</span>
          <span className="metric__label">average rating{rated.length ? ` of ${plural(rated.length, 'rating')}` : ''}</span>
        </div>
      </div>
      {s.purpose.objectives.length > 0 && <OutcomeTally objectives={s.purpose.objectives} debriefs={debriefs} />}
      <DebriefTable
        rows={s.purpose.objectives.map((o) => ({ o, atStart: true }))}
        columns={debriefs.map((d) => ({
          key: d.author.id,
          label: authorLabel(d),
          debrief: d,
        }))}
        caption="Each objective and each debrief, as the host and every member wrote them"
      />
      {/* On a phone the table becomes one card per person. */}
      <div className="debrief-cards">
        {debriefs.map((d) => (
          <DebriefCard key={d.author.id} d={d} objectives={s.purpose.objectives} title={authorLabel(d)} />
        ))}
      </div>
    </section>
  );
}

const rank = (d: CircleDebrief, hostId: string) => (d.author.id === hostId ? 0 : 1);

/** For each objective, how many said achieved, partly or not: a bar a reader takes in at once. */
function OutcomeTally({ objectives, debriefs }: { objectives: Objective[]; debriefs: CircleDebrief[] }) {
  return (
    <div className="stack-sm">
      <h3 className="subheading">The objectives at a glance</h3>
      <ul className="list list--stacked tally" aria-label="Outcomes by objective">
        {objectives.map((o) => {
          const counts = OUTCOMES.map((v) => ({ v, n: debriefs.filter((d) => d.outcomes.some((x) => x.objective_id === o.id && x.outcome === v)).length }));
          const total = counts.reduce((n, c) => n + c.n, 0);
          const text = counts.filter((c) => c.n).map((c) => `${c.n} ${OUTCOME_LABELS[c.v].toLowerCase()}`).join(', ') || 'no answers';
          return (
            <li key={o.id} className="tally__row">
              <span className="tally__label">{o.description}</span>
              <span className="tally__bar" role="img" aria-label={text}>
                {counts.map((c) =>
                  c.n ? <span key={c.v} className={`tally__part tally__part--${c.v}`} style={{ flexGrow: c.n }} title={`${c.n} ${OUTCOME_LABELS[c.v]}`} /> : null,
                )}
                {total === 0 && <span className="tally__part" style={{ flexGrow: 1 }} />}
              </span>
              <span className="tally__text small muted">{text}</span>
            </li>
          );
        })}
      </ul>
    </div>
  );
}
