/**
 * What the citizen has written so far, kept in this tab's sessionStorage: WeChat's browser may reload
 * the page after the camera was opened for a photo, or the citizen may step away to look something up.
 * Name and phone are not kept (collect the minimum); photos are uploaded already and must be chosen again.
 */
import type { ClueCategory } from '@xs/core/schemas/clues.ts';

export interface Draft {
  kind: 'problem' | 'suggestion';
  category: ClueCategory | null;
  townshipId: number | null;
  villageId: number | null;
  place: string;
  content: string;
}

const key = (countyId: number) => `xs.h5.draft.${countyId}`;

export function loadDraft(countyId: number): Draft | null {
  try {
    const v = JSON.parse(window.sessionStorage.getItem(key(countyId)) ?? 'null') as Partial<Draft> | null;
    if (!v || typeof v !== 'object') return null;
    const d: Draft = {
      kind: v.kind === 'suggestion' ? 'suggestion' : 'problem',
      category: typeof v.category === 'string' ? v.category : null,
      townshipId: typeof v.townshipId === 'number' ? v.townshipId : null,
      villageId: typeof v.villageId === 'number' ? v.villageId : null,
      place: typeof v.place === 'string' ? v.place : '',
      content: typeof v.content === 'string' ? v.content : '',
    };
    return d.content.trim() || d.place.trim() ? d : null;
  } catch {
    return null;
  }
}

export function saveDraft(countyId: number, d: Draft): void {
  try {
    if (d.content.trim() || d.place.trim()) window.sessionStorage.setItem(key(countyId), JSON.stringify(d));
    else window.sessionStorage.removeItem(key(countyId));
  } catch {
    // Storage full or disabled: nothing to keep.
  }
}

export function clearDraft(countyId: number): void {
  try {
    window.sessionStorage.removeItem(key(countyId));
  } catch {
    // ignore
  }
}
