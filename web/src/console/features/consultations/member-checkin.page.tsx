/**
 * The member's phone page (360 px, antd-mobile): opening the meeting's QR link signs the member in (after the
 * account login) and checks them in; below, their invitations with agenda and an absence request.
 */
import { useEffect, useRef, useState } from 'react';
import { useParams } from 'react-router';
import { Button, Card, List, Result, Tag, TextArea } from 'antd-mobile';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, isApiError } from '../../../shared/api.ts';
import { usePageTitle } from '../../components/page-header.tsx';
import { formatTime } from '../../components/time.ts';
import type { Invitation } from '@xs/core/schemas/consultations.ts';


function Absence({ id, onDone }: { id: number; onDone: () => void }) {
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string | null>(null);
  const ask = useMutation({ mutationFn: () => api.post(`/member/meetings/${id}/absence`, { reason }), onSuccess: onDone,
    onError: (err) => setError(isApiError(err) ? (err.fields?.[0]?.message ?? err.message) : '提交失败') });
  return (
    <div style={{ marginTop: 8 }}>
      <TextArea placeholder="请假理由" value={reason} onChange={setReason} rows={2} maxLength={200} aria-label="请假理由" />
      {error && <div role="alert" style={{ color: '#cf1322' }}>{error}</div>}
      <Button size="small" loading={ask.isPending} onClick={() => ask.mutate()}>申请请假</Button>
    </div>
  );
}

export default function MemberCheckinPage() {
  usePageTitle('我的协商活动');
  const { token } = useParams();
  const qc = useQueryClient();
  const started = useRef(false);
  const list = useQuery({ queryKey: ['consult', 'mine'], queryFn: () => api.get<{ items: Invitation[] }>('/member/meetings') });
  const checkin = useMutation({ mutationFn: (t: string) => api.post<{ title: string; checkedInAt: string }>('/member/checkin', { token: t }),
    onSuccess: () => void qc.invalidateQueries({ queryKey: ['consult', 'mine'] }) });
  useEffect(() => {
    if (token && !started.current) { started.current = true; checkin.mutate(token); }
  }, [token, checkin]);
  return (
    <div style={{ maxWidth: 480, margin: '0 auto', fontSize: 16 }}>
      {token && (checkin.isSuccess ? (
        <Result status="success" title="签到成功" description={`${checkin.data.title} · ${formatTime(checkin.data.checkedInAt).slice(11, 16)}`} />
      ) : checkin.isError ? (
        <Result status="error" title="签到未成功" description={isApiError(checkin.error) ? checkin.error.message : '请稍后再试'} />
      ) : <Result status="waiting" title="正在签到…" />)}
      <Card title="我的协商活动" style={{ marginTop: 12 }}>
        {list.data?.items.length === 0 && <div>暂无活动邀请</div>}
        <List>
          {(list.data?.items ?? []).map((m) => (
            <List.Item key={m.id} description={<>
              <div>{formatTime(m.startsAt).slice(0, 16)} · {m.venueName ?? m.address ?? ''}</div>
              {m.agenda && <div style={{ whiteSpace: 'pre-wrap' }}>议程：{m.agenda}</div>}
              {m.status === 'invited' && m.state === 'planned' && <Absence id={m.id} onDone={() => void list.refetch()} />}
            </>} extra={<Tag color={m.status === 'checked_in' ? 'success' : m.status.startsWith('absence') ? 'warning' : 'primary'}>{m.statusLabel}</Tag>}>
              {m.kindLabel} · {m.title}
            </List.Item>
          ))}
        </List>
      </Card>
    </div>
  );
}
