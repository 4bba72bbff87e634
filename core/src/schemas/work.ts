/**
 * 我的待办: open items of every case type waiting on the caller, in one shape (server `CaseType.workOf`), with
 * the tags the home queues count (新交办, 即将到期, 超期 …).
 */
import { z } from 'zod';

export const WORK_TAGS = {
  to_accept: '待受理',
  due_today: '今天到期',
  overdue: '超期',
  extension: '延期申请待审',
  to_publish: '待公开',
  to_verify: '待核验',
  to_handle: '待处理',
  new: '新交办',
  due_soon: '即将到期',
  returned: '被退回',
  /** Given to the reader personally inside their unit (分派): listed first. */
  mine: '分派给我',
} as const;
export type WorkTag = keyof typeof WORK_TAGS;
const WorkTagSchema = z.enum(Object.keys(WORK_TAGS) as [WorkTag, ...WorkTag[]]);

export const WorkItemSchema = z.object({
  /** Case type name, e.g. `task`, `clue`. */
  type: z.string(),
  /** e.g. 落实事项. */
  typeLabel: z.string(),
  id: z.number().int(),
  code: z.string(),
  title: z.string(),
  state: z.string(),
  stateLabel: z.string(),
  dueAt: z.string().nullable(),
  overdue: z.boolean(),
  /** The console path that opens the case for this reader. */
  link: z.string(),
  tags: z.array(WorkTagSchema),
  /** When it came to the reader (forwarded, assigned, submitted …), for ordering. */
  since: z.string(),
});
export type WorkItem = z.infer<typeof WorkItemSchema>;

export const WorkQuerySchema = z.strictObject({
  tag: WorkTagSchema.optional(),
  type: z.string().max(40).optional(),
});

export const WorkListSchema = z.object({
  items: z.array(WorkItemSchema),
  /** Items per tag over every type (before the `tag`/`type` filter). */
  counts: z.record(z.string(), z.number().int()),
  /** The case types that answered (so the page can say which modules it covers). */
  types: z.array(z.object({ name: z.string(), label: z.string() })),
});
export type WorkList = z.infer<typeof WorkListSchema>;
