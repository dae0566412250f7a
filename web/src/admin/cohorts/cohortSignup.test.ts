import { describe, expect, test } from 'vitest';
import { signupState, todayUtc } from './cohortSignup';

describe('whether a cohort takes sign-ups', () => {
  const open = { signup_open: true, ends_on: '2027-03-31' };

  test('takes them while switched on, its program open and its end not passed', () => {
    expect(signupState(open, true, '2027-03-31')).toBe('open');
    expect(signupState({ signup_open: true, ends_on: null }, true, '2030-01-01')).toBe('open');
  });

  test('says why it does not', () => {
    expect(signupState({ ...open, signup_open: false }, true, '2027-01-01')).toBe('off');
    expect(signupState(open, false, '2027-01-01')).toBe('program_closed');
    expect(signupState(open, true, '2027-04-01')).toBe('ended');
  });

  test('counts days in UTC, as the server does', () => {
    expect(todayUtc(new Date('2026-12-01T23:30:00-05:00'))).toBe('2026-12-02');
  });
});
