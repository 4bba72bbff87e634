/**
 * 规则设置: every rule of the county (RULES.md numbers, the proposal result classes …), grouped, each with its
 * meaning, default and current value, edited with a control that fits its kind. Only settings.manage edits.
 */
import { useState } from 'react';
import { Alert, App, Button, Card, Flex, Input, InputNumber, Select, Skeleton, Switch, Tag, Typography } from 'antd';
import { UndoOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { SettingList, SettingView } from '@xs/core/schemas/settings.ts';
import { api, isApiError } from '../../../shared/api.ts';
import { PageHeader } from '../../components/page-header.tsx';
import { useCan } from '../../session.tsx';

export const SETTINGS_KEY = ['settings', 'list'] as const;
type Value = SettingView['value'];

/** A value as a person reads it: "30 分钟", the option's label, 是/否. */
export function shownValue(s: SettingView, value: Value): string {
  switch (s.kind) {
    case 'number': return `${String(value)} ${s.unit}`;
    case 'enum': return s.options.find((o) => o.value === value)?.label ?? String(value);
    case 'boolean': return value ? '是' : '否';
    case 'text': return String(value) || '（空）';
  }
}

function Editor({ s, value, onChange, disabled }: { s: SettingView; value: Value; onChange: (v: Value) => void; disabled: boolean }) {
  const label = `${s.label}（${s.kind === 'number' ? s.unit : '当前值'}）`;
  switch (s.kind) {
    case 'number':
      return (
        <InputNumber aria-label={label} value={value as number} min={s.min} max={s.max} precision={0} disabled={disabled}
          onChange={(v) => onChange(v ?? s.min)} suffix={s.unit} style={{ width: 150 }} />
      );
    case 'enum':
      return (
        <Select aria-label={label} value={value as string} disabled={disabled} onChange={(v: string) => onChange(v)} style={{ minWidth: 220 }}
          options={s.options.map((o) => ({ value: o.value, label: o.label }))}
          optionRender={(o) => {
            const opt = s.options.find((x) => x.value === o.value);
            return (
              <div>
                <div>{opt?.label}</div>
                {opt?.description && <Typography.Text type="secondary" style={{ fontSize: 12, whiteSpace: 'normal' }}>{opt.description}</Typography.Text>}
              </div>
            );
          }}
          popupMatchSelectWidth={360} />
      );
    case 'boolean':
      return <Switch aria-label={label} checked={value as boolean} disabled={disabled} onChange={onChange} checkedChildren="是" unCheckedChildren="否" />;
    case 'text':
      return <Input aria-label={label} value={value as string} maxLength={s.maxLength} disabled={disabled} onChange={(e) => onChange(e.target.value)} style={{ width: 240 }} />;
  }
}

function SettingRow({ s, canWrite }: { s: SettingView; canWrite: boolean }) {
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [draft, setDraft] = useState<Value | undefined>(undefined);
  const [error, setError] = useState<string | null>(null);
  const value = draft ?? s.value;
  const dirty = draft !== undefined && draft !== s.value;
  const done = (text: string) => {
    setDraft(undefined);
    setError(null);
    message.success(text);
    void queryClient.invalidateQueries({ queryKey: SETTINGS_KEY });
  };
  const fail = (err: unknown) => {
    const text = isApiError(err) ? (err.fields.map((f) => f.message).join('；') || err.message) : '保存失败';
    setError(text);
    message.error(text);
  };
  const save = useMutation({
    mutationFn: (v: Value) => api.put<SettingView>(`/settings/${s.key}`, { value: v }),
    onSuccess: (r) => done(`已保存「${s.label}」：${shownValue(r, r.value)}`),
    onError: fail,
  });
  const reset = useMutation({
    mutationFn: () => api.delete<SettingView>(`/settings/${s.key}`),
    onSuccess: (r) => done(`「${s.label}」已恢复默认：${shownValue(r, r.value)}`),
    onError: fail,
  });
  const option = s.kind === 'enum' ? s.options.find((o) => o.value === value) : undefined;

  return (
    <Flex gap={24} wrap justify="space-between" align="flex-start" className="setting-row" data-setting={s.key}
      style={{ padding: '16px 0', borderTop: '1px solid #f0f0f0' }}>
      <div style={{ flex: '1 1 360px', minWidth: 0 }}>
        <Flex gap={8} align="center" wrap>
          <Typography.Text strong style={{ fontSize: 15 }}>{s.label}</Typography.Text>
          {s.isDefault ? <Tag>默认</Tag> : <Tag color="blue">本县区已调整</Tag>}
        </Flex>
        <Typography.Paragraph type="secondary" style={{ margin: '4px 0 0' }}>{s.description}</Typography.Paragraph>
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          默认值：{shownValue(s, s.default)}
          {s.kind === 'number' && `　可设范围：${s.min}–${s.max} ${s.unit}`}
        </Typography.Text>
        {option?.description && (
          <div style={{ marginTop: 4 }}><Typography.Text style={{ fontSize: 13 }}>{option.description}</Typography.Text></div>
        )}
      </div>
      <div style={{ flex: '0 0 auto' }}>
        {canWrite ? (
          <Flex vertical gap={4} align="flex-end">
            <Flex gap={8} align="center" wrap justify="flex-end">
              <Editor s={s} value={value} onChange={(v) => { setDraft(v); setError(null); }} disabled={save.isPending || reset.isPending} />
              {/* Only the actions that apply: 保存 once changed, 恢复默认 once the county differs from the default. */}
              {dirty && (
                <Button type="primary" loading={save.isPending} onClick={() => save.mutate(value)} aria-label={`保存：${s.label}`}>保存</Button>
              )}
              {dirty && <Button onClick={() => { setDraft(undefined); setError(null); }} aria-label={`撤销修改：${s.label}`}>撤销</Button>}
              {!s.isDefault && !dirty && (
                <Button icon={<UndoOutlined aria-hidden />} loading={reset.isPending} aria-label={`恢复默认：${s.label}`}
                  onClick={() => reset.mutate()}>恢复默认</Button>
              )}
            </Flex>
            {error && <Typography.Text type="danger" role="alert">{error}</Typography.Text>}
          </Flex>
        ) : (
          <Typography.Text strong style={{ fontSize: 15 }}>{shownValue(s, s.value)}</Typography.Text>
        )}
      </div>
    </Flex>
  );
}

export default function SettingsPage() {
  const can = useCan();
  const canWrite = can('settings.manage');
  const q = useQuery({ queryKey: SETTINGS_KEY, queryFn: () => api.get<SettingList>('/settings') });
  const groups = new Map<string, SettingView[]>();
  for (const s of q.data?.items ?? []) groups.set(s.group, [...(groups.get(s.group) ?? []), s]);

  return (
    <>
      <PageHeader title="规则设置"
        description="本县区的工作规则：办理时限、账号安全、提案办理结果分类等。每条规则都有全国或全省通行的默认值，可按本地做法调整；修改即时生效并记入审计日志。" />
      {!canWrite && <Alert type="info" showIcon style={{ marginBottom: 16 }} title="规则由县区管理员维护，您可以查看；如需调整，请联系管理员。" />}
      {q.isError && (
        <Alert type="error" showIcon style={{ marginBottom: 16 }} title={isApiError(q.error) ? q.error.message : '加载失败'}
          action={<Button size="small" onClick={() => void q.refetch()}>重试</Button>} />
      )}
      {q.isPending && <Card><Skeleton active /></Card>}
      <Flex vertical gap={16}>
        {[...groups.entries()].map(([group, items]) => (
          <Card key={group} title={<h2 style={{ fontSize: 16, margin: 0 }}>{group}</h2>} styles={{ body: { paddingTop: 0, paddingBottom: 0 } }}>
            {items.map((s) => <SettingRow key={`${s.key}:${String(s.value)}`} s={s} canWrite={canWrite} />)}
          </Card>
        ))}
      </Flex>
    </>
  );
}
