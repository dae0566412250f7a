// Who is signed in. The session itself is the HttpOnly mh_session cookie; this keeps the
// person it belongs to and notices when the server forgets it.
import { createContext, useCallback, useContext, useEffect, useState, type ReactNode } from 'react';
import { api, ok, onUnauthorized, setCsrfToken } from './api';
import type { Person } from './types';

interface Session {
  me: Person;
  refresh: () => Promise<void>;
  signOut: () => Promise<void>;
}

const SessionContext = createContext<Session | null>(null);

export function useSession(): Session {
  const s = useContext(SessionContext);
  if (!s) throw new Error('useSession outside a signed-in page');
  return s;
}

export type SessionState =
  | { status: 'loading' }
  | { status: 'signed-out'; reason?: string }
  | { status: 'signed-in'; me: Person };

export function useSessionState() {
  const [state, setState] = useState<SessionState>({ status: 'loading' });

  const refresh = useCallback(async () => {
    try {
      const me = await ok(api.GET('/api/v1/me'));
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

  const signIn = useCallback(async (email: string, password: string) => {
    const answer = await ok(api.POST('/api/v1/auth/login', { body: { email, password } }));
    setCsrfToken(answer.csrf_token);
    try {
      const me = await ok(api.GET('/api/v1/me'));
      setState({ status: 'signed-in', me });
    } catch {
      setState({ status: 'signed-in', me: answer.person });
    }
  }, []);

  const signOut = useCallback(async () => {
    try {
      await ok(api.POST('/api/v1/auth/logout'));
    } finally {
      setCsrfToken('');
      setState({ status: 'signed-out', reason: 'You are signed out.' });
    }
  }, []);

  return { state, refresh, signIn, signOut };
}

export function SessionProvider({ value, children }: { value: Session; children: ReactNode }) {
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}
