/** The shapes the public (citizen) API returns; the county form's are written out here, the rest come from core. */
import type { z } from 'zod';
import type { ClueBoardPageSchema, ClueCategory } from '@xs/core/schemas/clues.ts';

export interface County {
  id: number;
  name: string;
}

export interface Village {
  id: number;
  name: string;
}

export interface Township {
  id: number;
  name: string;
  villages: Village[];
}

export interface ReportForm {
  county: County;
  townships: Township[];
  categories: { value: ClueCategory; label: string }[];
  venue: { id: number; name: string; kind: string; theme: string; townshipId: number | null } | null;
  member: { id: number; name: string; townshipId: number | null } | null;
  consentText: string;
}

export interface UploadResult {
  token: string;
  size: number;
  mime: string;
}

/** The answers of the tracking, similar-clues and board routes: inferred from their response schemas in core. */
export type {
  ClueBoardItem as BoardItem, ClueSubmitResult as SubmitResult, ClueTrackView as TrackView, PublicSimilarClue as SimilarClue,
} from '@xs/core/schemas/clues.ts';
export type BoardPage = z.infer<typeof ClueBoardPageSchema>;
