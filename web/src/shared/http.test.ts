import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createHttpClient, HttpError } from './http.ts';

/** A fetch that never answers until its signal aborts, as a stuck server or a dead signal would. */
function hangingFetch() {
  return vi.fn((_url: string, init: RequestInit) => new Promise<Response>((_resolve, reject) => {
    init.signal?.addEventListener('abort', () => reject(new DOMException('aborted', 'AbortError')), { once: true });
  }));
}

const json = (status: number, body: unknown) =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });

async function caught(p: Promise<unknown>): Promise<unknown> {
  try {
    await p;
  } catch (err) {
    return err;
  }
  throw new Error('expected the request to fail');
}

describe('HTTP core', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => {
    vi.useRealTimers();
    vi.unstubAllGlobals();
  });

  it('sends JSON to base + path + query and reads the answer', async () => {
    const fetch = vi.fn(async () => json(200, { ok: 1 }));
    vi.stubGlobal('fetch', fetch);
    const http = createHttpClient({ base: '/api/v1', timeoutMs: 1000, headers: () => ({ 'x-csrf-token': 't' }) });
    await expect(http.request('POST', '/things', { json: { a: 1 }, query: { q: 'x', empty: '' } })).resolves.toEqual({ ok: 1 });
    const [url, init] = fetch.mock.calls[0] as unknown as [string, RequestInit];
    expect(url).toBe('/api/v1/things?q=x');
    expect(init.body).toBe('{"a":1}');
    expect(init.headers).toMatchObject({ 'content-type': 'application/json', 'x-csrf-token': 't' });
  });

  it('ends a request that gets no answer with the timeout message', async () => {
    vi.stubGlobal('fetch', hangingFetch());
    const http = createHttpClient({ base: '', timeoutMs: 30_000 });
    const pending = caught(http.request('GET', '/slow'));
    await vi.advanceTimersByTimeAsync(29_999);
    await vi.advanceTimersByTimeAsync(1);
    const err = await pending;
    expect(err).toBeInstanceOf(HttpError);
    expect(err).toMatchObject({ status: 0, code: 'timeout', message: '服务器没有响应，请稍后再试' });
  });

  it("rejects with the caller's AbortError when the caller cancels, not a timeout or network error", async () => {
    vi.stubGlobal('fetch', hangingFetch());
    const http = createHttpClient({ base: '', timeoutMs: 30_000 });
    const ctrl = new AbortController();
    const pending = caught(http.request('GET', '/search', { signal: ctrl.signal }));
    ctrl.abort();
    const err = await pending;
    expect(err).toBeInstanceOf(DOMException);
    expect((err as DOMException).name).toBe('AbortError');
  });

  it('carries the server error body: status, code, Chinese message and field problems', async () => {
    const fields = [{ path: 'phone', message: '手机号格式不对' }];
    vi.stubGlobal('fetch', vi.fn(async () => json(400, { error: 'validation_failed', message: '填写有误', fields })));
    const http = createHttpClient({ base: '', timeoutMs: 1000 });
    const err = await caught(http.request('POST', '/x', { json: {} }));
    expect(err).toBeInstanceOf(HttpError);
    expect(err).toMatchObject({ status: 400, code: 'validation_failed', error: 'validation_failed', message: '填写有误', fields });
  });

  it('words 413, 429 and 5xx without a body, with a facade overriding a message', async () => {
    const statuses = [413, 429, 502];
    vi.stubGlobal('fetch', vi.fn(async () => new Response('oops', { status: statuses.shift() })));
    const http = createHttpClient({ base: '', timeoutMs: 1000, messages: { tooLarge: '文件太大了' } });
    expect(await caught(http.request('GET', '/a'))).toMatchObject({ status: 413, code: 'payload_too_large', message: '文件太大了' });
    expect(await caught(http.request('GET', '/a'))).toMatchObject({ status: 429, code: 'rate_limited', message: '操作太频繁，请稍等一会儿再试' });
    expect(await caught(http.request('GET', '/a'))).toMatchObject({ status: 502, code: 'internal', message: '服务器暂时无法处理，请稍后再试' });
  });

  it('turns a failed connection into the network message', async () => {
    vi.stubGlobal('fetch', vi.fn(async () => {
      throw new TypeError('Failed to fetch');
    }));
    const http = createHttpClient({ base: '', timeoutMs: 1000 });
    expect(await caught(http.request('GET', '/a'))).toMatchObject({ status: 0, code: 'network', message: '网络连接失败，请检查网络后重试' });
  });

  it('sends once more when the retry hook asks, with the headers asked again', async () => {
    let token = 'old';
    const fetch = vi.fn(async (_url: string, init: RequestInit) =>
      ((init.headers as Record<string, string>)['x-csrf-token'] === 'new'
        ? json(200, { done: true })
        : json(403, { error: 'csrf_failed', message: '页面已过期' })));
    vi.stubGlobal('fetch', fetch);
    const http = createHttpClient({
      base: '',
      timeoutMs: 1000,
      headers: () => ({ 'x-csrf-token': token }),
      retry: async (err) => {
        if (err.code !== 'csrf_failed') return false;
        token = 'new';
        return true;
      },
    });
    await expect(http.request('POST', '/x', { json: {} })).resolves.toEqual({ done: true });
    expect(fetch).toHaveBeenCalledTimes(2);
  });
});
