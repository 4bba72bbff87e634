/** One proposal for staff: the review (with similar earlier proposals), assignment, key proposal, supervision, paper evaluations, documents. */
import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { Alert, App, Button, Card, Checkbox, DatePicker, Flex, Form, Input, InputNumber, List, Modal, Radio, Select, Tooltip, Typography } from 'antd';
import { FileWordOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { ActionOption } from '@xs/core/workflow.ts';
import { NOT_REGISTERED_GROUNDS, EVALUATION_LEVELS } from '@xs/core/schemas/proposals.ts';
import { api, isApiError } from '../../../shared/api.ts';
import { applyServerErrors } from '../../../shared/form-errors.ts';
import { PageHeader } from '../../components/page-header.tsx';
import { PageLoading } from '../../components/page-loading.tsx';
import { useUnits } from '../../components/options.ts';
import { useCan } from '../../session.tsx';
import { PROPOSALS_KEY } from './proposals.page.tsx';
import { ProposalView } from './proposal-view.tsx';
import type { ProposalDetail, ProposalSimilar } from '@xs/core/schemas/proposals.ts';

/** Each staff action: the route it posts to. Transitions only the system fires (complete_reply, rehandle, close) have no button. */
const ROUTES: Record<string, string> = {
  register: 'register', not_register: 'not-register', merge: 'merge', assign: 'assign', remind: 'remind', mark_key: 'key', supervise: 'supervision', evaluate: 'evaluations',
};
const levels = Object.entries(EVALUATION_LEVELS).map(([value, label]) => ({ value, label }));

function ActionForm({ name, p }: { name: string; p: ProposalDetail }) {
  const units = useUnits();
  const mode = Form.useWatch('mode');
  // The units arrive with the page (Actions asks for them); should they still be on their way, the select says so.
  const unitSelect = { showSearch: true, optionFilterProp: 'label', options: units.options, loading: units.loading, notFoundContent: units.loading ? '正在加载承办单位…' : '没有匹配的单位' };
  switch (name) {
    case 'not_register':
      return (
        <>
          <Form.Item name="ground" label="不予立案的理由" rules={[{ required: true, message: '请选择理由' }]}>
            <Select options={Object.entries(NOT_REGISTERED_GROUNDS).map(([value, label]) => ({ value, label }))} />
          </Form.Item>
          <Form.Item name="note" label="说明（告知提案人）" rules={[{ required: true, message: '请填写说明' }]}><Input.TextArea rows={3} maxLength={1000} /></Form.Item>
          <Form.Item name="toOpinion" valuePropName="checked"><Checkbox>转作社情民意信息线索</Checkbox></Form.Item>
        </>
      );
    case 'merge':
      return <Form.Item name="targetId" label="并入的提案（内部编号，见右侧相似提案）" rules={[{ required: true, message: '请填写并入的提案' }]}><InputNumber min={1} style={{ width: 200 }} /></Form.Item>;
    case 'assign':
      return (
        <>
          <Form.Item name="mode" label="交办方式" initialValue="lead"><Radio.Group options={[{ value: 'lead', label: '主办加会办' }, { value: 'separate', label: '分办（各自答复）' }]} /></Form.Item>
          {mode !== 'separate' ? (
            <>
              <Form.Item name="leadUnitId" label="主办单位" rules={[{ required: true, message: '请选择主办单位' }]}><Select {...unitSelect} /></Form.Item>
              <Form.Item name="coUnitIds" label="会办单位"><Select mode="multiple" {...unitSelect} /></Form.Item>
            </>
          ) : (
            <Form.Item name="unitIds" label="分办单位（至少两个）" rules={[{ required: true, message: '请选择分办单位' }]}><Select mode="multiple" {...unitSelect} /></Form.Item>
          )}
        </>
      );
    case 'remind':
      return <Form.Item name="reason" label="催办内容" rules={[{ required: true, message: '请填写催办内容' }]}><Input.TextArea rows={3} maxLength={1000} /></Form.Item>;
    case 'mark_key':
      return (
        <>
          <Form.Item name="year" label="年度" initialValue={new Date().getFullYear()} rules={[{ required: true }]}><InputNumber min={2000} max={2200} /></Form.Item>
          <Form.Item name="leader" label="领衔督办领导" rules={[{ required: true, message: '请填写领衔督办领导' }]}><Input placeholder="如：县委副书记 王某" maxLength={40} /></Form.Item>
        </>
      );
    case 'supervise':
      return (
        <>
          <Form.Item name="kind" label="督办形式" initialValue="visit"><Radio.Group options={[{ value: 'meeting', label: '督办会' }, { value: 'visit', label: '实地督办' }, { value: 'record', label: '其他' }]} /></Form.Item>
          <Form.Item name="on" label="日期" rules={[{ required: true, message: '请选择日期' }]}><DatePicker /></Form.Item>
          <Form.Item name="note" label="督办情况" rules={[{ required: true, message: '请填写督办情况' }]}><Input.TextArea rows={3} maxLength={1000} /></Form.Item>
        </>
      );
    case 'evaluate':
      return (
        <>
          <Form.Item name="memberId" label="提案人" rules={[{ required: true, message: '请选择提案人' }]}>
            <Select options={p.signers.filter((s) => s.confirmedAt && !s.declinedAt).map((s) => ({ value: s.memberId, label: s.name }))} />
          </Form.Item>
          <Form.Item name="handling" label="对办理工作" rules={[{ required: true, message: '请选择' }]}><Radio.Group options={levels} /></Form.Item>
          <Form.Item name="result" label="对办理结果" rules={[{ required: true, message: '请选择' }]}><Radio.Group options={levels} /></Form.Item>
          <Form.Item name="comment" label="意见"><Input.TextArea rows={2} maxLength={500} /></Form.Item>
        </>
      );
    default:
      return null;
  }
}

function Actions({ p, onDone }: { p: ProposalDetail; onDone: (d: ProposalDetail) => void }) {
  const { message } = App.useApp();
  const [open, setOpen] = useState<ActionOption | null>(null);
  const [form] = Form.useForm();
  // The county's units load with the page (a cached list), so the 交办 and 改交 dialogs open with their options.
  useUnits();
  const run = useMutation({
    mutationFn: ({ name, values }: { name: string; values: Record<string, unknown> }) => {
      const v = { ...values };
      if (name === 'supervise' && v.on && typeof v.on === 'object') v.on = (v.on as { format: (f: string) => string }).format('YYYY-MM-DD');
      if (name === 'assign') Object.assign(v, { coUnitIds: v.coUnitIds ?? [], unitIds: v.unitIds ?? [] });
      return api.post<ProposalDetail>(`/proposals/${p.id}/${ROUTES[name]}`, { ...v, version: p.version });
    },
    onSuccess: (d, { name }) => {
      message.success(`已${p.actions.find((a) => a.name === name)?.label ?? '操作'}：${d.code}，当前状态「${d.stateLabel}」`);
      setOpen(null);
      form.resetFields();
      onDone(d);
    },
    onError: (err) => (isApiError(err) && err.status === 409 ? message.error(err.message) : applyServerErrors(form, err, message)),
  });
  const buttons = p.actions.filter((a) => ROUTES[a.name]);
  if (!buttons.length) return <Typography.Text type="secondary">「{p.stateLabel}」的提案现在没有可执行的操作。</Typography.Text>;
  return (
    <>
      <Flex gap={8} wrap role="group" aria-label="可执行的操作">
        {buttons.map((a) => {
          const b = (
            <Button key={a.name} type={a.name === 'register' || a.name === 'assign' ? 'primary' : 'default'} danger={a.name === 'not_register'} disabled={!a.available}
              loading={run.isPending && run.variables?.name === a.name} onClick={() => (a.name === 'register' ? run.mutate({ name: a.name, values: {} }) : setOpen(a))}>
              {a.name === 'evaluate' ? '录入纸质评价表' : a.label}
            </Button>
          );
          return a.available ? b : <span key={a.name}><Tooltip title={a.reason}>{b}</Tooltip></span>;
        })}
      </Flex>
      {buttons.some((a) => !a.available) && (
        <List size="small" style={{ marginTop: 8 }} dataSource={buttons.filter((a) => !a.available)}
          renderItem={(a) => <List.Item><Typography.Text type="secondary">「{a.label}」暂不可用：{a.reason}</Typography.Text></List.Item>} />
      )}
      <Modal open={!!open} title={open?.name === 'evaluate' ? '录入纸质评价表' : open?.label} okText="确定" confirmLoading={run.isPending} destroyOnHidden width={560}
        onCancel={() => setOpen(null)} onOk={() => void form.validateFields().then((values) => open && run.mutate({ name: open.name, values }))}>
        <Form form={form} layout="vertical">{open && <ActionForm name={open.name} p={p} />}</Form>
      </Modal>
    </>
  );
}

function SimilarCard({ id }: { id: number }) {
  const q = useQuery({ queryKey: [PROPOSALS_KEY, 'similar', id], queryFn: () => api.get<ProposalSimilar>(`/proposals/${id}/similar`) });
  return (
    <Card title="相似的往期提案（按相似度排序，仅供参考）" size="small">
      <List size="small" loading={q.isLoading} locale={{ emptyText: '没有找到相似的提案' }} dataSource={q.data?.items ?? []} renderItem={(s) => (
        <List.Item>
          <List.Item.Meta title={<Link to={`/proposals/${s.id}`}>#{s.id} {s.code} {s.title}</Link>} description={`${s.sessionName ?? ''} · ${s.stateLabel} · ${s.reason}`} />
        </List.Item>
      )} />
    </Card>
  );
}

export default function ProposalDetailPage() {
  const id = Number(useParams().id);
  const can = useCan();
  const qc = useQueryClient();
  const { message } = App.useApp();
  const key = [PROPOSALS_KEY, 'detail', id];
  const q = useQuery({ queryKey: key, queryFn: () => api.get<ProposalDetail>(`/proposals/${id}`) });
  if (q.isLoading) return <PageLoading />;
  if (q.isError || !q.data) return <Alert type="error" showIcon title={isApiError(q.error) ? q.error.message : '加载失败'} />;
  const p = q.data;
  const download = (path: string, name: string) => void api.download(path, undefined, name).catch((e: unknown) => message.error(isApiError(e) ? e.message : '下载失败'));
  return (
    <>
      <PageHeader title={`${p.code} ${p.title}`} extra={(
        <Flex gap={8} wrap>
          <Button icon={<FileWordOutlined aria-hidden />} onClick={() => download(`/proposals/${id}/form.docx`, '提案表.docx')}>提案表</Button>
          {p.assignments.length > 0 && <Button icon={<FileWordOutlined aria-hidden />} onClick={() => download(`/proposals/${id}/notice.docx`, '交办通知.docx')}>交办通知</Button>}
          {p.assignments.filter((a) => a.repliedAt).map((a) => (
            <Button key={a.id} icon={<FileWordOutlined aria-hidden />} onClick={() => download(`/proposal-assignments/${a.id}/letter.docx`, '答复函.docx')}>{a.unitName}答复函</Button>
          ))}
        </Flex>
      )} />
      <Flex vertical gap={16}>
        {(can('proposal.manage') || can('proposal.supervise')) && <Card title="操作"><Actions p={p} onDone={(d) => { qc.setQueryData(key, d); void qc.invalidateQueries({ queryKey: [PROPOSALS_KEY, 'list'] }); }} /></Card>}
        {p.state === 'submitted' && <SimilarCard id={p.id} />}
        <ProposalView p={p} />
      </Flex>
    </>
  );
}
