// The JSON of cohort matching, as docs/openapi.yaml describes it (the types `npm run gen:api`
// generates, named as the pages call them), and the words the pages use for its states, phases
// and reasons. Ids are strings; scores are points.
import type { paths } from '../../generated/api-schema';
import type { Schema } from '../../types';

export type MatchingState = Schema<'MatchingState'>;
export type PairRuleKind = Schema<'PairRuleKind'>;
export type CohortSelection = Schema<'CohortSelection'>;
export type MatchingStatistics = Schema<'MatchingStatistics'>;
export type MatchingSummary = Schema<'MatchingSummary'>;
export type ScoreBand = MatchingSummary['score_distribution'][number];
export type DepartmentShare = MatchingSummary['departments'][number];
export type IgnoredPin = MatchingSummary['ignored_pins'][number];
export type Matching = Schema<'MatchingJob'>;
export type MatchingBrief = Schema<'MatchingJobBrief'>;
export type PairRule = Schema<'PairRule'>;
export type Cohort = Schema<'Cohort'>;
export type CohortDetail = Schema<'CohortDetail'>;
export type DepartmentCounts = paths['/api/v1/admin/departments']['get']['responses'][200]['content']['application/json']['items'][number];
export type CohortMember = Schema<'CohortMember'>;
export type PersonBrief = Schema<'MatchingPerson'>;
export type Factor = Schema<'MatchingFactor'>;
export type MatchedPair = Schema<'MatchingPair'>;
export type UnmatchedMentee = Schema<'UnmatchedMentee'>;
export type UnmatchedReason = UnmatchedMentee['reason'];
export type ApplyResult = Schema<'AppliedMatching'>;

export const STATE_LABELS: Record<MatchingState, string> = {
  queued: 'Queued',
  running: 'Running',
  done: 'Preview ready',
  failed: 'Failed',
  applied: 'Applied',
};

export const STATE_TAGS: Record<MatchingState, string> = {
  queued: 'tag--waiting',
  running: 'tag--waiting',
  done: 'tag--accent',
  failed: 'tag--danger',
  applied: 'tag--success',
};

/** What each phase of a running job is doing, in the administrator's words. */
export const PHASE_LABELS: Record<string, string> = {
  queued: 'Waiting for the matching service',
  loading: 'Loading the cohort’s profiles',
  candidates: 'Scoring each mentee’s best candidate mentors',
  solving: 'Finding the assignment with the highest total score',
  explaining: 'Explaining each pair',
  saving: 'Saving the preview',
  done: 'Preview ready',
  failed: 'Failed',
};

export const REASON_TITLES: Record<UnmatchedReason, string> = {
  no_eligible_mentor: 'No eligible mentor',
  below_min_score: 'Below the minimum score',
  mentors_full: 'Best mentors full',
};

/** What usually helps, per reason (the API's explanation says why). */
export const REASON_ADVICE: Record<UnmatchedReason, string> = {
  no_eligible_mentor: 'A prohibition removed, or mentors from outside their reporting line, would give them a choice.',
  below_min_score: 'A lower minimum score under “Advanced” lets the next matching propose their best mentor anyway.',
  mentors_full: 'More mentors, or more places per mentor, would let the next matching reach them.',
};

/** The order of the groups of unmatched mentees: the ones most easily helped first. */
export const REASONS: UnmatchedReason[] = ['mentors_full', 'below_min_score', 'no_eligible_mentor'];

export const DEFAULT_K = 50;

export const isRunning = (m: { state: MatchingState } | null | undefined) =>
  !!m && (m.state === 'queued' || m.state === 'running');

export const ruleKey = (menteeId: string, mentorId: string) => `${menteeId}:${mentorId}`;

/** Points with at most one decimal, grouped: 1,234.5 */
export function points(n: number): string {
  return n.toLocaleString('en-GB', { maximumFractionDigits: 1 });
}

export function percent(share: number): string {
  return `${Math.round(share * 100)}%`;
}

export function count(n: number, one: string, many = one + 's'): string {
  return `${n.toLocaleString('en-GB')} ${n === 1 ? one : many}`;
}

export function selectionText(s: CohortSelection): string {
  if (s.kind === 'list') return 'People picked by hand';
  if (s.kind === 'signup') return 'People who sign up, and those added';
  return s.department ? `Everyone in ${s.department}` : 'Everyone in the organisation';
}
