import type { ConceptWording } from './index.ts';

export const CITY_WORDING: readonly ConceptWording[] = [];
