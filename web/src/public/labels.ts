/**
 * Labels the citizen pages need before the server has answered. The canonical maps are in
 * core/src/schemas/clues.ts; importing them at runtime would pull Zod (~27 KB gzipped) into the H5
 * bundle, so the few used here are checked against core's types instead (a renamed key fails `tsc`).
 * Category, state and channel labels always come from the server's responses.
 */
import type { CLUE_CONTENT_MIN, ClueRating, ClueSubmit } from '@xs/core/schemas/clues.ts';

export const KIND_LABELS = { problem: '反映问题', suggestion: '提出建议' } as const satisfies Record<ClueSubmit['kind'], string>;

export const RATING_LABELS = { satisfied: '满意', basically: '基本满意', unsatisfied: '不满意' } as const satisfies Record<ClueRating, string>;

/** Mirrors ClueSubmitSchema's limits, to stop obvious mistakes before a round trip. */
export const LIMITS = { contentMin: 5 satisfies typeof CLUE_CONTENT_MIN, contentMax: 2000, placeMax: 100, nameMax: 20, photos: 6, photoBytes: 8 * 1024 * 1024, commentMax: 500, supplementMax: 1000 } as const;

export const PHONE_RE = /^1[3-9]\d{9}$/;
export const CODE_RE = /^[0-9A-Z]{10}$/;
export const SECRET_RE = /^(\d{4}|[A-Za-z0-9]{8})$/;
