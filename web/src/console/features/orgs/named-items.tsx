/** 界别 and 专委会: a name and a sort number each. */
import { Form, Input, InputNumber } from 'antd';
import { NamedItemSchema } from '@xs/core/schemas/orgs.ts';
import { maxLengthOf, zodRule } from '../../../shared/form-rules.ts';
import type { NamedItemView } from '@xs/core/schemas/orgs.ts';
import { CrudPage } from '../../components/crud-page.tsx';

interface Values {
  name: string;
  sort?: number | null;
}

export function NamedItemsPage({ label, apiPath, description }: { label: string; apiPath: string; description: string }) {
  return (
    <CrudPage<NamedItemView, Values>
      label={label}
      apiPath={apiPath}
      description={description}
      writePermission="org.manage"
      columns={[
        { title: '名称', dataIndex: 'name' },
        { title: '排序', dataIndex: 'sort', width: 100 },
      ]}
      rowName={(r) => r.name}
      toFormValues={(r) => ({ name: r.name, sort: r.sort })}
      toCreateBody={(v) => ({ name: v.name, sort: v.sort ?? undefined })}
      toUpdateBody={(v) => ({ name: v.name, sort: v.sort ?? undefined })}
      renderForm={() => (
        <>
          <Form.Item label="名称" name="name" required rules={[zodRule(NamedItemSchema.shape.name)]}>
            <Input maxLength={maxLengthOf(NamedItemSchema.shape.name)} showCount />
          </Form.Item>
          <Form.Item label="排序" name="sort" extra="数字小的排在前面">
            <InputNumber min={0} max={9999} precision={0} style={{ width: 160 }} />
          </Form.Item>
        </>
      )}
    />
  );
}
