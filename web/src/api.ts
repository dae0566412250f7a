// The one place that talks to the server, typed from docs/openapi.yaml. Every non-GET request
// carries the session's CSRF token (from sign-in, or the readable mh_csrf cookie).
import createClient from 'openapi-fetch';
import { humanize } from './errors';
import type { paths } from './generated/api-schema';

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

/** The client typed from docs/openapi.yaml (src/generated/, made by `npm run gen:api` before
 *  every type-check and build): a route, a parameter, a body or an answer the document does not
 *  have does not compile. Use it through `ok`, which gives the answer or throws an ApiError. */
export const api = createClient<paths>({ baseUrl: '', credentials: 'same-origin', headers: { Accept: 'application/json' } });

api.use({
  onRequest({ request }) {
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      const token = readCsrfCookie() || csrfToken;
      if (token) request.headers.set('X-CSRF-Token', token);
    }
    return request;
  },
});

interface Answer {
  data?: unknown;
  error?: unknown;
  response: Response;
}

/** The answer of a call of `api` when it succeeded (undefined for 204); otherwise throws an
 *  ApiError with the server's error, or a network ApiError when the server cannot be reached. */
export async function ok<A extends Answer>(call: Promise<A>): Promise<Exclude<A['data'], undefined>> {
  let answer: A;
  try {
    answer = await call;
  } catch {
    throw new ApiError(0, 'network', 'The server cannot be reached. Check your connection and try again.');
  }
  const { response } = answer;
  if (response.ok) return answer.data as Exclude<A['data'], undefined>;
  const body = answer.error;
  const e =
    typeof body === 'object' && body !== null && 'error' in body
      ? (body.error as { code?: string; message?: string; field?: string } & Record<string, unknown>)
      : undefined;
  const error = new ApiError(
    response.status,
    e?.code ?? 'http_' + response.status,
    e?.message ?? `The server answered ${response.status}.`,
    e?.field ?? '',
    e ?? {},
  );
  if (response.status === 401 && !response.url.endsWith('/api/v1/auth/login')) unauthorizedListeners.forEach((l) => l());
  throw error;
}

/** A number a person typed, for a request body. Text that is not a number is sent as it is, so
 *  that the server's 422 names the field and the form shows it there; the type says number
 *  because that is what the document asks for. */
export function typedNumber(value: number | string): number {
  return value as number;
}

/** A whole number typed in a field (spaces around it aside) as a number, other text as typed. */
export function wholeNumber(text: string): number {
  return typedNumber(/^\s*\d+\s*$/.test(text) ? Number(text) : text);
}

/** A JSON POST whose body may be large (a file's text), reporting how much of it has been sent:
 *  fetch cannot, so this one uses XMLHttpRequest. Errors are ApiErrors like ok()'s. */
export function upload<T>(path: string, body: unknown, onProgress: (sent: number, total: number) => void): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', '/api/v1' + path);
    xhr.withCredentials = true;
    xhr.setRequestHeader('Accept', 'application/json');
    xhr.setRequestHeader('Content-Type', 'application/json');
    const token = readCsrfCookie() || csrfToken;
    if (token) xhr.setRequestHeader('X-CSRF-Token', token);
    xhr.upload.onprogress = (e) => {
      if (e.lengthComputable) onProgress(e.loaded, e.total);
    };
    xhr.onerror = () =>
      reject(new ApiError(0, 'network', 'The server cannot be reached. Check your connection and try again.'));
    xhr.onload = () => {
      let data: unknown = null;
      try {
        data = xhr.responseText ? JSON.parse(xhr.responseText) : null;
      } catch {
        data = null;
      }
      if (xhr.status >= 200 && xhr.status < 300) return resolve(data as T);
      const full = (data ?? {}) as Record<string, unknown>;
      const e = (full.error ?? {}) as { code?: string; message?: string; field?: string };
      if (xhr.status === 401) unauthorizedListeners.forEach((l) => l());
      reject(
        new ApiError(
          xhr.status,
          e.code ?? 'http_' + xhr.status,
          e.message ?? `The server answered ${xhr.status}.`,
          e.field ?? '',
          full,
        ),
      );
    };
    xhr.send(JSON.stringify(body));
  });
}

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

/** Tells the navigation to count waiting requests and unread notifications again. */
export function countsChanged() {
  window.dispatchEvent(new Event('mh:counts'));
}
