/** 消息: the signed-in user's notices (new forwards, reminders, citizens' ratings), each opening its case. */
import { Alert, App, Button, Card, Empty, Flex, List, Segmented, Tag, Typography } from 'antd';
import { CheckOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { isApiError } from '../../../shared/api.ts';
import { PageHeader } from '../../components/page-header.tsx';
import { formatTime } from '../../components/time.ts';
import { fetchNotices, INBOX_KEY, markAllNoticesRead, markNoticeRead, type Notice } from './inbox.api.ts';

export default function InboxPage() {
  const { message } = App.useApp();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [params, setParams] = useSearchParams();
  const unreadOnly = params.get('unread') === '1';
  const q = useQuery({ queryKey: [...INBOX_KEY, 'list', unreadOnly], queryFn: () => fetchNotices(unreadOnly) });
  const refresh = () => queryClient.invalidateQueries({ queryKey: INBOX_KEY });
  const failed = (err: unknown) => message.error(isApiError(err) ? err.message : '操作失败');

  const markOne = useMutation({ mutationFn: markNoticeRead, onSuccess: () => void refresh(), onError: failed });
  const markAll = useMutation({
    mutationFn: markAllNoticesRead,
    onSuccess: () => { message.success('已全部标为已读'); void refresh(); },
    onError: failed,
  });
  const openCase = async (n: Notice) => {
    if (!n.readAt) await markOne.mutateAsync(n.id).catch(() => undefined);
    if (n.link) void navigate(n.link);
  };
  const unread = q.data?.unread ?? 0;

  return (
    <>
      <PageHeader
        title="消息"
        description="转办、超期催办、群众评价等与您有关的提醒。点击消息可打开对应的线索或事项。"
        extra={<Button icon={<CheckOutlined aria-hidden />} disabled={unread === 0} loading={markAll.isPending} onClick={() => markAll.mutate()}>全部标为已读</Button>}
      />
      {q.isError && (
        <Alert type="error" showIcon style={{ marginBottom: 16 }} title={isApiError(q.error) ? q.error.message : '加载失败'}
          action={<Button size="small" onClick={() => void q.refetch()}>重试</Button>} />
      )}
      <Card>
        <Flex justify="space-between" align="center" wrap gap={8} style={{ marginBottom: 8 }}>
          <Segmented<'all' | 'unread'>
            aria-label="显示哪些消息"
            value={unreadOnly ? 'unread' : 'all'}
            options={[{ value: 'all', label: '全部' }, { value: 'unread', label: `未读（${unread}）` }]}
            onChange={(v) => setParams(v === 'unread' ? { unread: '1' } : {}, { replace: true })}
          />
          <Typography.Text type="secondary">{unread ? `共 ${unread} 条未读` : '没有未读消息'}</Typography.Text>
        </Flex>
        <List<Notice>
          loading={q.isPending}
          dataSource={q.data?.items ?? []}
          locale={{ emptyText: <Empty description={unreadOnly ? '没有未读消息' : '还没有消息'} /> }}
          pagination={(q.data?.items.length ?? 0) > 20 ? { pageSize: 20, showSizeChanger: false, showTotal: (t) => `最近 ${t} 条`, align: 'end' } : false}
          renderItem={(n) => (
            <List.Item
              className={n.readAt ? 'notice notice-read' : 'notice notice-unread'}
              style={{ alignItems: 'flex-start', background: n.readAt ? undefined : '#f6faff', paddingInline: 12 }}
              actions={[
                n.link && <Link key="open" to={n.link} onClick={(e) => { e.preventDefault(); void openCase(n); }}>查看</Link>,
                !n.readAt && (
                  <Button key="read" type="link" size="small" style={{ padding: 0 }} loading={markOne.isPending && markOne.variables === n.id}
                    aria-label={`标为已读：${n.title}`} onClick={() => markOne.mutate(n.id)}>标为已读</Button>
                ),
              ].filter(Boolean)}
            >
              <List.Item.Meta
                title={(
                  <Flex gap={8} align="center" wrap>
                    {!n.readAt && <Tag color="blue" style={{ marginInlineEnd: 0 }}>未读</Tag>}
                    <Typography.Text strong={!n.readAt}>{n.title}</Typography.Text>
                  </Flex>
                )}
                description={(
                  <>
                    <div style={{ color: '#434343' }}>{n.body}</div>
                    <Typography.Text type="secondary" style={{ fontSize: 12 }}>{formatTime(n.createdAt)}{n.readAt ? ` · 已读于 ${formatTime(n.readAt)}` : ''}</Typography.Text>
                  </>
                )}
              />
            </List.Item>
          )}
        />
      </Card>
    </>
  );
}
