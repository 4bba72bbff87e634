/** Option lists for the 协商议事 pages, from the core's declarations. */
import { DECISIONS, MEETING_KINDS, TOPIC_FORMATS, TOPIC_LEVELS, TOPIC_SOURCES, TOPIC_STATES } from '@xs/core/schemas/consultations.ts';

const opts = (o: Record<string, string>) => Object.entries(o).map(([value, label]) => ({ value, label }));
export const SOURCE_OPTIONS = opts(TOPIC_SOURCES);
export const FORMAT_OPTIONS = opts(TOPIC_FORMATS);
export const LEVEL_OPTIONS = opts(TOPIC_LEVELS);
export const KIND_OPTIONS = opts(MEETING_KINDS);
export const DECISION_OPTIONS = opts(DECISIONS);
export const STATE_OPTIONS = Object.entries(TOPIC_STATES).map(([value, s]) => ({ value, label: s.label }));

export interface TopicItem {
  id: number; code: string; title: string; sourceLabel: string; formatLabel: string; format: string; levelLabel: string; placeName: string | null;
  venueName: string | null; state: string; stateLabel: string; stage: number; version: number; dueAt: string | null; createdAt: string; publishedAt: string | null;
}
export interface ActionOption { name: string; label: string; kind: 'transition' | 'event'; available: boolean; reason?: string }
export interface TopicDetail extends TopicItem {
  description: string | null; sourceNote: string | null; briefing: string | null; survey: string | null; approvedAt: string | null; approvedBy: string | null;
  outcome: string | null; reportSentAt: string | null; decisionLabel: string | null; instruction: string | null; summary: string | null; publishNote: string | null;
  stages: { state: string; label: string }[];
  meetings: { id: number; kindLabel: string; title: string; startsAt: string; state: string; hasMinutes: boolean; hasFindings: boolean }[];
  qa: { id: number; meetingId: number; question: string; askedBy: string; unitName: string | null; answer: string | null; commitment: string | null; taskId: number | null }[];
  tasks: { id: number; code: string; title: string; stateLabel: string; state: string; dueAt: string | null; unitName: string; measure: { label: string; target: number | null; current: number | null } | null }[];
  links: { linkId: number; kind: string; label: string; to: { type: string; id: number | null }; clueCode: string | null }[];
  clocks: { name: string; label: string; dueAt: string; stoppedAt: string | null }[];
  actions: ActionOption[];
  timeline: { id: number; label: string; actorName: string; note: string | null; at: string }[];
}
export interface MeetingItem { id: number; kindLabel: string; kind: string; title: string; topicId: number | null; startsAt: string; state: string; stateLabel: string; venueName: string | null; placeName: string | null; openToPublic: boolean; beneficiaries: number | null }
