/** What the in-app inbox routes answer (server/src/modules/notifications). */
import { z } from 'zod';

export const NoticeSchema = z.object({
  id: z.number().int(),
  title: z.string(),
  body: z.string(),
  /** The console page of the case the notice is about, e.g. `/clues/12`. */
  link: z.string().nullable(),
  readAt: z.string().nullable(),
  createdAt: z.string(),
});
export type Notice = z.infer<typeof NoticeSchema>;
export const NoticeListSchema = z.object({ unread: z.number().int(), items: z.array(NoticeSchema) });
export type NoticeList = z.infer<typeof NoticeListSchema>;
export const UnreadCountSchema = z.object({ unread: z.number().int() });
export type UnreadCount = z.infer<typeof UnreadCountSchema>;
