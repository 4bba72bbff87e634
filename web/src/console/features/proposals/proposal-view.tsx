/** A proposal as staff, units and members read it: facts, proposers, assignments with clocks, evaluations, supervision, links, timeline. */
import { Card, Descriptions, Empty, Flex, List, Table, Tag, Timeline, Typography } from 'antd';
import { formatTime } from '../../components/time.ts';
import { ProposalStateTag } from './proposals.page.tsx';
import type { CaseClock, CaseTimelineEntry } from '@xs/core/schemas/cases.ts';
import type { ProposalDetail } from '@xs/core/schemas/proposals.ts';

const day = (s: string | null | undefined) => (s ? formatTime(s).slice(0, 10) : '—');

export function Clocks({ clocks }: { clocks: CaseClock[] }) {
  if (!clocks.length) return null;
  return (
    <Flex gap={6} wrap>
      {clocks.map((c) => (
        <Tag key={c.name} color={c.stoppedAt ? 'default' : new Date(c.dueAt) < new Date() ? 'red' : 'blue'}>
          {c.label}：{c.stoppedAt ? `已完成（${day(c.stoppedAt)}）` : `期限 ${day(c.dueAt)}${c.capAt ? `，最迟 ${day(c.capAt)}` : ''}`}
        </Tag>
      ))}
    </Flex>
  );
}

export function CaseTimeline({ items }: { items: CaseTimelineEntry[] }) {
  return (
    <Timeline items={items.map((e) => ({
      key: e.id, color: e.transition === 'remind' ? 'red' : e.from === e.to ? 'gray' : 'blue',
      children: (
        <>
          <Typography.Text strong>{e.label}</Typography.Text>
          <Typography.Text type="secondary"> · {e.actorName ?? '系统'} · {formatTime(e.at)}</Typography.Text>
          {e.note && <Typography.Paragraph style={{ margin: 0 }}>{e.note}</Typography.Paragraph>}
        </>
      ),
    }))} />
  );
}

const ROLE = { lead: '第一提案人', co: '附议人', merged: '并案提案人' } as const;
const UNIT_ROLE = { lead: '主办', co: '会办', separate: '分办' } as const;

export function ProposalView({ p }: { p: ProposalDetail }) {
  return (
    <Flex vertical gap={16}>
      <Card title="提案内容">
        <Descriptions size="small" column={{ xs: 1, sm: 2, xl: 3 }} items={[
          { key: 'code', label: '编号', children: p.code },
          { key: 'state', label: '状态', children: <ProposalStateTag state={p.state} label={p.stateLabel} overdue={p.overdue} /> },
          { key: 'session', label: '会议', children: `${p.sessionName ?? ''}${p.timingLabel ? `（${p.timingLabel}）` : ''}` },
          { key: 'cat', label: '类别', children: p.category ?? '—' },
          { key: 'kind', label: '提案形式', children: `${p.authorKindLabel}${p.sectorName ? `：${p.sectorName}` : ''}${p.committeeName ? `：${p.committeeName}` : ''}${p.partyName ? `：${p.partyName}` : ''}` },
          { key: 'result', label: '办理结果', children: p.resultClassLabel ?? '—' },
          ...(p.key ? [{ key: 'key', label: '重点提案', children: <Tag color="red">{p.key.year} 年 · 领衔督办：{p.key.leader}</Tag> }] : []),
          ...(p.notRegisteredGroundLabel ? [{ key: 'nr', label: '不予立案理由', children: p.notRegisteredGroundLabel }] : []),
          { key: 'reason', label: '案由', span: 3, children: <Typography.Paragraph style={{ margin: 0, whiteSpace: 'pre-wrap' }}>{p.reason ?? '—'}</Typography.Paragraph> },
          { key: 'sugg', label: '建议', span: 3, children: <Typography.Paragraph style={{ margin: 0, whiteSpace: 'pre-wrap' }}>{p.suggestion ?? '—'}</Typography.Paragraph> },
        ]} />
      </Card>
      <Card title="提案人">
        <Flex gap={8} wrap>
          {p.signers.map((s) => (
            <Tag key={s.memberId} color={s.declinedAt ? 'default' : s.confirmedAt ? 'green' : 'gold'}>
              {s.name}（{ROLE[s.role]}{s.role === 'co' ? (s.declinedAt ? '，不参加' : s.confirmedAt ? '，已确认' : '，待确认') : ''}）
            </Tag>
          ))}
        </Flex>
        <div style={{ marginTop: 8 }}><Clocks clocks={p.clocks} /></div>
      </Card>
      <Card title="承办">
        {p.assignments.length === 0 ? <Empty description="尚未交办" /> : (
          <Table rowKey="id" size="small" pagination={false} dataSource={p.assignments} scroll={{ x: 640 }} columns={[
            { title: '单位', dataIndex: 'unitName', render: (n: string, a) => `${n}（${UNIT_ROLE[a.role]}）` },
            { title: '状态', dataIndex: 'stateLabel', width: 120 },
            { title: '计时', dataIndex: 'clocks', render: (c: CaseClock[]) => <Clocks clocks={c} /> },
            { title: '联系 / 意见 / 答复', render: (_v, a) => [a.contactNote && `联系：${a.contactNote}`, a.views && `会办意见：${a.views}`, a.summary && `答复（${a.resultClass} 类）：${a.summary}`].filter(Boolean).join('；') || '—' },
          ]} />
        )}
      </Card>
      {p.evaluations.length > 0 && (
        <Card title="提案人评价">
          <List size="small" dataSource={p.evaluations} renderItem={(e) => (
            <List.Item>第 {e.round} 轮 · {e.memberName}：办理工作「{e.handlingLabel}」，办理结果「{e.resultLabel}」{e.comment ? `，${e.comment}` : ''}{e.paper ? '（纸质评价表录入）' : ''}</List.Item>
          )} />
        </Card>
      )}
      {p.supervisions.length > 0 && (
        <Card title="督办记录">
          <List size="small" dataSource={p.supervisions} renderItem={(s) => <List.Item>{s.on} · {s.authorName}：{s.note}</List.Item>} />
        </Card>
      )}
      {p.links.length > 0 && (
        <Card title="关联">
          <List size="small" dataSource={p.links} renderItem={(l) => <List.Item>{l.label}：{l.to.type} #{l.to.id ?? '（待建立）'}</List.Item>} />
        </Card>
      )}
      <Card title="流转记录"><CaseTimeline items={p.timeline} /></Card>
    </Flex>
  );
}
