/** The header bell: the unread count, polled every minute and when the window regains focus; opens the inbox. */
import { Badge, Button, Tooltip } from 'antd';
import { BellOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { useNavigate } from 'react-router';
import { fetchUnread, UNREAD_KEY } from './inbox.api.ts';

export function InboxBell() {
  const navigate = useNavigate();
  const q = useQuery({ queryKey: UNREAD_KEY, queryFn: fetchUnread, refetchInterval: 60_000, refetchOnWindowFocus: true, staleTime: 10_000 });
  const unread = q.data?.unread ?? 0;
  const label = unread ? `消息：${unread} 条未读` : '消息：没有未读';
  return (
    <Tooltip title={label}>
      <Button type="text" aria-label={label} onClick={() => void navigate('/inbox')} style={{ height: 40, width: 44 }}>
        <Badge count={unread} size="small" overflowCount={99}>
          <BellOutlined aria-hidden style={{ fontSize: 18 }} />
        </Badge>
      </Button>
    </Tooltip>
  );
}
