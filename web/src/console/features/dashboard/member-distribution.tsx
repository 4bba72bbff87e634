/** How the county's serving members spread over sectors (界别) and township groups (履职小组). */
import { Card, Col, Empty, Flex, Progress, Row, Typography } from 'antd';
import { useMembers, useSectors, useTownships } from '../../components/options.ts';

interface Bucket {
  key: string;
  name: string;
  count: number;
}

function buckets(ids: (number | null)[], nameOf: (id: number | null) => string | undefined, none: string, top = 8): Bucket[] {
  const counts = new Map<number | null, number>();
  for (const id of ids) counts.set(id, (counts.get(id) ?? 0) + 1);
  const sorted = [...counts]
    .map(([id, count]) => ({ key: String(id), name: id === null ? none : nameOf(id) ?? '…', count }))
    .sort((a, b) => b.count - a.count);
  if (sorted.length <= top) return sorted;
  const rest = sorted.slice(top - 1).reduce((s, b) => s + b.count, 0);
  return [...sorted.slice(0, top - 1), { key: 'rest', name: '其他', count: rest }];
}

function Bars({ title, data, total }: { title: string; data: Bucket[]; total: number }) {
  return (
    <Card title={<Typography.Title level={2} style={{ fontSize: 16, margin: 0 }}>{title}</Typography.Title>} style={{ height: '100%' }}>
      {data.length === 0 ? <Empty description="暂无在任委员" /> : (
        <ul style={{ listStyle: 'none', margin: 0, padding: 0 }}>
          {data.map((b) => (
            <li key={b.key}>
              <Flex align="center" gap={12}>
                <span style={{ width: 96, flex: 'none' }}>{b.name}</span>
                <Progress percent={Math.round((b.count / total) * 100)} showInfo={false} style={{ margin: 0, flex: 1 }}
                  aria-label={`${b.name}：${b.count} 人`} />
                <span style={{ width: 48, textAlign: 'right', flex: 'none' }}>{b.count} 人</span>
              </Flex>
            </li>
          ))}
        </ul>
      )}
    </Card>
  );
}

export function MemberDistribution() {
  const members = useMembers();
  const sectors = useSectors();
  const townships = useTownships();
  if (members.loading) return null;
  const active = members.items.filter((m) => m.status === 'active');
  return (
    <Row gutter={[16, 16]} style={{ marginTop: 16 }}>
      <Col xs={24} lg={12}>
        <Bars title="在任委员 · 按界别" total={active.length}
          data={buckets(active.map((m) => m.sectorId), sectors.nameOf, '未填界别')} />
      </Col>
      <Col xs={24} lg={12}>
        <Bars title="在任委员 · 按履职小组（乡镇/街道）" total={active.length}
          data={buckets(active.map((m) => m.townshipId), townships.nameOf, '未分组')} />
      </Col>
    </Row>
  );
}
