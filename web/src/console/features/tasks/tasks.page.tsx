/** 落实事项 for staff: every task of the county with filters, and the form that assigns a new one. */
import { useState } from 'react';
import { Link } from 'react-router';
import { App, Button, Checkbox, Flex, Form, Input, InputNumber, Modal, Radio, Select, type TableColumnsType } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { TaskCreate } from '@xs/core/schemas/tasks.ts';
import { api } from '../../../shared/api.ts';
import { applyServerErrors } from '../../../shared/form-errors.ts';
import type { Page } from '../../../shared/types.ts';
import { DataTable } from '../../components/data-table.tsx';
import { FilterBar, ListFilterSelect } from '../../components/filter-bar.tsx';
import { ListPage } from '../../components/list-page.tsx';
import { useListState } from '../../components/list-state.ts';
import { useUnits } from '../../components/options.ts';
import { formatTime } from '../../components/time.ts';
import { useCan } from '../../session.tsx';
import { MeasureProgress, TaskStateTag } from './task-view.tsx';
import type { TaskDetail, TaskListItem } from '@xs/core/schemas/tasks.ts';

export const TASKS_KEY = 'tasks';

const STATES = [
  { value: 'open', label: '办理中' },
  { value: 'submitted', label: '待核验' },
  { value: 'verified', label: '已核验' },
  { value: 'cancelled', label: '已撤销' },
  { value: 'all', label: '全部' },
];

export function taskColumns(base: string): TableColumnsType<TaskListItem> {
  return [
    { title: '编号', dataIndex: 'code', width: 130, render: (code: string, r) => <Link to={`${base}/${r.id}`} aria-label={`查看落实事项 ${code}`}>{code}</Link> },
    { title: '事项', dataIndex: 'title' },
    { title: '牵头单位', dataIndex: 'ownerUnitName', width: 140 },
    { title: '成效', dataIndex: 'measure', width: 200, render: (_m, r) => <MeasureProgress measure={r.measure} /> },
    { title: '状态', dataIndex: 'state', width: 130, render: (_s, r) => <TaskStateTag state={r.state} label={r.stateLabel} overdue={r.overdue} /> },
    { title: '期限', dataIndex: 'dueAt', width: 110, render: (d: string | null) => (d ? formatTime(d).slice(0, 10) : '—') },
  ];
}

type CreateValues = Omit<TaskCreate, 'coUnitIds'> & { coUnitIds?: number[] };

function CreateTaskModal({ open, onClose }: { open: boolean; onClose: () => void }) {
  const { message } = App.useApp();
  const qc = useQueryClient();
  const units = useUnits();
  const [form] = Form.useForm<CreateValues>();
  const create = useMutation({
    mutationFn: (v: CreateValues) => api.post<TaskDetail>('/tasks', { ...v, coUnitIds: v.coUnitIds ?? [] }),
    onSuccess: (t) => {
      message.success(`已交办：${t.code}`);
      void qc.invalidateQueries({ queryKey: [TASKS_KEY] });
      form.resetFields();
      onClose();
    },
    onError: (err) => applyServerErrors(form, err, message),
  });
  return (
    <Modal open={open} title="交办落实事项" okText="交办" confirmLoading={create.isPending} width={640} destroyOnHidden
      onCancel={onClose} onOk={() => void form.validateFields().then((v) => create.mutate(v), () => undefined)}>
      <Form form={form} layout="vertical">
        <Form.Item name="title" label="事项" rules={[{ required: true, message: '请填写事项' }]}><Input maxLength={100} /></Form.Item>
        <Form.Item name="description" label="内容和要求"><Input.TextArea rows={3} maxLength={2000} /></Form.Item>
        <Form.Item name="ownerUnitId" label="牵头单位" rules={[{ required: true, message: '请选择牵头单位' }]}>
          <Select showSearch optionFilterProp="label" options={units.options} loading={units.loading} />
        </Form.Item>
        <Form.Item name="coUnitIds" label="协办单位"><Select mode="multiple" showSearch optionFilterProp="label" options={units.options} /></Form.Item>
        <Form.Item name="days" label="办理时限（个工作日，不填用本县默认）"><InputNumber min={1} max={365} style={{ width: 160 }} /></Form.Item>
        <Flex gap={8} wrap>
          <Form.Item name="measureLabel" label="成效指标"><Input placeholder="如：达标村卫生室" maxLength={50} /></Form.Item>
          <Form.Item name="measureTarget" label="目标值"><InputNumber min={0} style={{ width: 120 }} /></Form.Item>
          <Form.Item name="measureUnit" label="单位"><Input placeholder="个" maxLength={10} style={{ width: 80 }} /></Form.Item>
        </Flex>
      </Form>
    </Modal>
  );
}

export default function TasksPage() {
  const can = useCan();
  const units = useUnits();
  const list = useListState({ keys: ['state', 'unitId', 'overdue', 'q'], defaults: { state: 'open' } });
  const [creating, setCreating] = useState(false);
  const { state = 'all', ...rest } = list.query;
  const query = { ...rest, state: state === 'all' ? undefined : state };
  const q = useQuery({ queryKey: [TASKS_KEY, 'list', query], queryFn: () => api.get<Page<TaskListItem>>('/tasks', query), placeholderData: keepPreviousData });
  return (
    <>
      <ListPage title="落实事项" description="协商成果、答复承诺和监督发现转成的落实事项：牵头单位按期办理并报送进展和佐证材料，机关核验办结；超期由系统自动催办。"
        extra={can('task.manage') && <Button type="primary" icon={<PlusOutlined aria-hidden />} onClick={() => setCreating(true)}>交办落实事项</Button>}
        filters={
          <FilterBar label="筛选落实事项" searchLabel="搜索事项或编号" list={list} searchWidth={260}>
            <Flex gap={12} wrap align="center">
              <Radio.Group optionType="button" buttonStyle="solid" options={STATES} value={list.filters.state ?? 'all'}
                onChange={(e) => list.setFilters({ state: e.target.value as string })} />
              <ListFilterSelect list={list} name="unitId" label="单位" width={180} options={units.options} />
              <Checkbox checked={list.filters.overdue === '1'} onChange={(e) => list.setFilters({ overdue: e.target.checked })}>只看超期</Checkbox>
            </Flex>
          </FilterBar>
        }
        query={q}
      >
        <DataTable<TaskListItem> list={list} data={q.data} loading={q.isFetching} columns={taskColumns('/tasks')} unit="项" />
      </ListPage>
      <CreateTaskModal open={creating} onClose={() => setCreating(false)} />
    </>
  );
}
