// Whether a cohort takes sign-ups now, in words: its `signup_open` is the administrator's switch,
// but the server also stops sign-ups once the program has closed or the cohort's end has passed.

export type SignupState = 'open' | 'off' | 'ended' | 'program_closed';

/** Today as the server counts days (UTC), YYYY-MM-DD. */
export function todayUtc(now = new Date()): string {
  return now.toISOString().slice(0, 10);
}

export function signupState(
  cohort: { signup_open: boolean; ends_on: string | null },
  programOpen: boolean,
  today: string,
): SignupState {
  if (!cohort.signup_open) return 'off';
  if (!programOpen) return 'program_closed';
  if (cohort.ends_on !== null && cohort.ends_on < today) return 'ended';
  return 'open';
}

export const SIGNUP_TEXT: Record<SignupState, string> = {
  open: 'Taking sign-ups',
  off: 'Administrators add people',
  ended: 'Sign-up ended with the cohort',
  program_closed: 'Sign-up stopped: the program is closed',
};
