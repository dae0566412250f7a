import { describe, expect, test } from 'vitest';
import { formatDate, localizeText, relativeTime, splitList, utcToZoned, zonedToUtcIso } from './format';

describe('zonedToUtcIso', () => {
  test('turns a wall-clock time in a zone into UTC', () => {
    expect(zonedToUtcIso('2026-12-02', '10:00', 'Europe/Berlin')).toBe('2026-12-02T09:00:00Z');
    expect(zonedToUtcIso('2026-07-02', '10:00', 'Europe/Berlin')).toBe('2026-07-02T08:00:00Z');
    expect(zonedToUtcIso('2026-12-02', '10:00', 'Asia/Kolkata')).toBe('2026-12-02T04:30:00Z');
  });

  test('follows the change to summer time within the day', () => {
    // Europe/London moves to BST at 01:00 UTC on 29 March 2026.
    expect(zonedToUtcIso('2026-03-29', '00:30', 'Europe/London')).toBe('2026-03-29T00:30:00Z');
    expect(zonedToUtcIso('2026-03-29', '10:00', 'Europe/London')).toBe('2026-03-29T09:00:00Z');
  });

  test('refuses what is not a date and a time', () => {
    expect(zonedToUtcIso('2 Dec', '10:00', 'UTC')).toBeNull();
    expect(zonedToUtcIso('2026-12-02', 'ten', 'UTC')).toBeNull();
  });

  test('round-trips with utcToZoned', () => {
    const iso = zonedToUtcIso('2026-11-01', '08:15', 'America/New_York')!;
    expect(utcToZoned(Date.parse(iso), 'America/New_York')).toEqual({ date: '2026-11-01', time: '08:15' });
  });
});

describe('relativeTime', () => {
  const now = Date.parse('2026-12-01T09:00:00Z');
  test('says minutes, hours, days and months', () => {
    expect(relativeTime('2026-12-01T09:20:00Z', now)).toBe('in 20 minutes');
    expect(relativeTime('2026-12-01T06:00:00Z', now)).toBe('3 hours ago');
    expect(relativeTime('2026-12-06T09:00:00Z', now)).toBe('in 5 days');
    expect(relativeTime('2027-04-01T09:00:00Z', now)).toBe('in 4 months');
  });
});

describe('dates in texts', () => {
  test('a calendar date is the same day in every zone', () => {
    expect(formatDate('2026-12-04', 'Pacific/Auckland')).toBe('4 Dec 2026');
    expect(formatDate('2026-12-04', 'America/Los_Angeles')).toBe('4 Dec 2026');
  });

  test("server texts show times in the reader's zone", () => {
    // (Whether a comma follows the weekday depends on the ICU data of the runtime.)
    expect(localizeText('Meet on 2026-12-02T10:00:00Z, due 2026-12-04', 'Europe/Berlin')).toMatch(
      /^Meet on Wed,? 2 Dec 2026, 11:00, due 4 Dec 2026$/,
    );
  });
});

describe('splitList', () => {
  test('drops empty items and spaces', () => {
    expect(splitList(' English, , Hindi ,')).toEqual(['English', 'Hindi']);
  });
});
