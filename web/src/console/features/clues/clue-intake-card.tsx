/** 代录来源: for a clue staff entered on a citizen's behalf — how it came in, its number, the scanned letter, who entered it. */
import { Card, Descriptions } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { api, API_BASE } from '../../../shared/api.ts';
import { formatTime } from '../../components/time.ts';
import type { ClueIntake } from '@xs/core/schemas/clues-office.ts';


export function ClueIntakeCard({ clueId }: { clueId: number }) {
  const q = useQuery({ queryKey: ['clues', clueId, 'intake'], queryFn: () => api.get<ClueIntake>(`/clues/${clueId}/intake`) });
  const i = q.data?.intake;
  if (!i) return null;
  return (
    <Card size="small" title={`代录来源：${i.channelLabel}`}>
      <Descriptions size="small" column={{ xs: 1, md: 2 }}>
        <Descriptions.Item label="收到时间">{formatTime(i.receivedAt)}</Descriptions.Item>
        <Descriptions.Item label="录入人">{i.enteredByName}</Descriptions.Item>
        {i.referenceNo && <Descriptions.Item label="编号">{i.referenceNo}</Descriptions.Item>}
        {i.memberName && <Descriptions.Item label="反映委员">{i.memberName}</Descriptions.Item>}
        {i.letterFileId && (
          <Descriptions.Item label="来信扫描件"><a href={`${API_BASE}/clues/files/${i.letterFileId}`} target="_blank" rel="noreferrer">查看来信</a></Descriptions.Item>
        )}
        <Descriptions.Item label="短信告知">{i.smsSent ? '已发送查询码和查询密码' : '未发送'}</Descriptions.Item>
      </Descriptions>
    </Card>
  );
}
