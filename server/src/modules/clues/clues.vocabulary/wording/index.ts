/**
 * More ways people across the country name the problems of concepts.ts, kept by domain so that each can be widened on
 * its own: an entry adds phrases, patterns and example sentences to an existing concept (by key), or is a new concept
 * (with a label, and the function that usually handles it for the router). concepts.ts folds them into CLUE_CONCEPTS;
 * the example sentences are tested with the rest (clues.vocabulary.test.ts).
 */
import type { UnitDuty } from '@xs/core/schemas/orgs.ts';
import type { VocabularyConcept, VocabularyStep } from '../../../../platform/search/vocabulary.ts';
import { CITY_WORDING } from './city.ts';
import { COUNTRY_WORDING } from './country.ts';
import { SERVICES_WORDING } from './services.ts';

export interface ConceptWording {
  /** An existing concept's key, or a new concept's. */
  key: string;
  /** A new concept's label (an existing one keeps its own). */
  label?: string;
  generic?: boolean;
  broad?: boolean;
  phrases?: readonly string[];
  patterns?: readonly (readonly VocabularyStep[])[];
  examples?: { positive: readonly string[]; negative: readonly string[] };
  /** A new concept's usual function (concept-duties.ts). */
  duty?: UnitDuty;
  /** A new concept's nuisance carries through the air (SPREADING_CONCEPTS). */
  spreads?: boolean;
  /** A new concept's umbrella (CONCEPT_UMBRELLAS). */
  umbrella?: string;
}

export const CONCEPT_WORDING: readonly ConceptWording[] = [...CITY_WORDING, ...COUNTRY_WORDING, ...SERVICES_WORDING];

/** The concepts with their wider wording folded in; a new concept without a label, or a second one of a key, is an error in the data. */
export function withWording(base: readonly VocabularyConcept[], wording: readonly ConceptWording[]): VocabularyConcept[] {
  const out = base.map((c) => ({ ...c }));
  const byKey = new Map(out.map((c) => [c.key, c]));
  for (const w of wording) {
    const c = byKey.get(w.key);
    if (c && w.label) throw new Error(`concept wording: two concepts with the key ${w.key}`);
    if (c) {
      c.phrases = [...c.phrases, ...(w.phrases ?? []).filter((p) => !c.phrases.includes(p))];
      c.patterns = [...(c.patterns ?? []), ...(w.patterns ?? [])];
      if (w.examples) {
        c.examples = { positive: [...(c.examples?.positive ?? []), ...w.examples.positive], negative: [...(c.examples?.negative ?? []), ...w.examples.negative] };
      }
      continue;
    }
    if (!w.label) throw new Error(`concept wording: no concept ${w.key}, and no label for a new one`);
    const added: VocabularyConcept = { key: w.key, label: w.label, generic: w.generic, broad: w.broad, phrases: w.phrases ?? [], patterns: w.patterns, examples: w.examples };
    out.push(added);
    byKey.set(w.key, added);
  }
  return out;
}

/** The new concepts' functions, spreading nuisances and umbrellas, for the tables of concepts.ts and concept-duties.ts. */
export const WORDING_DUTIES: Readonly<Record<string, UnitDuty>> = Object.fromEntries(CONCEPT_WORDING.flatMap((w) => (w.duty ? [[w.key, w.duty]] : [])));
export const WORDING_SPREADS: readonly string[] = CONCEPT_WORDING.flatMap((w) => (w.spreads ? [w.key] : []));
export const WORDING_UMBRELLAS: Readonly<Record<string, string>> = Object.fromEntries(CONCEPT_WORDING.flatMap((w) => (w.umbrella ? [[w.key, w.umbrella]] : [])));
