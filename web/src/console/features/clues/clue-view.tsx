/** The parts of one clue that staff and handling units both read: facts, content, photos, timeline, reply. */
import type { ReactNode } from 'react';
import { Card, Descriptions, Empty, Flex, Image, List, Space, Tag, Timeline, Typography } from 'antd';
import { FileOutlined, UserOutlined } from '@ant-design/icons';
import { CLUE_KINDS, CLUE_RATINGS, CLUE_STATES, CONVERSION_KINDS, type ClueState } from '@xs/core/schemas/clues.ts';
import { useUnits } from '../../components/options.ts';
import { formatTime } from '../../components/time.ts';
import { DueText, OverdueTag, RatingTag, StateTag, UrgencyTag } from './labels.tsx';
import type { ClueDetail, ClueTimelineEntry } from '@xs/core/schemas/clues.ts';

const mono = { fontFamily: 'ui-monospace, Consolas, monospace' };

export function ClueFacts({ clue, extra }: { clue: ClueDetail; extra?: ReactNode }) {
  const place = [clue.townshipName, clue.villageName, clue.place].filter(Boolean).join(' · ');
  return (
    <Descriptions
      size="small"
      column={{ xs: 1, sm: 2, xl: 3 }}
      items={[
        { key: 'code', label: '查询码', children: <Typography.Text copyable style={mono}>{clue.code}</Typography.Text> },
        { key: 'state', label: '状态', children: <Space size={4} wrap><StateTag state={clue.state} label={clue.stateLabel} overdue={clue.overdue} mark={clue.mark} /><UrgencyTag urgency={clue.urgency} /></Space> },
        { key: 'due', label: '期限', children: <DueText dueAt={clue.dueAt} overdue={clue.overdue} state={clue.state} /> },
        { key: 'category', label: '类别', children: `${clue.categoryLabel}（${CLUE_KINDS[clue.kind]}）` },
        { key: 'created', label: '提交时间', children: formatTime(clue.createdAt) },
        { key: 'channel', label: '渠道', children: clue.channelLabel },
        { key: 'place', label: '地点', children: place || '—' },
        ...(clue.venueName ? [{ key: 'venue', label: '履职阵地', children: clue.venueName }] : []),
        ...(clue.memberName ? [{ key: 'member', label: '委员', children: clue.memberName }] : []),
        { key: 'unit', label: '承办单位', children: clue.unitName ?? '—' },
        ...(clue.assignee ? [{ key: 'assignee', label: '经办人', children: clue.assignee.name }] : []),
        { key: 'supporters', label: '附议人数', children: clue.supporters > 0 ? `${clue.supporters} 人（我也遇到了）` : '0' },
        ...(clue.extensionDays > 0 ? [{ key: 'ext', label: '已延期', children: `${clue.extensionDays} 个工作日` }] : []),
        ...(extra ? [{ key: 'extra', label: '联系人', children: extra }] : []),
        ...(clue.forwardNote ? [{ key: 'note', label: '交办意见', span: 'filled' as const, children: <Typography.Text style={{ whiteSpace: 'pre-wrap' }}>{clue.forwardNote}</Typography.Text> }] : []),
      ]}
    />
  );
}

const COUNIT_COLOR: Record<string, string> = { asked: 'processing', viewed: 'green', waived: 'default', withdrawn: 'default' };

/** 会办单位: each co-unit with its state, its date and the views it sent (the office and the lead unit read them all). */
export function CoUnitsCard({ clue }: { clue: ClueDetail }) {
  if (clue.coUnits.length === 0) return null;
  return (
    <Card size="small" title="会办单位意见">
      <List
        size="small"
        dataSource={clue.coUnits}
        renderItem={(k) => (
          <List.Item>
            <Flex vertical gap={4} style={{ width: '100%' }}>
              <Flex gap={8} wrap align="baseline">
                <Typography.Text strong>{k.unitName}</Typography.Text>
                <Tag color={COUNIT_COLOR[k.state]}>{k.stateLabel}</Tag>
                {k.overdue && <OverdueTag />}
                {k.state === 'asked' && k.dueAt && <Typography.Text type="secondary">期限 {formatTime(k.dueAt).slice(0, 10)}</Typography.Text>}
                {k.viewedAt && <Typography.Text type="secondary">{formatTime(k.viewedAt)} 提出</Typography.Text>}
              </Flex>
              {k.views && <Typography.Paragraph style={{ margin: 0, whiteSpace: 'pre-wrap' }}>{k.views}</Typography.Paragraph>}
              {k.note && <Typography.Text type="secondary">说明：{k.note}</Typography.Text>}
            </Flex>
          </List.Item>
        )}
      />
    </Card>
  );
}

export function ClueContent({ clue }: { clue: ClueDetail }) {
  return (
    <Card title="反映内容" size="small">
      <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', fontSize: 15, lineHeight: 1.8, marginBottom: clue.photos.length ? 16 : 0 }}>
        {clue.content}
      </Typography.Paragraph>
      {clue.photos.length > 0 && (
        <Image.PreviewGroup>
          <Flex gap={8} wrap role="list" aria-label={`现场照片 ${clue.photos.length} 张`}>
            {clue.photos.map((p, i) => (
              <div role="listitem" key={p.fileId}>
                <Image
                  src={p.url}
                  alt={`现场照片 ${i + 1}`}
                  width={120}
                  height={120}
                  style={{ objectFit: 'cover', borderRadius: 6, border: '1px solid #f0f0f0' }}
                />
              </div>
            ))}
          </Flex>
        </Image.PreviewGroup>
      )}
    </Card>
  );
}

function stateName(s: ClueState | null): string | null {
  return s ? (CLUE_STATES[s]?.label ?? s) : null;
}

/** What an event's data says, in words: the unit, the new deadline, the days, the rating… */
function eventFacts(e: ClueTimelineEntry, unitName: (id: number) => string | undefined): string[] {
  const d = e.data ?? {};
  const out: string[] = [];
  if (typeof d.unitId === 'number' && (e.transition === 'forward' || e.transition === 'return')) {
    out.push(`${e.transition === 'forward' ? '承办单位' : '退回单位'}：${unitName(d.unitId) ?? `#${d.unitId}`}`);
  }
  if (d.urgency === 'urgent') out.push('紧急');
  if (Array.isArray(d.coUnitIds) && d.coUnitIds.length) out.push(`会办单位：${d.coUnitIds.map((u) => unitName(Number(u)) ?? `#${u}`).join('、')}`);
  if (typeof d.forwardNote === 'string') out.push(`交办意见：${d.forwardNote}`);
  if (typeof d.assigneeName === 'string') out.push(`经办人：${d.assigneeName}`);
  if (typeof d.views === 'string') out.push(`意见：${d.views}`);
  if (typeof d.days === 'number') out.push(`${e.transition === 'request_extension' ? '申请延期' : '延期'} ${d.days} 个工作日`);
  if (typeof d.dueAt === 'string') out.push(`期限至 ${formatTime(d.dueAt).slice(0, 10)}`);
  if (typeof d.kind === 'string' && d.kind in CONVERSION_KINDS) out.push(`转为${CONVERSION_KINDS[d.kind as keyof typeof CONVERSION_KINDS]}${typeof d.title === 'string' ? `「${d.title}」` : ''}`);
  if (typeof d.rating === 'string' && d.rating in CLUE_RATINGS) out.push(`评价：${CLUE_RATINGS[d.rating as keyof typeof CLUE_RATINGS]}`);
  if (typeof d.comment === 'string' && d.comment) out.push(`意见：${d.comment}`);
  if (Array.isArray(d.fileIds) && d.fileIds.length) out.push(`附件 ${d.fileIds.length} 个`);
  return out;
}

function TimelineBody({ e, unitName }: { e: ClueTimelineEntry; unitName: (id: number) => string | undefined }) {
  const from = stateName(e.from as ClueState | null);
  const to = stateName(e.to as ClueState | null);
  const facts = eventFacts(e, unitName);
  return (
    <div>
      <Typography.Text type="secondary" style={{ fontSize: 12 }}><time dateTime={e.at}>{formatTime(e.at)}</time></Typography.Text>
      <Flex gap={8} wrap align="baseline">
        <Typography.Text strong>{e.label}</Typography.Text>
        <Typography.Text type="secondary"><UserOutlined aria-hidden /> {e.actorName ?? '系统'}</Typography.Text>
        {from && to && from !== to && <Typography.Text type="secondary" style={{ fontSize: 12 }}>{from} → {to}</Typography.Text>}
      </Flex>
      {facts.length > 0 && <Typography.Text type="secondary" style={{ display: 'block', fontSize: 13 }}>{facts.join('；')}</Typography.Text>}
      {e.note && <Typography.Paragraph style={{ margin: '4px 0 0', whiteSpace: 'pre-wrap' }}>{e.note}</Typography.Paragraph>}
    </div>
  );
}

/** 流转记录: every transition with who, when and why. */
export function ClueTimeline({ timeline }: { timeline: ClueTimelineEntry[] }) {
  const units = useUnits();
  if (!timeline.length) return <Empty description="暂无流转记录" />;
  return (
    <Timeline
      items={timeline.map((e) => ({
        key: e.id,
        color: e.transition === 'decline' || e.transition === 'return' || e.transition === 'reopen' ? 'red'
          : e.transition === 'resolve' || e.transition === 'rate' || e.transition === 'close' ? 'green' : 'blue',
        content: <TimelineBody e={e} unitName={(id) => units.nameOf(id)} />,
      }))}
    />
  );
}

export function ClueReply({ clue }: { clue: ClueDetail }) {
  if (!clue.replyText && !clue.replyFiles.length && !clue.rating) return null;
  return (
    <Card title="办理答复与评价" size="small">
      {clue.replyText && (
        <>
          <Typography.Text type="secondary">{clue.unitName ?? '承办单位'}答复：</Typography.Text>
          <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', marginTop: 4 }}>{clue.replyText}</Typography.Paragraph>
        </>
      )}
      {clue.replyFiles.length > 0 && (
        <List
          size="small"
          header={<Typography.Text type="secondary">答复附件</Typography.Text>}
          dataSource={clue.replyFiles}
          renderItem={(f) => (
            <List.Item>
              <a href={f.url} target="_blank" rel="noreferrer"><FileOutlined aria-hidden /> {f.name}</a>
            </List.Item>
          )}
        />
      )}
      <Descriptions
        size="small"
        column={1}
        style={{ marginTop: 8 }}
        items={[
          { key: 'rating', label: '群众评价', children: <RatingTag rating={clue.rating} /> },
          ...(clue.ratingComment ? [{ key: 'comment', label: '评价意见', children: clue.ratingComment }] : []),
          ...(clue.recheckResult ? [{
            key: 'recheck', label: '回访确认',
            children: clue.recheckResult === 'solved' ? <Tag color="green">问题已解决</Tag> : <Tag color="red">问题仍未解决</Tag>,
          }] : []),
        ]}
      />
    </Card>
  );
}
