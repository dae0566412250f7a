// The JSON of cohort matching (src/api/cohort_routes.cpp, src/api/cohort_matching.cpp) and the
// words the pages use for its states, phases and reasons. Ids are strings; scores are points.

export type MatchingState = 'queued' | 'running' | 'done' | 'failed' | 'applied';
export type PairRuleKind = 'pin' | 'forbid';
export type UnmatchedReason = 'no_eligible_mentor' | 'below_min_score' | 'mentors_full';

/** How the members were chosen: a list, or a filter (one department, or everyone). */
export type CohortSelection = { kind: 'list' } | { kind: 'filter'; department: string | null };

export interface ScoreBand {
  from: number;
  to: number;
  pairs: number;
}

export interface DepartmentShare {
  department: string;
  mentees: number;
  matched: number;
  share: number;
}

export interface IgnoredPin {
  mentee_id: string;
  mentor_id: string;
  reason: string;
}

/** A finished matching's statistics (the preview's headline and charts). */
export interface MatchingSummary {
  mentees: number;
  mentors: number;
  places: number;
  matched: number;
  matched_share: number;
  mentors_used: number;
  pinned: number;
  total_score: number;
  average_score: number;
  score_distribution: ScoreBand[];
  departments: DepartmentShare[];
  /** Every reason is present, 0 when nobody is unmatched for it. */
  unmatched: Record<UnmatchedReason, number>;
  k: number;
  min_score: number;
  forbidden: number;
  ignored_pins: IgnoredPin[];
  inactive_members: number;
  external_mentors_left_out: number;
  /** Mentees left out because they already have a mentor (unless the matching included them);
   *  absent from previews saved before the server counted them. */
  mentored_mentees_left_out?: number;
  candidates?: { pairs_total: number; pairs_scored: number; arcs: number; threads: number };
  timings_s?: Record<string, number>;
}

/** GET /matchings/{id}: a matching job. `summary` is there once it is done. */
export interface Matching {
  id: string;
  cohort_id: string;
  cohort_name: string;
  state: MatchingState;
  phase: string;
  percent: number;
  k: number;
  min_score: number;
  /** Whether mentees who already have a mentor were matched too. */
  include_mentored: boolean;
  started_by: string | null;
  created_at: string;
  updated_at: string;
  finished_at: string | null;
  error: string | null;
  summary: MatchingSummary | null;
  applied_by: string | null;
  applied_at: string | null;
}

/** A matching in a cohort's history: no summary, but its matched count and total score. */
export interface MatchingBrief extends Omit<Matching, 'summary'> {
  matched?: number;
  total_score?: number;
}

export interface PairRule {
  mentee_id: string;
  mentee_name: string | null;
  mentor_id: string;
  mentor_name: string | null;
  kind: PairRuleKind;
  created_at: string;
}

/** GET /cohorts: one cohort with its counts and latest matching. */
export interface Cohort {
  id: string;
  name: string;
  description: string;
  selection: CohortSelection;
  created_at: string;
  mentees: number;
  mentors: number;
  latest_matching: Matching | null;
}

/** GET /cohorts/{id}: also its pins and prohibitions and its matchings, newest first. */
export interface CohortDetail extends Cohort {
  rules: PairRule[];
  matchings: MatchingBrief[];
}

/** GET /admin/departments: one department of the active people, and who a cohort of it would
 *  take: the people seeking one-to-one mentoring (mentees) and offering it with a place (mentors). */
export interface DepartmentCounts {
  department: string;
  people: number;
  seeking_one_to_one: number;
  offering_one_to_one: number;
}

/** GET /cohorts/{id}/members (searched by part of the name with `q`): `name` and the rest are
 *  absent for a deactivated member, whom a search never finds. */
export interface CohortMember {
  id: string;
  active: boolean;
  name?: string;
  title?: string;
  department?: string;
  capacity?: number;
  live_mentees?: number;
}

/** A person as the preview names them; `name` is null for someone no longer active. */
export interface PersonBrief {
  id: string;
  name: string | null;
  title: string | null;
  department: string | null;
}

export interface Factor {
  name: string;
  points: number;
  reason: string;
}

export interface MatchedPair {
  mentee: PersonBrief;
  mentor: PersonBrief;
  score: number;
  pinned: boolean;
  factors: Factor[];
  relationship_id: string | null;
  not_applied: string | null;
}

export interface UnmatchedMentee {
  mentee: PersonBrief;
  reason: UnmatchedReason;
  /** The reason in a sentence, written for the administrator. */
  explanation: string;
  eligible_mentors: number;
  candidates: number;
}

/** POST /matchings/{id}/apply */
export interface ApplyResult {
  created: number;
  skipped: MatchedPair[];
  matching: Matching;
}

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
  return s.department ? `Everyone in ${s.department}` : 'Everyone in the organisation';
}
