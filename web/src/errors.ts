// People words for what the API names: its fields ("mentor_id", "starts_at",
// "skills[2].level") and the snake_case values its messages list ("in_person"). The server's
// messages are written for API callers; the web app shows them to people.

/** Field and value names that the plain rule below would say badly. */
const WORDS: Record<string, string> = {
  mentor_id: 'mentor',
  mentee_id: 'mentee',
  mentor_ids: 'mentors',
  mentee_ids: 'mentees',
  person_id: 'person',
  manager_id: 'current manager',
  former_manager_ids: 'former managers',
  slot_id: 'time slot',
  topic_id: 'topic',
  objective_id: 'objective',
  relationship_id: 'relationship',
  circle_id: 'circle',
  starts_at: 'date and time',
  starts_on: 'start date',
  ends_on: 'end date',
  program_id: 'program',
  person_ids: 'people',
  signup_open: 'sign-up',
  request_expiry_days: 'days a request waits',
  fade_after_cadences: 'missed meetings before fading',
  scheduled_at: 'date and time',
  ends_at: 'end time',
  due: 'due date',
  expires_at: 'expiry date',
  review_date: 'review date',
  duration_minutes: 'duration',
  cadence_days: 'cadence',
  size_limit: 'size limit',
  mentor_capacity: 'mentees at a time',
  monthly_availability_hours: 'hours a month',
  career_start_year: 'career start year',
  formats_offered: 'formats offered',
  formats_sought: 'formats sought',
  is_external: 'external',
  is_admin: 'administrator',
  draft_purpose: 'draft purpose',
  desired_outcome: 'desired outcome',
  still_to_do: 'what still needs doing',
  do_differently: 'what you would do differently',
  shared_notes: 'shared notes',
  resource_url: 'link',
  resource_note: 'note',
  min_score: 'minimum score',
  k: 'candidates per mentee',
  include_mentored: 'include mentees already in a mentoring relationship',
  in_person: 'in person',
  one_to_one: 'one-to-one',
  by_request: 'by request',
  no_show: 'no-show',
  csrf_token: 'security token',
};

/** "mentor_id" -> "mentor", "skills[2].level" -> "skills, item 3: level". */
export function fieldLabel(field: string): string {
  return field
    .split('.')
    .map((part) => {
      const m = /^([A-Za-z_]+)((?:\[\d+\])*)$/.exec(part);
      if (!m) return part;
      const items = [...m[2].matchAll(/\[(\d+)\]/g)].map((x) => `item ${Number(x[1]) + 1}`);
      return [word(m[1]), ...items].join(', ');
    })
    .join(': ');
}

function word(name: string): string {
  if (WORDS[name]) return WORDS[name];
  return name
    .replace(/_ids$/, 's')
    .replace(/_id$/, '')
    .replace(/_at$/, ' time')
    .replace(/_/g, ' ');
}

// A snake_case name (at least one underscore), not part of an e-mail address, a path or a link.
const NAME = /(?<![\w@./-])[a-z][a-z0-9]*(?:_[a-z0-9]+)+(?:\[\d+\])*(?:\.[a-z][a-z0-9_]*)*(?![\w@/-])/g;

/** The message with the API's names in people words. Quoted text (what the person typed, which
 *  the server quotes) is left as it is. */
export function humanize(message: string): string {
  return message
    .split(/("[^"]*")/)
    .map((piece) => (piece.startsWith('"') ? piece : piece.replace(NAME, (name) => fieldLabel(name))))
    .join('');
}
