/**
 * The clue vocabulary as data, for the console's 词库 page (GET /clues/vocabulary) and the per-concept example tests:
 * notes (thanks / follow-ups), interchangeable place endings, the routing corpus and the names of unit functions,
 * each versioned; and the problem concepts (concepts.ts), read by the platform's generic matcher, with their examples.
 */
import { UNIT_DUTIES } from '@xs/core/schemas/orgs.ts';
import { CLUE_CONCEPT_MATCHER } from '../clues.analyzer.ts';
import { CLUE_CONCEPTS, CONCEPT_IMPLIES, CONCEPT_RIVALS, CONCEPT_UMBRELLAS } from './concepts.ts';
import { NOT_NOTE_PATTERNS, NOTE_VOCABULARY, NOTES_VERSION, noteKind } from './notes.ts';
import { PLACE_TYPE_GROUPS, PLACE_TYPE_VERSION } from './place-types.ts';
import { ROUTING_CORPUS, ROUTING_CORPUS_VERSION } from './routing-corpus.ts';
import { DUTY_NAME_MARKERS } from './unit-duties.ts';

/** Every example sentence checked against its kind: what the page shows and clues.vocabulary.test.ts asserts. */
export function noteExampleResults() {
  return (['thanks', 'followup'] as const).flatMap((kind) => [
    ...NOTE_VOCABULARY[kind].positive.map((text) => ({ kind, text, expected: true, ok: noteKind(text) === kind })),
    ...NOTE_VOCABULARY[kind].negative.map((text) => ({ kind, text, expected: false, ok: noteKind(text) !== kind })),
  ]);
}

/** Every concept's example sentences checked: positives must name it, negatives must not. */
export function conceptExampleResults() {
  return CLUE_CONCEPT_MATCHER.exampleResults();
}

const label = (key: string) => CLUE_CONCEPTS.find((c) => c.key === key)?.label ?? key;

export function vocabularySummary() {
  return {
    notes: {
      version: NOTES_VERSION, thanks: NOTE_VOCABULARY.thanks.thanks, fixed: NOTE_VOCABULARY.thanks.fixed, praise: NOTE_VOCABULARY.thanks.praise,
      followup: NOTE_VOCABULARY.followup.phrases, followupPatterns: NOTE_VOCABULARY.followup.patterns, notNote: NOT_NOTE_PATTERNS, examples: noteExampleResults(),
    },
    placeTypes: { version: PLACE_TYPE_VERSION, groups: Object.entries(PLACE_TYPE_GROUPS).map(([key, endings]) => ({ key, endings })) },
    routing: {
      version: ROUTING_CORPUS_VERSION,
      duties: Object.entries(ROUTING_CORPUS).map(([duty, c]) => ({ duty, label: UNIT_DUTIES[duty as keyof typeof UNIT_DUTIES], examples: c.examples.length, sample: c.examples.slice(0, 3),
        markers: DUTY_NAME_MARKERS.find(([d]) => d === duty)?.[1] ?? [] })),
    },
    concepts: {
      version: CLUE_CONCEPT_MATCHER.version,
      items: CLUE_CONCEPTS.map((c) => ({ key: c.key, label: c.label, generic: !!c.generic, broad: !!c.broad, phrases: c.phrases, patterns: (c.patterns ?? []).length })),
      examples: conceptExampleResults(),
      rivals: CONCEPT_RIVALS.map((g) => g.map(label)),
      parts: Object.entries({ ...CONCEPT_UMBRELLAS, ...CONCEPT_IMPLIES }).map(([part, of]) => ({ part: label(part), of: label(of) })),
    },
  };
}
