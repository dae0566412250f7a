// Labels for the API's enumerations, and dates and times shown in the reader's own timezone.
import type {
  Format,
  Medium,
  MeetingStatus,
  ObjectiveCategory,
  ObjectiveOutcome,
  RelState,
  TaskType,
} from './types';

export const MEDIUM_LABELS: Record<Medium, string> = {
  video: 'Video call',
  in_person: 'In person',
  phone: 'Phone',
  chat: 'Chat',
};
export const MEDIA: Medium[] = ['video', 'in_person', 'phone', 'chat'];

export const FORMAT_LABELS: Record<Format, string> = {
  one_to_one: 'One-to-one',
  circle: 'Circle',
  flash: 'Flash mentoring',
};
export const FORMATS: Format[] = ['one_to_one', 'circle', 'flash'];

export const STATE_LABELS: Record<RelState, string> = {
  requested: 'Requested',
  declined: 'Declined',
  withdrawn: 'Withdrawn',
  expired: 'Expired',
  accepted: 'Accepted',
  starting: 'Starting',
  active: 'Active',
  fading: 'Fading',
  concluding: 'Concluding',
  concluded: 'Concluded',
};
export const STATES: RelState[] = [
  'requested',
  'starting',
  'active',
  'fading',
  'concluding',
  'concluded',
  'accepted',
  'declined',
  'withdrawn',
  'expired',
];
export const LIVE_STATES: RelState[] = ['starting', 'active', 'fading', 'concluding'];
export const WORKABLE_STATES: RelState[] = ['starting', 'active', 'fading'];

export const CATEGORY_LABELS: Record<ObjectiveCategory, string> = {
  networking: 'Networking',
  career_options: 'Career options',
  skill_gaps: 'Skill gaps',
  skill_coaching: 'Skill coaching',
  other: 'Other',
};
export const CATEGORIES = Object.keys(CATEGORY_LABELS) as ObjectiveCategory[];

export const TASK_TYPE_LABELS: Record<TaskType, string> = {
  networking: 'Networking contact or meeting',
  assessment: 'Assessment',
  informational_interview: 'Informational interview',
  shadowing: 'Shadowing',
  formal_learning: 'Formal learning',
  project: 'Project',
  outside_forum: 'Outside forum',
  other: 'Other',
};
export const TASK_TYPES = Object.keys(TASK_TYPE_LABELS) as TaskType[];

export const MEETING_STATUS_LABELS: Record<MeetingStatus, string> = {
  scheduled: 'Scheduled',
  held: 'Held',
  cancelled: 'Cancelled',
  no_show: 'No-show',
};

export const OUTCOME_LABELS: Record<ObjectiveOutcome, string> = {
  achieved: 'Achieved',
  partly: 'Partly achieved',
  not_achieved: 'Not achieved',
};
export const OUTCOMES = Object.keys(OUTCOME_LABELS) as ObjectiveOutcome[];

export const SKILL_LEVELS = ['Beginner', 'Basic', 'Competent', 'Advanced', 'Expert'];

function validZone(tz: string | undefined): string | undefined {
  if (!tz) return undefined;
  try {
    new Intl.DateTimeFormat('en-GB', { timeZone: tz });
    return tz;
  } catch {
    return undefined;
  }
}

/** "Wed 2 Dec 2026, 10:00" in `tz`. */
export function formatDateTime(iso: string, tz?: string): string {
  return new Intl.DateTimeFormat('en-GB', {
    weekday: 'short',
    day: 'numeric',
    month: 'short',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    timeZone: validZone(tz),
  }).format(new Date(iso));
}

export function formatTime(iso: string, tz?: string): string {
  return new Intl.DateTimeFormat('en-GB', { hour: '2-digit', minute: '2-digit', timeZone: validZone(tz) }).format(
    new Date(iso),
  );
}

/** "2 Dec 2026" for an ISO time or a "2026-12-02" date (dates are calendar days, not instants). */
export function formatDate(isoOrDate: string, tz?: string): string {
  const dateOnly = /^\d{4}-\d{2}-\d{2}$/.test(isoOrDate);
  return new Intl.DateTimeFormat('en-GB', {
    day: 'numeric',
    month: 'short',
    year: 'numeric',
    timeZone: dateOnly ? 'UTC' : validZone(tz),
  }).format(new Date(dateOnly ? isoOrDate + 'T00:00:00Z' : isoOrDate));
}

/** "in 3 days", "2 hours ago": the distance from now, coarse. */
export function relativeTime(iso: string, now = Date.now()): string {
  const diff = new Date(iso).getTime() - now;
  const abs = Math.abs(diff);
  const rtf = new Intl.RelativeTimeFormat('en', { numeric: 'auto' });
  const minute = 60_000,
    hour = 60 * minute,
    day = 24 * hour;
  if (abs < hour) return rtf.format(Math.round(diff / minute), 'minute');
  if (abs < day) return rtf.format(Math.round(diff / hour), 'hour');
  if (abs < 60 * day) return rtf.format(Math.round(diff / day), 'day');
  return rtf.format(Math.round(diff / (30 * day)), 'month');
}

/** The offset of `tz` from UTC at the instant `utcMs`, in milliseconds. */
function zoneOffset(utcMs: number, tz: string): number {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone: tz,
    hourCycle: 'h23',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
  }).formatToParts(new Date(utcMs));
  const get = (t: string) => Number(parts.find((p) => p.type === t)?.value);
  const asUtc = Date.UTC(get('year'), get('month') - 1, get('day'), get('hour'), get('minute'), get('second'));
  return asUtc - Math.floor(utcMs / 1000) * 1000;
}

/** The UTC instant (ISO, seconds precision) of a wall-clock date and time in `tz`. */
export function zonedToUtcIso(date: string, time: string, tz: string): string | null {
  const d = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  const t = /^(\d{2}):(\d{2})/.exec(time);
  if (!d || !t) return null;
  const zone = validZone(tz) ?? 'UTC';
  const wall = Date.UTC(+d[1], +d[2] - 1, +d[3], +t[1], +t[2]);
  let guess = wall - zoneOffset(wall, zone);
  guess = wall - zoneOffset(guess, zone); // once more, in case the offset changes in between (DST)
  return new Date(guess).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/** The wall-clock date ("2026-12-02") and time ("10:00") of an instant in `tz`. */
export function utcToZoned(ms: number, tz: string): { date: string; time: string } {
  const zone = validZone(tz) ?? 'UTC';
  const local = new Date(ms + zoneOffset(ms, zone));
  const iso = local.toISOString();
  return { date: iso.slice(0, 10), time: iso.slice(11, 16) };
}

/** Today's date in `tz`, plus `days`. */
export function dateInDays(days: number, tz: string): string {
  return utcToZoned(Date.now() + days * 86_400_000, tz).date;
}

export function plural(n: number, one: string, many = one + 's'): string {
  return `${n} ${n === 1 ? one : many}`;
}

export function initials(name: string): string {
  const parts = name.trim().split(/\s+/);
  return ((parts[0]?.[0] ?? '') + (parts.length > 1 ? parts[parts.length - 1][0] : '')).toUpperCase();
}

export function percent(x: number | null | undefined): string {
  return x === null || x === undefined ? '–' : `${Math.round(x * 100)}%`;
}

export function hours(h: number | null | undefined): string {
  if (h === null || h === undefined) return '–';
  if (h < 1) return 'under an hour';
  if (h < 48) return plural(Math.round(h), 'hour');
  return plural(Math.round(h / 24), 'day');
}

export function listText(items: string[]): string {
  return items.join(', ');
}

export function splitList(text: string): string[] {
  return text
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
}

/** Server texts (notifications, agendas) carry UTC times ("2026-12-02T10:00:00Z") and dates
 *  ("2026-12-04"); show them the reader's way, in their timezone. */
export function localizeText(text: string, tz: string): string {
  return text
    .replace(/\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z/g, (iso) => formatDateTime(iso, tz))
    .replace(/\b\d{4}-\d{2}-\d{2}\b/g, (d) => formatDate(d));
}

/** Rows for a textarea that shows `text` without scrolling, within limits. */
export function rowsFor(text: string, min = 3, max = 12): number {
  const lines = text.split('\n').reduce((n, line) => n + Math.max(1, Math.ceil(line.length / 70)), 0);
  return Math.min(max, Math.max(min, lines));
}
