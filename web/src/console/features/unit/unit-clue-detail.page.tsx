/**
 * One clue in the unit portal: what the citizen reported (no contact data), the deadline, the history,
 * and the unit's actions: 答复 (with attachments), 退回 (with the reason), 申请延期.
 */
import { useState, type ReactNode } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { Alert, App, Button, Card, Col, Flex, Form, Input, InputNumber, Result, Row, Select, Tag, Typography } from 'antd';
import { ArrowLeftOutlined, ClockCircleOutlined, EditOutlined, RollbackOutlined, UserSwitchOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { ClueAction, UnitHandlers } from '@xs/core/schemas/clues.ts';
import { api, isApiError } from '../../../shared/api.ts';
import { applyServerErrors } from '../../../shared/form-errors.ts';
import { CaseClocks } from '../../components/case-detail.tsx';
import { PageHeader } from '../../components/page-header.tsx';
import { PageLoading } from '../../components/page-loading.tsx';
import { formatTime } from '../../components/time.ts';
import { ClueContent, ClueFacts, ClueReply, ClueTimeline, CoUnitsCard } from '../clues/clue-view.tsx';
import { ActionButtons } from '../clues/action-buttons.tsx';
import { InstructionNote } from '../clues/supervise.tsx';
import { ReasonField, TransitionModal, type TransitionSpec } from '../clues/transition-modal.tsx';
import type { ClueDetail } from '@xs/core/schemas/clues.ts';
import { MAX_FILES, ReplyFiles } from './reply-files.tsx';
import { UNIT_CLUES_KEY } from './unit-clues.page.tsx';

const REPLY_MAX = 3000;
const ORDER: ClueAction[] = ['reply', 'assign_handler', 'request_extension', 'return'];
const ICONS: Partial<Record<ClueAction, ReactNode>> = {
  reply: <EditOutlined aria-hidden />,
  assign_handler: <UserSwitchOutlined aria-hidden />,
  request_extension: <ClockCircleOutlined aria-hidden />,
  return: <RollbackOutlined aria-hidden />,
};

function specFor(name: ClueAction, clue: ClueDetail): TransitionSpec {
  switch (name) {
    case 'reply':
      return {
        description: '答复将由县政协审核后告知群众（群众看不到经办人姓名）。请写明办理情况、结果和后续安排。',
        width: 640,
        fields: (
          <>
            <Form.Item label="答复内容" name="replyText" rules={[{ required: true, whitespace: true, message: '请填写答复内容' }]}>
              <Input.TextArea rows={8} maxLength={REPLY_MAX} showCount autoFocus
                placeholder="例如：经现场核实，该路段路灯因线路老化损坏，我局已于 3 月 12 日更换线路和灯具，目前已恢复照明。" />
            </Form.Item>
            <Form.Item label="附件（可选）" name="fileIds" extra={`PDF、图片、Word、Excel，每个不超过 10 MB，最多 ${MAX_FILES} 个`}
              rules={[{ validator: async (_r, v: unknown) => { if (v === 'uploading') throw new Error('附件正在上传，请稍候'); } }]}>
              <ReplyFiles clueId={clue.id} />
            </Form.Item>
          </>
        ),
        toBody: (v) => ({
          replyText: String(v.replyText ?? '').trim(),
          fileIds: Array.isArray(v.fileIds) && v.fileIds.length ? (v.fileIds as number[]) : undefined,
        }),
        okText: '提交答复',
      };
    case 'assign_handler':
      return {
        description: '由本单位负责人把线索交给一名经办人办理；经办人在「我的待办」中首先看到它。分派记入流转记录。',
        fields: (
          <>
            <Form.Item label="经办人" name="assigneeId" rules={[{ required: true, message: '请选择经办人' }]}>
              <HandlerSelect />
            </Form.Item>
            <Form.Item label="分派说明（可选）" name="reason">
              <Input.TextArea rows={3} maxLength={500} showCount placeholder="例如：请于本周内到现场核实" />
            </Form.Item>
          </>
        ),
        initialValues: clue.assignee ? { assigneeId: clue.assignee.id } : undefined,
        toBody: (v) => ({ assigneeId: Number(v.assigneeId), reason: String(v.reason ?? '').trim() || null }),
        okText: '分派',
      };
    case 'return':
      return {
        description: '不属于本单位职责的，请说明理由退回县政协，由县政协重新转办。',
        fields: <ReasonField label="退回理由" placeholder="例如：该路段属于国道，由公路管理部门负责养护" />,
        toBody: (v) => ({ reason: String(v.reason ?? '').trim() }),
        danger: true,
      };
    case 'request_extension':
      return {
        description: `当前期限：${clue.dueAt ? formatTime(clue.dueAt).slice(0, 10) : '—'}。延期需县政协同意，请说明理由。`,
        fields: (
          <>
            <Form.Item label="申请延期工作日数" name="days" rules={[{ required: true, message: '请填写延期天数' }]}>
              <InputNumber min={1} max={60} precision={0} suffix="个工作日" style={{ width: 200 }} autoFocus />
            </Form.Item>
            <ReasonField label="延期理由" placeholder="例如：需协调供电公司更换变压器，预计需要两周" />
          </>
        ),
        initialValues: { days: 5 },
        toBody: (v) => ({ days: Number(v.days), reason: String(v.reason ?? '').trim() }),
      };
    default:
      return {};
  }
}

/** The unit's handlers, its 负责人 first. */
function HandlerSelect({ value, onChange, id }: { value?: number; onChange?: (v: number) => void; id?: string }) {
  const q = useQuery({ queryKey: [UNIT_CLUES_KEY, 'handlers'], queryFn: () => api.get<UnitHandlers>('/unit/clues/handlers') });
  return (
    <Select id={id} value={value} onChange={onChange} loading={q.isLoading} placeholder="选择本单位经办人" autoFocus
      options={(q.data?.items ?? []).map((p) => ({ value: p.id, label: p.lead ? `${p.name}（负责人）` : p.name }))} />
  );
}

/** A co-unit's part: its views for the lead unit, by its date; once sent, what it sent. */
function CoViewsCard({ clue, onDone }: { clue: ClueDetail; onDone: (d: ClueDetail) => void }) {
  const mine = clue.coUnits[0];
  const { message } = App.useApp();
  const [form] = Form.useForm<{ views: string }>();
  const send = useMutation({
    mutationFn: (views: string) => api.post<ClueDetail>(`/unit/clues/${clue.id}/co-views`, { version: mine!.version, views }),
    onSuccess: (d) => {
      message.success('会办意见已送达主办单位');
      onDone(d);
    },
    onError: (err) => applyServerErrors(form, err, message),
  });
  if (!mine) return null;
  const open = mine.actions.find((a) => a.name === 'send_views' && a.available);
  return (
    <Card size="small" title="本单位会办意见">
      <Typography.Paragraph type="secondary">
        本单位是这条线索的会办单位，主办单位为{clue.unitName ?? '—'}。请在 {mine.dueAt ? formatTime(mine.dueAt).slice(0, 10) : '期限'} 前向主办单位提出意见；
        意见全部送达后由主办单位统一答复群众。
      </Typography.Paragraph>
      {open ? (
        <Form form={form} layout="vertical" onFinish={(v) => send.mutate(v.views.trim())}>
          <Form.Item label="会办意见" name="views" rules={[{ required: true, whitespace: true, message: '请填写会办意见' }, { min: 2, message: '请写明会办意见' }]}>
            <Input.TextArea rows={5} maxLength={2000} showCount placeholder="例如：该路段供电线路由我局负责，已安排检修，预计本周五前恢复。" />
          </Form.Item>
          <Button type="primary" htmlType="submit" loading={send.isPending}>提交会办意见</Button>
        </Form>
      ) : (
        <>
          <Tag>{mine.stateLabel}</Tag>
          {mine.views && <Typography.Paragraph style={{ marginTop: 8, whiteSpace: 'pre-wrap' }}>{mine.views}</Typography.Paragraph>}
          {mine.note && <Typography.Text type="secondary">说明：{mine.note}</Typography.Text>}
        </>
      )}
    </Card>
  );
}

export default function UnitClueDetailPage() {
  const { id: idParam } = useParams();
  const id = Number(idParam);
  const valid = Number.isInteger(id) && id > 0;
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const { message } = App.useApp();
  const [open, setOpen] = useState<ClueAction | null>(null);
  const key = [UNIT_CLUES_KEY, id, 'detail'];
  const q = useQuery({ queryKey: key, queryFn: () => api.get<ClueDetail>(`/unit/clues/${id}`), enabled: valid });

  if (!valid || (q.isError && isApiError(q.error) && q.error.status === 404)) {
    return <Result status="404" title="线索不存在" subTitle="该线索不存在，或已不由本单位办理（例如已退回）。" extra={<Link to="/unit/clues"><Button type="primary">返回承办办理</Button></Link>} />;
  }
  if (q.isError) {
    return <Alert type="error" showIcon title={isApiError(q.error) ? q.error.message : '加载失败'} action={<Button size="small" onClick={() => void q.refetch()}>重试</Button>} />;
  }
  if (!q.data) return <PageLoading />;
  const clue = q.data;

  return (
    <>
      <PageHeader
        title={`办理线索 ${clue.code}`}
        description={`${clue.categoryLabel} · ${clue.townshipName}${clue.villageName ? ` ${clue.villageName}` : ''}`}
        extra={<Button icon={<ArrowLeftOutlined aria-hidden />} onClick={() => void navigate('/unit/clues')}>返回列表</Button>}
      />
      {clue.myRole !== 'co' && clue.overdue && <Alert type={clue.mark === 'red' ? 'error' : 'warning'} showIcon style={{ marginBottom: 16 }} title="已超期" description="已超过答复期限，请尽快答复；确有困难请申请延期。" />}
      {clue.myRole !== 'co' && !clue.overdue && clue.mark === 'yellow' && clue.dueAt && (
        <Alert type="warning" showIcon style={{ marginBottom: 16 }} title={`临期：答复期限 ${formatTime(clue.dueAt).slice(0, 10)}`} description="即将到期，请抓紧办理；确有困难请在期限内申请延期。" />
      )}
      <InstructionNote clue={clue} />
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={16}>
          <Flex vertical gap={16}>
            <Card size="small">
              <ClueFacts clue={clue} />
              {clue.myRole !== 'co' && (
                <div style={{ borderTop: '1px solid #f0f0f0', paddingTop: 12, marginTop: 4 }}>
                  <ActionButtons actions={clue.actions} order={ORDER} icons={ICONS} primary={['reply']} danger={['return']} onOpen={setOpen}
                    labelOf={(a) => (a.name === 'reply' ? '答复' : a.label)}
                    empty={clue.state === 'replied' ? '已答复，等待县政协审核办结。' : '当前没有需要本单位办理的操作。'} />
                </div>
              )}
            </Card>
            {clue.myRole === 'co' && <CoViewsCard key={clue.coUnits[0]?.version} clue={clue} onDone={(d) => queryClient.setQueryData(key, d)} />}
            <ClueContent clue={clue} />
            {clue.myRole === 'lead' && <CoUnitsCard clue={clue} />}
            <ClueReply clue={clue} />
          </Flex>
        </Col>
        <Col xs={24} xl={8}>
          <Flex vertical gap={16}>
            {clue.clocks.length > 0 && <Card size="small" title="办理计时"><CaseClocks clocks={clue.clocks} /></Card>}
            <Card size="small" title="流转记录"><ClueTimeline timeline={clue.timeline} /></Card>
          </Flex>
        </Col>
      </Row>
      <TransitionModal
        clue={clue}
        name={open}
        spec={open ? specFor(open, clue) : null}
        apiBase="/unit/clues"
        onClose={() => setOpen(null)}
        onDone={(d, n) => {
          void queryClient.invalidateQueries({ queryKey: [UNIT_CLUES_KEY, 'list'] });
          // After 退回 the clue is no longer the unit's to see.
          if (n === 'return') void navigate('/unit/clues');
          else queryClient.setQueryData(key, d);
        }}
        onStale={() => void queryClient.invalidateQueries({ queryKey: key })}
        handleError={(err, n) => {
          // The server carries out 退回 but then cannot show the clue to the unit any more and answers 404.
          if (n !== 'return' || !isApiError(err) || err.status !== 404) return false;
          message.success(`已退回：线索 ${clue.code}`);
          void queryClient.invalidateQueries({ queryKey: [UNIT_CLUES_KEY, 'list'] });
          void navigate('/unit/clues');
          return true;
        }}
      />
    </>
  );
}
