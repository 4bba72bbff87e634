/** What the job health route answers (server/src/modules/jobs, from the scheduler's table). */
import { z } from 'zod';

export const JOB_STATUSES = ['running', 'failed', 'late', 'ok', 'never'] as const;
export type JobStatus = (typeof JOB_STATUSES)[number];

export const JobHealthSchema = z.object({
  name: z.string(),
  label: z.string(),
  everyMs: z.number(),
  status: z.enum(JOB_STATUSES),
  /** The process holding or last holding the job's lease. */
  owner: z.string().nullable(),
  lockedUntil: z.string().nullable(),
  nextRunAt: z.string().nullable(),
  lastStartedAt: z.string().nullable(),
  lastFinishedAt: z.string().nullable(),
  lastError: z.string().nullable(),
  runCount: z.number().int(),
  failureCount: z.number().int(),
});
export type JobHealth = z.infer<typeof JobHealthSchema>;
export const JobHealthListSchema = z.object({ items: z.array(JobHealthSchema) });
export type JobHealthList = z.infer<typeof JobHealthListSchema>;
