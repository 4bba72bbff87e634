/** The in-app inbox's server state, shared by the header bell and the inbox page. */
import { api } from '../../../shared/api.ts';

export interface Notice {
  id: number;
  title: string;
  body: string;
  /** The console page of the case the notice is about, e.g. `/clues/12`. */
  link: string | null;
  readAt: string | null;
  createdAt: string;
}

export const INBOX_KEY = ['inbox'] as const;
export const UNREAD_KEY = [...INBOX_KEY, 'unread'] as const;

export const fetchUnread = () => api.get<{ unread: number }>('/notifications/unread-count');
export const fetchNotices = (unreadOnly: boolean) =>
  api.get<{ unread: number; items: Notice[] }>('/notifications', { unread: unreadOnly ? '1' : undefined, limit: 100 });
export const markNoticeRead = (id: number) => api.post<{ ok: true }>(`/notifications/${id}/read`);
export const markAllNoticesRead = () => api.post<{ ok: true }>('/notifications/read-all');
