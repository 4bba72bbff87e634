/**
 * The one HTTP core under the console's and the citizen pages' clients: fetch with a JSON or multipart
 * body, a timeout that a caller's own AbortSignal can still cut short, and every failure turned into an
 * HttpError carrying the status, the code, the server's Chinese message and its field problems.
 * The facades (shared/api.ts, public/api.ts) add what only they need through the hooks.
 * Kept free of other imports so the H5 bundle pays only for this file.
 */
import type { ErrorCode, FieldError } from '@xs/core/errors.ts';

export type HttpErrorCode = ErrorCode | 'network' | 'timeout';

/** What went wrong, as the server said it (`{error, message, fields}`), or no answer at all (status 0). */
export class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly code: HttpErrorCode,
    message: string,
    readonly fields: FieldError[] = [],
  ) {
    super(message);
    this.name = 'HttpError';
  }

  /** The console pages read the code under the server body's own key. */
  get error(): HttpErrorCode {
    return this.code;
  }
}

/** Messages for failures the server did not describe itself; each facade may word them for its readers. */
export interface FallbackMessages {
  network: string;
  timeout: string;
  tooLarge: string;
  rateLimited: string;
  server: string;
  unreadable: string;
}

export const DEFAULT_MESSAGES: FallbackMessages = {
  network: '网络连接失败，请检查网络后重试',
  timeout: '服务器没有响应，请稍后再试',
  tooLarge: '提交的内容太大',
  rateLimited: '操作太频繁，请稍等一会儿再试',
  server: '服务器暂时无法处理，请稍后再试',
  unreadable: '服务器返回的内容无法识别，请稍后再试',
};

function isErrorBody(v: unknown): v is { error: ErrorCode; message: string; fields?: FieldError[] } {
  return typeof v === 'object' && v !== null
    && typeof (v as { error?: unknown }).error === 'string'
    && typeof (v as { message?: unknown }).message === 'string';
}

/** The error for a response that was not ok, from its parsed body (null when it had none). */
export function errorFrom(status: number, body: unknown, messages: FallbackMessages = DEFAULT_MESSAGES): HttpError {
  if (isErrorBody(body)) return new HttpError(status, body.error, body.message, body.fields ?? []);
  if (status === 413) return new HttpError(status, 'payload_too_large', messages.tooLarge);
  if (status === 429) return new HttpError(status, 'rate_limited', messages.rateLimited);
  if (status >= 500) return new HttpError(status, 'internal', messages.server);
  return new HttpError(status, 'bad_request', `请求失败（${status}）`);
}

export function isAbort(err: unknown): boolean {
  return err instanceof DOMException && err.name === 'AbortError';
}

export type QueryValue = string | number | boolean | null | undefined;
export type Query = Record<string, QueryValue>;

/** The query string with a leading `?`, leaving out empty values; '' when nothing is left. */
export function queryString(query?: Query): string {
  const qs = new URLSearchParams();
  for (const [k, v] of Object.entries(query ?? {})) {
    if (v === undefined || v === null || v === '') continue;
    qs.set(k, String(v));
  }
  const s = qs.toString();
  return s ? `?${s}` : '';
}

export interface RequestOptions {
  query?: Query;
  /** JSON body. */
  json?: unknown;
  /** Multipart body (file uploads). */
  form?: FormData;
  /** The caller's own cancel (a newer search replaces an older one); it rejects with the AbortError. */
  signal?: AbortSignal;
  /** Longer than the client's default for slow work such as an Excel import or export. */
  timeoutMs?: number;
}

export interface HttpClientConfig {
  /** Prefix of every path, e.g. `/api/v1`. */
  base: string;
  /** How long a request may hang (a village's weak signal, a stuck server) before it ends with a message. */
  timeoutMs: number;
  messages?: Partial<FallbackMessages>;
  /** Headers for each attempt, asked again before a retry (the console's CSRF token). */
  headers?: (method: string) => Record<string, string>;
  /** Return true to send the failed request once more (the console fetches a fresh CSRF token). */
  retry?: (err: HttpError, method: string) => Promise<boolean>;
}

/** Reads an ok response; runs inside the timeout so a body that stops arriving also ends. */
export type Reader<T> = (res: Response) => Promise<T>;

export async function readJson<T>(res: Response): Promise<T> {
  if (res.status === 204) return undefined as T;
  const text = await res.text();
  return (text ? JSON.parse(text) : undefined) as T;
}

export interface HttpClient {
  readonly messages: FallbackMessages;
  url(path: string, query?: Query): string;
  request<T>(method: string, path: string, opts?: RequestOptions, read?: Reader<T>): Promise<T>;
}

export function createHttpClient(config: HttpClientConfig): HttpClient {
  const messages: FallbackMessages = { ...DEFAULT_MESSAGES, ...config.messages };
  const url = (path: string, query?: Query) => `${config.base}${path}${queryString(query)}`;

  async function attempt<T>(method: string, path: string, opts: RequestOptions, read: Reader<T>): Promise<T> {
    const headers: Record<string, string> = { accept: 'application/json', ...config.headers?.(method) };
    let body: BodyInit | undefined;
    if (opts.json !== undefined) {
      headers['content-type'] = 'application/json';
      body = JSON.stringify(opts.json);
    } else if (opts.form) {
      body = opts.form;
    }

    const ctrl = new AbortController();
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      ctrl.abort();
    }, opts.timeoutMs ?? config.timeoutMs);
    const callerAbort = () => ctrl.abort();
    if (opts.signal?.aborted) ctrl.abort();
    opts.signal?.addEventListener('abort', callerAbort, { once: true });

    // Turns what fetch or the body read threw into the caller's AbortError or an HttpError.
    const failure = (err: unknown): unknown => {
      if (timedOut) return new HttpError(0, 'timeout', messages.timeout);
      if (opts.signal?.aborted) return isAbort(err) ? err : new DOMException('请求已取消', 'AbortError');
      if (err instanceof SyntaxError) return new HttpError(0, 'internal', messages.unreadable);
      return new HttpError(0, 'network', messages.network);
    };

    try {
      let res: Response;
      try {
        res = await fetch(url(path, opts.query), { method, headers, body, credentials: 'same-origin', signal: ctrl.signal });
      } catch (err) {
        throw failure(err);
      }
      if (!res.ok) {
        const data: unknown = await res.json().catch(() => null);
        throw errorFrom(res.status, data, messages);
      }
      try {
        return await read(res);
      } catch (err) {
        throw failure(err);
      }
    } finally {
      clearTimeout(timer);
      opts.signal?.removeEventListener('abort', callerAbort);
    }
  }

  return {
    messages,
    url,
    async request<T>(method: string, path: string, opts: RequestOptions = {}, read: Reader<T> = readJson): Promise<T> {
      try {
        return await attempt(method, path, opts, read);
      } catch (err) {
        if (err instanceof HttpError && config.retry && (await config.retry(err, method))) {
          return attempt(method, path, opts, read);
        }
        throw err;
      }
    },
  };
}
