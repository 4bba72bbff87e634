/**
 * The fields of a 转办 (and 采纳并转办): the lead unit with the server's suggestions, 紧急/一般, the deadline within
 * the county's rules (not before tomorrow, not past the allowed working days; the default follows the urgency),
 * 交办意见, and co-units (会办单位) behind a button — most clues have none.
 */
import { useEffect, useRef, useState } from 'react';
import dayjs, { type Dayjs } from 'dayjs';
import { Button, DatePicker, Form, Input, Radio, Select, Typography } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import type { ClueForwardRules, ClueTransitionBody } from '@xs/core/schemas/clues.ts';
import { api } from '../../../shared/api.ts';
import { useUnits } from '../../components/options.ts';
import { URGENCY_OPTIONS } from './labels.tsx';
import type { TransitionValues } from './transition-modal.tsx';
import { UnitPicker } from './unit-picker.tsx';

export function useForwardRules() {
  return useQuery({ queryKey: ['clues', 'forward-rules'], queryFn: () => api.get<ClueForwardRules>('/clues/forward-rules'), staleTime: 5 * 60_000 });
}

export function ForwardFields({ clueId }: { clueId: number }) {
  const form = Form.useFormInstance<TransitionValues>();
  const rules = useForwardRules().data;
  const units = useUnits();
  const urgency = Form.useWatch('urgency', form) as 'normal' | 'urgent' | undefined;
  const lead = Form.useWatch('unitId', form) as number | undefined;
  const [withCo, setWithCo] = useState(false);

  // The date follows the urgency until staff pick one themselves.
  const auto = useRef<string | null>(null);
  useEffect(() => {
    if (!rules) return;
    const current = (form.getFieldValue('dueDate') as Dayjs | undefined)?.format('YYYY-MM-DD') ?? null;
    if (current !== null && current !== auto.current) return;
    auto.current = rules.defaultDate[urgency ?? 'normal'];
    form.setFieldValue('dueDate', dayjs(auto.current));
  }, [rules, urgency, form]);

  const outside = (d: Dayjs) => !!rules && (d.format('YYYY-MM-DD') < rules.minDate || d.format('YYYY-MM-DD') > rules.maxDate);
  const coOptions = units.items.filter((u) => u.active && u.id !== lead).map((u) => ({ value: u.id, label: u.name }));
  return (
    <>
      <Form.Item name="unitId" label="主办单位" rules={[{ required: true, message: '请选择承办单位' }]}>
        <UnitPicker clueId={clueId} />
      </Form.Item>
      <Form.Item name="urgency" label="紧急程度">
        <Radio.Group options={URGENCY_OPTIONS} optionType="button" buttonStyle="solid" />
      </Form.Item>
      <Form.Item name="dueDate" label="办理期限"
        extra={rules ? `可选 ${rules.minDate} 至 ${rules.maxDate}（${rules.maxWorkingDays} 个工作日内）` : undefined}>
        <DatePicker disabledDate={outside} allowClear={false} style={{ width: 200 }} aria-label="办理期限" />
      </Form.Item>
      <Form.Item name="forwardNote" label="交办意见（可选）">
        <Input.TextArea rows={3} maxLength={500} showCount placeholder="例如：请会同属地乡镇现场核查，三日内反馈初步意见" />
      </Form.Item>
      {withCo ? (
        <Form.Item name="coUnitIds" label="会办单位" extra={`会办单位在 ${rules?.coViewsDays ?? 5} 个工作日内（不晚于办理期限）向主办单位提出意见，意见全部送达后主办单位答复。`}>
          <Select mode="multiple" showSearch={{ optionFilterProp: 'label' }} options={coOptions} placeholder="选择会办单位" aria-label="会办单位" />
        </Form.Item>
      ) : (
        <Form.Item>
          <Button icon={<PlusOutlined aria-hidden />} onClick={() => setWithCo(true)}>添加会办单位</Button>
          <Typography.Text type="secondary" style={{ marginLeft: 8 }}>需要其他单位配合时添加</Typography.Text>
        </Form.Item>
      )}
    </>
  );
}

/** The form's values as the forward body expects them. */
export function forwardBody(v: TransitionValues): Omit<ClueTransitionBody, 'version'> {
  const due = v.dueDate as Dayjs | undefined;
  const co = Array.isArray(v.coUnitIds) ? (v.coUnitIds as number[]) : [];
  const note = String(v.forwardNote ?? '').trim();
  return {
    unitId: Number(v.unitId),
    urgency: (v.urgency as 'normal' | 'urgent' | undefined) ?? 'normal',
    ...(due ? { dueDate: due.format('YYYY-MM-DD') } : {}),
    ...(note ? { forwardNote: note } : {}),
    ...(co.length ? { coUnitIds: co } : {}),
  };
}
