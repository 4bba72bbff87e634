/**
 * One task as staff and units both see it: facts, the measure's progress, clocks, co-units, progress updates
 * with evidence, sub-tasks, links and the timeline; and its action buttons, each closed one disabled with the
 * reason the workflow gives (a gate, a join over sub-tasks, the actor's relation to the task).
 */
import { useState } from 'react';
import { Link } from 'react-router';
import { App, Button, Card, Descriptions, Empty, Flex, Form, Input, InputNumber, List, Modal, Progress, Tag, Timeline, Tooltip, Typography } from 'antd';
import { useMutation } from '@tanstack/react-query';
import type { ActionOption } from '@xs/core/workflow.ts';
import { api, apiUrl, isApiError } from '../../../shared/api.ts';
import { applyServerErrors } from '../../../shared/form-errors.ts';
import { formatTime } from '../../components/time.ts';
import type { TaskDetail } from './types.ts';

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

/** Which actions ask for a reason or a number of days before they are sent. */
const NEEDS_REASON = new Set(['submit', 'send_back', 'extend', 'cancel', 'remind']);
const NEEDS_DAYS = new Set(['extend']);

export function TaskActions({ task, apiBase, onDone }: { task: TaskDetail; apiBase: string; onDone: (t: TaskDetail) => void }) {
  const { message } = App.useApp();
  const [open, setOpen] = useState<ActionOption | null>(null);
  const [form] = Form.useForm<{ reason?: string; days?: number }>();
  const run = useMutation({
    mutationFn: ({ name, values }: { name: string; values: { reason?: string; days?: number } }) =>
      api.post<TaskDetail>(`${apiBase}/${task.id}/transitions/${name}`, { ...values, version: task.version }),
    onSuccess: (t, { name }) => {
      message.success(`已${task.actions.find((a) => a.name === name)?.label ?? '操作'}：${t.code}，当前状态「${t.stateLabel}」`);
      setOpen(null);
      form.resetFields();
      onDone(t);
    },
    onError: (err) => {
      if (isApiError(err) && err.status === 409) message.error(err.message);
      else applyServerErrors(form, err, message);
    },
  });
  const buttons = task.actions.filter((a) => a.name !== 'progress');
  // The 操作 card stays on the page, so an empty one says why it is empty (a verified or cancelled task).
  if (buttons.length === 0) return <Typography.Text type="secondary">「{task.stateLabel}」的落实事项没有可执行的操作。</Typography.Text>;
  const start = (a: ActionOption) => (NEEDS_REASON.has(a.name) || NEEDS_DAYS.has(a.name) ? setOpen(a) : run.mutate({ name: a.name, values: {} }));
  return (
    <>
      <Flex gap={8} wrap role="group" aria-label="可执行的操作">
        {buttons.map((a) => {
          const b = (
            <Button key={a.name} type={a.name === 'verify' || a.name === 'submit' || a.name === 'start' ? 'primary' : 'default'} danger={a.name === 'cancel'}
              disabled={!a.available} loading={run.isPending && run.variables?.name === a.name} onClick={() => start(a)}
              aria-describedby={a.available ? undefined : `why-${a.name}`}>
              {a.label}
            </Button>
          );
          // The tooltip wraps the button itself: antd then listens on its own wrapper around the disabled button
          // (a disabled button fires no mouse events), where a hand-made <span> never showed the reason on hover.
          return a.available ? b : (
            <span key={a.name}>
              <Tooltip title={a.reason}>{b}</Tooltip>
              <span id={`why-${a.name}`} style={{ display: 'none' }}>{a.reason}</span>
            </span>
          );
        })}
      </Flex>
      {buttons.some((a) => !a.available) && (
        <List size="small" style={{ marginTop: 8 }} dataSource={buttons.filter((a) => !a.available)}
          renderItem={(a) => <List.Item><Typography.Text type="secondary">「{a.label}」暂不可用：{a.reason}</Typography.Text></List.Item>} />
      )}
      <Modal open={!!open} title={open?.label} okText={open?.label} confirmLoading={run.isPending} destroyOnHidden
        onCancel={() => setOpen(null)} onOk={() => void form.validateFields().then((values) => open && run.mutate({ name: open.name, values }))}>
        <Form form={form} layout="vertical">
          {open && NEEDS_DAYS.has(open.name) && (
            <Form.Item name="days" label="延长（个工作日）" rules={[{ required: true, message: '请填写延长的天数' }]}>
              <InputNumber min={1} max={365} style={{ width: 160 }} />
            </Form.Item>
          )}
          {open && NEEDS_REASON.has(open.name) && (
            <Form.Item name="reason" label={open.name === 'remind' ? '催办内容' : '说明'} rules={[{ required: true, message: '请填写说明' }]}>
              <Input.TextArea rows={3} maxLength={500} showCount />
            </Form.Item>
          )}
        </Form>
      </Modal>
    </>
  );
}

export function TaskView({ task, fileBase, linkBase }: { task: TaskDetail; fileBase?: string | null; linkBase: string }) {
  return (
    <Flex vertical gap={16}>
      <Card title="基本情况">
        <Descriptions size="small" column={{ xs: 1, sm: 2, xl: 3 }} items={[
          { key: 'code', label: '编号', children: task.code },
          { key: 'state', label: '状态', children: <TaskStateTag state={task.state} label={task.stateLabel} overdue={task.overdue} /> },
          { key: 'due', label: '办理期限', children: task.dueAt ? formatTime(task.dueAt).slice(0, 10) : '—' },
          { key: 'owner', label: '牵头单位', children: task.ownerUnitName },
          { key: 'co', label: '协办单位', children: task.coUnits.map((u) => u.name).join('、') || '—' },
          { key: 'measure', label: '成效指标', children: <MeasureProgress measure={task.measure} /> },
          ...(task.description ? [{ key: 'desc', label: '内容', span: 3, children: <Typography.Paragraph style={{ margin: 0, whiteSpace: 'pre-wrap' }}>{task.description}</Typography.Paragraph> }] : []),
        ]} />
      </Card>
      {task.clocks.length > 0 && (
        <Card title="计时">
          <List size="small" dataSource={task.clocks} renderItem={(c) => (
            <List.Item>
              <span>{c.label}：{formatTime(c.anchorAt).slice(0, 10)} 起，期限 {formatTime(c.dueAt).slice(0, 10)}
                {c.capAt && `（最迟 ${formatTime(c.capAt).slice(0, 10)}）`}</span>
              {c.stoppedAt ? <Tag>已停止</Tag> : <Tag color="blue">计时中</Tag>}
            </List.Item>
          )} />
        </Card>
      )}
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
      {(task.children.length > 0 || task.links.length > 0) && (
        <Card title="子任务和关联">
          <List size="small" dataSource={[
            ...task.children.map((c) => ({ key: `c${c.id}`, node: <span>子任务 <Link to={`${linkBase}/${c.id}`}>{c.code} {c.title}</Link> <TaskStateTag state={c.state} label={c.stateLabel} /></span> })),
            ...task.links.map((l) => ({ key: `l${l.linkId}`, node: <span>{l.label}：{l.to.type === 'task' && l.to.id ? <Link to={`${linkBase}/${l.to.id}`}>落实事项 #{l.to.id}</Link> : `${l.to.type} #${l.to.id ?? '（待建立）'}`}</span> })),
          ]} renderItem={(i) => <List.Item key={i.key}>{i.node}</List.Item>} />
        </Card>
      )}
      <Card title="流转记录">
        <Timeline items={task.timeline.map((e) => ({
          key: e.id,
          color: e.transition === 'remind' ? 'red' : e.from === e.to ? 'gray' : 'blue',
          children: (
            <>
              <Typography.Text strong>{e.label}</Typography.Text>
              <Typography.Text type="secondary"> · {e.actorName ?? '系统'} · {formatTime(e.at)}</Typography.Text>
              {e.note && <Typography.Paragraph style={{ margin: 0 }}>{e.note}</Typography.Paragraph>}
            </>
          ),
        }))} />
      </Card>
    </Flex>
  );
}
