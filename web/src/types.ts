// The JSON the server answers with (docs/openapi.yaml; src/api/*_json.cpp). Ids are strings.

export type Medium = 'video' | 'in_person' | 'phone' | 'chat';
export type Format = 'one_to_one' | 'circle' | 'flash';
export type Role = 'mentee' | 'mentor';

export interface Skill {
  name: string;
  level: number;
}

export interface Responsiveness {
  requests_received: number;
  answered: number;
  answer_rate: number | null;
  median_hours_to_answer: number | null;
}

export interface Aspirations {
  roles: string[];
  departments: string[];
  skills: string[];
}

/** A profile. A colleague sees the first block; oneself and administrators see more. */
export interface Person {
  id: string;
  name: string;
  email: string;
  title: string;
  organisation: string;
  is_external: boolean;
  department: string;
  manager_id: string | null;
  years_of_experience: number | null;
  skills: Skill[];
  timezone: string;
  languages: string[];
  media: Medium[];
  mentor_capacity: number;
  formats_offered: Format[];
  bio: string;
  // self and admin views
  former_manager_ids?: string[];
  career_start_year?: number | null;
  aspirations?: Aspirations;
  monthly_availability_hours?: number;
  formats_sought?: Format[];
  is_admin?: boolean;
  // admin view
  active?: boolean;
  created_at?: string;
  updated_at?: string;
  // GET /me and GET /people/{id}
  responsiveness?: Responsiveness;
}

export type RelState =
  | 'requested'
  | 'declined'
  | 'withdrawn'
  | 'expired'
  | 'accepted'
  | 'starting'
  | 'active'
  | 'fading'
  | 'concluding'
  | 'concluded';

export interface PersonRef {
  id: string;
  name: string;
  title: string;
  timezone: string;
}

export interface Question {
  id: string;
  asked_by: string;
  question: string;
  answer: string | null;
  asked_at: string;
  answered_at: string | null;
}

export interface Relationship {
  id: string;
  state: RelState;
  format: Format;
  mentee: PersonRef | null;
  mentor: PersonRef | null;
  initiated_by: Role;
  /** A cohort matching proposed the pair: the mentee did not ask (though they are the initiator). */
  proposed_by_program?: boolean;
  my_role: Role | null;
  message: string;
  draft_purpose: string;
  decline_reason: string;
  requested_at: string;
  expires_at: string;
  answered_at: string | null;
  activated_at: string | null;
  concluded_at: string | null;
  updated_at: string;
  waiting_for_me: boolean;
  questions?: Question[];
}

export type ObjectiveCategory = 'networking' | 'career_options' | 'skill_gaps' | 'skill_coaching' | 'other';

export interface Objective {
  id: string;
  category: ObjectiveCategory;
  description: string;
  success_measure: string;
}

export interface Purpose {
  version: number;
  objectives: Objective[];
  desired_outcome: string;
  agreed: boolean;
  agreed_at: string | null;
  agreed_by_me: boolean;
  agreed_by_other: boolean;
  agreed_by_mentee: boolean;
  agreed_by_mentor: boolean;
}

export interface Logistics {
  cadence_days: number;
  medium: Medium;
  where: string;
  feedback_preference: string;
  mentee_learning: string;
  mentor_learning: string;
  review_date: string | null;
  hints: string[];
}

export type TaskType =
  | 'networking'
  | 'assessment'
  | 'informational_interview'
  | 'shadowing'
  | 'formal_learning'
  | 'project'
  | 'outside_forum'
  | 'other';
export type TaskStatus = 'open' | 'done' | 'dropped';

export interface Task {
  id: string;
  objective_id: string | null;
  type: TaskType;
  title: string;
  notes: string;
  owner: Role;
  due: string | null;
  status: TaskStatus;
  overdue: boolean;
  created_at: string;
  completed_at: string | null;
}

export interface Progress {
  objective_id: string | null;
  open: number;
  done: number;
  dropped: number;
  overdue: number;
}

export interface AgendaItem {
  kind: 'overdue_task' | 'open_task' | 'objective';
  ref_id: string;
  text: string;
}

export type MeetingStatus = 'scheduled' | 'held' | 'cancelled' | 'no_show';

export interface MeetingBase {
  id: string;
  starts_at: string;
  duration_minutes: number;
  medium: Medium;
  where: string;
  status: MeetingStatus;
  agenda: AgendaItem[];
  shared_notes: string;
}

export interface Meeting extends MeetingBase {
  stories: number;
}

export interface Story {
  id: string;
  meeting_id: string;
  teller_id: string;
  story: string;
  point: string;
  reflection: string | null;
  reflected_at: string | null;
  question_for_mentee: string;
}

export interface MeetingDetail extends MeetingBase {
  my_private_note: string;
  stories: Story[];
  story_hints: string[];
  relationship_state?: RelState;
  story?: Story;
}

export interface Workspace extends Relationship {
  purpose: Purpose;
  logistics: Logistics | null;
  tasks: Task[];
  progress: Progress[];
  meetings: Meeting[];
  stories: Story[];
  questions: Question[];
  cadence_days: number;
  next_steps: string[];
}

export type ObjectiveOutcome = 'achieved' | 'partly' | 'not_achieved';

export interface Debrief {
  author_id: string;
  outcomes: { objective_id: string; outcome: ObjectiveOutcome }[];
  achieved: string;
  still_to_do: string;
  do_differently: string;
  rating: number | null;
  submitted_at: string;
}

export interface PurposeSnapshot {
  version: number;
  objectives: Objective[];
  desired_outcome: string;
  agreed_at: string | null;
}

export interface DebriefSummary {
  relationship_id: string;
  state: RelState;
  purpose_agreed_at_start: PurposeSnapshot | null;
  purpose: Purpose;
  submitted_by_me: boolean;
  submitted_by_other: boolean;
  debriefs: Debrief[];
}

export interface Nudge {
  id: string;
  relationship_id: string | null;
  kind: string;
  message: string;
  created_at: string;
  read: boolean;
}

export interface StateChange {
  actor_id: string | null;
  from: RelState;
  to: RelState;
  at: string;
  note: string;
}

export interface AdminRelationshipRow {
  id: string;
  state: RelState;
  mentee_id: string;
  mentor_id: string;
  requested_at: string;
  activated_at: string | null;
  concluded_at: string | null;
  updated_at: string;
  purpose_agreed: boolean;
  tasks: number;
  tasks_done: number;
  meetings_held: number;
}

export interface AdminOverview {
  counts: Record<RelState, number>;
  items: AdminRelationshipRow[];
}

export interface Page<T> {
  items: T[];
  next_cursor: string | null;
}

export interface LoginAnswer {
  person: Person;
  csrf_token: string;
  expires_at: string;
}

// ---------------------------------------------------------------- finding a mentor

/** A person as the recommendations and the directory search show them. */
export interface MentorCard {
  id: string;
  name: string;
  title: string;
  department: string;
  organisation: string;
  is_external: boolean;
  timezone: string;
  years_of_experience: number | null;
  mentor_capacity: number;
  free_places?: number;
  answer_rate?: number | null;
}

export type FactorName =
  | 'skill_match'
  | 'aspiration_role'
  | 'aspiration_department'
  | 'experience_gap'
  | 'outside_perspective'
  | 'reverse_mentoring'
  | 'former_manager'
  | 'timezone_overlap'
  | 'shared_medium'
  | 'free_capacity'
  | 'responsiveness'
  | 'manager_recommendation';

export interface Factor {
  name: FactorName;
  points: number;
  reason: string;
}

export type RecommendationLabel = 'outside_perspective' | 'reverse_mentoring' | 'former_manager' | 'manager_recommendation';

export interface Recommendation {
  mentor: MentorCard;
  score: number;
  factors: Factor[];
  labels: RecommendationLabel[];
  excluded_because?: 'current_manager' | 'already_paired' | 'no_capacity';
  reason?: string;
}

export interface RecommendationList {
  items: Recommendation[];
  excluded: Recommendation[];
  purpose: ObjectiveCategory | null;
  wanted_skills: string[];
  seasoned: boolean;
}

/** GET /api/v1/directory: a card with skills, formats and free places. */
export interface DirectoryEntry extends MentorCard {
  skills: Skill[];
  formats_offered: Format[];
  free_places: number;
}

/** GET /api/v1/me/mentor-recommendations */
export interface ReceivedMentorRecommendation {
  id: string;
  manager: { id: string; name: string };
  mentor: { id: string; name: string; title: string };
  note: string;
  created_at: string;
}

/** POST /api/v1/people/{id}/mentor-recommendations */
export interface SentMentorRecommendation {
  id: string;
  report_id: string;
  mentor_id: string;
  note: string;
  created_at: string;
}

// ---------------------------------------------------------------- circles (src/api/circle_routes.cpp)

export type CircleState = 'active' | 'concluding' | 'concluded';
export type MemberStatus = 'requested' | 'member' | 'waitlisted' | 'declined' | 'removed' | 'left';
export type Attendance = 'present' | 'absent' | 'excused';

export interface CircleCard {
  id: string;
  topic: string;
  description: string;
  host: PersonRef;
  created_by: string;
  size_limit: number;
  cadence_days: number;
  medium: Medium;
  membership: 'open' | 'by_request';
  accepting_members: boolean;
  state: CircleState;
  members: number;
  waitlisted: number;
  places_free: number;
  my_status: MemberStatus | 'host' | null;
  my_waitlist_position: number | null;
  created_at: string;
  updated_at: string;
  concluding_at: string | null;
  concluded_at: string | null;
}

export interface CircleSessionSummary {
  id: string;
  starts_at: string;
  duration_minutes: number;
  medium: Medium;
  where: string;
  status: MeetingStatus;
  notes: string;
  attendance: { present: number; absent: number; excused: number };
  stories: number;
}

export interface CircleSessionDetail extends Omit<CircleSessionSummary, 'attendance' | 'stories'> {
  attendance: { person: PersonRef; status: Attendance | null }[];
  attendance_summary: { present: number; absent: number; excused: number };
  stories: CircleStory[];
  story_hints: string[];
}

export interface ActionItem extends Omit<Task, 'owner'> {
  owner: PersonRef;
  created_by: string;
}

/** A circle's purpose: drafted by the host or a member, agreed by the host. */
export interface CirclePurpose {
  version: number;
  objectives: Objective[];
  desired_outcome: string;
  agreed: boolean;
  agreed_at: string | null;
  agreed_by_host: boolean;
}

export interface CircleStory {
  id: string;
  session_id: string;
  teller_id: string;
  story: string;
  point: string;
  reflections: { person: PersonRef; reflection: string; reflected_at: string }[];
  my_reflection: string | null;
  question_for_members: string;
}

export interface CircleWorkspace extends CircleCard {
  member_list: { person: PersonRef; since: string }[];
  waitlist: { person: PersonRef; position: number; since: string }[] | null;
  requests: { person: PersonRef; message: string; requested_at: string }[] | null;
  purpose: CirclePurpose;
  sessions: CircleSessionSummary[];
  stories: CircleStory[];
  action_items: ActionItem[];
  debrief: { submitted_by_me: boolean; submitted: number };
  next_steps: string[];
}

export interface CircleDebrief extends Debrief {
  author: PersonRef;
}

/** GET /circles/{id}/debrief: one's own debrief until the circle is concluded, then all. */
export interface CircleDebriefSummary {
  circle_id: string;
  state: CircleState;
  purpose: CirclePurpose;
  submitted_by_me: boolean;
  submitted: number;
  expected: number;
  debriefs: CircleDebrief[];
}

// ---------------------------------------------------------------- flash mentoring (src/api/flash_routes.cpp)

export interface FlashSlot {
  id: string;
  topic_id: string;
  starts_at: string;
  ends_at: string;
  duration_minutes: number;
  local_start: string;
  timezone: string;
  withdrawn: boolean;
  free: boolean;
  booked_by_me: boolean;
  booking_id: string | null;
  booked_by?: PersonRef | null;
}

export interface FlashTopic {
  id: string;
  mentor: PersonRef;
  title: string;
  description: string;
  published: boolean;
  timezone: string;
  free_slots: number;
  next_free_slot: FlashSlot | null;
  slots?: FlashSlot[];
}

export type FlashPhase = 'upcoming' | 'follow_up' | 'completed' | 'cancelled';

export interface FlashBooking {
  id: string;
  starts_at: string;
  ends_at: string;
  duration_minutes: number;
  local_start: string;
  timezone: string;
  phase: FlashPhase;
  status: string;
  topic: { id: string; title: string | null };
  slot_id: string;
  mentee: PersonRef;
  mentor: PersonRef;
  my_role: Role;
  question: string;
  booked_at: string;
  cancel_until: string;
  cancelled_at: string | null;
  follow_up_until: string;
  takeaway: string | null;
  rating: number | null;
  resource_url: string | null;
  resource_note: string;
  relationship_id: string | null;
  cancelled_by: string | null;
  cancel_reason: string;
  takeaway_at: string | null;
  resource_at: string | null;
}

// ---------------------------------------------------------------- API tokens (src/api/auth_routes.cpp)

/** A personal API token; `id` is the first 16 hex digits of its hash, never the token. */
export interface ApiToken {
  id: string;
  label: string;
  created_at: string;
  expires_at: string;
}

/** POST /me/tokens answers once with the token itself. */
export interface NewApiToken extends ApiToken {
  token: string;
}

// ---------------------------------------------------------------- admin overviews of circles and flash

/** GET /admin/circles: every circle's state, dates and counts; no topic, names or content. */
export interface AdminCircleRow {
  id: string;
  state: CircleState;
  host_id: string;
  membership: 'open' | 'by_request';
  accepting_members: boolean;
  size_limit: number;
  members: number;
  waitlisted: number;
  requested: number;
  /** People who left or were removed. */
  left: number;
  purpose_agreed: boolean;
  sessions_held: number;
  sessions_scheduled: number;
  action_items: number;
  action_items_done: number;
  debriefs_submitted: number;
  created_at: string;
  concluded_at: string | null;
}

export interface AdminCircleOverview {
  counts: Record<CircleState, number>;
  items: AdminCircleRow[];
}

/** GET /admin/flash: counts only. */
export interface AdminFlashOverview {
  topics: number;
  published_topics: number;
  slots: number;
  free_upcoming_slots: number;
  bookings: Record<FlashPhase, number>;
  takeaways: number;
  ratings: { count: number; average: number | null };
  resources: number;
  relationships_proposed: number;
}

/** GET /config: what the sign-in page needs; `demo` only on a database seeded by `mentorhub demo`. */
export interface PublicConfig {
  demo: { password: string; accounts: { role: string; email: string }[] } | null;
}
