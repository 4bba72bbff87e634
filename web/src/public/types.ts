/** The shapes the public (citizen) API returns — server/src/modules/clues/API.md. */
import type { ClueCategory, ClueRating, ClueState } from '@xs/core/schemas/clues.ts';

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

export interface SubmitResult {
  code: string;
  secret: string;
  createdAt: string;
}

export interface SimilarClue {
  /** The handle for "我也遇到了" (never the clue's tracking code). */
  token: string;
  /** The clue's text with personal data taken out, shortened. */
  summary: string;
  categoryLabel: string;
  stateLabel: string;
  supporters: number;
  createdAt: string;
  score: number;
}

export interface TimelineEntry {
  at: string;
  label: string;
  text: string | null;
}

export interface TrackView {
  code: string;
  kind: 'problem' | 'suggestion';
  category: ClueCategory;
  categoryLabel: string;
  content: string;
  place: string | null;
  townshipName: string | null;
  villageName: string | null;
  state: ClueState;
  stateLabel: string;
  createdAt: string;
  dueAt: string | null;
  timeline: TimelineEntry[];
  reply: { text: string; unitName: string | null; at: string | null } | null;
  rating: ClueRating | null;
  ratingComment: string | null;
  canRate: boolean;
  canRecheck: boolean;
  canSupplement: boolean;
  supporters: number;
}

export interface BoardItem {
  categoryLabel: string;
  townshipName: string | null;
  summary: string;
  reply: string | null;
  unitName: string | null;
  resolvedAt: string | null;
  rating: ClueRating | null;
}

export interface BoardPage {
  items: BoardItem[];
  total: number;
}
