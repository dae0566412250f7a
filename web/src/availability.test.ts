import { describe, expect, test } from 'vitest';
import { bodyOf, bothZones, fieldLabels, localLabel, localParts, localRange, nextWindow, rowsOf, weeklyTotal, type SuggestedTimes } from './availability';

describe('bodyOf and rowsOf', () => {
  test('keep the rows in order, so an error naming windows[i] is the i-th row', () => {
    const body = bodyOf(
      'Europe/Berlin',
      [
        { key: 1, day: 'friday', start: '13:00', end: '15:00' },
        { key: 2, day: 'monday', start: '09:00', end: '11:00' },
      ],
      [
        { key: 3, kind: 'off', from: '2026-12-24', to: '', start: '10:00', end: '', note: 'Christmas Eve' },
        { key: 4, kind: 'extra', from: '2026-12-05', to: '2026-12-09', start: '10:00', end: '12:00', note: '' },
      ],
    );
    expect(body).toEqual({
      timezone: 'Europe/Berlin',
      windows: [
        { day: 'friday', start: '13:00', end: '15:00' },
        { day: 'monday', start: '09:00', end: '11:00' },
      ],
      exceptions: [
        // A day off has no times and ends on its first date unless told otherwise.
        { kind: 'off', from: '2026-12-24', to: '2026-12-24', note: 'Christmas Eve' },
        // Extra hours are on one date.
        { kind: 'extra', from: '2026-12-05', start: '10:00', end: '12:00', note: '' },
      ],
    });
  });

  test('read a saved availability back into rows', () => {
    const { windows, exceptions } = rowsOf({
      timezone: 'UTC',
      windows: [{ day: 'monday', start: '09:00', end: '11:00' }],
      exceptions: [
        { kind: 'off', from: '2026-12-24', to: '2026-12-26', start: null, end: null, note: 'Holidays' },
        { kind: 'extra', from: '2026-12-05', to: '2026-12-05', start: '10:00', end: '12:00', note: '' },
      ],
      updated_at: null,
    });
    expect(windows.map(({ day, start, end }) => [day, start, end])).toEqual([['monday', '09:00', '11:00']]);
    expect(exceptions.map(({ kind, from, to, start, end }) => [kind, from, to, start, end])).toEqual([
      ['off', '2026-12-24', '2026-12-26', '', ''],
      ['extra', '2026-12-05', '2026-12-05', '10:00', '12:00'],
    ]);
    expect(new Set([...windows, ...exceptions].map((r) => r.key)).size).toBe(3);
  });
});

describe('nextWindow', () => {
  test('starts a day at nine and adds the hour after its last window, up to midnight', () => {
    expect(nextWindow('monday', [])).toEqual({ start: '09:00', end: '12:00' });
    const rows = [
      { key: 1, day: 'monday' as const, start: '09:00', end: '11:30' },
      { key: 2, day: 'tuesday' as const, start: '20:00', end: '24:00' },
    ];
    expect(nextWindow('monday', rows)).toEqual({ start: '11:30', end: '12:30' });
    expect(nextWindow('tuesday', rows)).toEqual({ start: '23:00', end: '24:00' });
    expect(nextWindow('friday', rows)).toEqual({ start: '09:00', end: '12:00' });
  });
});

describe('fieldLabels', () => {
  test('name a refused field as the page shows it', () => {
    const labels = fieldLabels(
      [
        { key: 1, day: 'friday', start: '13:00', end: '15:00' },
        { key: 2, day: 'monday', start: '09:00', end: '08:00' },
      ],
      [{ key: 3, kind: 'off', from: '2026-12-24', to: '2026-12-20', start: '', end: '', note: '' }],
    );
    expect(labels['windows[1].end']).toBe('Monday until');
    expect(labels['exceptions[0].to']).toBe('Day off from 2026-12-24: until');
    expect(labels.timezone).toBe('Time zone');
  });
});

describe('weeklyTotal', () => {
  test('adds the valid windows', () => {
    expect(weeklyTotal([])).toBe('No hours');
    expect(weeklyTotal([{ start: '09:00', end: '11:30' }, { start: '13:00', end: '24:00' }])).toBe('13 h 30 min');
    expect(weeklyTotal([{ start: '09:00', end: '09:45' }, { start: '12:00', end: '11:00' }, { start: '', end: '' }])).toBe('45 min');
  });
});

describe('local times', () => {
  test('are read as their own clock shows them, whatever the browser zone', () => {
    expect(localParts('2027-03-29T09:00:00+02:00')).toEqual({ date: '2027-03-29', time: '09:00', offset: '+02:00' });
    expect(localParts('2027-03-29T03:00:00-04:00').offset).toBe('-04:00');
    expect(localLabel('2027-03-29T09:00:00+02:00')).toBe('Mon 29 Mar, 09:00');
    expect(localRange('2027-03-29T09:00:00+02:00', '2027-03-29T10:00:00+02:00')).toBe('Mon 29 Mar, 09:00–10:00');
    expect(localRange('2027-03-28T23:30:00-04:00', '2027-03-29T00:30:00-04:00')).toBe(
      'Sun 28 Mar, 23:30 – Mon 29 Mar, 00:30',
    );
  });

  test('a suggestion shows the viewer their own zone first and the other person theirs', () => {
    const s = {
      mentor: { person: { id: '1', name: 'Mira Mentor', title: '', timezone: 'Europe/Berlin' }, timezone: 'Europe/Berlin' },
      mentee: { person: { id: '2', name: 'Ned Mentee', title: '', timezone: 'America/New_York' }, timezone: 'America/New_York' },
    } as SuggestedTimes;
    const t = {
      starts_at: '2027-03-29T07:00:00Z',
      ends_at: '2027-03-29T08:00:00Z',
      mentor_local_start: '2027-03-29T09:00:00+02:00',
      mentor_local_end: '2027-03-29T10:00:00+02:00',
      mentee_local_start: '2027-03-29T03:00:00-04:00',
      mentee_local_end: '2027-03-29T04:00:00-04:00',
    };
    expect(bothZones(t, s, 'mentee')).toEqual({
      mine: { zone: 'America/New_York', range: 'Mon 29 Mar, 03:00–04:00' },
      other: { name: 'Mira Mentor', zone: 'Europe/Berlin', range: 'Mon 29 Mar, 09:00–10:00' },
    });
    expect(bothZones(t, s, 'mentor').mine.range).toBe('Mon 29 Mar, 09:00–10:00');
  });
});
