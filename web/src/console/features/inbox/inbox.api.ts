/** The in-app inbox's server state, shared by the header bell and the inbox page. */
import type { Ok } from '@xs/core/schemas/common.ts';
import type { Notice, NoticeList, UnreadCount } from '@xs/core/schemas/notifications.ts';
import { api } from '../../../shared/api.ts';

export type { Notice };

export const INBOX_KEY = ['inbox'] as const;
export const UNREAD_KEY = [...INBOX_KEY, 'unread'] as const;

export const fetchUnread = () => api.get<UnreadCount>('/notifications/unread-count');
export const fetchNotices = (unreadOnly: boolean) =>
  api.get<NoticeList>('/notifications', { unread: unreadOnly ? '1' : undefined, limit: 100 });
export const markNoticeRead = (id: number) => api.post<Ok>(`/notifications/${id}/read`);
export const markAllNoticesRead = () => api.post<Ok>('/notifications/read-all');
