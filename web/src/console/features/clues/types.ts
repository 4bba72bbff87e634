/**
 * What the 直通政协 staff and unit API returns: the types inferred from the routes' response schemas in core
 * (`@xs/core/schemas/clues.ts`), so the page and the server cannot drift apart. The statistics, unit suggestions and
 * routing rules are still written out here until their routes carry response schemas too.
 */
import type { ClueCategory } from '@xs/core/schemas/clues.ts';

export type {
  BulkResult, ClueContact, ClueConversion, ClueDetail, ClueListItem, ClueTimelineEntry, ConversionRow, SimilarClue,
} from '@xs/core/schemas/clues.ts';

/** GET /clues/:id/unit-suggestions */
export interface UnitSuggestion {
  unitId: number;
  unitName: string;
  score: number;
  reason: string;
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
