/**
 * The generic case detail: a header with the code, title, state and its flags (办理中/已办结, whose move it is,
 * 超期), the action bar, then the facts, the page's own sections, clocks (计时), links (关联) and the timeline
 * (流转记录). Any module's detail page gives its data in these shapes; see components/README.md.
 */
import type { ReactNode } from 'react';
import { Link } from 'react-router';
import { Card, Descriptions, Empty, Flex, List, Tag, Timeline, Typography, type DescriptionsProps } from 'antd';
import type { StateDef } from '@xs/core/workflow.ts';
import { usePageTitle } from './page-header.tsx';
import { formatTime } from './time.ts';

const WAITING_LABELS: Record<string, string> = { staff: '待机关办理', unit: '待承办单位办理', citizen: '待群众回应', member: '待委员办理', leader: '待领导批示', committee: '待专委会办理' };

export interface CaseClock {
  name: string;
  label: string;
  anchorAt: string;
  dueAt: string;
  capAt?: string | null;
  stoppedAt?: string | null;
}

export interface CaseLinkRow {
  key: string | number;
  /** e.g. 转为 / 子任务. */
  label: string;
  /** The other case's name. */
  title: string;
  /** Its console path, when this reader may open it. */
  to?: string;
  extra?: ReactNode;
}

export interface CaseTimelineEntry {
  id: number | string;
  label: string;
  /** Transition or event name; `remind` is marked red. */
  transition?: string;
  from?: string | null;
  to?: string;
  actorName: string | null;
  note?: string | null;
  at: string;
}

/** 办理中 / 已办结, whose move it is, 超期: what a state's definition and the case's clock say. */
export function CaseFlags({ state, stateLabel, def, overdue, color }: {
  state: string;
  stateLabel: string;
  /** The state's definition (its `terminal` and `waitingOn`). */
  def?: StateDef;
  overdue?: boolean;
  color?: string;
}) {
  const open = def ? def.open ?? !def.terminal : true;
  const waiting = def?.waitingOn ? WAITING_LABELS[def.waitingOn] ?? `待${def.waitingOn}` : null;
  return (
    <Flex gap={4} wrap aria-label="状态">
      <Tag color={color ?? (open ? 'processing' : 'default')} data-state={state}>{stateLabel}</Tag>
      {!open && <Tag color="green">已办结</Tag>}
      {open && waiting && <Tag>{waiting}</Tag>}
      {open && overdue && <Tag color="red">超期</Tag>}
    </Flex>
  );
}

export function CaseClocks({ clocks }: { clocks: readonly CaseClock[] }) {
  const day = (t: string) => formatTime(t).slice(0, 10);
  return (
    <List size="small" dataSource={[...clocks]} renderItem={(c) => {
      const late = !c.stoppedAt && new Date(c.dueAt).getTime() < Date.now();
      return (
        <List.Item>
          <span>{c.label}：{day(c.anchorAt)} 起，期限 {day(c.dueAt)}{c.capAt && `（最迟 ${day(c.capAt)}）`}</span>
          {c.stoppedAt ? <Tag>已停止</Tag> : late ? <Tag color="red">已超期</Tag> : <Tag color="blue">计时中</Tag>}
        </List.Item>
      );
    }} />
  );
}

export function CaseTimeline({ entries }: { entries: readonly CaseTimelineEntry[] }) {
  if (entries.length === 0) return <Empty description="还没有流转记录" />;
  return (
    <Timeline items={entries.map((e) => ({
      key: e.id,
      color: e.transition === 'remind' ? 'red' : e.from !== undefined && e.from === e.to ? 'gray' : 'blue',
      content: (
        <>
          <Typography.Text strong>{e.label}</Typography.Text>
          <Typography.Text type="secondary"> · {e.actorName ?? '系统'} · {formatTime(e.at)}</Typography.Text>
          {e.note && <Typography.Paragraph style={{ margin: 0, whiteSpace: 'pre-wrap' }}>{e.note}</Typography.Paragraph>}
        </>
      ),
    }))} />
  );
}

export function CaseDetail({ code, title, flags, actions, facts, clocks, links, timeline, children, headerExtra }: {
  code: string;
  title: string;
  /** Usually a <CaseFlags>. */
  flags: ReactNode;
  /** Usually a <CaseActions> (null: this reader acts nowhere, the card is left out). */
  actions?: ReactNode;
  facts: DescriptionsProps['items'];
  clocks?: readonly CaseClock[];
  links?: readonly CaseLinkRow[];
  timeline: readonly CaseTimelineEntry[];
  /** The module's own sections between the facts and the clocks (progress, replies, files …). */
  children?: ReactNode;
  headerExtra?: ReactNode;
}) {
  usePageTitle(`${code} ${title}`);
  return (
    <>
      <Flex justify="space-between" align="flex-start" gap={16} wrap style={{ marginBottom: 16 }}>
        <Flex vertical gap={6}>
          <Typography.Title level={1} style={{ fontSize: 22, margin: 0 }}>{code} {title}</Typography.Title>
          {flags}
        </Flex>
        {headerExtra && <Flex gap={8} wrap>{headerExtra}</Flex>}
      </Flex>
      <Flex vertical gap={16}>
        {actions && <Card title="操作">{actions}</Card>}
        <Card title="基本情况">
          <Descriptions size="small" column={{ xs: 1, sm: 2, xl: 3 }} items={facts} />
        </Card>
        {children}
        {clocks && clocks.length > 0 && <Card title="计时"><CaseClocks clocks={clocks} /></Card>}
        {links && links.length > 0 && (
          <Card title="关联">
            <List size="small" dataSource={[...links]} renderItem={(l) => (
              <List.Item key={l.key}>
                <span>{l.label}：{l.to ? <Link to={l.to}>{l.title}</Link> : l.title} {l.extra}</span>
              </List.Item>
            )} />
          </Card>
        )}
        <Card title="流转记录"><CaseTimeline entries={timeline} /></Card>
      </Flex>
    </>
  );
}
