/**
 * 词库: the clue vocabulary as versioned data — thanks and follow-up phrases with their example sentences (each
 * checked now), interchangeable place endings, the routing corpus by unit function, and the problem concepts.
 */
import { Alert, Card, Col, Descriptions, Row, Space, Table, Tag, Typography } from 'antd';
import { CheckCircleTwoTone, CloseCircleTwoTone } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { api, isApiError } from '../../../shared/api.ts';
import { PageHeader } from '../../components/page-header.tsx';
import type { Vocabulary } from '@xs/core/schemas/clues-office.ts';

/** A follow-up pattern as staff read it: [上回/上次][讲/说], … for a gap, （可省） for an optional part. */
const readablePattern = (p: string) => p.replace(/\.\{\d+,\d+\}/g, '…').replace(/\(([^()]*)\)\?/g, '[$1]（可省）').replace(/\(([^()]*)\)/g, '[$1]').replaceAll('|', '/');

// A long tag (a follow-up pattern) wraps inside the card instead of widening the column.
const tags = (ws: readonly string[]) => (
  <div style={{ display: 'flex', flexWrap: 'wrap', rowGap: 4, minWidth: 0 }}>
    {ws.map((w) => <Tag key={w} style={{ whiteSpace: 'normal', wordBreak: 'break-all', maxWidth: '100%' }}>{w}</Tag>)}
  </div>
);

export default function VocabularyPage() {
  const q = useQuery({ queryKey: ['clues', 'vocabulary'], queryFn: () => api.get<Vocabulary>('/clues/vocabulary') });
  const v = q.data;
  const failed = v?.notes.examples.filter((e) => !e.ok).length ?? 0;
  const conceptFailed = v?.concepts.examples.filter((e) => !e.ok).length ?? 0;
  return (
    <>
      <PageHeader title="词库" description="线索判断所用的词语数据：感谢与追问短语、地点的同义叫法、转办语料和单位职能、问题概念。每类都有版本号；本县自己的地点和方言词请在「地名库」维护。" />
      {q.isError && <Alert type="error" showIcon title={isApiError(q.error) ? q.error.message : '加载失败'} />}
      {v && (
        <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
          <Row gutter={16}>
            <Col xs={24} lg={12}>
              <Card title={`感谢与追问（版本 ${v.notes.version}）`} extra={failed ? <Tag color="red">{failed} 条例句未通过</Tag> : <Tag color="green">例句全部通过</Tag>}>
                <Descriptions column={1} size="small" items={[
                  { key: 't', label: '感谢词', children: tags(v.notes.thanks) },
                  { key: 'f', label: '已解决', children: tags(v.notes.fixed) },
                  { key: 'p', label: '称赞', children: tags(v.notes.praise) },
                  { key: 'u', label: '追问', children: tags(v.notes.followup) },
                  { key: 'r', label: '追问句式', children: tags(v.notes.followupPatterns.map(readablePattern)) },
                  { key: 'n', label: '不算感谢或追问', children: tags(v.notes.notNote.map(readablePattern)) },
                ]} />
                <Table size="small" rowKey="text" pagination={false} style={{ marginTop: 12 }} dataSource={v.notes.examples}
                  columns={[
                    { title: '例句', dataIndex: 'text' },
                    { title: '应判为', key: 'exp', width: 120, render: (_: unknown, e) => `${e.expected ? '是' : '不是'}${e.kind === 'thanks' ? '感谢' : '追问'}` },
                    { title: '结果', dataIndex: 'ok', width: 60, render: (ok: boolean) => (ok ? <CheckCircleTwoTone twoToneColor="#52c41a" aria-label="通过" /> : <CloseCircleTwoTone twoToneColor="#ff4d4f" aria-label="未通过" />) },
                  ]} />
              </Card>
            </Col>
            <Col xs={24} lg={12}>
              <Card title={`地点的同义叫法（版本 ${v.placeTypes.version}）`}>
                <Typography.Paragraph type="secondary">同一名称加不同后缀视为同一地点，如「东关菜市场」与「东关农贸市场」。</Typography.Paragraph>
                {v.placeTypes.groups.map((g) => <div key={g.key} style={{ marginBottom: 8 }}>{tags(g.endings)}</div>)}
              </Card>
              <Card title={`问题概念（${v.concepts.items.length} 个，版本 ${v.concepts.version.slice(0, 8)}）`} style={{ marginTop: 16 }}
                extra={conceptFailed ? <Tag color="red">{conceptFailed} 条例句未通过</Tag> : <Tag color="green">{v.concepts.examples.length} 条例句全部通过</Tag>}>
                <Typography.Paragraph type="secondary">每类问题由短语和简单搭配（如「灯」后四字内有「不亮」）构成，各带正反例句；本县方言可在「地名库」以「本县词语」归到某类问题。</Typography.Paragraph>
                <div style={{ display: 'flex', flexWrap: 'wrap', rowGap: 4 }}>{v.concepts.items.map((c) => (
                  <Tag key={c.key} color={c.generic ? 'default' : 'blue'} title={`${c.phrases.slice(0, 12).join('、')}${c.patterns ? `；搭配 ${c.patterns} 条` : ''}`}>{c.label}</Tag>
                ))}</div>
                <Typography.Paragraph style={{ marginTop: 12, marginBottom: 4 }}>彼此不是同一问题（两条线索各说一种时不作同类）：</Typography.Paragraph>
                {v.concepts.rivals.map((g) => <div key={g.join()} style={{ marginBottom: 4 }}>{tags(g)}</div>)}
                <Typography.Paragraph style={{ marginTop: 8, marginBottom: 4 }}>属于上一类问题（说了前者也算说了后者）：</Typography.Paragraph>
                <div style={{ display: 'flex', flexWrap: 'wrap', rowGap: 4 }}>{v.concepts.parts.map((p) => <Tag key={p.part}>{p.part} → {p.of}</Tag>)}</div>
              </Card>
            </Col>
          </Row>
          <Card title={`转办语料（版本 ${v.routing.version}）：按单位职能`}>
            <Table size="small" rowKey="duty" pagination={false} dataSource={v.routing.duties}
              columns={[
                { title: '职能', dataIndex: 'label', width: 100 },
                { title: '例句数', dataIndex: 'examples', width: 80 },
                { title: '例句', dataIndex: 'sample', render: (s: string[]) => s.join('；') },
                { title: '单位名称标志', dataIndex: 'markers', render: tags },
              ]} />
          </Card>
        </Space>
      )}
    </>
  );
}
