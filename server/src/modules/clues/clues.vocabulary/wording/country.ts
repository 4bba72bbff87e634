import type { ConceptWording } from './index.ts';

export const COUNTRY_WORDING: readonly ConceptWording[] = [];
