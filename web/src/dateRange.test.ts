import { describe, expect, test } from 'vitest';
import { dayOrNull, dayRangeProblem, dayRangeText, isDay, isExtension } from './dateRange';

describe('calendar days', () => {
  test('knows a real day from a mistyped one', () => {
    expect(isDay('2027-01-15')).toBe(true);
    expect(isDay('2028-02-29')).toBe(true);
    expect(isDay('2027-02-30')).toBe(false);
    expect(isDay('2027-13-01')).toBe(false);
    expect(isDay('15/01/2027')).toBe(false);
    expect(isDay('')).toBe(false);
  });

  test('says a range with one, both or no ends', () => {
    expect(dayRangeText('2027-01-15', '2027-12-15')).toBe('15 Jan 2027 – 15 Dec 2027');
    expect(dayRangeText('2027-01-15', null)).toBe('From 15 Jan 2027');
    expect(dayRangeText(null, '2027-12-15')).toBe('Until 15 Dec 2027');
    expect(dayRangeText(null, null)).toBe('No dates');
    expect(dayRangeText(undefined, '', 'Open-ended')).toBe('Open-ended');
  });

  test('names the field of a range that runs backwards or is not a date', () => {
    expect(dayRangeProblem('', '')).toBeNull();
    expect(dayRangeProblem('2027-01-15', '')).toBeNull();
    expect(dayRangeProblem('2027-01-15', '2027-01-15')).toBeNull();
    expect(dayRangeProblem('2027-05-01', '2027-04-30')).toEqual({ field: 'ends_on', message: 'must not be before the start date' });
    expect(dayRangeProblem('2027-02-30', '')).toEqual({ field: 'starts_on', message: 'must be a date' });
    expect(dayRangeProblem('', 'soon')).toEqual({ field: 'ends_on', message: 'must be a date' });
  });

  test('sends an empty date input as no date', () => {
    expect(dayOrNull('')).toBeNull();
    expect(dayOrNull('2027-01-15')).toBe('2027-01-15');
  });

  test('calls a later end, or none, an extension', () => {
    expect(isExtension('2027-03-31', '2027-04-30')).toBe(true);
    expect(isExtension('2027-03-31', null)).toBe(true);
    expect(isExtension('2027-03-31', '2027-03-01')).toBe(false);
    expect(isExtension('2027-03-31', '2027-03-31')).toBe(false);
    expect(isExtension(null, '2027-03-31')).toBe(false);
  });
});
