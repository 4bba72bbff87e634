/**
 * One topic: the eight-step bar, every action the user's role could take with the closed ones disabled and
 * their reasons shown, the step's material (briefing, survey, outcome, decision, summary), meetings, 共提共答,
 * tasks, links and the timeline.
 */
import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { Alert, App, Button, Card, Descriptions, Empty, Flex, Form, Input, List, Modal, Select, Steps, Table, Tag, Timeline, Tooltip, Typography } from 'antd';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, isApiError } from '../../../shared/api.ts';
import { applyServerErrors } from '../../../shared/form-errors.ts';
import { ExportButton } from '../../components/export-button.tsx';
import { PageHeader } from '../../components/page-header.tsx';
import { PageLoading } from '../../components/page-loading.tsx';
import { formatTime } from '../../components/time.ts';
import { useCan } from '../../session.tsx';
import { DECISION_OPTIONS, type ActionOption, type TopicDetail } from './labels.ts';
import { MeetingFormModal } from './meeting-form.tsx';

/** The fields each action asks for before it is sent. */
const FORMS: Record<string, { name: string; label: string; rows?: number; options?: { value: string; label: string }[]; optional?: boolean }[]> = {
  brief: [{ name: 'briefing', label: '情况通报材料', rows: 5 }],
  survey: [{ name: 'survey', label: '民意调查情况', rows: 5 }],
  outcome: [{ name: 'outcome', label: '协商达成的成果', rows: 5 }],
  record_decision: [{ name: 'decision', label: '党委政府决议', options: DECISION_OPTIONS }, { name: 'instruction', label: '领导批示', rows: 3, optional: true }],
  summarize: [{ name: 'summary', label: '公开摘要（群众可见，不含个人信息）', rows: 5 }, { name: 'publishNote', label: '仍有落实事项未办结时，提前公开的理由', rows: 2, optional: true }],
  withdraw: [{ name: 'reason', label: '撤销理由', rows: 3 }],
};
const DECIDER_ONLY = new Set(['approve', 'record_decision']);

function TopicActions({ topic, onDone }: { topic: TopicDetail; onDone: () => void }) {
  const { message } = App.useApp();
  const can = useCan();
  const [open, setOpen] = useState<ActionOption | null>(null);
  const [form] = Form.useForm();
  const run = useMutation({
    mutationFn: ({ name, values }: { name: string; values: Record<string, unknown> }) =>
      api.post<TopicDetail>(`/consultations/topics/${topic.id}/${can('consult.manage') ? 'transitions' : 'decisions'}/${name}`, { ...values, version: topic.version }),
    onSuccess: (t, { name }) => {
      message.success(`已${topic.actions.find((a) => a.name === name)?.label ?? '操作'}，当前阶段「${t.stateLabel}」`);
      setOpen(null);
      form.resetFields();
      onDone();
    },
    onError: (err) => { if (isApiError(err) && err.status === 409) message.error(err.message); else applyServerErrors(form, err, message); },
  });
  const buttons = topic.actions.filter((a) => can('consult.manage') || DECIDER_ONLY.has(a.name));
  if (buttons.length === 0) return <Typography.Text type="secondary">当前阶段没有您可执行的操作。</Typography.Text>;
  return (
    <>
      <Flex gap={8} wrap role="group" aria-label="可执行的操作">
        {buttons.map((a) => {
          const b = (
            <Button key={a.name} type={a.kind === 'transition' && a.name !== 'withdraw' ? 'primary' : 'default'} danger={a.name === 'withdraw'} disabled={!a.available}
              loading={run.isPending && run.variables?.name === a.name} onClick={() => (FORMS[a.name] ? setOpen(a) : run.mutate({ name: a.name, values: {} }))}>
              {a.label}
            </Button>
          );
          return a.available ? b : <span key={a.name}><Tooltip title={a.reason}>{b}</Tooltip></span>;
        })}
      </Flex>
      {buttons.some((a) => !a.available) && (
        <List size="small" style={{ marginTop: 8 }} dataSource={buttons.filter((a) => !a.available)}
          renderItem={(a) => <List.Item><Typography.Text type="secondary">「{a.label}」暂不可用：{a.reason}</Typography.Text></List.Item>} />
      )}
      <Modal open={!!open} title={open?.label} okText={open?.label} confirmLoading={run.isPending} destroyOnHidden width={640}
        onCancel={() => setOpen(null)} onOk={() => void form.validateFields().then((values) => open && run.mutate({ name: open.name, values }))}>
        <Form form={form} layout="vertical">
          {open && FORMS[open.name]?.map((f) => (
            <Form.Item key={f.name} name={f.name} label={f.label} rules={f.optional ? [] : [{ required: true, message: `请填写${f.label}` }]}>
              {f.options ? <Select options={f.options} /> : <Input.TextArea rows={f.rows ?? 3} maxLength={5000} showCount />}
            </Form.Item>
          ))}
        </Form>
      </Modal>
    </>
  );
}

const text = (s: string | null) => (s ? <Typography.Paragraph style={{ margin: 0, whiteSpace: 'pre-wrap' }}>{s}</Typography.Paragraph> : <Typography.Text type="secondary">—</Typography.Text>);

export default function TopicDetailPage() {
  const { id } = useParams();
  const qc = useQueryClient();
  const can = useCan();
  const [arranging, setArranging] = useState(false);
  const q = useQuery({ queryKey: ['consult', 'topic', id], queryFn: () => api.get<TopicDetail>(`/consultations/topics/${id}`) });
  if (q.isLoading) return <PageLoading />;
  if (q.isError || !q.data) return <Alert type="error" showIcon title={isApiError(q.error) ? q.error.message : '加载失败'} />;
  const t = q.data;
  const current = t.state === 'published' ? 8 : t.stage;
  return (
    <>
      <PageHeader title={`${t.code} ${t.title}`} description={`${t.formatLabel} · ${t.levelLabel}${t.placeName ? `·${t.placeName}` : ''} · 来源：${t.sourceLabel}`}
        extra={<ExportButton path={`/consultations/topics/${t.id}/report.docx`} label="协商成果报告（Word）" />} />
      <Flex vertical gap={16}>
        <Card title="协商八步">
          <Steps size="small" current={current} status={t.state === 'withdrawn' ? 'error' : undefined} responsive
            items={t.stages.map((s) => ({ title: s.label }))} aria-label={`当前阶段：${t.stateLabel}`} />
          {t.state === 'published' && <Alert style={{ marginTop: 12 }} type="success" showIcon title={`已于 ${formatTime(t.publishedAt ?? '').slice(0, 10)} 反馈公开`} />}
        </Card>
        <Card title="操作"><TopicActions topic={t} onDone={() => void qc.invalidateQueries({ queryKey: ['consult'] })} /></Card>
        <Card title="各步材料">
          <Descriptions size="small" column={1} bordered items={[
            { key: 'b', label: '知情明政·情况通报', children: text(t.briefing) },
            { key: 's', label: '收集民意·民意调查', children: text(t.survey) },
            { key: 'a', label: '提出议题·审定', children: t.approvedAt ? `${t.approvedBy ?? ''} 于 ${formatTime(t.approvedAt).slice(0, 10)} 审定同意` : '—' },
            { key: 'o', label: '圆桌协商·协商成果', children: text(t.outcome) },
            { key: 'r', label: '党政决议', children: t.reportSentAt ? `${formatTime(t.reportSentAt).slice(0, 10)} 报送；决议：${t.decisionLabel ?? '待登记'}${t.instruction ? `；批示：${t.instruction}` : ''}` : '—' },
            { key: 'p', label: '反馈公开·公开摘要', children: <>{text(t.summary)}{t.publishNote && <Typography.Text type="warning">提前公开理由：{t.publishNote}</Typography.Text>}</> },
          ]} />
        </Card>
        <Card title="协商活动" extra={can('consult.manage') && !['published', 'withdrawn'].includes(t.state) && <Button onClick={() => setArranging(true)}>安排活动</Button>}>
          <Table rowKey="id" size="small" pagination={false} dataSource={t.meetings} locale={{ emptyText: '还没有安排调研、视察或协商会' }} columns={[
            { title: '类型', dataIndex: 'kindLabel', width: 140 },
            { title: '名称', dataIndex: 'title', render: (s: string, m) => <Link to={`/consultations/meetings/${m.id}`}>{s}</Link> },
            { title: '时间', dataIndex: 'startsAt', width: 160, render: (d: string) => formatTime(d).slice(0, 16) },
            { title: '状态', dataIndex: 'state', width: 200, render: (s: string, m) => (s === 'held' ? <Tag color="green">已召开{m.hasMinutes ? '·有纪要' : ''}{m.hasFindings ? '·有调研发现' : ''}</Tag> : <Tag>待召开</Tag>) },
          ]} />
        </Card>
        <Card title="共提共答">
          {t.qa.length === 0 ? <Empty description="还没有共提共答事项" /> : (
            <List dataSource={t.qa} renderItem={(x) => (
              <List.Item extra={x.taskId ? <Link to={`/tasks/${x.taskId}`}>已转落实事项</Link> : null}>
                <List.Item.Meta title={`问（${x.askedBy}）：${x.question}`} description={<>答（{x.unitName ?? '—'}）：{x.answer ?? '—'}{x.commitment && <div>承诺：{x.commitment}</div>}</>} />
              </List.Item>
            )} />
          )}
        </Card>
        <Card title="落实事项">
          <Table rowKey="id" size="small" pagination={false} dataSource={t.tasks} locale={{ emptyText: '还没有交办落实事项' }} columns={[
            { title: '编号', dataIndex: 'code', width: 130, render: (c: string, r) => <Link to={`/tasks/${r.id}`}>{c}</Link> },
            { title: '事项', dataIndex: 'title' },
            { title: '牵头单位', dataIndex: 'unitName', width: 150 },
            { title: '成效', dataIndex: 'measure', width: 160, render: (m: TopicDetail['tasks'][number]['measure']) => (m ? `${m.label} ${m.current ?? 0}/${m.target ?? '—'}` : '—') },
            { title: '状态', dataIndex: 'stateLabel', width: 100, render: (l: string, r) => <Tag color={r.state === 'verified' ? 'green' : 'blue'}>{l}</Tag> },
          ]} />
        </Card>
        <Flex gap={16} wrap>
          <Card title="关联" style={{ flex: 1, minWidth: 280 }}>
            {t.links.length === 0 ? <Empty description="没有关联案件" /> : (
              <List size="small" dataSource={t.links} renderItem={(l) => (
                <List.Item>{l.label} {l.to.type === 'clue' ? <Link to={`/clues/${l.to.id}`}>民意线索 {l.clueCode ?? l.to.id}</Link> : `${l.to.type} ${l.to.id}`}</List.Item>
              )} />
            )}
          </Card>
          <Card title="流转记录" style={{ flex: 2, minWidth: 320 }}>
            <Timeline items={t.timeline.map((e) => ({ key: e.id, children: <>{formatTime(e.at)} · {e.actorName} · {e.label}{e.note && <Typography.Text type="secondary">（{e.note}）</Typography.Text>}</> }))} />
          </Card>
        </Flex>
      </Flex>
      <MeetingFormModal open={arranging} onClose={() => setArranging(false)} topicId={t.id} defaultKind={['informing', 'collecting', 'proposing', 'researching'].includes(t.state) && !['micro', 'talk'].includes(t.format) ? 'research' : 'consult'} />
    </>
  );
}
