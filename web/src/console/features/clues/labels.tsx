/** Labels, options and the little badges every 直通政协 page shows the same way. */
import { Space, Tag, Typography } from 'antd';
import { ClockCircleOutlined, ExclamationCircleOutlined } from '@ant-design/icons';
import {
  CLUE_CATEGORIES, CLUE_CHANNELS, CLUE_RATINGS, CLUE_STATES, CLUE_URGENCIES, CLUE_WORKFLOW, CONVERSION_KINDS, OPEN_CLUE_STATES,
  type ClueAction, type ClueMark, type ClueRating, type ClueState,
} from '@xs/core/schemas/clues.ts';
import { formatTime } from '../../components/time.ts';

const entries = <K extends string>(o: Record<K, string>) => (Object.entries(o) as [K, string][]).map(([value, label]) => ({ value, label }));

export const CATEGORY_OPTIONS = entries(CLUE_CATEGORIES);
export const CHANNEL_OPTIONS = entries(CLUE_CHANNELS);
export const CONVERSION_KIND_OPTIONS = entries(CONVERSION_KINDS);
export const STATE_OPTIONS: { value: ClueState | 'open'; label: string }[] = [
  { value: 'open', label: '在办（全部未办结）' },
  ...(Object.entries(CLUE_STATES) as [ClueState, { label: string }][]).map(([value, s]) => ({ value, label: s.label })),
];

const STATE_COLOR: Record<ClueState, string> = {
  submitted: 'blue',
  needs_info: 'orange',
  accepted: 'cyan',
  forwarded: 'geekblue',
  returned: 'volcano',
  replied: 'purple',
  resolved: 'green',
  closed: 'default',
  declined: 'default',
  merged: 'default',
  converted: 'gold',
};

/** What a button of the clue pages fires: a command, or 采纳并转办 (采纳受理 and 转办 in one transaction). */
export type ClueButton = ClueAction | 'accept_forward';

export const URGENCY_OPTIONS = entries(CLUE_URGENCIES);

/** The label of a transition or a declared event, from the workflow. */
export function transitionLabel(name: ClueButton): string {
  if (name === 'accept_forward') return '采纳并转办';
  return (CLUE_WORKFLOW.transitions as Record<string, { label: string } | undefined>)[name]?.label ?? CLUE_WORKFLOW.events?.[name]?.label ?? name;
}

export function isOpenState(state: ClueState): boolean {
  return OPEN_CLUE_STATES.includes(state);
}

/** 超期 as words in a red tag with an icon — never colour alone. */
export function OverdueTag() {
  return <Tag color="error" icon={<ExclamationCircleOutlined aria-hidden />}>超期</Tag>;
}

/** 临期 (yellow, or 超期 not yet red) and 超期 (red) by the county's marking rules: words on the tag, colour second. */
export function MarkTag({ mark, overdue }: { mark: ClueMark; overdue?: boolean }) {
  if (mark === 'red') return <OverdueTag />;
  if (mark === 'yellow') return <Tag color="warning" icon={<ClockCircleOutlined aria-hidden />}>{overdue ? '超期' : '临期'}</Tag>;
  return null;
}

/** The row class of a marked clue: a red or yellow bar at the row's start (global.css). */
export const markRowClass = (r: { mark: ClueMark }) => (r.mark === 'none' ? '' : `xs-mark-${r.mark}`);

export function StateTag({ state, label, overdue, mark }: { state: ClueState; label?: string; overdue?: boolean; mark?: ClueMark }) {
  return (
    <Space size={4} wrap>
      <Tag color={STATE_COLOR[state]} style={{ marginInlineEnd: 0 }}>{label ?? CLUE_STATES[state]?.label ?? state}</Tag>
      {mark ? <MarkTag mark={mark} overdue={overdue} /> : overdue && <OverdueTag />}
    </Space>
  );
}

/** Whole calendar days from today (China time) to the deadline; negative when past. */
function daysLeft(iso: string): number {
  const cstDay = (t: number) => Math.floor((t + 8 * 3_600_000) / 86_400_000);
  return cstDay(Date.parse(iso)) - cstDay(Date.now());
}

/** The deadline as a date with 「剩 N 天」 or 「超期 N 天」 in words (and red only as a second cue). */
export function DueText({ dueAt, overdue, state }: { dueAt: string | null; overdue: boolean; state: ClueState }) {
  if (!dueAt || !isOpenState(state)) return <Typography.Text type="secondary">—</Typography.Text>;
  const date = formatTime(dueAt).slice(0, 10);
  const left = daysLeft(dueAt);
  const nowrap = { whiteSpace: 'nowrap' } as const;
  if (overdue) {
    return (
      <Typography.Text type="danger">
        <span style={nowrap}><ExclamationCircleOutlined aria-hidden /> {date}</span>{' '}
        <span style={nowrap}>（超期{left < 0 ? ` ${-left} 天` : ''}）</span>
      </Typography.Text>
    );
  }
  return (
    <span>
      <span style={nowrap}>{date}</span>
      {left <= 1 && (
        <Typography.Text type="warning" style={nowrap}> <ClockCircleOutlined aria-hidden /> {left <= 0 ? '今天到期' : '明天到期'}</Typography.Text>
      )}
    </span>
  );
}

/** 紧急 in words on a red tag; 一般 says nothing. */
export function UrgencyTag({ urgency }: { urgency: 'normal' | 'urgent' }) {
  return urgency === 'urgent' ? <Tag color="red">紧急</Tag> : null;
}

export function ratingLabel(r: ClueRating | null | undefined): string {
  return r ? CLUE_RATINGS[r] : '未评价';
}

export function RatingTag({ rating }: { rating: ClueRating | null }) {
  if (!rating) return <Typography.Text type="secondary">未评价</Typography.Text>;
  const color = rating === 'satisfied' ? 'green' : rating === 'basically' ? 'blue' : 'red';
  return <Tag color={color}>{CLUE_RATINGS[rating]}</Tag>;
}
