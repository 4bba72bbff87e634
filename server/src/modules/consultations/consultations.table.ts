import type { Generated } from 'kysely';
import type { Timestamp } from '../../platform/platform.table.ts';
import type { MeetingKind, TopicFormat, TopicLevel, TopicSource, TopicState } from '@xs/core/schemas/consultations.ts';

export interface TopicsTable {
  id: Generated<number>;
  tenant_id: number;
  /** Shown to people: YT + year + a number, e.g. YT2026-0012. */
  code: string;
  title: string;
  description: string | null;
  source: TopicSource;
  source_note: string | null;
  format: TopicFormat;
  level: TopicLevel;
  place_id: number | null;
  venue_id: number | null;
  state: TopicState;
  version: number;
  due_at: Timestamp | null;
  /** 知情明政: the briefing material. */
  briefing: string | null;
  /** 收集民意: a survey's findings (besides linked clues). */
  survey: string | null;
  /** 提出议题: approval. */
  approved_at: Timestamp | null;
  approved_by: string | null;
  /** 圆桌协商: the agreed outcome. */
  outcome: string | null;
  /** 党政决议: report sent, decision (adopted/partly/not) and any 批示. */
  report_sent_at: Timestamp | null;
  decision: string | null;
  instruction: string | null;
  /** 反馈公开: the public summary, and why it is published while tasks are open. */
  summary: string | null;
  publish_note: string | null;
  published_at: Timestamp | null;
  /** The annual plan's slot. */
  plan_year: number | null;
  plan_month: number | null;
  created_by: number | null;
  created_at: Timestamp;
}

export interface MeetingsTable {
  id: Generated<number>;
  tenant_id: number;
  topic_id: number | null;
  kind: MeetingKind;
  title: string;
  starts_at: Timestamp;
  venue_id: number | null;
  place_id: number | null;
  address: string | null;
  agenda: string | null;
  /** 1: open to the public; citizens may sign up as 群众代表. */
  open_public: number;
  /** Citizen representatives wanted (null: no limit). */
  capacity: number | null;
  /** What the meeting is about, in plain words for the public page. */
  public_intro: string | null;
  /** planned | held | cancelled */
  state: string;
  version: number;
  /** The secret in the meeting's check-in QR code. */
  checkin_token: string;
  minutes: string | null;
  findings: string | null;
  /** Service activities: people served. */
  beneficiaries: number | null;
  held_at: Timestamp | null;
  created_by: number | null;
  created_at: Timestamp;
}

export interface MeetingParticipantsTable {
  id: Generated<number>;
  tenant_id: number;
  meeting_id: number;
  member_id: number | null;
  name: string;
  role: string;
  org: string | null;
  /** invited | checked_in | absence_requested | absence_approved | absence_refused */
  status: string;
  absence_reason: string | null;
  checked_in_at: Timestamp | null;
}

export interface MeetingQaTable {
  id: Generated<number>;
  tenant_id: number;
  meeting_id: number;
  question: string;
  asked_by: string;
  asker_kind: string;
  unit_id: number | null;
  answer: string | null;
  commitment: string | null;
  days: number | null;
  measure_label: string | null;
  measure_target: number | null;
  /** The platform task the commitment became. */
  task_id: number | null;
  created_at: Timestamp;
}

export interface MeetingFilesTable {
  id: Generated<number>;
  tenant_id: number;
  meeting_id: number;
  file_id: number;
}

/** A citizen's sign-up as 群众代表 for an open meeting; accepted, it becomes a participant. */
export interface MeetingSignupsTable {
  id: Generated<number>;
  tenant_id: number;
  meeting_id: number;
  name: string;
  /** Needed to tell the citizen the decision (SMS); shown in full only to staff who manage meetings. */
  phone: string;
  note: string | null;
  /** pending | accepted | declined */
  state: 'pending' | 'accepted' | 'declined';
  consent_at: Timestamp;
  /** The participant row an accepted sign-up became. */
  participant_id: number | null;
  decided_by: string | null;
  decided_at: Timestamp | null;
  /** Why it was declined (told to the citizen). */
  reason: string | null;
  created_at: Timestamp;
}

export interface ConsultPlansTable {
  id: Generated<number>;
  tenant_id: number;
  year: number;
  approved_at: Timestamp | null;
  approved_by: string | null;
}

export interface TopicRatingsTable {
  id: Generated<number>;
  tenant_id: number;
  topic_id: number;
  clue_id: number;
  rating: string;
  created_at: Timestamp;
}

export interface ConsultationTables {
  topics: TopicsTable;
  meetings: MeetingsTable;
  meeting_participants: MeetingParticipantsTable;
  meeting_qa: MeetingQaTable;
  meeting_files: MeetingFilesTable;
  meeting_signups: MeetingSignupsTable;
  consult_plans: ConsultPlansTable;
  topic_ratings: TopicRatingsTable;
}

declare module '../../db/database.ts' {
  interface Database extends ConsultationTables {}
}
