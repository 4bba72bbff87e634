/**
 * 转办 to which unit: the server's suggestions (county rules, past forwards, the township's own
 * government) with their reasons, the top one preselected; any other active unit from a list.
 */
import { useEffect } from 'react';
import { Alert, Flex, Radio, Select, Skeleton, Tag, Typography } from 'antd';
import { BulbOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { api, isApiError } from '../../../shared/api.ts';
import { useUnits } from '../../components/options.ts';
import type { UnitSuggestion } from '@xs/core/schemas/clues.ts';

export function useUnitSuggestions(clueId: number) {
  return useQuery({
    queryKey: ['clues', clueId, 'unit-suggestions'],
    queryFn: () => api.get<{ items: UnitSuggestion[] }>(`/clues/${clueId}/unit-suggestions`),
    staleTime: 60_000,
  });
}

export function UnitPicker({ clueId, value, onChange, id }: { clueId: number; value?: number; onChange?: (v: number | undefined) => void; id?: string }) {
  const suggestions = useUnitSuggestions(clueId);
  const units = useUnits();
  const items = suggestions.data?.items ?? [];
  const top = items[0]?.unitId;

  // Preselect the best suggestion once it is known (staff can still pick another).
  useEffect(() => {
    if (value === undefined && top !== undefined) onChange?.(top);
  }, [top, value, onChange]);

  const active = units.items.filter((u) => u.active).map((u) => ({ value: u.id, label: u.name }));
  return (
    <Flex vertical gap={12}>
      <div role="group" aria-labelledby={`${id ?? 'unit'}-suggest-label`}>
        <Typography.Text id={`${id ?? 'unit'}-suggest-label`} strong><BulbOutlined aria-hidden /> 推荐承办单位</Typography.Text>
        {suggestions.isLoading ? <Skeleton active paragraph={{ rows: 2 }} title={false} /> : suggestions.isError ? (
          <Alert type="warning" showIcon style={{ marginTop: 8 }} title={isApiError(suggestions.error) ? suggestions.error.message : '推荐暂不可用'} description="可以直接从下方列表选择单位。" />
        ) : items.length === 0 ? (
          <Typography.Paragraph type="secondary" style={{ margin: '4px 0 0' }}>暂无推荐（没有匹配的转办规则和历史记录），请从下方列表选择。</Typography.Paragraph>
        ) : (
          <Radio.Group
            value={items.some((s) => s.unitId === value) ? value : undefined}
            onChange={(e) => onChange?.(e.target.value as number)}
            style={{ display: 'flex', flexDirection: 'column', gap: 8, marginTop: 8, width: '100%' }}
          >
            {items.map((s, i) => (
              <Radio key={s.unitId} value={s.unitId}
                style={{ alignItems: 'flex-start', padding: '8px 12px', border: `1px solid ${s.unitId === value ? '#0958d9' : '#f0f0f0'}`, borderRadius: 6, width: '100%', marginInlineEnd: 0 }}>
                <Flex vertical gap={2}>
                  <span>
                    <Typography.Text strong>{s.unitName}</Typography.Text>
                    {i === 0 && <Tag color="blue" style={{ marginLeft: 8 }}>最匹配</Tag>}
                    <Typography.Text type="secondary" style={{ marginLeft: 4, fontSize: 12 }}>匹配分 {s.score}</Typography.Text>
                  </span>
                  <Typography.Text type="secondary" style={{ fontSize: 13 }}>{s.reason}</Typography.Text>
                </Flex>
              </Radio>
            ))}
          </Radio.Group>
        )}
      </div>
      <div>
        <Typography.Text id={`${id ?? 'unit'}-all-label`}>或选择其他承办单位：</Typography.Text>
        <Select
          id={id}
          aria-labelledby={`${id ?? 'unit'}-all-label`}
          style={{ width: '100%', marginTop: 4 }}
          showSearch={{ optionFilterProp: 'label' }}
          placeholder="搜索单位名称"
          loading={units.loading}
          options={active}
          value={value}
          onChange={(v: number) => onChange?.(v)}
        />
      </div>
    </Flex>
  );
}
