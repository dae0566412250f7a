// Where to go after signing in. A link followed while signed out (a page of the app, or a
// server address such as a meeting's video room from a mail) brings the browser to the sign-in
// page: either at that very address, or at /sign-in?return_to=... when the server sent it there.
// Only a path on this server is followed, never another site ("//host", "/\host"), as the server
// checks for single sign-on too.

const MAX_LENGTH = 500;

/** `requested` when it is a path on this server, else "/". */
export function safeReturnPath(requested: string | null | undefined): string {
  if (!requested || !requested.startsWith('/') || requested.length > MAX_LENGTH) return '/';
  if (requested.startsWith('//') || requested.includes('\\')) return '/';
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f\u007f]/.test(requested)) return '/';
  return requested;
}

/** The address to come back to from the sign-in page shown at `path` with `search`. */
export function returnPathFor(path: string, search: URLSearchParams): string {
  if (path === '/sign-in') return safeReturnPath(search.get('return_to'));
  const query = search.toString();
  return safeReturnPath(query ? `${path}?${query}` : path);
}

/** Whether the web app shows `path` itself; anything else (the API's links) is the server's. */
export function isAppPage(path: string): boolean {
  return !path.startsWith('/api/') && !path.startsWith('/calendar/');
}

/** The single sign-on start address carrying where to return. */
export function withReturnTo(startUrl: string, returnTo: string): string {
  if (returnTo === '/') return startUrl;
  return `${startUrl}${startUrl.includes('?') ? '&' : '?'}return_to=${encodeURIComponent(returnTo)}`;
}

/** What the sign-in page says when the server sent a browser there from one of its links. */
export function signInPurpose(path: string, returnTo: string): string | undefined {
  if (path !== '/sign-in' || returnTo === '/') return undefined;
  if (/^\/api\/v1\/.+\/video$/.test(returnTo)) return 'Sign in to join the video call.';
  if (/\.ics$/.test(returnTo)) return 'Sign in to download the calendar entry.';
  return 'Sign in to continue.';
}
