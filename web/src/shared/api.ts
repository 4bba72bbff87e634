/**
 * The one API client of the web pages: JSON over fetch to /api/v1, the session cookie sent along,
 * the CSRF token added to every state-changing request, and every failure turned into an ApiError
 * that carries the server's Chinese message and its field-by-field problems.
 */
import type { ErrorCode, FieldError } from '@xs/core/errors.ts';

export const API_BASE = '/api/v1';
const CSRF_HEADER = 'x-csrf-token';

/** What went wrong, as the server said it (`{error, message, fields}`), or a network failure (status 0). */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly error: ErrorCode | 'network',
    message: string,
    readonly fields: FieldError[] = [],
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

export function isApiError(err: unknown): err is ApiError {
  return err instanceof ApiError;
}

let csrfToken: string | null = null;

/** Remember the session's CSRF token (from login or /auth/me). */
export function setCsrfToken(token: string | null): void {
  csrfToken = token;
}

type UnauthenticatedHandler = (err: ApiError) => void;
let onUnauthenticated: UnauthenticatedHandler = () => {
  if (window.location.pathname !== '/login') window.location.assign('/login');
};

/** What to do when the session is gone (never logged in, idle timeout, logged out elsewhere). */
export function setUnauthenticatedHandler(handler: UnauthenticatedHandler): void {
  onUnauthenticated = handler;
}

export type QueryValue = string | number | boolean | null | undefined;
export type Query = Record<string, QueryValue>;

/** `/api/v1` + path + the query string, leaving out empty values. */
export function apiUrl(path: string, query?: Query): string {
  const qs = new URLSearchParams();
  for (const [k, v] of Object.entries(query ?? {})) {
    if (v === undefined || v === null || v === '') continue;
    qs.set(k, String(v));
  }
  const s = qs.toString();
  return `${API_BASE}${path}${s ? `?${s}` : ''}`;
}

interface RequestOptions {
  query?: Query;
  /** JSON body. */
  json?: unknown;
  /** Multipart body (file uploads). */
  form?: FormData;
  signal?: AbortSignal;
  /** Leave a 401 to the caller (the login form shows it instead of redirecting). */
  noAuthRedirect?: boolean;
}

function isErrorBody(v: unknown): v is { error: ErrorCode; message: string; fields?: FieldError[] } {
  return typeof v === 'object' && v !== null && typeof (v as { error?: unknown }).error === 'string'
    && typeof (v as { message?: unknown }).message === 'string';
}

async function toApiError(res: Response): Promise<ApiError> {
  const body: unknown = await res.json().catch(() => null);
  if (isErrorBody(body)) return new ApiError(res.status, body.error, body.message, body.fields ?? []);
  if (res.status === 413) return new ApiError(413, 'payload_too_large', '提交的内容太大');
  if (res.status >= 500) return new ApiError(res.status, 'internal', '服务器暂时无法处理，请稍后再试');
  return new ApiError(res.status, 'bad_request', `请求失败（${res.status}）`);
}

async function send(method: string, path: string, opts: RequestOptions): Promise<Response> {
  const headers: Record<string, string> = { accept: 'application/json' };
  let body: BodyInit | undefined;
  if (opts.json !== undefined) {
    headers['content-type'] = 'application/json';
    body = JSON.stringify(opts.json);
  } else if (opts.form) {
    body = opts.form;
  }
  if (method !== 'GET' && csrfToken) headers[CSRF_HEADER] = csrfToken;
  try {
    return await fetch(apiUrl(path, opts.query), { method, headers, body, credentials: 'same-origin', signal: opts.signal });
  } catch (err) {
    if (err instanceof DOMException && err.name === 'AbortError') throw err;
    throw new ApiError(0, 'network', '网络连接失败，请检查网络后重试');
  }
}

async function refreshCsrfToken(): Promise<boolean> {
  const res = await send('GET', '/auth/me', {});
  if (!res.ok) return false;
  const me = (await res.json()) as { csrfToken?: string };
  setCsrfToken(me.csrfToken ?? null);
  return Boolean(me.csrfToken);
}

async function call(method: string, path: string, opts: RequestOptions = {}): Promise<Response> {
  let res = await send(method, path, opts);
  // The page may hold an old token (e.g. after logging in again in another tab): fetch the current one once.
  if (res.status === 403 && method !== 'GET') {
    const err = await toApiError(res.clone());
    if (err.error === 'csrf_failed' && (await refreshCsrfToken())) res = await send(method, path, opts);
  }
  if (res.ok) return res;
  const err = await toApiError(res);
  if (err.status === 401 && !opts.noAuthRedirect) onUnauthenticated(err);
  throw err;
}

async function request<T>(method: string, path: string, opts: RequestOptions = {}): Promise<T> {
  const res = await call(method, path, opts);
  if (res.status === 204) return undefined as T;
  return (await res.json()) as T;
}

function filenameOf(res: Response, fallback: string): string {
  const cd = res.headers.get('content-disposition') ?? '';
  const star = /filename\*=UTF-8''([^;]+)/i.exec(cd);
  if (star?.[1]) return decodeURIComponent(star[1]);
  const plain = /filename="?([^";]+)"?/i.exec(cd);
  return plain?.[1] ?? fallback;
}

export const api = {
  get: <T>(path: string, query?: Query, opts: Omit<RequestOptions, 'query' | 'json' | 'form'> = {}) =>
    request<T>('GET', path, { ...opts, query }),
  post: <T>(path: string, json?: unknown, opts: Omit<RequestOptions, 'json' | 'form'> = {}) =>
    request<T>('POST', path, { ...opts, json: json ?? {} }),
  patch: <T>(path: string, json: unknown) => request<T>('PATCH', path, { json }),
  put: <T>(path: string, json: unknown) => request<T>('PUT', path, { json }),
  delete: <T>(path: string) => request<T>('DELETE', path),
  /** POST a multipart form, e.g. an Excel file in the field `file`. */
  upload: <T>(path: string, form: FormData) => request<T>('POST', path, { form }),

  /**
   * Download a file the server generates (Excel exports, templates) and save it under the server's
   * file name. Fetched rather than linked so an expired session or a refusal shows as a message.
   */
  async download(path: string, query?: Query, fallbackName = 'download.xlsx'): Promise<void> {
    const res = await call('GET', path, { query });
    const blob = await res.blob();
    const url = URL.createObjectURL(blob);
    const a = document.createElement('a');
    a.href = url;
    a.download = filenameOf(res, fallbackName);
    document.body.append(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(url), 10_000);
  },
};
