import type { Generated } from 'kysely';

/** Timestamps are ISO-8601 UTC strings on both dialects, so they compare as text. */
export type Timestamp = string;
/** Booleans are 0/1 integers on both dialects. */
export type Flag = number;

export interface UsersTable {
  id: Generated<number>;
  tenant_id: number;
  username: string;
  display_name: string;
  phone: string | null;
  password_hash: string;
  /** JSON array of Role. */
  roles: string;
  unit_id: number | null;
  /** The unit's 负责人: gives the unit's work to its handlers. */
  unit_lead: Generated<Flag>;
  member_id: number | null;
  active: Flag;
  failed_logins: number;
  locked_until: Timestamp | null;
  password_changed_at: Timestamp;
  last_login_at: Timestamp | null;
  created_at: Timestamp;
  version: number;
}

export interface SessionsTable {
  /** sha256 of the cookie token; the token itself is never stored. */
  id: string;
  user_id: number;
  /** The tenant the user is acting in (city users switch among their counties). */
  tenant_id: number;
  csrf_token: string;
  created_at: Timestamp;
  last_seen_at: Timestamp;
  ip: string | null;
  user_agent: string | null;
}

export interface AuditLogTable {
  id: Generated<number>;
  at: Timestamp;
  tenant_id: number | null;
  actor_id: number | null;
  actor_name: string | null;
  ip: string | null;
  /** e.g. auth.login, auth.login_failed, member.create, clue.transition.accept */
  action: string;
  entity: string | null;
  entity_id: number | null;
  result: 'success' | 'failure';
  summary: string;
  before_json: string | null;
  after_json: string | null;
}

export interface CaseEventsTable {
  id: Generated<number>;
  tenant_id: number;
  case_type: string;
  case_id: number;
  transition: string;
  label: string;
  from_state: string | null;
  to_state: string;
  actor_kind: 'user' | 'public' | 'system';
  actor_id: number | null;
  actor_name: string | null;
  note: string | null;
  data_json: string | null;
  at: Timestamp;
}

export interface SettingsTable {
  tenant_id: number;
  key: string;
  value_json: string;
  updated_at: Timestamp;
  updated_by: number | null;
}

export interface CalendarDaysTable {
  tenant_id: number;
  date: string;
  kind: 'holiday' | 'workday';
  name: string | null;
}

export interface NotificationsTable {
  id: Generated<number>;
  tenant_id: number;
  user_id: number;
  title: string;
  body: string;
  link: string | null;
  read_at: Timestamp | null;
  created_at: Timestamp;
}

export interface OutboxTable {
  id: Generated<number>;
  tenant_id: number;
  channel: 'sms' | 'wechat';
  recipient: string;
  template: string;
  payload_json: string;
  /** pending → sending (claimed by one drain) → sent; back to pending to retry; failed after the last attempt. */
  status: 'pending' | 'sending' | 'sent' | 'failed';
  /** Sends tried so far, counted when a drain claims the row. */
  attempts: number;
  last_error: string | null;
  created_at: Timestamp;
  sent_at: Timestamp | null;
  /** The drain that is sending it; its claim ends at claimed_until, after which the row is pending again. */
  claimed_by: string | null;
  claimed_until: Timestamp | null;
  /** Not sent before this (the backoff after a failed attempt). */
  next_attempt_at: Timestamp;
}

export interface FilesTable {
  id: Generated<number>;
  tenant_id: number;
  sha256: string;
  mime: string;
  size: number;
  storage_key: string;
  original_name: string | null;
  created_at: Timestamp;
  /** The staff or unit user who uploaded it; null for a citizen's anonymous photo. */
  uploaded_by: number | null;
}

/** Login failures per account name and client address; source '*' is the account as a whole. */
export interface LoginThrottleTable {
  /** The name as typed at login, so an unknown name is counted like a real one. */
  username: string;
  /** The client address, or '*' for every source together. */
  source: string;
  /** Attempts claimed and not cleared by a success, in the current window. */
  failures: number;
  /** Epoch ms before which no password of this row is checked (0: never blocked). */
  blocked_until: number;
  /** The account row's current delay (doubles per further failure); 0 on source rows. */
  delay_ms: number;
  /** Epoch ms of the last claim, for forgetting stale rows. */
  updated_at: number;
}

/** One row per periodic job (scheduler.ts): who holds it, until when, and how its runs went. */
export interface ScheduledJobsTable {
  name: string;
  every_ms: number;
  /** `host:pid` of the process that holds the job now or ran it last. */
  owner: string | null;
  /** Held while this is in the future; a crashed owner's hold ends here. */
  locked_until: Timestamp | null;
  next_run_at: Timestamp;
  last_started_at: Timestamp | null;
  last_finished_at: Timestamp | null;
  /** The last run's error message; null after a run that succeeded. */
  last_error: string | null;
  run_count: Generated<number>;
  failure_count: Generated<number>;
}

/** A rate-limit counter (rate-limits.ts): hits of one key in the window that started at window_start (ms). */
export interface RateLimitsTable {
  key: string;
  window_start: number;
  count: number;
}

export interface PlatformTables {
  users: UsersTable;
  sessions: SessionsTable;
  login_throttle: LoginThrottleTable;
  audit_log: AuditLogTable;
  case_events: CaseEventsTable;
  settings: SettingsTable;
  calendar_days: CalendarDaysTable;
  notifications: NotificationsTable;
  outbox: OutboxTable;
  files: FilesTable;
  scheduled_jobs: ScheduledJobsTable;
  rate_limits: RateLimitsTable;
}
