// Data hooks of the cohort pages: one page of a cursor-paged list at a time (with the way back),
// and a matching job followed until it ends.
import { useEffect, useRef, useState } from 'react';
import { ApiError, api, query } from '../api';
import type { Page } from '../types';
import { asApiError } from '../ui';
import { isRunning, type Matching } from './cohortTypes';

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

/** Pages through `path` (which answers `{items, next_cursor}`) `limit` at a time. A null path
 *  loads nothing. Changing the path starts again at the first page. */
export function useCursorPages<T>(path: string | null, limit: number): CursorPages<T> {
  // cursors[i] is the cursor that starts page i.
  const [cursors, setCursors] = useState<(string | null)[]>([null]);
  const [index, setIndex] = useState(0);
  const [page, setPage] = useState<Page<T> | null>(null);
  const [loading, setLoading] = useState(path !== null);
  const [error, setError] = useState<ApiError | null>(null);
  const [generation, setGeneration] = useState(0);
  const latest = useRef(0);

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
    const sep = path.includes('?') ? '&' : '?';
    api
      .get<Page<T>>(path + sep + query({ limit, cursor }).slice(1))
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

/** Every item of a cursor-paged list, fetched `limit` at a time up to `max` items. */
export async function fetchAll<T>(path: string, limit: number, max: number): Promise<{ items: T[]; complete: boolean }> {
  const items: T[] = [];
  let cursor: string | null = null;
  const sep = path.includes('?') ? '&' : '?';
  do {
    const page: Page<T> = await api.get<Page<T>>(path + sep + query({ limit, cursor }).slice(1));
    items.push(...page.items);
    cursor = page.next_cursor;
  } while (cursor !== null && items.length < max);
  return { items, complete: cursor === null };
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
        const next = await api.get<Matching>(`/matchings/${id}`);
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
