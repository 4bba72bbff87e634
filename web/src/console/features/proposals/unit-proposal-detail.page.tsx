/** One assignment for its unit: the proposal, the co-units' views (for the lead), and contact, views, dispute, extension and the reply with its letter. */
import { useState } from 'react';
import { useParams } from 'react-router';
import { Alert, App, Button, Card, Descriptions, Flex, Form, Input, InputNumber, List, Modal, Radio, Tooltip, Typography, Upload } from 'antd';
import { MinusCircleOutlined, PlusOutlined, UploadOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { ActionOption } from '@xs/core/workflow.ts';
import { api, isApiError } from '../../../shared/api.ts';
import { applyServerErrors } from '../../../shared/form-errors.ts';
import { PageHeader } from '../../components/page-header.tsx';
import { PageLoading } from '../../components/page-loading.tsx';
import { PROPOSALS_KEY } from './proposals.page.tsx';
import { CaseTimeline, Clocks } from './proposal-view.tsx';
import type { UnitAssignment } from '@xs/core/schemas/proposals.ts';

const LABELS: Record<string, string> = { contact: '联系情况', send_views: '会办意见', dispute: '申请调整的理由', request_extension: '申请延期的理由' };

function ReplyForm({ a, onDone }: { a: UnitAssignment; onDone: (d: UnitAssignment) => void }) {
  const { message } = App.useApp();
  const [form] = Form.useForm();
  const [file, setFile] = useState<{ fileId: number; name: string } | null>(null);
  const reply = useMutation({
    mutationFn: (v: Record<string, unknown>) => api.post<UnitAssignment>(`/unit/proposals/${a.id}/reply`, { ...v, promises: v.promises ?? [], letterFileId: file?.fileId, version: a.version }),
    onSuccess: (d) => { message.success('已答复提案人'); onDone(d); },
    onError: (err) => (isApiError(err) && err.status === 409 ? message.error(err.message) : applyServerErrors(form, err, message)),
  });
  return (
    <Form form={form} layout="vertical" onFinish={(v) => reply.mutate(v)}>
      <Form.Item name="resultClass" label="办理结果类别" rules={[{ required: true, message: '请选择办理结果类别' }]}>
        <Radio.Group options={a.resultClasses.map((c) => ({ value: c.code, label: `${c.code} ${c.label}` }))} />
      </Form.Item>
      <Form.Item name="summary" label="答复要点" rules={[{ required: true, message: '请填写答复要点' }]}><Input.TextArea rows={4} maxLength={2000} showCount /></Form.Item>
      <Form.Item label="正式答复函" required name="letterFileId" rules={[{ validator: () => (file ? Promise.resolve() : Promise.reject(new Error('请上传答复函'))) }]}>
        <Upload maxCount={1} showUploadList={false} customRequest={({ file: f, onSuccess, onError }) => {
          const fd = new FormData();
          fd.append('file', f as Blob);
          api.upload<{ fileId: number; name: string }>(`/unit/proposals/${a.id}/files`, fd).then((r) => { setFile(r); onSuccess?.(r); form.validateFields(['letterFileId']).catch(() => undefined); })
            .catch((e: unknown) => { message.error(isApiError(e) ? e.message : '上传失败'); onError?.(e as Error); });
        }}>
          <Button icon={<UploadOutlined aria-hidden />}>{file ? `已上传：${file.name}` : '上传答复函（PDF、Word、图片）'}</Button>
        </Upload>
      </Form.Item>
      <Form.List name="promises">
        {(fields, { add, remove }) => (
          <>
            {fields.map((f) => (
              <Flex key={f.key} gap={8} align="baseline">
                <Form.Item name={[f.name, 'title']} label="承诺事项" rules={[{ required: true, message: '请填写承诺事项' }]} style={{ flex: 1 }}><Input maxLength={100} /></Form.Item>
                <Form.Item name={[f.name, 'days']} label="期限（个工作日）" rules={[{ required: true, message: '请填写' }]}><InputNumber min={1} max={365} /></Form.Item>
                <MinusCircleOutlined aria-label="删除该承诺" onClick={() => remove(f.name)} />
              </Flex>
            ))}
            <Button type="dashed" icon={<PlusOutlined aria-hidden />} onClick={() => add()} style={{ marginBottom: 16 }}>添加承诺事项（转为落实事项）</Button>
          </>
        )}
      </Form.List>
      <Button type="primary" htmlType="submit" loading={reply.isPending}>答复提案人</Button>
    </Form>
  );
}

export default function UnitProposalDetailPage() {
  const id = Number(useParams().id);
  const qc = useQueryClient();
  const { message } = App.useApp();
  const [open, setOpen] = useState<ActionOption | null>(null);
  const [form] = Form.useForm<{ reason: string }>();
  const key = [PROPOSALS_KEY, 'unit-detail', id];
  const q = useQuery({ queryKey: key, queryFn: () => api.get<UnitAssignment>(`/unit/proposals/${id}`) });
  const done = (d: UnitAssignment) => { qc.setQueryData(key, d); void qc.invalidateQueries({ queryKey: [PROPOSALS_KEY, 'unit'] }); };
  const run = useMutation({
    mutationFn: ({ name, reason }: { name: string; reason: string }) => api.post<UnitAssignment>(`/unit/proposals/${id}/transitions/${name}`, { reason, version: q.data!.version }),
    onSuccess: (d) => { message.success(`已提交，当前状态「${d.stateLabel}」`); setOpen(null); form.resetFields(); done(d); },
    onError: (err) => (isApiError(err) && err.status === 409 ? message.error(err.message) : applyServerErrors(form, err, message)),
  });
  if (q.isLoading) return <PageLoading />;
  if (q.isError || !q.data) return <Alert type="error" showIcon title={isApiError(q.error) ? q.error.message : '加载失败'} />;
  const a = q.data;
  const buttons = a.actions.filter((x) => x.name !== 'reply');
  const replyAction = a.actions.find((x) => x.name === 'reply');
  return (
    <>
      <PageHeader title={`${a.proposal.code} ${a.proposal.title}`} description={`本单位：${a.unitName}（${a.roleLabel}） · ${a.stateLabel}`} />
      <Flex vertical gap={16}>
        <Card title="操作">
          <Flex gap={8} wrap>
            {buttons.map((b) => {
              const btn = <Button key={b.name} disabled={!b.available} type={b.name === 'contact' || b.name === 'send_views' ? 'primary' : 'default'} onClick={() => setOpen(b)}>{b.label}</Button>;
              return b.available ? btn : <span key={b.name}><Tooltip title={b.reason}>{btn}</Tooltip></span>;
            })}
          </Flex>
          {a.actions.filter((x) => !x.available).map((x) => <Typography.Paragraph key={x.name} type="secondary" style={{ margin: '8px 0 0' }}>「{x.label}」暂不可用：{x.reason}</Typography.Paragraph>)}
          <div style={{ marginTop: 8 }}><Clocks clocks={a.clocks} /></div>
        </Card>
        {replyAction?.available && <Card title="答复提案人"><ReplyForm a={a} onDone={done} /></Card>}
        <Card title="提案">
          <Descriptions size="small" column={1} items={[
            { key: 'p', label: '提案人', children: a.proposal.proposers.join('、') },
            { key: 'c', label: '类别', children: a.proposal.category ?? '—' },
            { key: 'r', label: '案由', children: <Typography.Paragraph style={{ margin: 0, whiteSpace: 'pre-wrap' }}>{a.proposal.reason}</Typography.Paragraph> },
            { key: 's', label: '建议', children: <Typography.Paragraph style={{ margin: 0, whiteSpace: 'pre-wrap' }}>{a.proposal.suggestion}</Typography.Paragraph> },
            ...(a.summary ? [{ key: 'reply', label: '本单位答复', children: `${a.resultClassLabel ?? ''}：${a.summary}` }] : []),
          ]} />
        </Card>
        {a.coUnits.length > 0 && (
          <Card title="会办单位意见">
            <List size="small" dataSource={a.coUnits} renderItem={(c) => <List.Item>{c.name}（{c.stateLabel}）：{c.views ?? '尚未提出'}</List.Item>} />
          </Card>
        )}
        <Card title="流转记录"><CaseTimeline items={a.timeline} /></Card>
      </Flex>
      <Modal open={!!open} title={open?.label} okText="提交" confirmLoading={run.isPending} destroyOnHidden onCancel={() => setOpen(null)}
        onOk={() => void form.validateFields().then((v) => open && run.mutate({ name: open.name, reason: v.reason }))}>
        <Form form={form} layout="vertical">
          <Form.Item name="reason" label={open ? LABELS[open.name] ?? '说明' : '说明'} rules={[{ required: true, message: '请填写' }, { min: 2, message: '至少 2 个字' }]}>
            <Input.TextArea rows={4} maxLength={1000} showCount />
          </Form.Item>
        </Form>
      </Modal>
    </>
  );
}
