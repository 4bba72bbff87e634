/**
 * The citizen pages' API client, a facade on the HTTP core (../shared/http.ts): JSON to /api/v1/public
 * with its 30 s timeout, photo uploads over XHR (fetch cannot report upload progress) with the same
 * error class, and the field problems keyed by the body key they concern.
 */
import { createHttpClient, errorFrom, HttpError } from '../shared/http.ts';
import type {
  BoardPage, County, ReportForm, SimilarClue, SubmitResult, TrackView, UploadResult,
} from './types.ts';
import type { z } from 'zod';
import type { ClueRating, ClueSimilarQuerySchema, ClueSubmitSchema } from '@xs/core/schemas/clues.ts';
import type {
  MeetingSignupSchema, PublicMeetingDetail, PublicMeetingList, PublicOutcomeDetail, PublicOutcomePage, PublicSignupResult,
} from '@xs/core/schemas/consultations.ts';

const BASE = '/api/v1/public';

/** The citizen pages' name for the core's error; the same class as the console's ApiError. */
export { HttpError as PublicApiError } from '../shared/http.ts';

const http = createHttpClient({
  base: BASE,
  // A request that hangs (a village's weak signal, a stuck server) ends with a message instead of a spinner.
  timeoutMs: 30_000,
  messages: { tooLarge: '文件太大了' },
});

function request<T>(method: 'GET' | 'POST', path: string, body?: unknown, signal?: AbortSignal): Promise<T> {
  return http.request<T>(method, path, { json: body, signal });
}

/** Field problems keyed by the top-level body key (`photoTokens.2` → `photoTokens`). */
export function fieldErrors(err: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  if (!(err instanceof HttpError)) return out;
  for (const f of err.fields) {
    const key = f.path.split('.')[0] ?? '';
    if (key && !out[key]) out[key] = f.message;
  }
  return out;
}

export function errorMessage(err: unknown): string {
  if (err instanceof HttpError) return err.message;
  return '出了点问题，请稍后再试';
}

/** The submit body as the server reads it (before Zod's defaults and transforms). */
export type SubmitBody = z.input<typeof ClueSubmitSchema>;

export const publicApi = {
  counties: () => request<{ items: County[] }>('GET', '/counties'),
  form: (countyId: number, venueId?: number | null, memberId?: number | null) => {
    const qs = new URLSearchParams();
    if (venueId) qs.set('venue', String(venueId));
    if (memberId) qs.set('member', String(memberId));
    const s = qs.toString();
    return request<ReportForm>('GET', `/counties/${countyId}/form${s ? `?${s}` : ''}`);
  },
  submit: (countyId: number, body: SubmitBody) => request<SubmitResult>('POST', `/counties/${countyId}/clues`, body),
  similar: (countyId: number, body: z.input<typeof ClueSimilarQuerySchema>, signal?: AbortSignal) =>
    request<{ items: SimilarClue[] }>('POST', `/counties/${countyId}/clues/similar`, body, signal),
  support: (token: string) => request<{ supporters: number }>('POST', '/clues/support', { token }),
  track: (code: string, secret: string) => request<TrackView>('POST', '/clues/track', { code, secret }),
  rate: (code: string, secret: string, rating: ClueRating, comment: string | null) =>
    request<TrackView>('POST', '/clues/rate', { code, secret, rating, comment }),
  recheck: (code: string, secret: string, solved: boolean, comment: string | null) =>
    request<TrackView>('POST', '/clues/recheck', { code, secret, solved, comment }),
  supplement: (code: string, secret: string, content: string) =>
    request<TrackView>('POST', '/clues/supplement', { code, secret, content }),
  board: (countyId: number, page: number, pageSize = 10, filter: { q?: string; category?: string; townshipId?: string } = {}) => {
    const qs = new URLSearchParams({ page: String(page), pageSize: String(pageSize) });
    for (const [k, v] of Object.entries(filter)) if (v) qs.set(k, v);
    return request<BoardPage>('GET', `/counties/${countyId}/board?${qs}`);
  },
  meetings: (countyId: number) => request<PublicMeetingList>('GET', `/counties/${countyId}/meetings`),
  meeting: (countyId: number, id: number) => request<PublicMeetingDetail & { consentText: string }>('GET', `/counties/${countyId}/meetings/${id}`),
  signUp: (countyId: number, id: number, body: z.input<typeof MeetingSignupSchema>) =>
    request<PublicSignupResult>('POST', `/counties/${countyId}/meetings/${id}/signups`, body),
  outcomes: (countyId: number, page: number, pageSize = 10) => request<PublicOutcomePage>('GET', `/counties/${countyId}/outcomes?page=${page}&pageSize=${pageSize}`),
  outcome: (countyId: number, id: number) => request<PublicOutcomeDetail>('GET', `/counties/${countyId}/outcomes/${id}`),
  rateOutcome: (countyId: number, id: number, code: string, secret: string, rating: ClueRating) =>
    request<{ rated: ClueRating; label: string }>('POST', `/counties/${countyId}/outcomes/${id}/rating`, { code, secret, rating }),
  recoverRequest: (code: string, phone: string) => request<{ message: string }>('POST', '/clues/recover/request', { code, phone }),
  recoverVerify: (code: string, phone: string, smsCode: string) =>
    request<{ code: string; secret: string }>('POST', '/clues/recover/verify', { code, phone, smsCode }),
};

/** Upload one photo, reporting progress 0..100. Resolves with the token to put in `photoTokens`. */
export function uploadPhoto(
  countyId: number,
  file: File,
  keepLocation: boolean,
  onProgress: (percent: number) => void,
  signal?: AbortSignal,
): Promise<UploadResult> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', `${BASE}/counties/${countyId}/uploads`);
    xhr.setRequestHeader('accept', 'application/json');
    xhr.upload.onprogress = (e) => {
      if (e.lengthComputable) onProgress(Math.min(99, Math.round((e.loaded / e.total) * 100)));
    };
    xhr.onload = () => {
      let body: unknown = null;
      try {
        body = JSON.parse(xhr.responseText);
      } catch {
        body = null;
      }
      if (xhr.status >= 200 && xhr.status < 300) {
        onProgress(100);
        resolve(body as UploadResult);
      } else {
        reject(errorFrom(xhr.status, body, http.messages));
      }
    };
    xhr.onerror = () => reject(new HttpError(0, 'network', http.messages.network));
    xhr.timeout = 180_000;
    xhr.ontimeout = () => reject(new HttpError(0, 'timeout', '上传太慢没有完成，请换个网络好的地方重试'));
    xhr.onabort = () => reject(new DOMException('上传已取消', 'AbortError'));
    signal?.addEventListener('abort', () => xhr.abort(), { once: true });
    const form = new FormData();
    // Fields before the file, so the server knows the choice while streaming the photo.
    if (keepLocation) form.append('keepLocation', '1');
    form.append('photo', file, file.name || 'photo.jpg');
    xhr.send(form);
  });
}
