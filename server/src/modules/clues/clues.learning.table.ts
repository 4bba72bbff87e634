/** Staff decisions on pairs of clues (migration 20261204_1840), joined to Kysely's Database by declaration merging. */
import type { Generated } from 'kysely';

export interface CluePairDecisionsTable {
  id: Generated<number>;
  tenant_id: number;
  /** The lower id of the pair first. */
  clue_id: number;
  other_id: number;
  /** 1: the same problem (a merge), 0: 不是同一问题. */
  same: number;
  /** JSON number[]: pairFeatures at the time of the decision. */
  features: string;
  score: number;
  decided_by: number | null;
  decided_by_name: string | null;
  created_at: string;
}

declare module '../../db/database.ts' {
  interface Database {
    clue_pair_decisions: CluePairDecisionsTable;
  }
}

/** A county's gazetteer entry or own word (migration 20261204_1850). */
export interface ClueLexiconTable {
  id: Generated<number>;
  tenant_id: number;
  name: string;
  /** GAZETTEER_KINDS key, or 'word' for a word of the county's own. */
  kind: string;
  /** Other names of the same place (or synonyms of the word), 、-separated. */
  aliases: string;
  note: string | null;
  /** For a word: the problem concept it names (clues.vocabulary/concepts.ts key), or null. */
  concept: string | null;
  created_at: string;
  version: number;
}

declare module '../../db/database.ts' {
  interface Database {
    clue_lexicon: ClueLexiconTable;
  }
}
