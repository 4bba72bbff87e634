/** One meeting: its facts, QR check-in code and attendance, absence approvals, minutes, 共提共答 and attachments. */
import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { Alert, App, Button, Card, Descriptions, Empty, Flex, Form, Image, Input, InputNumber, List, Modal, Radio, Select, Switch, Table, Tag, Typography, Upload } from 'antd';
import { UploadOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, apiUrl, isApiError } from '../../../shared/api.ts';
import { applyServerErrors } from '../../../shared/form-errors.ts';
import { ExportButton } from '../../components/export-button.tsx';
import { PageHeader } from '../../components/page-header.tsx';
import { PageLoading } from '../../components/page-loading.tsx';
import { useUnits } from '../../components/options.ts';
import { formatTime } from '../../components/time.ts';
import { useCan } from '../../session.tsx';
import { PublicFields } from './meeting-form.tsx';
import type { MeetingDetail } from '@xs/core/schemas/consultations.ts';

type Meeting = MeetingDetail;
type Signup = MeetingDetail['signups'][number];
type Participant = MeetingDetail['participants'][number];

const SIGNUP_COLORS: Record<Signup['state'], string> = { pending: 'gold', accepted: 'green', declined: 'default' };

export default function MeetingDetailPage() {
  const { id } = useParams();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const can = useCan();
  const units = useUnits();
  const [holding, setHolding] = useState(false);
  const [asking, setAsking] = useState(false);
  const [publishing, setPublishing] = useState(false);
  const [declining, setDeclining] = useState<Signup | null>(null);
  const [publicForm] = Form.useForm();
  const [declineForm] = Form.useForm();
  const [holdForm] = Form.useForm();
  const [qaForm] = Form.useForm();
  const key = ['consult', 'meeting', id];
  const q = useQuery({ queryKey: key, queryFn: () => api.get<Meeting>(`/consultations/meetings/${id}`) });
  const refresh = () => void qc.invalidateQueries({ queryKey: ['consult'] });
  const onError = (form: ReturnType<typeof Form.useForm>[0]) => (err: unknown) => { if (isApiError(err) && err.status === 409) message.error(err.message); else applyServerErrors(form, err, message); };
  const hold = useMutation({ mutationFn: (v: Record<string, unknown>) => api.post<Meeting>(`/consultations/meetings/${id}/hold`, { ...v, version: q.data?.version }),
    onSuccess: () => { message.success('已登记'); setHolding(false); refresh(); }, onError: onError(holdForm) });
  const addQa = useMutation({ mutationFn: (v: Record<string, unknown>) => api.post<Meeting>(`/consultations/meetings/${id}/qa`, v),
    onSuccess: () => { message.success('已记录'); setAsking(false); qaForm.resetFields(); refresh(); }, onError: onError(qaForm) });
  const toTask = useMutation({ mutationFn: (qaId: number) => api.post<{ code: string }>(`/consultations/meetings/${id}/qa/${qaId}/task`, {}),
    onSuccess: (r) => { message.success(`已转为落实事项 ${r.code}`); refresh(); }, onError: (err) => message.error(isApiError(err) ? err.message : '操作失败') });
  const absence = useMutation({ mutationFn: ({ pid, approve }: { pid: number; approve: boolean }) => api.post(`/consultations/meetings/${id}/participants/${pid}/absence`, { approve }),
    onSuccess: () => refresh(), onError: (err) => message.error(isApiError(err) ? err.message : '操作失败') });
  const setPublic = useMutation({ mutationFn: (v: Record<string, unknown>) => api.post<Meeting>(`/consultations/meetings/${id}/public`, { ...v, version: q.data?.version }),
    onSuccess: () => { message.success('已保存公开报名设置'); setPublishing(false); refresh(); }, onError: onError(publicForm) });
  const decide = useMutation({ mutationFn: ({ sid, accept, reason }: { sid: number; accept: boolean; reason?: string | null }) =>
    api.post<Meeting>(`/consultations/meetings/${id}/signups/${sid}/decision`, { accept, reason: reason ?? null }),
  onSuccess: (_m, v) => { message.success(v.accept ? '已确认参加，已短信通知本人' : '已告知不安排，已短信通知本人'); setDeclining(null); refresh(); },
  onError: (err) => message.error(isApiError(err) ? err.message : '操作失败') });
  if (q.isLoading) return <PageLoading />;
  if (q.isError || !q.data) return <Alert type="error" showIcon title={isApiError(q.error) ? q.error.message : '加载失败'} />;
  const m = q.data;
  const manage = can('consult.manage');
  return (
    <>
      <PageHeader title={m.title} description={`${m.kindLabel} · ${formatTime(m.startsAt).slice(0, 16)}`}
        extra={<>
          <ExportButton path={`/consultations/meetings/${m.id}/minutes.docx`} label="会议纪要（Word）" />
          {manage && <Button onClick={() => setPublishing(true)}>公开报名设置</Button>}
          {manage && <Button onClick={() => setAsking(true)}>记录共提共答</Button>}
          {manage && <Button type="primary" onClick={() => setHolding(true)}>{m.state === 'held' ? '修改纪要' : '登记已召开'}</Button>}
        </>} />
      <Flex vertical gap={16}>
        <Flex gap={16} wrap>
          <Card title="基本情况" style={{ flex: 2, minWidth: 320 }}>
            <Descriptions size="small" column={1} items={[
              { key: 's', label: '状态', children: m.state === 'held' ? <Tag color="green">已召开</Tag> : <Tag>待召开</Tag> },
              { key: 't', label: '议题', children: m.topic ? <Link to={`/consultations/topics/${m.topic.id}`}>{m.topic.code} {m.topic.title}</Link> : '—' },
              { key: 'p', label: '地点', children: [m.placeName, m.venueName, m.address].filter(Boolean).join(' · ') || '—' },
              { key: 'a', label: '议程', children: <Typography.Paragraph style={{ margin: 0, whiteSpace: 'pre-wrap' }}>{m.agenda ?? '—'}</Typography.Paragraph> },
              { key: 'm', label: '会议纪要', children: <Typography.Paragraph style={{ margin: 0, whiteSpace: 'pre-wrap' }}>{m.minutes ?? '—'}</Typography.Paragraph> },
              { key: 'f', label: '调研发现', children: <Typography.Paragraph style={{ margin: 0, whiteSpace: 'pre-wrap' }}>{m.findings ?? '—'}</Typography.Paragraph> },
              ...(m.kind === 'service' ? [{ key: 'b', label: '受益群众', children: m.beneficiaries != null ? `${m.beneficiaries} 人` : '—' }] : []),
              { key: 'o', label: '公开', children: m.openToPublic ? `向群众公开报名${m.capacity ? `，群众代表 ${m.capacity} 名` : '，不限名额'}` : '不公开' },
              ...(m.openToPublic && m.publicIntro ? [{ key: 'i', label: '给群众的介绍', children: m.publicIntro }] : []),
            ]} />
          </Card>
          <Card title="扫码签到" style={{ flex: 1, minWidth: 240 }}>
            <Image src={apiUrl(`/consultations/meetings/${m.id}/qr`)} alt="签到二维码" width={180} preview={false} />
            <Typography.Paragraph type="secondary" style={{ marginTop: 8 }}>委员用手机扫码，登录本人账号即签到。已签到 {m.attendance.checkedIn} / {m.attendance.invited} 人。</Typography.Paragraph>
          </Card>
        </Flex>
        <Card title="参加人员">
          <Table<Participant> rowKey="id" size="small" pagination={false} dataSource={m.participants} locale={{ emptyText: '还没有参加人员' }} columns={[
            { title: '姓名', dataIndex: 'name', width: 120 },
            { title: '身份', dataIndex: 'roleLabel', width: 100 },
            { title: '单位', dataIndex: 'org', render: (o: string | null) => o ?? '—' },
            { title: '签到', dataIndex: 'statusLabel', width: 120, render: (l: string, p) => <Tag color={p.status === 'checked_in' ? 'green' : p.status.startsWith('absence') ? 'gold' : 'default'}>{l}</Tag> },
            { title: '签到时间/请假理由', render: (_x, p) => (p.checkedInAt ? formatTime(p.checkedInAt) : p.absenceReason ?? '—') },
            { title: '', width: 160, render: (_x, p) => (manage && p.status === 'absence_requested' ? (
              <Flex gap={4}><Button size="small" onClick={() => absence.mutate({ pid: p.id, approve: true })}>批准请假</Button><Button size="small" onClick={() => absence.mutate({ pid: p.id, approve: false })}>不批准</Button></Flex>
            ) : null) },
          ]} />
        </Card>
        {(m.openToPublic || m.signups.length > 0) && (
          <Card title="群众代表报名" extra={<Flex gap={8} align="center">
            <Typography.Text type="secondary">待确认 {m.signupCounts.pending} · 已确认 {m.signupCounts.accepted}{m.capacity ? ` / ${m.capacity}` : ''} · 未安排 {m.signupCounts.declined}</Typography.Text>
            <ExportButton path={`/consultations/meetings/${m.id}/signups/export`} />
          </Flex>}>
            <Table<Signup> rowKey="id" size="small" pagination={false} dataSource={m.signups} locale={{ emptyText: '还没有群众报名' }} columns={[
              { title: '姓名', dataIndex: 'name', width: 110 },
              { title: '手机号', dataIndex: 'phone', width: 130 },
              { title: '想说的话', dataIndex: 'note', render: (n: string | null) => n ?? '—' },
              { title: '报名时间', dataIndex: 'createdAt', width: 150, render: (t: string) => formatTime(t).slice(0, 16) },
              { title: '状态', dataIndex: 'stateLabel', width: 150, render: (l: string, x) => <><Tag color={SIGNUP_COLORS[x.state]}>{l}</Tag>{x.reason && <div><Typography.Text type="secondary">{x.reason}</Typography.Text></div>}</> },
              { title: '', width: 190, render: (_x, x) => (manage && x.state === 'pending' ? (
                <Flex gap={4}>
                  <Button size="small" type="primary" loading={decide.isPending && decide.variables?.sid === x.id && decide.variables.accept}
                    onClick={() => decide.mutate({ sid: x.id, accept: true })} aria-label={`确认${x.name}参加`}>确认参加</Button>
                  <Button size="small" onClick={() => setDeclining(x)} aria-label={`不安排${x.name}`}>不安排</Button>
                </Flex>
              ) : null) },
            ]} />
          </Card>
        )}
        <Card title="共提共答">
          {m.qa.length === 0 ? <Empty description="还没有共提共答事项" /> : (
            <List dataSource={m.qa} renderItem={(x) => (
              <List.Item extra={x.taskId ? <Link to={`/tasks/${x.taskId}`}>已转落实事项</Link> : manage && x.commitment && x.unitName
                ? <Button type="primary" loading={toTask.isPending && toTask.variables === x.id} onClick={() => toTask.mutate(x.id)}>转为落实事项</Button> : null}>
                <List.Item.Meta title={`问（${x.askedBy}）：${x.question}`}
                  description={<>答（{x.unitName ?? '—'}）：{x.answer ?? '—'}{x.commitment && <div>承诺：{x.commitment}{x.days ? `（${x.days} 个工作日内）` : ''}</div>}</>} />
              </List.Item>
            )} />
          )}
        </Card>
        <Card title="附件和照片" extra={manage && (
          <Upload accept=".pdf,.jpg,.jpeg,.png,.docx,.xlsx" showUploadList={false}
            customRequest={({ file, onSuccess, onError }) => {
              const body = new FormData();
              body.append('file', file as Blob);
              api.upload<{ fileId: number }>(`/consultations/meetings/${m.id}/files`, body).then((r) => { onSuccess?.(r); refresh(); }).catch((err: unknown) => {
                message.error(isApiError(err) ? err.message : '上传失败');
                onError?.(new Error('上传失败'));
              });
            }}>
            <Button icon={<UploadOutlined aria-hidden />}>上传附件或照片</Button>
          </Upload>
        )}>
          {m.files.length === 0 ? <Empty description="还没有附件" /> : (
            <List size="small" dataSource={m.files} renderItem={(f) => <List.Item><a href={apiUrl(`/consultations/meetings/${m.id}/files/${f.id}`)}>{f.name}</a></List.Item>} />
          )}
        </Card>
      </Flex>
      <Modal open={holding} title="登记已召开" okText="保存" confirmLoading={hold.isPending} destroyOnHidden width={640} onCancel={() => setHolding(false)}
        onOk={() => void holdForm.validateFields().then((v) => hold.mutate(v))}>
        <Form form={holdForm} layout="vertical" initialValues={{ minutes: m.minutes, findings: m.findings, beneficiaries: m.beneficiaries }}>
          <Form.Item name="minutes" label="会议纪要"><Input.TextArea rows={5} maxLength={10000} showCount /></Form.Item>
          <Form.Item name="findings" label="调研、视察发现"><Input.TextArea rows={3} maxLength={5000} /></Form.Item>
          {m.kind === 'service' && <Form.Item name="beneficiaries" label="受益群众（人）" rules={[{ required: true, message: '请填写受益人数' }]}><InputNumber min={0} /></Form.Item>}
        </Form>
      </Modal>
      <Modal open={publishing} title="公开报名设置" okText="保存" confirmLoading={setPublic.isPending} destroyOnHidden width={560} onCancel={() => setPublishing(false)}
        onOk={() => void publicForm.validateFields().then((v) => setPublic.mutate({ capacity: null, publicIntro: null, ...v }))}>
        <Form form={publicForm} layout="vertical" initialValues={{ openToPublic: m.openToPublic, capacity: m.capacity, publicIntro: m.publicIntro }}>
          <Form.Item name="openToPublic" label="向群众公开（群众可在手机「协商活动」页报名作为群众代表）" valuePropName="checked"><Switch /></Form.Item>
          <PublicFields />
        </Form>
      </Modal>
      <Modal open={declining != null} title={`不安排${declining?.name ?? ''}参加`} okText="不安排并短信告知" confirmLoading={decide.isPending} destroyOnHidden
        onCancel={() => setDeclining(null)} onOk={() => void declineForm.validateFields().then((v: { reason?: string }) => declining && decide.mutate({ sid: declining.id, accept: false, reason: v.reason?.trim() || null }))}>
        <Form form={declineForm} layout="vertical">
          <Form.Item name="reason" label="原因（短信告诉本人）" extra="例如：名额已满，欢迎参加下次活动"><Input maxLength={200} /></Form.Item>
        </Form>
      </Modal>
      <Modal open={asking} title="共提共答" okText="记录" confirmLoading={addQa.isPending} destroyOnHidden width={640} onCancel={() => setAsking(false)}
        onOk={() => void qaForm.validateFields().then((v) => addQa.mutate(v))}>
        <Form form={qaForm} layout="vertical" initialValues={{ askerKind: 'citizen' }}>
          <Form.Item name="question" label="问题" rules={[{ required: true, message: '请填写问题' }]}><Input.TextArea rows={2} maxLength={500} /></Form.Item>
          <Flex gap={12}>
            <Form.Item name="askedBy" label="提问人" rules={[{ required: true, message: '请填写提问人' }]}><Input maxLength={40} /></Form.Item>
            <Form.Item name="askerKind" label="身份"><Radio.Group options={[{ value: 'citizen', label: '群众' }, { value: 'member', label: '委员' }]} /></Form.Item>
          </Flex>
          <Form.Item name="unitId" label="答复单位"><Select allowClear showSearch optionFilterProp="label" options={units.options} /></Form.Item>
          <Form.Item name="answer" label="当场答复"><Input.TextArea rows={2} maxLength={2000} /></Form.Item>
          <Form.Item name="commitment" label="承诺事项（可一键转为落实事项）"><Input maxLength={500} /></Form.Item>
          <Flex gap={12} wrap>
            <Form.Item name="days" label="时限（个工作日）"><InputNumber min={1} max={365} /></Form.Item>
            <Form.Item name="measureLabel" label="成效指标"><Input maxLength={50} placeholder="如：接入村卫生室" /></Form.Item>
            <Form.Item name="measureTarget" label="目标值"><InputNumber min={0} /></Form.Item>
          </Flex>
        </Form>
      </Modal>
    </>
  );
}
