/**
 * 合并 into which clue: the server's merge suggestions (same problem, ranked by similarity, with the
 * reason), or any open clue found by its code or words.
 */
import { useState } from 'react';
import { Alert, Flex, Progress, Radio, Select, Skeleton, Typography } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { api, isApiError } from '../../../shared/api.ts';
import type { Page } from '../../../shared/types.ts';
import { OPEN_CLUE_STATES, type ClueState } from '@xs/core/schemas/clues.ts';
import { StateTag } from './labels.tsx';
import type { ClueListItem, SimilarClue } from '@xs/core/schemas/clues.ts';

/** A clue may be merged only into one still being handled (or just resolved). */
const mergeable = (state: ClueState) => OPEN_CLUE_STATES.includes(state) || state === 'resolved';

export function MergePicker({ clueId, value, onChange, id }: { clueId: number; value?: number; onChange?: (v: number) => void; id?: string }) {
  const similar = useQuery({
    queryKey: ['clues', clueId, 'similar'],
    queryFn: () => api.get<{ items: SimilarClue[] }>(`/clues/${clueId}/similar`),
    staleTime: 60_000,
  });
  const [term, setTerm] = useState('');
  const found = useQuery({
    queryKey: ['clues', 'list', { q: term, state: 'open', pageSize: 10 }],
    queryFn: () => api.get<Page<ClueListItem>>('/clues', { q: term, state: 'open', pageSize: 10 }),
    enabled: term.length >= 2,
  });
  const items = similar.data?.items ?? [];
  const searchOptions = (found.data?.items ?? []).filter((c) => c.id !== clueId)
    .map((c) => ({ value: c.id, label: `${c.code} · ${c.townshipName} · ${c.summary}` }));

  return (
    <Flex vertical gap={12}>
      <div role="group" aria-labelledby={`${id ?? 'merge'}-label`}>
        <Typography.Text id={`${id ?? 'merge'}-label`} strong>相似线索（按相似度排序）</Typography.Text>
        {similar.isLoading ? <Skeleton active paragraph={{ rows: 3 }} title={false} /> : similar.isError ? (
          <Alert type="warning" showIcon style={{ marginTop: 8 }} title={isApiError(similar.error) ? similar.error.message : '相似线索暂不可用'} />
        ) : items.length === 0 ? (
          <Typography.Paragraph type="secondary" style={{ margin: '4px 0 0' }}>没有找到反映同一问题的线索，可在下方按查询码或关键词查找。</Typography.Paragraph>
        ) : (
          <Radio.Group
            value={items.some((s) => s.id === value) ? value : undefined}
            onChange={(e) => onChange?.(e.target.value as number)}
            style={{ display: 'flex', flexDirection: 'column', gap: 8, marginTop: 8, width: '100%' }}
          >
            {items.map((s) => (
              <Radio key={s.id} value={s.id} disabled={!mergeable(s.state)}
                style={{ alignItems: 'flex-start', padding: '8px 12px', border: `1px solid ${s.id === value ? '#0958d9' : '#f0f0f0'}`, borderRadius: 6, width: '100%', marginInlineEnd: 0 }}>
                <Flex vertical gap={4} style={{ width: '100%' }}>
                  <Flex gap={8} align="center" wrap>
                    <Typography.Text strong style={{ fontFamily: 'ui-monospace, Consolas, monospace' }}>{s.code}</Typography.Text>
                    <StateTag state={s.state} label={s.stateLabel} overdue={s.overdue} />
                    <Typography.Text type="secondary">{s.townshipName}</Typography.Text>
                    <span style={{ display: 'inline-flex', alignItems: 'center', gap: 4 }}>
                      <Typography.Text type="secondary" style={{ fontSize: 12 }}>相似度 {Math.round(s.score * 100)}%</Typography.Text>
                      <Progress percent={Math.round(s.score * 100)} showInfo={false} size={[60, 6]} aria-hidden />
                    </span>
                  </Flex>
                  <Typography.Text>{s.summary}</Typography.Text>
                  <Typography.Text type="secondary" style={{ fontSize: 13 }}>理由：{s.reason}</Typography.Text>
                  {!mergeable(s.state) && <Typography.Text type="warning" style={{ fontSize: 13 }}>该线索已结束，不能合并进去（仅供参考）</Typography.Text>}
                </Flex>
              </Radio>
            ))}
          </Radio.Group>
        )}
      </div>
      <div>
        <Typography.Text id={`${id ?? 'merge'}-search-label`}>或按查询码、关键词查找在办线索：</Typography.Text>
        <Select
          id={id}
          aria-labelledby={`${id ?? 'merge'}-search-label`}
          style={{ width: '100%', marginTop: 4 }}
          showSearch={{ filterOption: false, onSearch: (v) => setTerm(v.trim()) }}
          placeholder="输入查询码或关键词"
          loading={found.isFetching}
          notFoundContent={term.length >= 2 ? (found.isFetching ? '正在查找…' : '没有找到') : '至少输入 2 个字'}
          options={searchOptions}
          value={items.some((s) => s.id === value) ? undefined : value}
          onChange={(v: number) => onChange?.(v)}
        />
      </div>
    </Flex>
  );
}
