// A context that only means something inside its provider (the signed-in session, a
// relationship's workspace, a circle): reading it anywhere else is a mistake in the code, so the
// hook that reads it throws rather than hand back nothing.
import { createContext, useContext } from 'react';

/** The context's provider and the hook that reads it, named `hook` (a pair, as useState gives
 *  one); outside the provider the hook throws "`hook` outside `where`". */
export function requiredContext<T>(hook: string, where: string) {
  const context = createContext<T | null>(null);
  function useRequired(): T {
    const value = useContext(context);
    if (!value) throw new Error(`${hook} outside ${where}`);
    return value;
  }
  return [context.Provider, useRequired] as const;
}
