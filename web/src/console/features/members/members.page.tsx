/** 委员: the county's CPPCC members, grouped by sector (界别) and township group (履职小组), with Excel import. */
import { useState } from 'react';
import { Button, Form, Input, Radio, Select, Tag } from 'antd';
import { UploadOutlined } from '@ant-design/icons';
import { GENDER_LABELS, MEMBER_STATUS_LABELS, MemberCreateSchema } from '@xs/core/schemas/orgs.ts';
import { maskPhone } from '@xs/core/validation.ts';
import { maxLengthOf, zodRule } from '../../../shared/form-rules.ts';
import type { Member } from '@xs/core/schemas/orgs.ts';
import { CrudPage } from '../../components/crud-page.tsx';
import { useCommittees, useSectors, useTownships } from '../../components/options.ts';
import { MemberImportModal } from './member-import.modal.tsx';
import { PosterButton } from '../orgs/poster-button.tsx';

interface Values {
  name: string;
  gender?: Member['gender'];
  phone?: string | null;
  sectorId?: number | null;
  townshipId?: number | null;
  committeeIds?: number[];
  term: string;
  title?: string | null;
  status?: Member['status'];
}

const S = MemberCreateSchema.shape;
const DEFAULT_TERM = '第十一届';

export default function MembersPage() {
  const sectors = useSectors();
  const townships = useTownships();
  const committees = useCommittees();
  const [importing, setImporting] = useState(false);
  const body = (v: Values) => ({
    name: v.name, gender: v.gender ?? null, phone: v.phone || null, sectorId: v.sectorId ?? null, townshipId: v.townshipId ?? null,
    committeeIds: v.committeeIds ?? [], term: v.term, title: v.title || null,
  });
  return (
    <>
      <CrudPage<Member, Values>
        label="委员"
        apiPath="/members"
        description="本届政协委员，按界别和履职小组（乡镇/街道）分组。手机号在列表中部分隐藏。"
        writePermission="member.manage"
        searchPlaceholder="按姓名搜索"
        modalWidth={640}
        filters={[
          { name: 'sectorId', label: '界别', options: sectors.options },
          { name: 'townshipId', label: '履职小组', options: townships.options },
          { name: 'status', label: '状态', width: 120, options: Object.entries(MEMBER_STATUS_LABELS).map(([value, label]) => ({ value, label })) },
        ]}
        toolbar={<Button icon={<UploadOutlined aria-hidden />} onClick={() => setImporting(true)}>导入</Button>}
        columns={[
          { title: '姓名', dataIndex: 'name', fixed: 'left' },
          { title: '性别', dataIndex: 'gender', render: (g: Member['gender']) => (g ? GENDER_LABELS[g] : '—') },
          { title: '界别', dataIndex: 'sectorId', render: (id: number | null) => sectors.nameOf(id) ?? '—' },
          { title: '履职小组', dataIndex: 'townshipId', render: (id: number | null) => townships.nameOf(id) ?? '—' },
          {
            title: '专委会', dataIndex: 'committeeIds',
            render: (ids: number[]) => (ids.length ? ids.map((id) => <Tag key={id}>{committees.nameOf(id) ?? id}</Tag>) : '—'),
          },
          { title: '届次', dataIndex: 'term' },
          { title: '职务', dataIndex: 'title', render: (t: string | null) => t ?? '—' },
          { title: '手机号', dataIndex: 'phone', render: (p: string | null) => maskPhone(p) ?? '—' },
          {
            title: '状态', dataIndex: 'status',
            render: (s: Member['status']) => <Tag color={s === 'active' ? 'green' : 'default'}>{MEMBER_STATUS_LABELS[s]}</Tag>,
          },
          { title: '码上议', key: 'poster', width: 96, render: (_: unknown, r: Member) => <PosterButton path="/members" id={r.id} name={`${r.name}委员`} /> },
        ]}
        rowName={(r) => r.name}
        createValues={{ term: DEFAULT_TERM, committeeIds: [] }}
        toFormValues={(r) => ({
          name: r.name, gender: r.gender, phone: r.phone, sectorId: r.sectorId, townshipId: r.townshipId,
          committeeIds: r.committeeIds, term: r.term, title: r.title, status: r.status,
        })}
        toCreateBody={body}
        toUpdateBody={(v) => ({ ...body(v), status: v.status })}
        renderForm={({ mode }) => (
          <>
            <Form.Item label="姓名" name="name" required rules={[zodRule(S.name)]}>
              <Input maxLength={maxLengthOf(S.name)} autoComplete="off" />
            </Form.Item>
            <Form.Item label="性别" name="gender">
              <Radio.Group options={Object.entries(GENDER_LABELS).map(([value, label]) => ({ value, label }))} />
            </Form.Item>
            <Form.Item label="手机号" name="phone" rules={[zodRule(S.phone, { optional: true })]}>
              <Input maxLength={11} inputMode="tel" autoComplete="off" />
            </Form.Item>
            <Form.Item label="界别" name="sectorId">
              <Select options={sectors.options} allowClear showSearch={{ optionFilterProp: 'label' }} placeholder="请选择" />
            </Form.Item>
            <Form.Item label="履职小组（乡镇/街道）" name="townshipId">
              <Select options={townships.options} allowClear showSearch={{ optionFilterProp: 'label' }} placeholder="请选择" />
            </Form.Item>
            <Form.Item label="专委会" name="committeeIds" rules={[zodRule(S.committeeIds, { optional: true })]}>
              <Select mode="multiple" options={committees.options} allowClear placeholder="可多选" optionFilterProp="label" />
            </Form.Item>
            <Form.Item label="届次" name="term" required rules={[zodRule(S.term)]} extra="如：第十一届">
              <Input maxLength={maxLengthOf(S.term)} />
            </Form.Item>
            <Form.Item label="职务" name="title" rules={[zodRule(S.title, { optional: true })]}>
              <Input maxLength={maxLengthOf(S.title)} showCount />
            </Form.Item>
            {mode === 'edit' && (
              <Form.Item label="状态" name="status">
                <Radio.Group options={Object.entries(MEMBER_STATUS_LABELS).map(([value, label]) => ({ value, label }))} />
              </Form.Item>
            )}
          </>
        )}
      />
      <MemberImportModal open={importing} onClose={() => setImporting(false)} />
    </>
  );
}
