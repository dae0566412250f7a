// Calendar days ("2027-01-15") as programs and cohorts carry them: a range said in words, and
// the checks a form makes before asking the server (which makes the same ones and has the last
// word), so a mistyped range is named at its field at once.
import { formatDate } from './format';

const DAY = /^(\d{4})-(\d{2})-(\d{2})$/;

/** A real calendar day written YYYY-MM-DD (not 2027-02-30). */
export function isDay(value: string): boolean {
  const m = DAY.exec(value);
  if (!m) return false;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return d.getUTCFullYear() === Number(m[1]) && d.getUTCMonth() === Number(m[2]) - 1 && d.getUTCDate() === Number(m[3]);
}

/** "15 Jan 2027 – 15 Dec 2027", "From 15 Jan 2027", "Until 15 Dec 2027", or `none`. */
export function dayRangeText(startsOn: string | null | undefined, endsOn: string | null | undefined, none = 'No dates'): string {
  if (startsOn && endsOn) return `${formatDate(startsOn)} – ${formatDate(endsOn)}`;
  if (startsOn) return `From ${formatDate(startsOn)}`;
  if (endsOn) return `Until ${formatDate(endsOn)}`;
  return none;
}

export interface DayRangeProblem {
  field: 'starts_on' | 'ends_on';
  message: string;
}

/** What is wrong with a range typed into two date inputs ('' for no date), or null. */
export function dayRangeProblem(startsOn: string, endsOn: string): DayRangeProblem | null {
  if (startsOn && !isDay(startsOn)) return { field: 'starts_on', message: 'must be a date' };
  if (endsOn && !isDay(endsOn)) return { field: 'ends_on', message: 'must be a date' };
  // Both are YYYY-MM-DD, so the text compares as the days do.
  if (startsOn && endsOn && endsOn < startsOn) return { field: 'ends_on', message: 'must not be before the start date' };
  return null;
}

/** A date input's value for the API: '' is no date. */
export function dayOrNull(value: string): string | null {
  return value === '' ? null : value;
}

/** Does moving the end from `before` to `after` extend (a later end, or no end any more)? */
export function isExtension(before: string | null, after: string | null): boolean {
  if (before === null) return false;
  return after === null || after > before;
}
