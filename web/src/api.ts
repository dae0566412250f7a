// The one place that talks to the server. Every non-GET request carries the session's CSRF
// token (from sign-in, or the readable mh_csrf cookie) and a JSON body.
import { humanize } from './errors';

export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly field: string;
  /** The rest of the error body, e.g. a booking conflict's `next_free_slots`. */
  readonly details: Record<string, unknown>;
  /** The server's own words; `message` says them with people words for the API's names. */
  readonly raw: string;

  constructor(status: number, code: string, message: string, field = '', details: Record<string, unknown> = {}) {
    super(humanize(message));
    this.raw = message;
    this.status = status;
    this.code = code;
    this.field = field;
    this.details = details;
  }
}

let csrfToken = '';
const unauthorizedListeners = new Set<() => void>();

export function setCsrfToken(token: string) {
  csrfToken = token;
}

function readCsrfCookie(): string {
  const m = document.cookie.match(/(?:^|;\s*)mh_csrf=([^;]*)/);
  return m ? decodeURIComponent(m[1]) : '';
}

/** Called when the server says the session is gone (expired, signed out elsewhere). */
export function onUnauthorized(listener: () => void): () => void {
  unauthorizedListeners.add(listener);
  return () => unauthorizedListeners.delete(listener);
}

async function request<T>(method: string, path: string, body?: unknown): Promise<T> {
  const headers: Record<string, string> = { Accept: 'application/json' };
  const init: RequestInit = { method, headers, credentials: 'same-origin' };
  if (method !== 'GET' && method !== 'HEAD') {
    headers['Content-Type'] = 'application/json';
    const token = readCsrfCookie() || csrfToken;
    if (token) headers['X-CSRF-Token'] = token;
    init.body = JSON.stringify(body ?? {});
  }
  let response: Response;
  try {
    response = await fetch('/api/v1' + path, init);
  } catch {
    throw new ApiError(0, 'network', 'The server cannot be reached. Check your connection and try again.');
  }
  if (response.status === 204) return undefined as T;
  let data: unknown = null;
  const text = await response.text();
  if (text) {
    try {
      data = JSON.parse(text);
    } catch {
      data = null;
    }
  }
  if (!response.ok) {
    const e = (data as { error?: { code?: string; message?: string; field?: string } & Record<string, unknown> } | null)
      ?.error;
    const error = new ApiError(
      response.status,
      e?.code ?? 'http_' + response.status,
      e?.message ?? `The server answered ${response.status}.`,
      e?.field ?? '',
      e ?? {},
    );
    if (response.status === 401 && path !== '/auth/login') unauthorizedListeners.forEach((l) => l());
    throw error;
  }
  return data as T;
}

export const api = {
  get: <T>(path: string) => request<T>('GET', path),
  post: <T>(path: string, body?: unknown) => request<T>('POST', path, body),
  put: <T>(path: string, body?: unknown) => request<T>('PUT', path, body),
  patch: <T>(path: string, body?: unknown) => request<T>('PATCH', path, body),
  del: <T>(path: string) => request<T>('DELETE', path),
};

/** Builds a query string from the defined members of `params`. */
export function query(params: Record<string, string | number | boolean | null | undefined>): string {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== undefined && v !== null && v !== '') q.set(k, String(v));
  const s = q.toString();
  return s ? '?' + s : '';
}

/** Does an API error's `field` belong to the input called `name`? `skills[2].level` belongs to
 *  `skills[2].level`, `skills[2]` and (with prefix) `skills`. */
export function fieldMatches(errorField: string, name: string, prefix = false): boolean {
  if (!errorField) return false;
  if (errorField === name) return true;
  if (!prefix) return false;
  return errorField.startsWith(name + '[') || errorField.startsWith(name + '.');
}

/** Tells the navigation to count waiting requests and unread nudges again. */
export function countsChanged() {
  window.dispatchEvent(new Event('mh:counts'));
}
