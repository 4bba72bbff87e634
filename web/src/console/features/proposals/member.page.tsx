/**
 * 我的提案 on a member's phone (antd-mobile, usable at 360 px): the proposals they wrote or co-sign, a draft that
 * saves itself while they type, submitting (jointly: co-signers are asked), confirming a co-signing request and
 * evaluating a reply (办理工作 and 办理结果 separately).
 */
import { useEffect, useRef, useState } from 'react';
import { useNavigate, useParams } from 'react-router';
import { createRoot, type Root } from 'react-dom/client';
import { Button, Card, Form, Input, List, Radio, Selector, Space, Tag, TextArea, Toast, unstableSetRender } from 'antd-mobile';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { EVALUATION_LEVELS } from '@xs/core/schemas/proposals.ts';
import { api, isApiError } from '../../../shared/api.ts';
import type { Page } from '../../../shared/types.ts';
import { PROPOSALS_KEY } from './proposals.page.tsx';
import type { ProposalDetail, ProposalItem } from '@xs/core/schemas/proposals.ts';

// antd-mobile renders Toast with the legacy ReactDOM.render, which React 19 removed: give it createRoot, as the
// H5 pages do (public/main.tsx); this page is the console's only antd-mobile page.
const roots = new WeakMap<Element | DocumentFragment, Root>();
unstableSetRender((node, container) => {
  let root = roots.get(container);
  if (!root) {
    root = createRoot(container);
    roots.set(container, root);
  }
  root.render(node);
  return async () => {
    await new Promise((resolve) => setTimeout(resolve, 0));
    root.unmount();
    roots.delete(container);
  };
});

const CATEGORIES = ['经济建设', '政治建设', '文化建设', '社会建设', '生态文明建设', '其他'];
const wrap: React.CSSProperties = { maxWidth: 480, margin: '0 auto', fontSize: 16 };

function errorText(e: unknown): string {
  if (!isApiError(e)) return '网络不通，请稍后再试';
  return e.fields.length ? e.fields.map((f) => f.message).join('；') : e.message;
}

function MyList() {
  const nav = useNavigate();
  const q = useQuery({ queryKey: [PROPOSALS_KEY, 'mine'], queryFn: () => api.get<Page<ProposalItem>>('/my/proposals', { pageSize: 100 }) });
  return (
    <div style={wrap}>
      <Button block color="primary" size="large" onClick={() => nav('/m/proposals/new')}>写提案</Button>
      <List header="我提出和附议的提案" style={{ marginTop: 12 }}>
        {(q.data?.items ?? []).map((p) => (
          <List.Item key={p.id} onClick={() => nav(`/m/proposals/${p.id}`)} description={`${p.code} · ${p.sessionName ?? ''}`} extra={<Tag color={p.state === 'closed' ? 'success' : 'primary'}>{p.stateLabel}</Tag>}>
            {p.title}
          </List.Item>
        ))}
        {q.data && q.data.items.length === 0 && <List.Item>还没有提案</List.Item>}
      </List>
    </div>
  );
}

interface Draft { title: string; category?: string; reason?: string; suggestion?: string; cosignerIds: number[] }

/** The editor: creates the draft once the title is long enough, then saves each change a moment after typing stops. */
function Editor({ initial }: { initial?: ProposalDetail }) {
  const nav = useNavigate();
  const qc = useQueryClient();
  const [d, setD] = useState<Draft>({ title: initial?.title ?? '', category: initial?.category ?? undefined, reason: initial?.reason ?? '', suggestion: initial?.suggestion ?? '',
    cosignerIds: initial?.signers.filter((s) => s.role === 'co').map((s) => s.memberId) ?? [] });
  // The saved draft's id and version live in a ref: the autosave effect reads them without re-running on them.
  const saved = useRef<{ id: number; version: number } | null>(initial ? { id: initial.id, version: initial.version } : null);
  const [status, setStatus] = useState(initial ? '已保存' : '输入标题后自动保存');
  const busy = useRef(false);
  const candidates = useQuery({ queryKey: [PROPOSALS_KEY, 'cosigners'], queryFn: () => api.get<{ items: { id: number; name: string }[] }>('/my/proposal-cosigners') });

  useEffect(() => {
    if (d.title.trim().length < 4 || busy.current) return;
    const t = setTimeout(() => {
      busy.current = true;
      setStatus('正在保存…');
      const body = { ...d, authorKind: d.cosignerIds.length ? 'joint' : 'member', reason: d.reason || null, suggestion: d.suggestion || null, category: d.category ?? null };
      const current = saved.current;
      const req = current ? api.put<ProposalDetail>(`/my/proposals/${current.id}`, { version: current.version, draft: body }) : api.post<ProposalDetail>('/my/proposals', body);
      req.then((p) => {
        if (!current) window.history.replaceState(null, '', `/m/proposals/${p.id}`);
        saved.current = { id: p.id, version: p.version };
        setStatus(`已自动保存 ${new Date().toLocaleTimeString('zh-CN')}`);
      }).catch((e: unknown) => setStatus(`未保存：${errorText(e)}`)).finally(() => { busy.current = false; });
    }, 800);
    return () => clearTimeout(t);
  }, [d]);

  const submit = async () => {
    const current = saved.current;
    if (!current) return Toast.show({ content: '请先填写标题' });
    try {
      const p = await api.post<ProposalDetail>(`/my/proposals/${current.id}/submit`, { version: current.version });
      Toast.show({ icon: 'success', content: p.state === 'cosigning' ? '已提交，等待附议人确认' : '已提交，等待提案委审查' });
      void qc.invalidateQueries({ queryKey: [PROPOSALS_KEY] });
      nav(`/m/proposals/${p.id}`, { replace: true });
    } catch (e) {
      Toast.show({ content: errorText(e), duration: 4000 });
    }
  };

  return (
    <div style={wrap}>
      <Form layout="vertical" footer={<Button block color="primary" size="large" onClick={() => void submit()}>提交</Button>}>
        <Form.Header>{status}</Form.Header>
        <Form.Item label="标题"><Input id="proposal-title" aria-label="标题" placeholder="关于……的建议" value={d.title} maxLength={100} onChange={(v) => setD({ ...d, title: v })} /></Form.Item>
        <Form.Item label="类别">
          <Selector columns={2} options={CATEGORIES.map((c) => ({ label: c, value: c }))} value={d.category ? [d.category] : []} onChange={(v) => setD({ ...d, category: v[0] })} />
        </Form.Item>
        <Form.Item label="案由（情况和问题）"><TextArea id="proposal-reason" aria-label="案由" rows={5} maxLength={5000} showCount value={d.reason} onChange={(v) => setD({ ...d, reason: v })} /></Form.Item>
        <Form.Item label="建议"><TextArea id="proposal-suggestion" aria-label="建议" rows={5} maxLength={5000} showCount value={d.suggestion} onChange={(v) => setD({ ...d, suggestion: v })} /></Form.Item>
        <Form.Item label="联名附议人（可不选）">
          <Selector multiple columns={3} options={(candidates.data?.items ?? []).slice(0, 60).map((m) => ({ label: m.name, value: m.id }))} value={d.cosignerIds}
            onChange={(v) => setD({ ...d, cosignerIds: v })} />
        </Form.Item>
      </Form>
    </div>
  );
}

function Evaluate({ p, onDone }: { p: ProposalDetail; onDone: (d: ProposalDetail) => void }) {
  const [handling, setHandling] = useState<string>();
  const [result, setResult] = useState<string>();
  const [comment, setComment] = useState('');
  const levels = Object.entries(EVALUATION_LEVELS);
  const send = async () => {
    try {
      onDone(await api.post<ProposalDetail>(`/my/proposals/${p.id}/evaluate`, { version: p.version, handling, result, comment: comment || null }));
      Toast.show({ icon: 'success', content: '评价已提交' });
    } catch (e) {
      Toast.show({ content: errorText(e), duration: 4000 });
    }
  };
  return (
    <Card title="请评价办理情况">
      <p>对办理工作（联系沟通、办理态度）</p>
      <Radio.Group value={handling} onChange={(v) => setHandling(v as string)}>
        <Space wrap>{levels.map(([v, l]) => <Radio key={v} value={v} aria-label={`办理工作${l}`}>{l}</Radio>)}</Space>
      </Radio.Group>
      <p>对办理结果</p>
      <Radio.Group value={result} onChange={(v) => setResult(v as string)}>
        <Space wrap>{levels.map(([v, l]) => <Radio key={v} value={v} aria-label={`办理结果${l}`}>{l}</Radio>)}</Space>
      </Radio.Group>
      <TextArea id="proposal-comment" aria-label="评价意见" placeholder="意见（不满意请写明原因）" rows={3} value={comment} onChange={setComment} style={{ marginTop: 8 }} />
      <Button block color="primary" style={{ marginTop: 12 }} onClick={() => void send()}>提交评价</Button>
    </Card>
  );
}

function Detail({ id }: { id: number }) {
  const qc = useQueryClient();
  const key = [PROPOSALS_KEY, 'mine', id];
  const q = useQuery({ queryKey: key, queryFn: () => api.get<ProposalDetail>(`/my/proposals/${id}`) });
  if (!q.data) return <div style={wrap}>{q.isError ? errorText(q.error) : '加载中…'}</div>;
  const p = q.data;
  if (p.state === 'draft' && p.me?.role === 'lead') return <Editor initial={p} />;
  const done = (d: ProposalDetail) => { qc.setQueryData(key, d); void qc.invalidateQueries({ queryKey: [PROPOSALS_KEY, 'mine'] }); };
  const cosign = async (accept: boolean) => {
    try {
      done(await api.post<ProposalDetail>(`/my/proposals/${p.id}/cosign`, { version: p.version, accept }));
      Toast.show({ icon: 'success', content: accept ? '已确认联名' : '已谢绝联名' });
    } catch (e) {
      Toast.show({ content: errorText(e) });
    }
  };
  const replies = p.assignments.filter((a) => a.repliedAt && a.role !== 'co');
  return (
    <div style={wrap}>
      <Card title={p.title}>
        <p><Tag color="primary">{p.stateLabel}</Tag> {p.code}</p>
        <p>提案人：{p.signers.filter((s) => !s.declinedAt).map((s) => s.name).join('、')}</p>
        {p.notRegisteredGroundLabel && <p>不予立案：{p.notRegisteredGroundLabel}</p>}
      </Card>
      {p.me?.mustCosign && (
        <Card title="邀请您联名">
          <p>{p.leadName}委员邀请您作为附议人联名提出本提案。</p>
          <Space block direction="vertical">
            <Button block color="primary" size="large" onClick={() => void cosign(true)}>确认联名</Button>
            <Button block size="large" onClick={() => void cosign(false)}>不参加</Button>
          </Space>
        </Card>
      )}
      {replies.map((a) => <Card key={a.id} title={`${a.unitName}的答复（${a.resultClassLabel ?? ''}）`}><p>{a.summary}</p></Card>)}
      {p.me?.mustEvaluate && <Evaluate p={p} onDone={done} />}
      <Card title="案由"><p style={{ whiteSpace: 'pre-wrap' }}>{p.reason}</p></Card>
      <Card title="建议"><p style={{ whiteSpace: 'pre-wrap' }}>{p.suggestion}</p></Card>
      <List header="办理进程">
        {p.timeline.map((e) => <List.Item key={e.id} description={`${e.actorName ?? '系统'} · ${e.at.slice(0, 16).replace('T', ' ')}`}>{e.label}</List.Item>)}
      </List>
    </div>
  );
}

export default function MemberProposalsPage() {
  const { id } = useParams();
  if (!id) return <MyList />;
  if (id === 'new') return <Editor />;
  return <Detail id={Number(id)} />;
}
