/**
 * The console's API client, a facade on the HTTP core (./http.ts): JSON to /api/v1 with the session
 * cookie, the CSRF token on every state-changing request (refreshed once when stale), the session
 * handler on a 401, and file downloads saved under the server's file name.
 */
import { createHttpClient, HttpError, type Query, type Reader, type RequestOptions } from './http.ts';

export const API_BASE = '/api/v1';
const CSRF_HEADER = 'x-csrf-token';

/** The console's name for the core's error: the server's `{error, message, fields}`, or no answer (status 0). */
export { HttpError as ApiError } from './http.ts';
export type { Query, QueryValue } from './http.ts';

export function isApiError(err: unknown): err is HttpError {
  return err instanceof HttpError;
}

let csrfToken: string | null = null;

/** Remember the session's CSRF token (from login or /auth/me). */
export function setCsrfToken(token: string | null): void {
  csrfToken = token;
}

type UnauthenticatedHandler = (err: HttpError) => void;
let onUnauthenticated: UnauthenticatedHandler = () => {
  if (window.location.pathname !== '/login') window.location.assign('/login');
};

/** What to do when the session is gone (never logged in, idle timeout, logged out elsewhere). */
export function setUnauthenticatedHandler(handler: UnauthenticatedHandler): void {
  onUnauthenticated = handler;
}

/** Imports and exports of a whole county's data take longer than a page's request. */
const SLOW_TIMEOUT_MS = 180_000;

const http = createHttpClient({
  base: API_BASE,
  timeoutMs: 30_000,
  headers: (method): Record<string, string> => (method !== 'GET' && csrfToken ? { [CSRF_HEADER]: csrfToken } : {}),
  // The page may hold an old token (e.g. after logging in again in another tab): fetch the current one once.
  retry: (err, method) => (err.code === 'csrf_failed' && method !== 'GET' ? refreshCsrfToken() : Promise.resolve(false)),
});

async function refreshCsrfToken(): Promise<boolean> {
  try {
    const me = await http.request<{ csrfToken?: string }>('GET', '/auth/me');
    setCsrfToken(me.csrfToken ?? null);
    return Boolean(me.csrfToken);
  } catch {
    return false;
  }
}

/** `/api/v1` + path + the query string, leaving out empty values. */
export function apiUrl(path: string, query?: Query): string {
  return http.url(path, query);
}

interface ConsoleOptions extends RequestOptions {
  /** Leave a 401 to the caller (the login form shows it instead of redirecting). */
  noAuthRedirect?: boolean;
}

async function request<T>(method: string, path: string, opts: ConsoleOptions = {}, read?: Reader<T>): Promise<T> {
  try {
    return await http.request(method, path, opts, read);
  } catch (err) {
    if (err instanceof HttpError && err.status === 401 && !opts.noAuthRedirect) onUnauthenticated(err);
    throw err;
  }
}

function filenameOf(res: Response, fallback: string): string {
  const cd = res.headers.get('content-disposition') ?? '';
  const star = /filename\*=UTF-8''([^;]+)/i.exec(cd);
  if (star?.[1]) return decodeURIComponent(star[1]);
  const plain = /filename="?([^";]+)"?/i.exec(cd);
  return plain?.[1] ?? fallback;
}

type CallOptions = Omit<ConsoleOptions, 'query' | 'json' | 'form'>;

export const api = {
  get: <T>(path: string, query?: Query, opts: CallOptions = {}) => request<T>('GET', path, { ...opts, query }),
  post: <T>(path: string, json?: unknown, opts: CallOptions = {}) => request<T>('POST', path, { ...opts, json: json ?? {} }),
  patch: <T>(path: string, json: unknown) => request<T>('PATCH', path, { json }),
  put: <T>(path: string, json: unknown) => request<T>('PUT', path, { json }),
  delete: <T>(path: string) => request<T>('DELETE', path),
  /** POST a multipart form, e.g. an Excel file in the field `file`. */
  upload: <T>(path: string, form: FormData) => request<T>('POST', path, { form, timeoutMs: SLOW_TIMEOUT_MS }),

  /**
   * Download a file the server generates (Excel exports, templates) and save it under the server's
   * file name. Fetched rather than linked so an expired session or a refusal shows as a message.
   */
  async download(path: string, query?: Query, fallbackName = 'download.xlsx'): Promise<void> {
    const file = await request('GET', path, { query, timeoutMs: SLOW_TIMEOUT_MS },
      async (res) => ({ blob: await res.blob(), name: filenameOf(res, fallbackName) }));
    const url = URL.createObjectURL(file.blob);
    const a = document.createElement('a');
    a.href = url;
    a.download = file.name;
    document.body.append(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(url), 10_000);
  },
};
