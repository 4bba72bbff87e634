/**
 * The shapes the public (citizen) API answers with, inferred from the routes' response schemas in core under the
 * names the citizen pages use.
 */
import type { ReportForm } from '@xs/core/schemas/clues.ts';

export type {
  ClueBoardItem as BoardItem, ClueBoardPage as BoardPage, ClueSubmitResult as SubmitResult, ClueTrackView as TrackView, PhotoUpload as UploadResult,
  PublicSimilarClue as SimilarClue, ReportForm,
} from '@xs/core/schemas/clues.ts';
export type County = ReportForm['county'];
