import type { ConceptWording } from './index.ts';

export const SERVICES_WORDING: readonly ConceptWording[] = [];
