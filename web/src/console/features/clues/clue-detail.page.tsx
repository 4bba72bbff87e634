/**
 * 线索详情: everything about one clue, the actions possible now, publishing, and a way through the
 * triage queue (上一条 / 下一条) without going back to the list.
 */
import { Link, useNavigate, useParams } from 'react-router';
import { Alert, Button, Card, Col, Flex, List, Result, Row, Space, Tag, Typography } from 'antd';
import { ArrowLeftOutlined, LeftOutlined, RightOutlined } from '@ant-design/icons';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { api, isApiError } from '../../../shared/api.ts';
import { CaseClocks } from '../../components/case-detail.tsx';
import { PageHeader } from '../../components/page-header.tsx';
import { ClueDocuments } from './clue-documents.tsx';
import { ClueIntakeCard } from './clue-intake-card.tsx';
import { PageLoading } from '../../components/page-loading.tsx';
import { formatTime } from '../../components/time.ts';
import { useCan } from '../../session.tsx';
import { ClueActions } from './clue-actions.tsx';
import { ClueContent, ClueFacts, ClueReply, ClueTimeline, CoUnitsCard } from './clue-view.tsx';
import { ContactReveal } from './contact-reveal.tsx';
import { PublishCard } from './publish-card.tsx';
import { InstructionNote, SuperviseButton } from './supervise.tsx';
import { neighbours } from './queue.ts';
import type { ClueDetail } from '@xs/core/schemas/clues.ts';

export const clueKey = (id: number) => ['clues', id, 'detail'] as const;

export default function ClueDetailPage() {
  const { id: idParam } = useParams();
  const id = Number(idParam);
  const valid = Number.isInteger(id) && id > 0;
  const can = useCan();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const q = useQuery({
    queryKey: clueKey(id),
    queryFn: () => api.get<ClueDetail>(`/clues/${id}`),
    enabled: valid,
  });
  const nav = neighbours(id);

  if (!valid || (q.isError && isApiError(q.error) && q.error.status === 404)) {
    return <Result status="404" title="线索不存在" subTitle="该线索不存在，或不属于本县区。" extra={<Link to="/clues"><Button type="primary">返回线索分拣</Button></Link>} />;
  }
  if (q.isError) {
    return <Alert type="error" showIcon title={isApiError(q.error) ? q.error.message : '加载失败'} action={<Button size="small" onClick={() => void q.refetch()}>重试</Button>} />;
  }
  if (!q.data) return <PageLoading />;
  const clue = q.data;

  const updated = (d: ClueDetail) => {
    queryClient.setQueryData(clueKey(id), d);
    // The list, the counts and the suggestions may all have changed.
    void queryClient.invalidateQueries({ predicate: (k) => k.queryKey[0] === 'clues' && !(k.queryKey[1] === id && k.queryKey[2] === 'detail') });
  };
  const reload = () => void queryClient.invalidateQueries({ queryKey: clueKey(id) });

  return (
    <>
      <PageHeader
        title={`线索 ${clue.code}`}
        description={`${clue.categoryLabel} · ${clue.townshipName}${clue.villageName ? ` ${clue.villageName}` : ''} · ${formatTime(clue.createdAt)} 提交`}
        extra={
          <>
            <Button icon={<ArrowLeftOutlined aria-hidden />} onClick={() => void navigate(nav.listUrl)}>返回列表</Button>
            <ClueDocuments clue={clue} />
            {nav.position && (
              <Space.Compact>
                <Button icon={<LeftOutlined aria-hidden />} disabled={!nav.prev} onClick={() => nav.prev && void navigate(`/clues/${nav.prev}`)}>上一条</Button>
                <Button disabled aria-label={`本页第 ${nav.position} 条`}>{nav.position}</Button>
                <Button disabled={!nav.next} onClick={() => nav.next && void navigate(`/clues/${nav.next}`)}>下一条 <RightOutlined aria-hidden /></Button>
              </Space.Compact>
            )}
          </>
        }
      />
      {clue.mergedInto && (
        <Alert type="info" showIcon style={{ marginBottom: 16 }}
          title={<>已合并到线索 <Link to={`/clues/${clue.mergedInto.id}`}>{clue.mergedInto.code}</Link>，随该线索一并办理。</>} />
      )}
      {clue.overdue && (
        <Alert type={clue.mark === 'red' ? 'error' : 'warning'} showIcon style={{ marginBottom: 16 }} title="已超期" description="该线索已超过办理期限，请尽快处理或催办。" />
      )}
      {!clue.overdue && clue.mark === 'yellow' && clue.dueAt && (
        <Alert type="warning" showIcon style={{ marginBottom: 16 }} title={`临期：办理期限 ${formatTime(clue.dueAt).slice(0, 10)}`} description="该线索即将到期，请抓紧处理。" />
      )}
      <InstructionNote clue={clue} />
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={16}>
          <Flex vertical gap={16}>
            <Card size="small">
              <ClueFacts clue={clue} extra={<ContactReveal clue={clue} />} />
              {can('clue.triage') && (
                <div style={{ borderTop: '1px solid #f0f0f0', paddingTop: 12, marginTop: 4 }}>
                  <ClueActions key={clue.version} clue={clue} onDone={updated} onStale={reload} />
                </div>
              )}
              {can('clue.supervise') && (
                <div style={{ borderTop: '1px solid #f0f0f0', paddingTop: 12, marginTop: 4 }}>
                  <SuperviseButton key={clue.version} clue={clue} onDone={updated} onStale={reload} />
                </div>
              )}
            </Card>
            <ClueContent clue={clue} />
            <CoUnitsCard clue={clue} />
            <ClueIntakeCard clueId={clue.id} />
            <ClueReply clue={clue} />
            {clue.conversions.length > 0 && (
              <Card size="small" title="转化记录">
                <List
                  size="small"
                  dataSource={clue.conversions}
                  renderItem={(c) => (
                    <List.Item>
                      <Space wrap>
                        <Tag color="gold">{c.kindLabel}</Tag>
                        <Typography.Text strong>{c.title}</Typography.Text>
                        <Typography.Text type="secondary">{c.createdByName ?? ''} · {formatTime(c.createdAt)}</Typography.Text>
                        <Tag>{c.status === 'queued' ? '待接手' : '已接手'}</Tag>
                      </Space>
                    </List.Item>
                  )}
                />
              </Card>
            )}
            {can('clue.triage') && (clue.published || clue.state === 'resolved' || clue.state === 'closed') && <PublishCard key={`${clue.version}-${clue.published}`} clue={clue} onDone={updated} />}
          </Flex>
        </Col>
        <Col xs={24} xl={8}>
          <Flex vertical gap={16}>
            {clue.clocks.length > 0 && <Card size="small" title="办理计时"><CaseClocks clocks={clue.clocks} /></Card>}
            <Card size="small" title="流转记录">
              <ClueTimeline timeline={clue.timeline} />
            </Card>
          </Flex>
        </Col>
      </Row>
    </>
  );
}
