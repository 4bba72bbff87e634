/** The form that arranges a meeting or activity (also from a topic's page). */
import { App, DatePicker, Flex, Form, Input, InputNumber, Modal, Select, Switch } from 'antd';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useNavigate } from 'react-router';
import type { Dayjs } from 'dayjs';
import { api } from '../../../shared/api.ts';
import { applyServerErrors } from '../../../shared/form-errors.ts';
import { useMembers, useTownships } from '../../components/options.ts';
import { KIND_OPTIONS } from './labels.ts';

export function MeetingFormModal({ open, onClose, topicId, defaultKind = 'consult' }: { open: boolean; onClose: () => void; topicId?: number; defaultKind?: string }) {
  const { message } = App.useApp();
  const qc = useQueryClient();
  const nav = useNavigate();
  const members = useMembers();
  const townships = useTownships();
  const [form] = Form.useForm();
  const openToPublic = Form.useWatch('openToPublic', form);
  const create = useMutation({
    mutationFn: (v: Record<string, unknown> & { startsAt: Dayjs }) => api.post<{ id: number }>('/consultations/meetings', { ...v, startsAt: v.startsAt.toISOString(), topicId: topicId ?? null }),
    onSuccess: (m) => { message.success('已安排'); void qc.invalidateQueries({ queryKey: ['consult'] }); onClose(); void nav(`/consultations/meetings/${m.id}`); },
    onError: (err) => applyServerErrors(form, err, message),
  });
  return (
    <Modal open={open} title="安排协商活动" okText="安排" confirmLoading={create.isPending} width={640} destroyOnHidden onCancel={onClose}
      onOk={() => void form.validateFields().then((v) => create.mutate(v))}>
      <Form form={form} layout="vertical" initialValues={{ kind: defaultKind, openToPublic: false, memberIds: [] }}>
        <Flex gap={12} wrap>
          <Form.Item name="kind" label="类型" rules={[{ required: true }]}><Select options={KIND_OPTIONS} style={{ width: 180 }} /></Form.Item>
          <Form.Item name="startsAt" label="时间" rules={[{ required: true, message: '请选择时间' }]}><DatePicker showTime format="YYYY-MM-DD HH:mm" /></Form.Item>
        </Flex>
        <Form.Item name="title" label="名称" rules={[{ required: true, message: '请填写名称' }]}><Input maxLength={100} /></Form.Item>
        <Flex gap={12} wrap>
          <Form.Item name="placeId" label="乡镇"><Select allowClear options={townships.options} style={{ width: 180 }} /></Form.Item>
          <Form.Item name="address" label="地点"><Input maxLength={200} style={{ width: 300 }} /></Form.Item>
        </Flex>
        <Form.Item name="agenda" label="议程"><Input.TextArea rows={3} maxLength={3000} /></Form.Item>
        <Form.Item name="memberIds" label="参加委员"><Select mode="multiple" showSearch optionFilterProp="label" options={members.options} /></Form.Item>
        <Form.Item name="openToPublic" label="向群众公开（可报名作为群众代表）" valuePropName="checked"><Switch /></Form.Item>
        {openToPublic && <PublicFields />}
      </Form>
    </Modal>
  );
}

/** The public sign-up's settings: citizen representatives wanted and what the public page says (also in the meeting's 公开报名设置). */
export function PublicFields() {
  return (
    <>
      <Form.Item name="capacity" label="群众代表名额" extra="不填则不限人数；待确认和已确认的报名都占名额">
        <InputNumber min={1} max={10000} precision={0} style={{ width: 160 }} addonAfter="名" />
      </Form.Item>
      <Form.Item name="publicIntro" label="给群众看的活动介绍" extra="显示在手机上的「协商活动」页面，请用群众听得懂的话写，不要写姓名和电话">
        <Input.TextArea rows={3} maxLength={1000} showCount />
      </Form.Item>
    </>
  );
}
