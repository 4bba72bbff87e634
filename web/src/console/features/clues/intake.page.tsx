/**
 * 代录: staff enter a clue that came by phone, letter, visit, 12345 or a member, with the channel recorded;
 * the citizen gets the tracking code and secret by SMS when a phone is given.
 */
import { useState } from 'react';
import { Alert, App, Button, Card, Checkbox, Col, DatePicker, Descriptions, Form, Input, Radio, Result, Row, Select, Typography, Upload } from 'antd';
import { InboxOutlined } from '@ant-design/icons';
import { useMutation } from '@tanstack/react-query';
import type { Dayjs } from 'dayjs';
import { useNavigate } from 'react-router';
import type { ClueCategory } from '@xs/core/schemas/clues.ts';
import { STAFF_INTAKE_CHANNELS, type StaffIntakeChannel } from '@xs/core/schemas/clues-office.ts';
import { api, isApiError } from '../../../shared/api.ts';
import { applyServerErrors } from '../../../shared/form-errors.ts';
import { useMembers, useTownships } from '../../components/options.ts';
import { PageHeader } from '../../components/page-header.tsx';
import { CATEGORY_OPTIONS } from './labels.tsx';
import type { ClueIntakeResult } from '@xs/core/schemas/clues-office.ts';

interface Values {
  channel: StaffIntakeChannel;
  receivedAt?: Dayjs;
  referenceNo?: string;
  memberId?: number;
  kind: 'problem' | 'suggestion';
  category?: ClueCategory;
  townshipId?: number;
  place?: string;
  content?: string;
  contactName?: string;
  contactPhone?: string;
  consent?: boolean;
  notifyBySms: boolean;
}

type Entered = ClueIntakeResult;

const CHANNEL_HINT: Record<StaffIntakeChannel, string> = {
  hotline: '边听边记，记下来电人的原话要点；结束前向来电人读一遍查询码。',
  letter: '上传来信扫描件（图片或 PDF），并填写来信登记号。',
  visit: '记录来访人反映的问题和具体地点。',
  referral_12345: '填写 12345 工单编号，便于办结后回复 12345 平台。',
  member_report: '选择反映问题的委员。',
};

export default function ClueIntakePage() {
  const { message } = App.useApp();
  const navigate = useNavigate();
  const townships = useTownships();
  const members = useMembers();
  const [form] = Form.useForm<Values>();
  const channel = Form.useWatch('channel', form) ?? 'hotline';
  const phone = Form.useWatch('contactPhone', form);
  const [letterFileId, setLetterFileId] = useState<number | null>(null);
  const [done, setDone] = useState<Entered | null>(null);

  const save = useMutation({
    mutationFn: (v: Values) => api.post<Entered>('/clues/intake', {
      channel: v.channel, kind: v.kind, category: v.category, content: v.content, townshipId: v.townshipId, place: v.place || null,
      contactName: v.contactName || null, contactPhone: v.contactPhone || null, consent: !!v.consent, notifyBySms: v.notifyBySms,
      receivedAt: v.receivedAt ? v.receivedAt.toISOString() : undefined, referenceNo: v.referenceNo || null,
      memberId: v.channel === 'member_report' ? v.memberId : null, letterFileId: v.channel === 'letter' ? letterFileId : null,
    }),
    onSuccess: (r) => {
      setDone(r);
      message.success('已登记');
    },
    onError: (err) => applyServerErrors(form, err, message),
  });

  const again = () => {
    form.resetFields();
    setLetterFileId(null);
    setDone(null);
  };

  if (done) {
    return (
      <>
        <PageHeader title="代录线索" />
        <Card>
          <Result status="success" title="线索已登记，进入待受理"
            subTitle={done.smsSent ? '查询码和查询密码已通过短信发给群众。' : '未发短信：请把查询码和查询密码告诉群众（电话里读给他，或写在回执上）。'}
            extra={[
              <Button key="again" type="primary" onClick={again}>再录一条</Button>,
              <Button key="view" onClick={() => navigate(`/clues/${done.id}`)}>查看这条线索</Button>,
            ]}>
            <Descriptions column={1} bordered size="small" style={{ maxWidth: 420, margin: '0 auto' }}>
              <Descriptions.Item label="查询码"><Typography.Text copyable strong>{done.code}</Typography.Text></Descriptions.Item>
              <Descriptions.Item label="查询密码"><Typography.Text copyable strong>{done.secret}</Typography.Text></Descriptions.Item>
            </Descriptions>
          </Result>
        </Card>
      </>
    );
  }

  return (
    <>
      <PageHeader title="代录线索" description="群众打电话、来信、来访，12345 转来或委员反映的问题，由工作人员代为录入。录入后与群众自己提交的线索一样进入待受理。" />
      <Card>
        <Form<Values> form={form} layout="vertical" initialValues={{ channel: 'hotline', kind: 'problem', notifyBySms: true }}
          onFinish={(v) => save.mutate(v)} style={{ maxWidth: 960 }}>
          <Form.Item name="channel" label="来源渠道" rules={[{ required: true, message: '请选择来源渠道' }]}>
            <Radio.Group optionType="button" buttonStyle="solid"
              options={(Object.entries(STAFF_INTAKE_CHANNELS) as [StaffIntakeChannel, string][]).map(([value, label]) => ({ value, label }))} />
          </Form.Item>
          <Alert type="info" showIcon style={{ marginBottom: 16 }} title={CHANNEL_HINT[channel]} />
          <Row gutter={16}>
            <Col xs={24} md={8}>
              <Form.Item name="receivedAt" label="收到时间" extra="不填即为现在">
                <DatePicker showTime={{ format: 'HH:mm' }} format="YYYY-MM-DD HH:mm" style={{ width: '100%' }} />
              </Form.Item>
            </Col>
            {(channel === 'referral_12345' || channel === 'letter') && (
              <Col xs={24} md={8}>
                <Form.Item name="referenceNo" label={channel === 'letter' ? '来信登记号' : '12345 工单编号'}
                  rules={channel === 'referral_12345' ? [{ required: true, message: '请填写工单编号' }] : []}>
                  <Input maxLength={40} />
                </Form.Item>
              </Col>
            )}
            {channel === 'member_report' && (
              <Col xs={24} md={8}>
                <Form.Item name="memberId" label="反映的委员" rules={[{ required: true, message: '请选择反映的委员' }]}>
                  <Select showSearch optionFilterProp="label" options={members.options} loading={members.loading} placeholder="输入姓名查找" />
                </Form.Item>
              </Col>
            )}
          </Row>
          {channel === 'letter' && (
            <Form.Item label="来信扫描件">
              <Upload.Dragger name="file" maxCount={1} accept="image/jpeg,image/png,application/pdf"
                customRequest={({ file, onSuccess, onError }) => {
                  const fd = new FormData();
                  fd.append('file', file as Blob);
                  api.upload<{ fileId: number }>('/clues/intake/files', fd)
                    .then((r) => { setLetterFileId(r.fileId); onSuccess?.(r); })
                    .catch((e: unknown) => { message.error(isApiError(e) ? e.message : '上传失败'); onError?.(e as Error); });
                }}
                onRemove={() => setLetterFileId(null)}>
                <p className="ant-upload-drag-icon"><InboxOutlined aria-hidden /></p>
                <p className="ant-upload-text">点击或拖入来信扫描件（JPG、PNG 或 PDF，10 MB 以内）</p>
              </Upload.Dragger>
            </Form.Item>
          )}
          <Form.Item name="content" label="反映内容" rules={[{ required: true, message: '请填写反映内容' }, { min: 5, message: '请至少写 5 个字' }]}>
            <Input.TextArea rows={5} maxLength={2000} showCount placeholder="群众反映的问题或建议：什么地方、什么问题、持续多久、希望怎么解决" />
          </Form.Item>
          <Row gutter={16}>
            <Col xs={24} md={6}>
              <Form.Item name="kind" label="类型">
                <Radio.Group options={[{ value: 'problem', label: '反映问题' }, { value: 'suggestion', label: '提出建议' }]} />
              </Form.Item>
            </Col>
            <Col xs={24} md={6}>
              <Form.Item name="category" label="问题类别" rules={[{ required: true, message: '请选择问题类别' }]}>
                <Select options={CATEGORY_OPTIONS} placeholder="选择类别" />
              </Form.Item>
            </Col>
            <Col xs={24} md={6}>
              <Form.Item name="townshipId" label="乡镇/街道" rules={[{ required: true, message: '请选择乡镇/街道' }]}>
                <Select showSearch optionFilterProp="label" options={townships.options} loading={townships.loading} placeholder="选择乡镇/街道" />
              </Form.Item>
            </Col>
            <Col xs={24} md={6}>
              <Form.Item name="place" label="具体地点"><Input maxLength={100} placeholder="如：东街与解放路交叉口" /></Form.Item>
            </Col>
          </Row>
          <Row gutter={16}>
            <Col xs={24} md={6}>
              <Form.Item name="contactName" label="群众姓名"><Input maxLength={20} /></Form.Item>
            </Col>
            <Col xs={24} md={6}>
              <Form.Item name="contactPhone" label="联系电话" rules={[{ pattern: /^1[3-9]\d{9}$/, message: '请输入 11 位手机号' }]}>
                <Input maxLength={11} inputMode="numeric" />
              </Form.Item>
            </Col>
            <Col xs={24} md={12}>
              <Form.Item name="consent" valuePropName="checked" label="个人信息" extra="记录姓名或电话前，须向群众说明仅用于办理和回复">
                <Checkbox>群众已同意留下姓名和电话</Checkbox>
              </Form.Item>
            </Col>
          </Row>
          <Form.Item name="notifyBySms" valuePropName="checked">
            <Checkbox disabled={!phone}>短信告知群众查询码和查询密码</Checkbox>
          </Form.Item>
          <Button type="primary" htmlType="submit" loading={save.isPending}>登记线索</Button>
        </Form>
      </Card>
    </>
  );
}
