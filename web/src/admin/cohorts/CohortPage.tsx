// One cohort: its counts, program, dates and sign-up (changed in place while its program is
// open), then four tabs: the matching (run it, follow its progress, read and
// correct the preview, apply it), the members, the pins and prohibitions, and the history.
// `/admin/cohorts/:id` shows the latest matching; `/admin/cohorts/:id/matchings/:matchingId`
// an older one, read-only.
import { useCallback, useEffect, useRef, useState, type KeyboardEvent } from 'react';
import { api, ApiError, ok } from '../../api';
import { Link, navigate } from '../../router';
import { dayRangeText } from '../../dateRange';
import { Button, Empty, Hint, PageHeader, asApiError, useApi } from '../../ui';
import { Counts, ItemPending, Pending, TitledCard } from '../adminParts';
import { CohortEdit } from './CohortEdit';
import { CohortHistory } from './CohortHistory';
import { CohortMembers } from './CohortMembers';
import { CohortPreview } from './CohortPreview';
import { CohortProgress } from './CohortProgress';
import { CohortRules } from './CohortRules';
import { CohortRun } from './CohortRun';
import { SIGNUP_TEXT, signupState, todayUtc } from './cohortSignup';
import { count, isRunning, selectionText, type ApplyResult, type CohortDetail, type Matching } from './cohortTypes';
import './Cohorts.css';

type Tab = 'matching' | 'members' | 'rules' | 'history';
const TABS: Tab[] = ['matching', 'members', 'rules', 'history'];
/** A count that is words, not a number. */
const TEXT = 'cohort-counts__text';

/** Full matchings by id, fetched when first shown and replaced as they change. */
function useMatching(id: string | null) {
  const [jobs, setJobs] = useState<Record<string, Matching>>({});
  const [error, setError] = useState<ApiError | null>(null);
  const put = useCallback((m: Matching) => setJobs((j) => ({ ...j, [m.id]: m })), []);
  const have = id !== null && jobs[id] !== undefined;
  const [attempt, setAttempt] = useState(0);
  useEffect(() => {
    if (id === null || have) return;
    let cancelled = false;
    setError(null);
    ok(api.GET('/api/v1/matchings/{id}', { params: { path: { id } } }))
      .then((m) => !cancelled && put(m))
      .catch((e) => !cancelled && setError(asApiError(e)));
    return () => {
      cancelled = true;
    };
  }, [id, have, put, attempt]);
  return { job: id === null ? null : (jobs[id] ?? null), error, put, retry: () => setAttempt((a) => a + 1) };
}

export function CohortPage({ id, matchingId }: { id: string; matchingId?: string }) {
  const cohort = useApi(`/cohorts/${id}`, () => ok(api.GET('/api/v1/cohorts/{id}', { params: { path: { id } } })));
  const [tab, setTab] = useState<Tab>('matching');
  // A matching started here, shown at once while the cohort's history catches up.
  const [startedId, setStartedId] = useState<string | null>(null);
  const [applyResult, setApplyResult] = useState<ApplyResult | null>(null);
  const [rulesTouched, setRulesTouched] = useState(false);
  const tabRefs = useRef<Record<Tab, HTMLButtonElement | null>>({ matching: null, members: null, rules: null, history: null });
  const [editing, setEditing] = useState(false);

  const detail = cohort.data;
  // Whether the program is open decides what may still change.
  const programOpen = detail ? detail.program_open : null;
  const latest = detail?.matchings[0] ?? null;
  const shownId = matchingId ?? startedId ?? latest?.id ?? null;
  const matching = useMatching(detail ? shownId : null);
  const job = matching.job;
  const newest = startedId ?? latest?.id ?? null;
  const isLatest = shownId === newest;

  const onStarted = useCallback(
    (m: Matching) => {
      matching.put(m);
      setStartedId(m.id);
      setApplyResult(null);
      setRulesTouched(false);
      setTab('matching');
      if (matchingId) navigate(`/admin/cohorts/${id}`);
      void cohort.reload();
    },
    [matching, matchingId, id, cohort],
  );
  const onEnd = useCallback(
    (m: Matching) => {
      matching.put(m);
      void cohort.reload();
    },
    [matching, cohort],
  );
  const onApplied = useCallback(
    (r: ApplyResult) => {
      matching.put(r.matching);
      setApplyResult(r);
      void cohort.reload();
    },
    [matching, cohort],
  );
  const onRules = useCallback(
    (d: CohortDetail) => {
      cohort.setData(d);
      setRulesTouched(true);
    },
    [cohort],
  );

  if (cohort.error || !detail)
    return (
      <ItemPending error={cohort.error} retry={cohort.reload} label="Loading the cohort…" listTo="/admin/cohorts" listName="all cohorts" />
    );

  const pins = detail.rules.filter((r) => r.kind === 'pin').length;
  const forbids = detail.rules.length - pins;
  const rulesChanged =
    !!job && (rulesTouched || detail.rules.some((r) => r.created_at > job.created_at));
  const tabLabel: Record<Tab, string> = {
    matching: 'Matching',
    members: `Members`,
    rules: `Pins and prohibitions (${detail.rules.length})`,
    history: `History (${detail.matchings.length})`,
  };

  function onTabKey(e: KeyboardEvent<HTMLButtonElement>) {
    const i = TABS.indexOf(tab);
    const next =
      e.key === 'ArrowRight' ? TABS[(i + 1) % TABS.length] : e.key === 'ArrowLeft' ? TABS[(i + TABS.length - 1) % TABS.length] : e.key === 'Home' ? TABS[0] : e.key === 'End' ? TABS[TABS.length - 1] : null;
    if (!next) return;
    e.preventDefault();
    setTab(next);
    tabRefs.current[next]?.focus();
  }

  return (
    <div className="page cohort-page">
      <p className="breadcrumbs">
        <Link to="/admin/cohorts">Cohorts</Link> / {detail.name}
        {matchingId && ` / matching #${matchingId}`}
      </p>
      <PageHeader
        title={detail.name}
        subtitle={detail.description || selectionText(detail.selection)}
        actions={
          programOpen &&
          !editing && (
            <Button variant="secondary" onClick={() => setEditing(true)}>
              Change dates or sign-up
            </Button>
          )
        }
      />
      <Counts
        className="cohort-counts"
        label="Cohort counts"
        items={[
          { term: 'Mentees', value: detail.mentees.toLocaleString('en-GB') },
          { term: 'Mentors', value: detail.mentors.toLocaleString('en-GB') },
          { term: 'Pins', value: pins },
          { term: 'Prohibitions', value: forbids },
          { term: 'Members from', value: selectionText(detail.selection), className: TEXT },
          {
            term: 'Program',
            value: <Link to={`/admin/programs/${detail.program_id}`}>{detail.program_name}</Link>,
            className: TEXT,
          },
          { term: 'Dates', value: dayRangeText(detail.starts_on, detail.ends_on), className: TEXT },
          {
            term: 'Sign-up',
            value:
              programOpen === null && detail.signup_open ? 'On' : SIGNUP_TEXT[signupState(detail, programOpen ?? true, todayUtc())],
            className: TEXT,
          },
        ]}
      />
      {programOpen === false && (
        <Hint>
          Its program, {detail.program_name}, is closed: the cohort takes no sign-ups or matchings, and its dates and
          members can no longer change.
        </Hint>
      )}
      {editing && (
        <CohortEdit
          cohort={detail}
          onSaved={(d) => {
            cohort.setData(d);
            setEditing(false);
          }}
          onCancel={() => setEditing(false)}
        />
      )}

      <div className="tabs cohort-tabs" role="tablist" aria-label="Cohort">
        {TABS.map((t) => (
          <button
            key={t}
            ref={(el) => {
              tabRefs.current[t] = el;
            }}
            role="tab"
            id={`cohort-tab-${t}`}
            aria-selected={tab === t}
            aria-controls={`cohort-panel-${t}`}
            tabIndex={tab === t ? 0 : -1}
            className={'tabs__tab' + (tab === t ? ' tabs__tab--active' : '')}
            onClick={() => setTab(t)}
            onKeyDown={onTabKey}
          >
            {tabLabel[t]}
          </button>
        ))}
      </div>

      <div role="tabpanel" id={`cohort-panel-${tab}`} aria-labelledby={`cohort-tab-${tab}`} tabIndex={0} className="cohort-panel">
        {tab === 'matching' && (
          <MatchingPanel
            cohort={detail}
            shownId={shownId}
            job={job}
            jobError={matching.error}
            retry={matching.retry}
            isLatest={isLatest}
            rulesChanged={rulesChanged}
            applyResult={applyResult && job && applyResult.matching.id === job.id ? applyResult : null}
            onStarted={onStarted}
            onEnd={onEnd}
            onApplied={onApplied}
            onRules={onRules}
          />
        )}
        {tab === 'members' && <CohortMembers cohort={detail} editable={programOpen === true} onChanged={() => void cohort.reload()} />}
        {tab === 'rules' && <CohortRules cohort={detail} onRules={onRules} />}
        {tab === 'history' && <CohortHistory cohort={detail} shownId={shownId} />}
      </div>
    </div>
  );
}

function MatchingPanel({
  cohort,
  shownId,
  job,
  jobError,
  retry,
  isLatest,
  rulesChanged,
  applyResult,
  onStarted,
  onEnd,
  onApplied,
  onRules,
}: {
  cohort: CohortDetail;
  shownId: string | null;
  job: Matching | null;
  jobError: ApiError | null;
  retry: () => void;
  isLatest: boolean;
  rulesChanged: boolean;
  applyResult: ApplyResult | null;
  onStarted: (m: Matching) => void;
  onEnd: (m: Matching) => void;
  onApplied: (r: ApplyResult) => void;
  onRules: (d: CohortDetail) => void;
}) {
  if (shownId === null)
    return (
      <div className="card cohort-first">
        <Empty title="No matching yet" icon="chart">
          <p>
            The matching proposes a mentor for as many of the {count(cohort.mentees, 'mentee')} as it can, with the best
            total score: skills, aspirations, experience, time zones and the rest of the program’s factors. Pins and
            prohibitions are honoured, and the current manager is never proposed. Nothing is sent until you apply it.
          </p>
          {cohort.mentors === 0 && (
            <Hint tone="warn">This cohort has no mentors, so nobody can be matched.</Hint>
          )}
        </Empty>
        <div className="cohort-first__run">
          <CohortRun cohortId={cohort.id} label="Run matching" onStarted={onStarted} />
        </div>
      </div>
    );
  if (jobError || !job) return <Pending error={jobError} retry={retry} label="Loading the matching…" rows={4} />;
  if (job.cohort_id !== cohort.id)
    return (
      <Hint tone="warn">
        Matching #{job.id} belongs to another cohort:{' '}
        <Link to={`/admin/cohorts/${job.cohort_id}/matchings/${job.id}`}>{job.cohort_name || `cohort #${job.cohort_id}`}</Link>.
      </Hint>
    );
  if (isRunning(job)) return <CohortProgress key={job.id} job={job} onEnd={onEnd} />;
  const newest = isLatest ? null : (cohort.matchings[0] ?? null);
  // Only a newer preview that could be applied instead replaces this one; a failed re-run does not.
  const supersededBy =
    cohort.matchings.find((m) => Number(m.id) > Number(job.id) && (m.state === 'done' || m.state === 'applied')) ?? null;
  const lastGood = cohort.matchings.find((m) => Number(m.id) < Number(job.id) && m.state === 'done') ?? null;
  if (job.state === 'failed')
    return (
      <TitledCard titleId="failed-title" title={`Matching #${job.id} failed`} className="cohort-failed" role="alert">
        <p className="cohort-failed__error">{job.error ?? 'The server gave no reason.'}</p>
        <p className="small muted">Nothing was proposed to anyone. You can run it again; if it fails the same way, tell your system administrator.</p>
        {isLatest ? (
          <CohortRun
            cohortId={cohort.id}
            label="Run again"
            initialK={job.k}
            initialMinScore={job.min_score}
            initialIncludeMentored={job.include_mentored}
            onStarted={onStarted}
          />
        ) : (
          <Link to={`/admin/cohorts/${cohort.id}`}>Open the latest matching</Link>
        )}
        {isLatest && lastGood && !supersededBy && (
          <p className="small">
            The previous preview can still be applied:{' '}
            <Link to={`/admin/cohorts/${cohort.id}/matchings/${lastGood.id}`}>open matching #{lastGood.id}</Link>.
          </p>
        )}
      </TitledCard>
    );
  return (
    <CohortPreview
      cohort={cohort}
      job={job}
      supersededBy={supersededBy}
      newest={newest}
      rulesChanged={rulesChanged}
      applyResult={applyResult}
      onStarted={onStarted}
      onApplied={onApplied}
      onRules={onRules}
    />
  );
}
