/** What the 直通政协 staff and unit API returns (server/src/modules/clues/API.md). */
import type {
  ClueCategory, ClueChannel, ClueRating, ClueState, ClueTransition, ConversionKind,
} from '@xs/core/schemas/clues.ts';

/** One row of GET /clues and GET /unit/clues. */
export interface ClueListItem {
  id: number;
  code: string;
  kind: 'problem' | 'suggestion';
  category: ClueCategory;
  categoryLabel: string;
  channel: ClueChannel;
  channelLabel: string;
  summary: string;
  townshipId: number;
  townshipName: string;
  villageName: string | null;
  state: ClueState;
  stateLabel: string;
  dueAt: string | null;
  overdue: boolean;
  unitId: number | null;
  unitName: string | null;
  supporters: number;
  createdAt: string;
  version: number;
  /** Null in the unit portal. */
  contactName: string | null;
  /** 138****1234; null when none was left (and always in the unit portal). */
  contactPhoneMasked: string | null;
  rating: ClueRating | null;
  published: boolean;
}

export interface ClueTimelineEntry {
  id: number;
  transition: string;
  label: string;
  from: ClueState | null;
  to: ClueState | null;
  actorKind: string;
  actorName: string | null;
  note: string | null;
  data: Record<string, unknown> | null;
  at: string;
}

export interface ClueConversion {
  id: number;
  kind: ConversionKind;
  kindLabel: string;
  title: string;
  createdByName: string | null;
  createdAt: string;
  status: 'queued' | 'taken';
}

/** GET /clues/:id and GET /unit/clues/:id. */
export interface ClueDetail extends ClueListItem {
  content: string;
  place: string | null;
  venueName: string | null;
  memberName: string | null;
  replyText: string | null;
  ratingComment: string | null;
  publicSummary: string | null;
  recheckResult: 'solved' | 'not_solved' | null;
  extensionDays: number;
  mergedInto: { id: number; code: string } | null;
  photos: { fileId: number; url: string }[];
  replyFiles: { fileId: number; url: string; name: string }[];
  conversions: ClueConversion[];
  timeline: ClueTimelineEntry[];
  /** The transitions the caller may fire now (and only these are offered). */
  transitions: ClueTransition[];
}

export interface ClueContact {
  contactName: string | null;
  contactPhone: string | null;
}

/** GET /clues/:id/similar */
export interface SimilarClue extends ClueListItem {
  score: number;
  reason: string;
}

/** GET /clues/:id/unit-suggestions */
export interface UnitSuggestion {
  unitId: number;
  unitName: string;
  score: number;
  reason: string;
}

export interface BulkResult {
  done: number[];
  failed: { id: number; message: string }[];
}

/** GET /clues/conversions */
export interface ConversionRow extends ClueConversion {
  clueId: number;
  clueCode: string;
}

/** GET /clues/routing-rules */
export interface RoutingRule {
  id: number;
  category: ClueCategory | null;
  categoryLabel: string | null;
  keywords: string | null;
  unitId: number;
  unitName: string;
  note: string | null;
}

export interface StatsGroup<K extends string | number = string> {
  key: K;
  label: string;
  received: number;
  adopted: number;
  resolved: number;
}

/** GET /clues/stats */
export interface ClueStats {
  funnel: { received: number; adopted: number; forwarded: number; converted: number; resolved: number };
  satisfaction: { satisfied: number; basically: number; unsatisfied: number; rate: number | null };
  avgHandlingDays: number | null;
  overdueOpen: number;
  byCategory: StatsGroup[];
  byTownship: StatsGroup<number>[];
  byChannel: StatsGroup[];
  byMonth: { month: string; received: number; resolved: number }[];
  conversionsQueued?: number;
}
