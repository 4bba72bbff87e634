import type { Generated } from 'kysely';
import type { Timestamp } from '../../platform/platform.table.ts';
import type { TaskState } from '@xs/core/schemas/tasks.ts';

export interface TasksTable {
  id: Generated<number>;
  tenant_id: number;
  /** Shown to people: RW + year + a number, e.g. RW2026-0012. */
  code: string;
  title: string;
  description: string | null;
  owner_unit_id: number;
  /** The case this task is a child of (another task, a topic, a proposal …), or none. */
  parent_type: string | null;
  parent_id: number | null;
  state: TaskState;
  version: number;
  /** The `deadline` clock's due date, kept on the row for lists and filters. */
  due_at: Timestamp | null;
  measure_label: string | null;
  measure_unit: string | null;
  measure_target: number | null;
  measure_current: number | null;
  created_by: number | null;
  created_at: Timestamp;
  verified_at: Timestamp | null;
}

/** Co-units (协办单位): they report progress; the owner submits once each has. */
export interface TaskUnitsTable {
  tenant_id: number;
  task_id: number;
  unit_id: number;
}

export interface TaskUpdatesTable {
  id: Generated<number>;
  tenant_id: number;
  task_id: number;
  unit_id: number;
  author_id: number;
  author_name: string;
  note: string;
  /** The measure's value this update reported, if it reported one. */
  value: number | null;
  created_at: Timestamp;
}

/** Evidence: files uploaded by a unit user, attached to one progress update. */
export interface TaskFilesTable {
  tenant_id: number;
  task_id: number;
  update_id: number | null;
  file_id: number;
}

export interface TaskTables {
  tasks: TasksTable;
  task_units: TaskUnitsTable;
  task_updates: TaskUpdatesTable;
  task_files: TaskFilesTable;
}

declare module '../../db/database.ts' {
  interface Database extends TaskTables {}
}
