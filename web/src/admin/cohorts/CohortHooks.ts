// Data hooks of the cohort pages: one page of a cursor-paged list at a time (with the way back),
// a list that grows with "show more", members searched by name on the server, and a matching job
// followed until it ends.
import { useCallback, useEffect, useRef, useState } from 'react';
import { api, ApiError, ok } from '../../api';
import type { Page } from '../../types';
import { asApiError } from '../../ui';
import { isRunning, type CohortMember, type Matching } from './cohortTypes';

export interface CursorPages<T> {
  items: T[];
  loading: boolean;
  error: ApiError | null;
  /** 0 for the first page. */
  index: number;
  hasNext: boolean;
  next: () => void;
  previous: () => void;
  reload: () => void;
}

/** Fetches one page of a list from `cursor` (absent: the first page), at most `limit` items: a
 *  call of the typed `api`, whose query takes these two as they are. */
export type PageLoader<T> = (page: { limit: number; cursor?: string }) => Promise<Page<T>>;

/** Pages through a list `limit` at a time with `load`. A null key loads nothing; a new key (what
 *  is listed, e.g. the path with its filters) starts again at the first page. */
export function useCursorPages<T>(path: string | null, limit: number, load: PageLoader<T>): CursorPages<T> {
  // cursors[i] is the cursor that starts page i.
  const [cursors, setCursors] = useState<(string | null)[]>([null]);
  const [index, setIndex] = useState(0);
  const [page, setPage] = useState<Page<T> | null>(null);
  const [loading, setLoading] = useState(path !== null);
  const [error, setError] = useState<ApiError | null>(null);
  const [generation, setGeneration] = useState(0);
  const latest = useRef(0);
  const loadRef = useRef(load);
  loadRef.current = load;

  useEffect(() => {
    setCursors([null]);
    setIndex(0);
    setPage(null);
  }, [path]);

  const cursor = cursors[index] ?? null;
  useEffect(() => {
    if (path === null) return;
    const mine = ++latest.current;
    setLoading(true);
    loadRef
      .current({ limit, cursor: cursor ?? undefined })
      .then((p) => {
        if (mine !== latest.current) return;
        setPage(p);
        setError(null);
      })
      .catch((e) => mine === latest.current && setError(asApiError(e)))
      .finally(() => mine === latest.current && setLoading(false));
  }, [path, limit, cursor, generation]);

  const nextCursor = page?.next_cursor ?? null;
  return {
    items: page?.items ?? [],
    loading,
    error,
    index,
    hasNext: nextCursor !== null,
    next: () => {
      if (nextCursor === null) return;
      setCursors((c) => [...c.slice(0, index + 1), nextCursor]);
      setIndex((i) => i + 1);
    },
    previous: () => setIndex((i) => Math.max(0, i - 1)),
    reload: () => setGeneration((g) => g + 1),
  };
}

/** A list that grows: the first `first` items of `path` (which answers `{items, next_cursor}`),
 *  then `more` at a time, each page fetched from where the last one ended. */
export interface ShowMore<T> {
  items: T[];
  /** The first page has not come yet (or failed). */
  loading: boolean;
  /** A further page is being fetched. */
  loadingMore: boolean;
  error: ApiError | null;
  hasMore: boolean;
  /** Fetches the next page, or the first again after it failed. */
  showMore: () => void;
}

export function useShowMore<T>(path: string, first: number, more: number, fetchPage: PageLoader<T>): ShowMore<T> {
  const [items, setItems] = useState<T[]>([]);
  const [cursor, setCursor] = useState<string | null>(null);
  const [started, setStarted] = useState(false);
  const [busy, setBusy] = useState(true);
  const [error, setError] = useState<ApiError | null>(null);
  const latest = useRef(0);
  const loadRef = useRef(fetchPage);
  loadRef.current = fetchPage;

  const load = useCallback(
    (from: string | null) => {
      const mine = ++latest.current;
      setBusy(true);
      setError(null);
      loadRef
        .current({ limit: from === null ? first : more, cursor: from ?? undefined })
        .then((page) => {
          if (mine !== latest.current) return;
          setItems((list) => (from === null ? page.items : [...list, ...page.items]));
          setCursor(page.next_cursor);
          setStarted(true);
          setError(null);
        })
        .catch((e) => mine === latest.current && setError(asApiError(e)))
        .finally(() => mine === latest.current && setBusy(false));
    },
    [path, first, more],
  );

  useEffect(() => {
    setItems([]);
    setCursor(null);
    setStarted(false);
    load(null);
    // A page that arrives after the path changed (or the list left the screen) is dropped.
    return () => {
      latest.current++;
    };
  }, [load]);

  return {
    items,
    loading: !started,
    loadingMore: started && busy,
    error,
    hasMore: started && cursor !== null,
    showMore: () => {
      if (busy) return;
      load(started ? cursor : null);
    },
  };
}

/** `value`, once it has stopped changing for `delayMs` (at once when it is emptied). */
export function useDebounced(value: string, delayMs = 250): string {
  const [settled, setSettled] = useState(value);
  useEffect(() => {
    if (value === '') {
      setSettled('');
      return;
    }
    const timer = window.setTimeout(() => setSettled(value), delayMs);
    return () => window.clearTimeout(timer);
  }, [value, delayMs]);
  return settled;
}

/** How many members a search shows at once; typing more of the name narrows it. */
export const MEMBER_SEARCH_LIMIT = 50;

export interface MemberSearch {
  /** The active members found for `q`, null before the first answer. */
  found: CohortMember[] | null;
  /** The search the list answers (it lags behind the typing). */
  q: string;
  /** More members match than are shown. */
  more: boolean;
  searching: boolean;
  error: ApiError | null;
  retry: () => void;
}

/** The cohort's members of a role whose name contains `term`, searched by the server a moment
 *  after the typing stops (at once when the box is emptied); no term gives the first members. */
export function useMemberSearch(cohortId: string, role: 'mentee' | 'mentor', term: string, delayMs = 250): MemberSearch {
  const q = term.trim();
  const [answer, setAnswer] = useState<{ q: string; found: CohortMember[]; more: boolean } | null>(null);
  const [searching, setSearching] = useState(true);
  const [error, setError] = useState<ApiError | null>(null);
  const [attempt, setAttempt] = useState(0);

  useEffect(() => {
    let cancelled = false;
    setSearching(true);
    const timer = window.setTimeout(
      () => {
        ok(api.GET('/api/v1/cohorts/{id}/members', { params: { path: { id: cohortId }, query: { role, q, limit: MEMBER_SEARCH_LIMIT } } }))
          .then((page) => {
            if (cancelled) return;
            // Deactivated members are listed without a name when nothing is searched.
            setAnswer({ q, found: page.items.filter((m) => m.active), more: page.next_cursor !== null });
            setError(null);
          })
          .catch((e) => !cancelled && setError(asApiError(e)))
          .finally(() => !cancelled && setSearching(false));
      },
      q === '' ? 0 : delayMs,
    );
    return () => {
      cancelled = true;
      window.clearTimeout(timer);
    };
  }, [cohortId, role, q, delayMs, attempt]);

  return {
    found: answer?.found ?? null,
    q: answer?.q ?? q,
    more: answer?.more ?? false,
    searching,
    error,
    retry: () => setAttempt((a) => a + 1),
  };
}

const POLL_MS = 600;

/** Follows a matching while it is queued or running, asking about every 0.6 s (slower after an
 *  error), and calls `onEnd` once with the finished job. The caller keys its component by the
 *  job's id, so `initial` is read once. */
export function useMatchingPoll(initial: Matching, onEnd: (m: Matching) => void) {
  const [job, setJob] = useState<Matching>(initial);
  const [stale, setStale] = useState<ApiError | null>(null);
  const onEndRef = useRef(onEnd);
  onEndRef.current = onEnd;

  const id = job.id;
  const running = isRunning(job);
  useEffect(() => {
    if (!running) return;
    let cancelled = false;
    let timer = 0;
    let failures = 0;
    const tick = async () => {
      try {
        const next = await ok(api.GET('/api/v1/matchings/{id}', { params: { path: { id } } }));
        if (cancelled) return;
        failures = 0;
        setStale(null);
        setJob(next);
        if (!isRunning(next)) {
          onEndRef.current(next);
          return;
        }
      } catch (e) {
        if (cancelled) return;
        failures++;
        setStale(asApiError(e));
      }
      timer = window.setTimeout(tick, POLL_MS * Math.min(8, 1 + failures * 2));
    };
    timer = window.setTimeout(tick, POLL_MS);
    return () => {
      cancelled = true;
      window.clearTimeout(timer);
    };
  }, [id, running]);

  return { job, stale };
}
