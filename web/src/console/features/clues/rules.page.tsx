/**
 * 转办规则: the county's own table of "this category / these words → this unit", from which the forward
 * dialog suggests a unit. Everyone who reads clues sees the rules; only those who manage settings change them.
 */
import { useState } from 'react';
import { Alert, App, Button, Card, Form, Input, Modal, Popconfirm, Select, Table, Tag, Typography } from 'antd';
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { RoutingRuleSchema, type ClueCategory } from '@xs/core/schemas/clues.ts';
import { api, isApiError } from '../../../shared/api.ts';
import { applyServerErrors } from '../../../shared/form-errors.ts';
import { maxLengthOf } from '../../../shared/form-rules.ts';
import { useUnits } from '../../components/options.ts';
import { PageHeader } from '../../components/page-header.tsx';
import { useCan } from '../../session.tsx';
import { CATEGORY_OPTIONS } from './labels.tsx';
import type { RoutingRule } from '@xs/core/schemas/clues.ts';

interface Values {
  category?: ClueCategory | null;
  keywords?: string;
  unitId?: number;
  note?: string;
}

const S = RoutingRuleSchema.shape;
const RULES_KEY = ['clues', 'routing-rules'] as const;

export default function RoutingRulesPage() {
  const can = useCan();
  const canWrite = can('settings.manage');
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const units = useUnits();
  const [form] = Form.useForm<Values>();
  const [adding, setAdding] = useState(false);

  const q = useQuery({ queryKey: RULES_KEY, queryFn: () => api.get<{ items: RoutingRule[] }>('/clues/routing-rules') });
  const refresh = () => queryClient.invalidateQueries({ queryKey: ['clues'] });

  const add = useMutation({
    mutationFn: (v: Values) => api.post<{ id: number }>('/clues/routing-rules', {
      category: v.category ?? null, keywords: v.keywords?.trim() || null, unitId: v.unitId, note: v.note?.trim() || null,
    }),
    onSuccess: () => {
      message.success('已新增转办规则');
      setAdding(false);
      void refresh();
    },
    onError: (err) => applyServerErrors(form, err, message),
  });

  const remove = useMutation({
    mutationFn: (r: RoutingRule) => api.delete(`/clues/routing-rules/${r.id}`),
    onSuccess: () => {
      message.success('已删除转办规则');
      void refresh();
    },
    onError: (err) => message.error(isApiError(err) ? err.message : '删除失败'),
  });

  const describe = (r: RoutingRule) => [r.categoryLabel, r.keywords].filter(Boolean).join('，') + ` → ${r.unitName}`;

  return (
    <>
      <PageHeader
        title="转办规则"
        description="按问题类别和关键词推荐承办单位。转办时系统结合这些规则和以往的转办记录给出建议，工作人员可改选。"
        extra={canWrite && (
          <Button type="primary" icon={<PlusOutlined aria-hidden />} onClick={() => { form.resetFields(); setAdding(true); }}>新增规则</Button>
        )}
      />
      <Card>
        {!canWrite && (
          <Alert type="info" showIcon style={{ marginBottom: 16 }} title="规则由县区管理员维护；如需调整，请联系管理员。" />
        )}
        {q.isError && (
          <Alert type="error" showIcon style={{ marginBottom: 16 }} title={isApiError(q.error) ? q.error.message : '加载失败'}
            action={<Button size="small" onClick={() => void q.refetch()}>重试</Button>} />
        )}
        <Table<RoutingRule>
          rowKey="id"
          size="middle"
          loading={q.isFetching}
          dataSource={q.data?.items ?? []}
          pagination={false}
          scroll={{ x: 'max-content' }}
          locale={{ emptyText: '还没有转办规则。转办建议将只依据以往的转办记录和属地。' }}
          columns={[
            { title: '问题类别', dataIndex: 'categoryLabel', width: 120, render: (c: string | null) => c ?? <Typography.Text type="secondary">任意类别</Typography.Text> },
            {
              title: '关键词（任一出现即匹配）', dataIndex: 'keywords',
              render: (k: string | null) => (k ? k.split(/[\s、,，]+/).filter(Boolean).map((w) => <Tag key={w}>{w}</Tag>) : <Typography.Text type="secondary">不限</Typography.Text>),
            },
            { title: '承办单位', dataIndex: 'unitName', width: 200 },
            { title: '备注', dataIndex: 'note', render: (n: string | null) => n ?? '—' },
            ...(canWrite ? [{
              title: '操作', key: 'actions', width: 90,
              render: (_v: unknown, r: RoutingRule) => (
                <Popconfirm title="删除转办规则" description={`确定删除「${describe(r)}」吗？`} okText="删除" okButtonProps={{ danger: true }}
                  onConfirm={() => remove.mutateAsync(r).catch(() => undefined)}>
                  <Button type="link" size="small" danger icon={<DeleteOutlined aria-hidden />} aria-label={`删除规则：${describe(r)}`}>删除</Button>
                </Popconfirm>
              ),
            }] : []),
          ]}
        />
      </Card>
      <Modal open={adding} title="新增转办规则" okText="保存" onOk={() => form.submit()} onCancel={() => setAdding(false)}
        confirmLoading={add.isPending} destroyOnHidden>
        <Form<Values> form={form} layout="vertical" preserve={false} onFinish={(v) => add.mutate(v)}>
          <Form.Item label="问题类别" name="category" extra="不选则任意类别">
            <Select allowClear options={CATEGORY_OPTIONS} placeholder="任意类别" />
          </Form.Item>
          <Form.Item
            label="关键词"
            name="keywords"
            dependencies={['category']}
            extra="多个关键词用空格或顿号「、」分隔，线索内容含任一关键词即匹配"
            rules={[({ getFieldValue }) => ({
              validator: async (_r, v: string | undefined) => {
                if (!getFieldValue('category') && !v?.trim()) throw new Error('类别和关键词至少填写一项');
              },
            })]}
          >
            <Input maxLength={maxLengthOf(S.keywords)} showCount placeholder="例如：路灯、坑洼、积水" />
          </Form.Item>
          <Form.Item label="承办单位" name="unitId" rules={[{ required: true, message: '请选择承办单位' }]}>
            <Select showSearch={{ optionFilterProp: 'label' }} loading={units.loading} placeholder="选择承办单位"
              options={units.items.filter((u) => u.active).map((u) => ({ value: u.id, label: u.name }))} />
          </Form.Item>
          <Form.Item label="备注" name="note">
            <Input maxLength={maxLengthOf(S.note)} showCount />
          </Form.Item>
        </Form>
      </Modal>
    </>
  );
}
