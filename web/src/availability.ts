// A person's weekly hours and exceptions as the Availability page edits them, and the suggested
// meeting times as the meeting form shows them. Pure functions; the page and the form hold state.
import type { components } from './generated/api-schema';

export type Day = components['schemas']['WeeklyWindow']['day'];
export type AvailabilityInput = components['schemas']['AvailabilityInput'];
export type Availability = components['schemas']['Availability'];
export type SuggestedTimes = components['schemas']['SuggestedTimes'];
export type SuggestedTime = components['schemas']['SuggestedTime'];

export const DAYS: Day[] = ['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday'];
export const DAY_LABELS: Record<Day, string> = {
  monday: 'Monday',
  tuesday: 'Tuesday',
  wednesday: 'Wednesday',
  thursday: 'Thursday',
  friday: 'Friday',
  saturday: 'Saturday',
  sunday: 'Sunday',
};

/** One weekly window being edited; `key` keeps React's rows apart. */
export interface WindowRow {
  key: number;
  day: Day;
  start: string;
  end: string;
}

/** One exception being edited: days off from `from` to `to`, or extra hours on `from`. */
export interface ExceptionRow {
  key: number;
  kind: 'off' | 'extra';
  from: string;
  to: string;
  start: string;
  end: string;
  note: string;
}

let nextKey = 1;
export function newKey(): number {
  return nextKey++;
}

/** The rows of a saved availability. */
export function rowsOf(a: Availability): { windows: WindowRow[]; exceptions: ExceptionRow[] } {
  return {
    windows: a.windows.map((w) => ({ key: newKey(), day: w.day, start: w.start, end: w.end })),
    exceptions: a.exceptions.map((e) => ({
      key: newKey(),
      kind: e.kind,
      from: e.from,
      to: e.to ?? e.from,
      start: e.start ?? '',
      end: e.end ?? '',
      note: e.note ?? '',
    })),
  };
}

/** What PUT /me/availability takes, with the rows in the order given, so that an error naming
 *  `windows[i]` or `exceptions[i]` is the i-th row of each list. */
export function bodyOf(timezone: string, windows: WindowRow[], exceptions: ExceptionRow[]): AvailabilityInput {
  return {
    timezone,
    windows: windows.map((w) => ({ day: w.day, start: w.start, end: w.end })),
    exceptions: exceptions.map((e) =>
      e.kind === 'off'
        ? { kind: 'off' as const, from: e.from, to: e.to || e.from, note: e.note }
        : { kind: 'extra' as const, from: e.from, start: e.start, end: e.end, note: e.note },
    ),
  };
}

function minutes(hhmm: string): number | null {
  const m = /^(\d{2}):(\d{2})$/.exec(hhmm);
  return m ? Number(m[1]) * 60 + Number(m[2]) : null;
}

function hhmm(m: number): string {
  return `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;
}

/** The hours a new window of `day` starts with: 09:00-12:00 on an empty day, else the hour after
 *  the day's last window (ending at midnight at the latest). */
export function nextWindow(day: Day, windows: WindowRow[]): { start: string; end: string } {
  const ends = windows.filter((w) => w.day === day).map((w) => minutes(w.end)).filter((m): m is number => m !== null);
  if (ends.length === 0) return { start: '09:00', end: '12:00' };
  const start = Math.min(Math.max(...ends), 23 * 60);
  return { start: hhmm(start), end: hhmm(Math.min(start + 60, 24 * 60)) };
}

/** The weekly hours in all, "12 h 30 min"; windows that are not yet valid count nothing. */
export function weeklyTotal(windows: { start: string; end: string }[]): string {
  let total = 0;
  for (const w of windows) {
    const s = minutes(w.start);
    const e = minutes(w.end);
    if (s !== null && e !== null && e > s) total += e - s;
  }
  const h = Math.floor(total / 60);
  const m = total % 60;
  if (total === 0) return 'No hours';
  return m === 0 ? `${h} h` : h === 0 ? `${m} min` : `${h} h ${m} min`;
}

/** The parts of a local time the API writes ("2026-12-02T09:00:00+01:00"). */
export function localParts(localIso: string): { date: string; time: string; offset: string } {
  const m = /^(\d{4}-\d{2}-\d{2})T(\d{2}:\d{2})(?::\d{2})?(Z|[+-]\d{2}:\d{2})$/.exec(localIso);
  if (!m) return { date: localIso.slice(0, 10), time: localIso.slice(11, 16), offset: '' };
  return { date: m[1], time: m[2], offset: m[3] === 'Z' ? '+00:00' : m[3] };
}

/** "Wed 2 Dec, 09:00": a local time as its own clock reads it, whatever the browser's zone. */
export function localLabel(localIso: string): string {
  const { date, time } = localParts(localIso);
  const [y, mo, d] = date.split('-').map(Number);
  const day = new Intl.DateTimeFormat('en-GB', { weekday: 'short', day: 'numeric', month: 'short', timeZone: 'UTC' })
    .format(new Date(Date.UTC(y, mo - 1, d)))
    .replace(/,/g, '');
  return `${day}, ${time}`;
}

/** "09:00–10:00" from two local times of one day, with the end's date when it is another. */
export function localRange(startIso: string, endIso: string): string {
  const s = localParts(startIso);
  const e = localParts(endIso);
  return e.date === s.date ? `${localLabel(startIso)}–${e.time}` : `${localLabel(startIso)} – ${localLabel(endIso)}`;
}

/** The suggestion as each participant's clock reads it: the viewer first. */
export function bothZones(t: SuggestedTime, s: SuggestedTimes, viewer: 'mentee' | 'mentor') {
  const mine = viewer === 'mentor'
    ? { zone: s.mentor.timezone, range: localRange(t.mentor_local_start, t.mentor_local_end) }
    : { zone: s.mentee.timezone, range: localRange(t.mentee_local_start, t.mentee_local_end) };
  const other = viewer === 'mentor'
    ? { name: s.mentee.person.name, zone: s.mentee.timezone, range: localRange(t.mentee_local_start, t.mentee_local_end) }
    : { name: s.mentor.person.name, zone: s.mentor.timezone, range: localRange(t.mentor_local_start, t.mentor_local_end) };
  return { mine, other };
}

/** What a refused field is called on the page: "Monday until", "Day off from 2026-12-24: until". */
export function fieldLabels(windows: WindowRow[], exceptions: ExceptionRow[]): Record<string, string> {
  const labels: Record<string, string> = { timezone: 'Time zone', windows: 'Weekly hours', exceptions: 'Days off and extra hours' };
  windows.forEach((w, i) => {
    labels[`windows[${i}].start`] = `${DAY_LABELS[w.day]} from`;
    labels[`windows[${i}].end`] = `${DAY_LABELS[w.day]} until`;
  });
  const names: Record<string, string> = { kind: 'kind', from: 'from', to: 'until', start: 'from', end: 'until', note: 'note' };
  exceptions.forEach((x, i) => {
    const what = x.kind === 'off' ? `Day off from ${x.from}` : `Extra hours on ${x.from}`;
    for (const [f, name] of Object.entries(names)) labels[`exceptions[${i}].${f}`] = `${what}: ${name}`;
  });
  return labels;
}
