/** What the task API returns (server/src/modules/tasks/tasks.service.ts). */
import type { TaskState } from '@xs/core/schemas/tasks.ts';
import type { ActionOption } from '@xs/core/workflow.ts';

export interface TaskMeasure {
  label: string;
  unit: string | null;
  target: number | null;
  current: number | null;
}

export interface TaskListItem {
  id: number;
  code: string;
  title: string;
  state: TaskState;
  stateLabel: string;
  ownerUnitId: number;
  ownerUnitName: string;
  dueAt: string | null;
  overdue: boolean;
  version: number;
  measure: TaskMeasure | null;
  parent: { type: string; id: number | null } | null;
  createdAt: string;
  /** Unit portal: whether the user's unit owns the task (else it co-handles it). */
  mine?: boolean;
}

export interface TaskTimelineEntry {
  id: number;
  transition: string;
  label: string;
  from: string | null;
  to: string;
  actorName: string | null;
  note: string | null;
  data: Record<string, unknown> | null;
  at: string;
}

export interface TaskDetail extends Omit<TaskListItem, 'ownerUnitName' | 'mine'> {
  description: string | null;
  ownerUnitName: string | null;
  verifiedAt: string | null;
  coUnits: { id: number; name: string }[];
  updates: { id: number; unitId: number; unitName: string; authorName: string; note: string; value: number | null; at: string; files: { id: number; name: string | null; mime: string; size: number }[] }[];
  clocks: { name: string; label: string; anchorAt: string; dueAt: string; capAt: string | null; stoppedAt: string | null }[];
  children: { id: number; code: string; title: string; state: TaskState; stateLabel: string }[];
  links: { linkId: number; kind: string; label: string; to: { type: string; id: number | null }; note: string | null; at: string }[];
  actions: ActionOption[];
  timeline: TaskTimelineEntry[];
}
