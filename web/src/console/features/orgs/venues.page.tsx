/** 履职阵地: 委员会客厅, 委员工作室, 协商议事室, 政协联络处 — each with its theme and township. */
import { Form, Input, Select, Tag } from 'antd';
import { VENUE_KIND_LABELS, VenueCreateSchema } from '@xs/core/schemas/orgs.ts';
import { maxLengthOf, zodRule } from '../../../shared/form-rules.ts';
import type { Venue } from '@xs/core/schemas/orgs.ts';
import { CrudPage } from '../../components/crud-page.tsx';
import { useMembers, useTownships } from '../../components/options.ts';
import { PosterButton } from './poster-button.tsx';

interface Values {
  name: string;
  kind: Venue['kind'];
  theme?: string | null;
  townshipId?: number | null;
  address?: string | null;
  memberId?: number | null;
}

const S = VenueCreateSchema.shape;
const KIND_OPTIONS = Object.entries(VENUE_KIND_LABELS).map(([value, label]) => ({ value, label }));
const KIND_COLORS: Record<Venue['kind'], string> = {
  members_lounge: 'volcano', studio: 'blue', consultation_room: 'green', liaison_office: 'purple', other: 'default',
};

export default function VenuesPage() {
  const townships = useTownships();
  const members = useMembers();
  const body = (v: Values) => ({
    name: v.name, kind: v.kind, theme: v.theme || null, townshipId: v.townshipId ?? null, address: v.address || null, memberId: v.memberId ?? null,
  });
  return (
    <CrudPage<Venue, Values>
      label="履职阵地"
      apiPath="/orgs/venues"
      description="委员会客厅、委员工作室、协商议事室和政协联络处，一室一品，各有主题；群众可扫阵地二维码反映问题。"
      writePermission="org.manage"
      searchPlaceholder="按阵地名称搜索"
      filters={[
        { name: 'kind', label: '阵地类型', options: KIND_OPTIONS },
        { name: 'townshipId', label: '所在乡镇/街道', options: townships.options, width: 200 },
      ]}
      columns={[
        { title: '阵地名称', dataIndex: 'name' },
        { title: '类型', dataIndex: 'kind', render: (k: Venue['kind']) => <Tag color={KIND_COLORS[k]}>{VENUE_KIND_LABELS[k]}</Tag> },
        { title: '主题', dataIndex: 'theme', render: (v: string | null) => v ?? '—' },
        { title: '所在乡镇/街道', dataIndex: 'townshipId', render: (id: number | null) => townships.nameOf(id) ?? '—' },
        { title: '地址', dataIndex: 'address', render: (v: string | null) => v ?? '—' },
        { title: '负责委员', dataIndex: 'memberId', render: (id: number | null) => members.nameOf(id) ?? '—' },
        { title: '码上议', key: 'poster', width: 96, render: (_: unknown, r: Venue) => <PosterButton path="/orgs/venues" id={r.id} name={r.name} /> },
      ]}
      rowName={(r) => r.name}
      createValues={{ kind: 'members_lounge' }}
      toFormValues={(r) => ({ ...r })}
      toCreateBody={body}
      toUpdateBody={body}
      renderForm={() => (
        <>
          <Form.Item label="阵地名称" name="name" required rules={[zodRule(S.name)]}>
            <Input maxLength={maxLengthOf(S.name)} showCount />
          </Form.Item>
          <Form.Item label="阵地类型" name="kind" rules={[{ required: true, message: '请选择阵地类型' }]}>
            <Select options={KIND_OPTIONS} />
          </Form.Item>
          <Form.Item label="主题" name="theme" rules={[zodRule(S.theme, { optional: true })]} extra="如：乡村振兴、矛盾调解、非遗文化">
            <Input maxLength={maxLengthOf(S.theme)} />
          </Form.Item>
          <Form.Item label="所在乡镇/街道" name="townshipId">
            <Select options={townships.options} allowClear showSearch={{ optionFilterProp: 'label' }} placeholder="可不选" />
          </Form.Item>
          <Form.Item label="地址" name="address" rules={[zodRule(S.address, { optional: true })]}>
            <Input maxLength={maxLengthOf(S.address)} />
          </Form.Item>
          <Form.Item label="负责委员" name="memberId" extra="委员工作室请选择工作室的委员">
            <Select options={members.options} loading={members.loading} allowClear showSearch={{ optionFilterProp: 'label' }} placeholder="可不选" />
          </Form.Item>
        </>
      )}
    />
  );
}
