// Who is signed in. The session itself is the HttpOnly mh_session cookie; this keeps the
// person it belongs to and notices when the server forgets it.
import { useCallback, useEffect, useState, type ReactNode } from 'react';
import { ApiError, api, ok, onUnauthorized, setCsrfToken } from './api';
import { requiredContext } from './requiredContext';
import type { Person } from './types';

interface Session {
  me: Person;
  refresh: () => Promise<void>;
  signOut: () => Promise<void>;
}

export const [SessionContext, useSession] = requiredContext<Session>('useSession', 'a signed-in page');

export type SessionState =
  | { status: 'loading' }
  | { status: 'signed-out'; reason?: string }
  // The password was right; the person's authenticator app (or a recovery code) comes next.
  | { status: 'second-factor'; challenge: string }
  // An administrator without a second factor while the organisation requires one: the session
  // may only set one up.
  | { status: 'set-up-second-factor'; me: Person }
  | { status: 'signed-in'; me: Person };

export type SecondFactorAnswer = { code: string } | { recovery_code: string };

export function useSessionState() {
  const [state, setState] = useState<SessionState>({ status: 'loading' });

  const refresh = useCallback(async () => {
    try {
      const me = await ok(api.GET('/api/v1/me'));
      if (me.is_admin) {
        const factor = await ok(api.GET('/api/v1/me/second-factor'));
        if (factor.session_limited) {
          setState({ status: 'set-up-second-factor', me });
          return;
        }
      }
      setState({ status: 'signed-in', me });
    } catch (e) {
      setState({ status: 'signed-out' });
      void e;
    }
  }, []);

  useEffect(() => {
    void refresh();
    return onUnauthorized(() =>
      setState((s) =>
        s.status === 'signed-in' ? { status: 'signed-out', reason: 'Your session has ended. Please sign in again.' } : s,
      ),
    );
  }, [refresh]);

  const enter = useCallback(async (person: Person) => {
    try {
      const me = await ok(api.GET('/api/v1/me'));
      setState({ status: 'signed-in', me });
    } catch {
      setState({ status: 'signed-in', me: person });
    }
  }, []);

  const signIn = useCallback(
    async (email: string, password: string) => {
      const answer = await ok(api.POST('/api/v1/auth/login', { body: { email, password } }));
      if ('challenge' in answer) {
        setState({ status: 'second-factor', challenge: answer.challenge });
        return;
      }
      setCsrfToken(answer.csrf_token);
      if (answer.second_factor_setup_required) {
        setState({ status: 'set-up-second-factor', me: answer.person });
        return;
      }
      await enter(answer.person);
    },
    [enter],
  );

  /** Finishes a sign-in waiting for its second factor; a sign-in that waited too long goes back
   *  to the sign-in page, saying why. Other refusals (a wrong code) are thrown for the form. */
  const finishSignIn = useCallback(
    async (challenge: string, answer: SecondFactorAnswer) => {
      try {
        const signedIn = await ok(api.POST('/api/v1/auth/second-factor', { body: { challenge, ...answer } }));
        setCsrfToken(signedIn.csrf_token);
        await enter(signedIn.person);
      } catch (e) {
        if (e instanceof ApiError && e.status === 401) {
          setState({ status: 'signed-out', reason: 'That sign-in waited too long for its code. Please sign in again.' });
          return;
        }
        throw e;
      }
    },
    [enter],
  );

  const cancelSignIn = useCallback(() => setState({ status: 'signed-out' }), []);

  const signOut = useCallback(async () => {
    try {
      await ok(api.POST('/api/v1/auth/logout'));
    } finally {
      setCsrfToken('');
      setState({ status: 'signed-out', reason: 'You are signed out.' });
    }
  }, []);

  return { state, refresh, signIn, finishSignIn, cancelSignIn, signOut };
}

export function SessionProvider({ value, children }: { value: Session; children: ReactNode }) {
  return <SessionContext value={value}>{children}</SessionContext>;
}
