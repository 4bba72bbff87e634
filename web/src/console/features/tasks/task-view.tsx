/** Pieces of a task as staff and units both see it: its state tag, the measure's progress and the progress updates. */
import { Card, Empty, Flex, List, Progress, Tag, Typography } from 'antd';
import { apiUrl } from '../../../shared/api.ts';
import { formatTime } from '../../components/time.ts';
import type { TaskDetail } from '@xs/core/schemas/tasks.ts';

const STATE_COLORS: Record<string, string> = { draft: 'default', assigned: 'blue', in_progress: 'processing', submitted: 'gold', verified: 'green', cancelled: 'default' };

export function TaskStateTag({ state, label, overdue }: { state: string; label: string; overdue?: boolean }) {
  return (
    <Flex gap={4} wrap>
      <Tag color={STATE_COLORS[state]}>{label}</Tag>
      {overdue && <Tag color="red">超期</Tag>}
    </Flex>
  );
}

export function MeasureProgress({ measure }: { measure: TaskDetail['measure'] }) {
  if (!measure) return <Typography.Text type="secondary">—</Typography.Text>;
  const { current, target, unit, label } = measure;
  if (target == null || target === 0) return <span>{label}：{current ?? 0}{unit ?? ''}</span>;
  const pct = Math.min(100, Math.round(((current ?? 0) / target) * 100));
  return (
    <div style={{ minWidth: 160 }}>
      <Typography.Text>{label}：{current ?? 0} / {target}{unit ?? ''}</Typography.Text>
      <Progress percent={pct} size="small" aria-label={`${label}完成 ${pct}%`} />
    </div>
  );
}

/** 办理进展: the units' progress updates with their evidence (download links where this reader has a route for them). */
export function TaskUpdates({ task, fileBase }: { task: TaskDetail; fileBase?: string | null }) {
  return (
    <Card title="办理进展">
      {task.updates.length === 0 ? <Empty description="还没有报送进展" /> : (
        <List dataSource={task.updates} renderItem={(u) => (
          <List.Item>
            <List.Item.Meta title={`${u.unitName} · ${u.authorName} · ${formatTime(u.at)}`} description={(
              <>
                <Typography.Paragraph style={{ margin: 0 }}>{u.note}</Typography.Paragraph>
                {u.value != null && <Typography.Text type="secondary">完成值：{u.value}{task.measure?.unit ?? ''}</Typography.Text>}
                {u.files.length > 0 && (
                  <Flex gap={8} wrap>
                    {u.files.map((f) => (fileBase
                      ? <a key={f.id} href={apiUrl(`${fileBase}/${task.id}/files/${f.id}`)} target="_blank" rel="noreferrer">{f.name ?? `附件 ${f.id}`}</a>
                      : <Tag key={f.id}>{f.name ?? `附件 ${f.id}`}</Tag>))}
                  </Flex>
                )}
              </>
            )} />
          </List.Item>
        )} />
      )}
    </Card>
  );
}
