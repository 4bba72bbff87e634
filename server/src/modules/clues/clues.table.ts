import type { Generated } from 'kysely';
import type { Flag, Timestamp } from '../../platform/platform.table.ts';
import type { ClueCategory, ClueChannel, ClueRating, ClueState, ClueUrgency, ConversionKind, CounitState } from '@xs/core/schemas/clues.ts';

export interface CluesTable {
  id: Generated<number>;
  tenant_id: number;
  /** The public tracking code (10 characters). */
  code: string;
  /** sha256 of the token shown once at submission. */
  secret_hash: string;
  kind: 'problem' | 'suggestion';
  category: ClueCategory;
  channel: ClueChannel;
  content: string;
  township_id: number;
  village_id: number | null;
  place: string | null;
  venue_id: number | null;
  member_id: number | null;
  contact_name: string | null;
  contact_phone: string | null;
  consent_at: Timestamp | null;
  state: ClueState;
  version: number;
  due_at: Timestamp | null;
  unit_id: number | null;
  merged_into_id: number | null;
  reply_text: string | null;
  rating: ClueRating | null;
  rating_comment: string | null;
  /** People who added their voice to this clue instead of filing a new one. */
  supporters: number;
  /** Published on the public board (反馈公开) after staff approval, with this text. */
  published: Flag;
  public_summary: string | null;
  recheck_due_at: Timestamp | null;
  recheck_result: 'solved' | 'not_solved' | null;
  reminded_at: Timestamp | null;
  extension_days: number;
  /** Days of the unit's extension request waiting for 同意/不同意; null when none is open. */
  extension_request_days: number | null;
  /** jieba tokens of content + place, space separated: what the full-text index reads. */
  search_tokens: string;
  /** sha256 of normalised content, for refusing the same text twice within minutes. */
  content_hash: string;
  created_at: Timestamp;
  accepted_at: Timestamp | null;
  forwarded_at: Timestamp | null;
  replied_at: Timestamp | null;
  resolved_at: Timestamp | null;
  closed_at: Timestamp | null;
  /** The public hint's handle for "我也遇到了" (never the code); set when the clue is first shown in a hint. */
  support_token: string | null;
  /** 紧急 / 一般, chosen at the latest forwarding. */
  urgency: Generated<ClueUrgency>;
  /** 交办意见 of the latest forwarding. */
  forward_note: string | null;
  /** The handler inside the unit its 负责人 gave the clue to. */
  assignee_id: number | null;
}

/** A co-unit (会办单位) of a forwarded clue: a child case of the clue (CLUE_COUNIT_WORKFLOW). */
export interface ClueCounitsTable {
  id: Generated<number>;
  tenant_id: number;
  clue_id: number;
  clue_code: string;
  /** Always `clue`: the platform's child-case columns. */
  parent_type: string;
  parent_id: number;
  unit_id: number;
  state: CounitState;
  version: number;
  due_at: Timestamp | null;
  /** The views it sent to the lead unit. */
  views: string | null;
  /** Why the office stopped waiting, or withdrew it. */
  note: string | null;
  asked_at: Timestamp;
  viewed_at: Timestamp | null;
  viewed_by: number | null;
}

export interface ClueFilesTable {
  clue_id: number;
  file_id: number;
  tenant_id: number;
  role: 'photo' | 'reply';
}

export interface ClueConversionsTable {
  id: Generated<number>;
  tenant_id: number;
  clue_id: number;
  kind: ConversionKind;
  title: string;
  created_by: number;
  created_by_name: string;
  created_at: Timestamp;
  /** queued until the target module (topics, proposals, opinions) takes it over. */
  status: 'queued' | 'taken';
}

export interface ClueRoutingRulesTable {
  id: Generated<number>;
  tenant_id: number;
  category: ClueCategory | null;
  keywords: string | null;
  unit_id: number;
  note: string | null;
}

/** Photos uploaded before the clue is submitted; linked by token on submit. */
export interface ClueUploadsTable {
  token: string;
  tenant_id: number;
  file_id: number;
  created_at: Timestamp;
  used: Flag;
}

/** One counted "我也遇到了" per clue, source and China day (see migration 20261204_1528). */
export interface ClueSupportsTable {
  tenant_id: number;
  clue_id: number;
  /** sha256 of the clue id and the client address: the same address counts once, and the address is not kept. */
  source: string;
  /** YYYY-MM-DD in China time. */
  day: string;
  created_at: Timestamp;
}

/** Wrong phone-digit secrets per tracking code and China day (see clues.track-lock.ts). */
export interface ClueTrackFailuresTable {
  code: string;
  /** YYYY-MM-DD in China time. */
  day: string;
  count: number;
}

export interface ClueTables {
  clues: CluesTable;
  clue_files: ClueFilesTable;
  clue_counits: ClueCounitsTable;
  clue_conversions: ClueConversionsTable;
  clue_routing_rules: ClueRoutingRulesTable;
  clue_uploads: ClueUploadsTable;
  clue_supports: ClueSupportsTable;
  clue_track_failures: ClueTrackFailuresTable;
}

declare module '../../db/database.ts' {
  interface Database extends ClueTables {}
}
