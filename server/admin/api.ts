/** The dashboard's one way to the admin API (contract §8): same-origin calls with the session cookie and the CSRF header; failures are values. */

/** A problem the server named, with where it is in the input. */
export interface ApiProblem { path: string; message: string }

/** What a call gave: the answer's JSON, or a message (and the problems of a rejected document). */
export type ApiResult<T> =
  | { ok: true; data: T }
  | { ok: false; status: number; message: string; path?: string; errors?: ApiProblem[] };

/** The header a state-changing call carries, bound to the session (the server's CSRF check). */
export const CSRF_HEADER = 'X-CSRF-Token';

let csrfToken = '';

/** Remembers the session's CSRF token (given by sign-in and by GET /admin/api/session). */
export function setCsrfToken(token: string): void {
  csrfToken = token;
}

/** Calls `/admin/api/<path>`; a 401 also tells the page (event `dc-signed-out` on window) that the session ended. */
export async function api<T>(method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE', path: string, body?: unknown): Promise<ApiResult<T>> {
  const headers: Record<string, string> = {};
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  if (method !== 'GET') headers[CSRF_HEADER] = csrfToken;
  let answer: Response;
  try {
    answer = await fetch(`/admin/api/${path}`, {
      method, headers, credentials: 'same-origin', body: body === undefined ? undefined : JSON.stringify(body),
    });
  } catch {
    return { ok: false, status: 0, message: 'The server cannot be reached. Check your connection and try again.' };
  }
  const data = (await answer.json().catch(() => null)) as (T & { error?: ApiProblem; errors?: ApiProblem[] }) | null;
  if (answer.ok) return { ok: true, data: data as T };
  if (answer.status === 401 && path !== 'session') window.dispatchEvent(new Event('dc-signed-out'));
  const error = data?.error;
  return {
    ok: false,
    status: answer.status,
    message: error?.message ?? (data?.errors ? 'The document has problems.' : `The server answered ${answer.status}.`),
    ...(error?.path ? { path: error.path } : {}),
    ...(data?.errors ? { errors: data.errors } : {}),
  };
}

/** A path segment from user data (an email, an id), escaped. */
export const segment = (value: string | number): string => encodeURIComponent(String(value));
