/** 乡镇/村: the county's townships (乡镇/街道) and villages (村/社区); a village hangs under a township. */
import { Form, Input, InputNumber, Radio, Select, Tag } from 'antd';
import { ORG_KIND_LABELS, PlaceCreateSchema } from '@xs/core/schemas/orgs.ts';
import { maxLengthOf, zodRule } from '../../../shared/form-rules.ts';
import type { Place } from '@xs/core/schemas/orgs.ts';
import { CrudPage } from '../../components/crud-page.tsx';
import { useTownships } from '../../components/options.ts';

interface Values {
  name: string;
  kind: Place['kind'];
  parentId?: number | null;
  code?: string | null;
  sort?: number | null;
}

const S = PlaceCreateSchema.shape;

export default function PlacesPage() {
  const townships = useTownships();
  return (
    <CrudPage<Place, Values>
      label="乡镇/村"
      apiPath="/orgs/places"
      description="本县区的乡镇/街道和村/社区。乡镇同时是委员履职小组的分组依据。"
      writePermission="org.manage"
      searchPlaceholder="按名称搜索"
      filters={[
        { name: 'kind', label: '类型', options: [{ value: 'township', label: ORG_KIND_LABELS.township }, { value: 'village', label: ORG_KIND_LABELS.village }] },
        { name: 'parentId', label: '所属乡镇/街道', options: townships.options, width: 200 },
      ]}
      columns={[
        { title: '名称', dataIndex: 'name' },
        { title: '类型', dataIndex: 'kind', render: (k: Place['kind']) => <Tag color={k === 'township' ? 'blue' : 'green'}>{ORG_KIND_LABELS[k]}</Tag> },
        { title: '所属乡镇/街道', dataIndex: 'parentId', render: (id: number | null, r) => (r.kind === 'village' ? townships.nameOf(id) ?? '—' : '—') },
        { title: '编码', dataIndex: 'code', render: (c: string | null) => c ?? '—' },
        { title: '排序', dataIndex: 'sort', width: 80 },
      ]}
      rowName={(r) => r.name}
      createValues={{ kind: 'township' }}
      toFormValues={(r) => ({ name: r.name, kind: r.kind, parentId: r.kind === 'village' ? r.parentId : undefined, code: r.code, sort: r.sort })}
      toCreateBody={(v) => ({
        name: v.name, kind: v.kind, parentId: v.kind === 'village' ? v.parentId : undefined, code: v.code || null, sort: v.sort ?? undefined,
      })}
      toUpdateBody={(v) => ({ name: v.name, code: v.code || null, sort: v.sort ?? undefined })}
      renderForm={({ mode }) => (
        <>
          <Form.Item label="类型" name="kind" rules={[{ required: true, message: '请选择乡镇/街道或村/社区' }]}
            extra={mode === 'edit' ? '类型和所属乡镇创建后不能修改' : undefined}>
            <Radio.Group disabled={mode === 'edit'} options={[
              { value: 'township', label: ORG_KIND_LABELS.township },
              { value: 'village', label: ORG_KIND_LABELS.village },
            ]} />
          </Form.Item>
          <Form.Item noStyle dependencies={['kind']}>
            {({ getFieldValue }) => getFieldValue('kind') === 'village' && (
              <Form.Item label="所属乡镇/街道" name="parentId" rules={[{ required: true, message: '请选择村/社区所属的乡镇/街道' }]}>
                <Select options={townships.options} loading={townships.loading} disabled={mode === 'edit'}
                  showSearch={{ optionFilterProp: 'label' }} placeholder="请选择" />
              </Form.Item>
            )}
          </Form.Item>
          <Form.Item label="名称" name="name" required rules={[zodRule(S.name)]}>
            <Input maxLength={maxLengthOf(S.name)} showCount />
          </Form.Item>
          <Form.Item label="编码" name="code" rules={[zodRule(S.code, { optional: true })]} extra="行政区划代码等，可不填">
            <Input maxLength={maxLengthOf(S.code)} />
          </Form.Item>
          <Form.Item label="排序" name="sort" extra="数字小的排在前面">
            <InputNumber min={0} max={9999} precision={0} style={{ width: 160 }} />
          </Form.Item>
        </>
      )}
    />
  );
}
