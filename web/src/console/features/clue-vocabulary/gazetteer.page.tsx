/**
 * 地名库: the county's places below village level (estates, markets, schools, hospitals, roads, bridges, scenic
 * spots) with their aliases, and its own words; plus the places the system keeps seeing in clue text, for staff to
 * add. Similar-clue detection treats a place and its aliases as one place. A word of the county's own may name a
 * problem (方言: 黑黢黢 for a dark street): it then counts as that problem in this county's clues only.
 */
import { useState } from 'react';
import { Alert, App, Button, Card, Form, Input, Modal, Popconfirm, Select, Space, Table, Tag, Typography } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, isApiError } from '../../../shared/api.ts';
import { applyServerErrors } from '../../../shared/form-errors.ts';
import { PageHeader } from '../../components/page-header.tsx';
import { useCan } from '../../session.tsx';
import type { GazetteerEntry, GazetteerProposal } from '@xs/core/schemas/clues-office.ts';

const KINDS: Record<string, string> = {
  estate: '小区', market: '市场', school: '学校', hospital: '医院/卫生院', road: '道路', bridge: '桥梁', scenic: '景区/公园', landmark: '其他地标', word: '本县词语（方言、俗称）',
};
const KIND_OPTIONS = Object.entries(KINDS).map(([value, label]) => ({ value, label }));

type Entry = GazetteerEntry;
type Proposal = GazetteerProposal;
interface Values { id?: number; version?: number; name: string; kind: string; aliases?: string[]; note?: string | null; concept?: string | null }

const KEY = ['clues', 'gazetteer'] as const;

export default function GazetteerPage() {
  const can = useCan();
  const canWrite = can('clue.triage');
  const { message } = App.useApp();
  const qc = useQueryClient();
  const [form] = Form.useForm<Values>();
  const [editing, setEditing] = useState<Values | null>(null);
  const list = useQuery({ queryKey: KEY, queryFn: () => api.get<{ items: Entry[]; concepts: { key: string; label: string }[] }>('/clues/gazetteer') });
  const kind = Form.useWatch('kind', form);
  const proposals = useQuery({ queryKey: [...KEY, 'proposals'], queryFn: () => api.get<{ scanned: number; items: Proposal[] }>('/clues/gazetteer/proposals') });
  const refresh = () => qc.invalidateQueries({ queryKey: KEY });

  const save = useMutation({
    mutationFn: (v: Values) => api.post<{ id: number }>('/clues/gazetteer', { ...v, aliases: v.aliases ?? [], note: v.note?.trim() || null, concept: v.kind === 'word' ? (v.concept ?? null) : null }),
    onSuccess: () => { message.success('已保存'); setEditing(null); void refresh(); },
    onError: (err) => applyServerErrors(form, err, message),
  });
  const remove = useMutation({
    mutationFn: (e: Entry) => api.post('/clues/gazetteer/remove', { id: e.id }),
    onSuccess: () => { message.success('已删除'); void refresh(); },
    onError: (err) => message.error(isApiError(err) ? err.message : '删除失败'),
  });
  const open = (v: Values) => { setEditing(v); form.setFieldsValue(v); };

  return (
    <>
      <PageHeader title="地名库" description="本县村以下的地点（小区、市场、学校、医院、道路、桥梁、景区）及其别名，和本县的方言俗称。相似线索判断时，一个地点的不同叫法视为同一地点；库里没有的地点按「未知」处理，不当作不同地点。合并两条各提到一个不同地名的线索时，系统会把这两个名称记为同一地点（备注注明来自哪两条线索），可在此修改或删除。"
        extra={canWrite && <Button type="primary" icon={<PlusOutlined aria-hidden />} onClick={() => { form.resetFields(); open({ name: '', kind: 'estate', aliases: [] }); }}>新增地点</Button>} />
      <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
        <Card title="已收录">
          {list.isError && <Alert type="error" showIcon title={isApiError(list.error) ? list.error.message : '加载失败'} style={{ marginBottom: 16 }} />}
          <Table<Entry> rowKey="id" size="middle" loading={list.isFetching} dataSource={list.data?.items ?? []} pagination={{ pageSize: 20 }}
            locale={{ emptyText: '还没有收录地点。可从下方「系统建议」中一键收录。' }}
            columns={[
              { title: '名称', dataIndex: 'name' },
              { title: '类型', dataIndex: 'kindLabel', width: 160, render: (k: string, e: Entry) => (e.conceptLabel ? <>{k}<br /><Tag color="blue">问题：{e.conceptLabel}</Tag></> : k) },
              { title: '别名', dataIndex: 'aliases', render: (a: string[]) => (a.length ? a.map((x) => <Tag key={x}>{x}</Tag>) : '—') },
              { title: '备注', dataIndex: 'note', render: (n: string | null) => n ?? '—' },
              ...(canWrite ? [{
                title: '操作', key: 'ops', width: 140,
                render: (_: unknown, e: Entry) => (
                  <Space>
                    <Button type="link" size="small" onClick={() => open({ id: e.id, version: e.version, name: e.name, kind: e.kind, aliases: e.aliases, note: e.note, concept: e.concept })}>编辑</Button>
                    <Popconfirm title={`删除「${e.name}」？`} okText="删除" okButtonProps={{ danger: true }} onConfirm={() => remove.mutateAsync(e).catch(() => undefined)}>
                      <Button type="link" size="small" danger>删除</Button>
                    </Popconfirm>
                  </Space>
                ),
              }] : []),
            ]} />
        </Card>
        <Card title="系统建议：线索中反复出现、尚未收录的地点" extra={<Typography.Text type="secondary">扫描最近 {proposals.data?.scanned ?? 0} 条线索</Typography.Text>}>
          <Table<Proposal> rowKey="name" size="middle" loading={proposals.isFetching} dataSource={proposals.data?.items ?? []} pagination={{ pageSize: 10 }}
            locale={{ emptyText: '暂无建议' }}
            columns={[
              { title: '地点', dataIndex: 'name' },
              { title: '出现次数', dataIndex: 'seen', width: 100 },
              { title: '推测类型', dataIndex: 'kind', width: 120, render: (k: string) => KINDS[k] ?? k },
              { title: '示例线索', dataIndex: 'example', render: (t: string, p) => <Typography.Text type="secondary">{p.code}：{t}</Typography.Text> },
              ...(canWrite ? [{
                title: '操作', key: 'ops', width: 100,
                render: (_: unknown, p: Proposal) => <Button type="link" size="small" onClick={() => open({ name: p.name, kind: p.kind, aliases: [] })}>收录</Button>,
              }] : []),
            ]} />
        </Card>
      </Space>
      <Modal open={!!editing} title={editing?.id ? '编辑地点' : '收录地点'} okText="保存" onOk={() => form.submit()} onCancel={() => setEditing(null)} confirmLoading={save.isPending} destroyOnHidden>
        <Form<Values> form={form} layout="vertical" preserve={false} onFinish={(v) => save.mutate({ ...v, id: editing?.id, version: editing?.version })}>
          <Form.Item label="名称" name="name" rules={[{ required: true, message: '请输入名称' }, { min: 2, message: '名称至少 2 个字' }, { max: 20, message: '名称不超过 20 个字' }]}>
            <Input maxLength={20} showCount />
          </Form.Item>
          <Form.Item label="类型" name="kind" rules={[{ required: true, message: '请选择类型' }]}>
            <Select options={KIND_OPTIONS} />
          </Form.Item>
          {kind === 'word' && (
            <Form.Item label="说的是哪类问题" name="concept" extra="方言说法归到一类问题后，本县线索里出现这个词就按这类问题判断相似（只对本县有效）；只想保持词语完整可不选">
              <Select allowClear placeholder="不归类" options={(list.data?.concepts ?? []).map((c) => ({ value: c.key, label: c.label }))} showSearch optionFilterProp="label" />
            </Form.Item>
          )}
          <Form.Item label="别名" name="aliases" extra="群众常用的其他叫法，如「东关菜市场」「东关市场」；输入后回车">
            <Select mode="tags" tokenSeparators={['、', ',', '，', ' ']} open={false} placeholder="输入别名后回车" />
          </Form.Item>
          <Form.Item label="备注" name="note">
            <Input.TextArea maxLength={200} rows={2} />
          </Form.Item>
        </Form>
      </Modal>
    </>
  );
}
