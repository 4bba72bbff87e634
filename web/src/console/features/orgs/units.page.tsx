/** 承办单位: the departments and township governments that receive clues, proposals and tasks. */
import { Form, Input, Select, Switch, Tag } from 'antd';
import { UNIT_DUTIES, UNIT_KIND_LABELS, UnitCreateSchema, type UnitDuty } from '@xs/core/schemas/orgs.ts';
import { maxLengthOf, zodRule } from '../../../shared/form-rules.ts';
import type { Unit } from '@xs/core/schemas/orgs.ts';
import { CrudPage } from '../../components/crud-page.tsx';
import { useTownships } from '../../components/options.ts';

interface Values {
  name: string;
  kind: Unit['kind'];
  townshipId?: number | null;
  contactName?: string | null;
  contactPhone?: string | null;
  duty?: UnitDuty | null;
  active?: boolean;
}

const S = UnitCreateSchema.shape;
const KIND_OPTIONS = Object.entries(UNIT_KIND_LABELS).map(([value, label]) => ({ value, label }));
const DUTY_OPTIONS = Object.entries(UNIT_DUTIES).map(([value, label]) => ({ value, label }));

export default function UnitsPage() {
  const townships = useTownships();
  const body = (v: Values) => ({
    name: v.name, kind: v.kind, townshipId: v.townshipId ?? null, contactName: v.contactName || null, contactPhone: v.contactPhone || null,
    duty: v.duty ?? null,
  });
  return (
    <CrudPage<Unit, Values>
      label="承办单位"
      apiPath="/orgs/units"
      description="接收转办线索、提案和落实事项的县直部门、乡镇政府和街道办事处。"
      writePermission="org.manage"
      searchPlaceholder="按单位名称搜索"
      filters={[{ name: 'kind', label: '单位类型', options: KIND_OPTIONS }]}
      columns={[
        { title: '单位名称', dataIndex: 'name' },
        { title: '类型', dataIndex: 'kind', render: (k: Unit['kind']) => UNIT_KIND_LABELS[k] },
        { title: '所在乡镇/街道', dataIndex: 'townshipId', render: (id: number | null) => townships.nameOf(id) ?? '—' },
        { title: '职能', dataIndex: 'duty', render: (d: UnitDuty | null) => (d ? UNIT_DUTIES[d] : '—') },
        { title: '联系人', dataIndex: 'contactName', render: (v: string | null) => v ?? '—' },
        { title: '联系电话', dataIndex: 'contactPhone', render: (v: string | null) => v ?? '—' },
        { title: '状态', dataIndex: 'active', render: (a: boolean) => (a ? <Tag color="green">启用</Tag> : <Tag>停用</Tag>) },
      ]}
      rowName={(r) => r.name}
      createValues={{ kind: 'department' }}
      toFormValues={(r) => ({ ...r })}
      toCreateBody={body}
      toUpdateBody={(v) => ({ ...body(v), active: v.active })}
      renderForm={({ mode }) => (
        <>
          <Form.Item label="单位名称" name="name" required rules={[zodRule(S.name)]}>
            <Input maxLength={maxLengthOf(S.name)} showCount />
          </Form.Item>
          <Form.Item label="单位类型" name="kind" rules={[{ required: true, message: '请选择单位类型' }]}>
            <Select options={KIND_OPTIONS} />
          </Form.Item>
          <Form.Item label="职能" name="duty" extra="线索转办建议按职能匹配；不选时按单位名称推断">
            <Select options={DUTY_OPTIONS} allowClear placeholder="按名称推断" />
          </Form.Item>
          <Form.Item label="所在乡镇/街道" name="townshipId" extra="乡镇政府、街道办事处请选择所在乡镇">
            <Select options={townships.options} allowClear showSearch={{ optionFilterProp: 'label' }} placeholder="可不选" />
          </Form.Item>
          <Form.Item label="联系人" name="contactName" rules={[zodRule(S.contactName, { optional: true })]}>
            <Input maxLength={maxLengthOf(S.contactName)} />
          </Form.Item>
          <Form.Item label="联系电话" name="contactPhone" rules={[zodRule(S.contactPhone, { optional: true })]}>
            <Input maxLength={20} inputMode="tel" />
          </Form.Item>
          {mode === 'edit' && (
            <Form.Item label="启用" name="active" valuePropName="checked" extra="停用后不再出现在转办、交办的单位列表中">
              <Switch checkedChildren="启用" unCheckedChildren="停用" />
            </Form.Item>
          )}
        </>
      )}
    />
  );
}
