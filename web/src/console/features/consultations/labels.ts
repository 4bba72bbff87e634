/** Option lists for the 协商议事 pages, from the core's declarations. */
import { DECISIONS, MEETING_KINDS, TOPIC_FORMATS, TOPIC_LEVELS, TOPIC_SOURCES, TOPIC_STATES } from '@xs/core/schemas/consultations.ts';

const opts = (o: Record<string, string>) => Object.entries(o).map(([value, label]) => ({ value, label }));
export const SOURCE_OPTIONS = opts(TOPIC_SOURCES);
export const FORMAT_OPTIONS = opts(TOPIC_FORMATS);
export const LEVEL_OPTIONS = opts(TOPIC_LEVELS);
export const KIND_OPTIONS = opts(MEETING_KINDS);
export const DECISION_OPTIONS = opts(DECISIONS);
export const STATE_OPTIONS = Object.entries(TOPIC_STATES).map(([value, s]) => ({ value, label: s.label }));

export type { ActionOption } from '@xs/core/workflow.ts';
export type { MeetingItem, TopicDetail, TopicItem } from '@xs/core/schemas/consultations.ts';
