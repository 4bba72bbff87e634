/**
 * 批量采纳 / 不予采纳 / 转办 / 归档 / 催办 on the selected clues (POST /clues/bulk). Each clue succeeds or
 * fails on its own; the failures are listed with the server's reason, and stay selected.
 */
import { useState } from 'react';
import { Alert, App, Form, Input, List, Modal, Select, Typography } from 'antd';
import { useMutation } from '@tanstack/react-query';
import { CLUE_WORKFLOW, ClueBulkSchema } from '@xs/core/schemas/clues.ts';
import { api, isApiError } from '../../../shared/api.ts';
import { applyServerErrors } from '../../../shared/form-errors.ts';
import { useUnits } from '../../components/options.ts';
import type { BulkResult, ClueListItem } from '@xs/core/schemas/clues.ts';

export type BulkAction = 'accept' | 'decline' | 'forward' | 'close' | 'remind';

export const BULK_LABELS: Record<BulkAction, string> = {
  accept: '批量采纳',
  decline: '批量不予采纳',
  forward: '批量转办',
  close: '批量归档',
  remind: '批量催办',
};

/** A bulk action's states and label, from the workflow (催办 is an event there). */
const stepOf = (a: BulkAction): { from: readonly string[]; label: string } =>
  a === 'remind' ? { from: CLUE_WORKFLOW.events?.remind?.from ?? [], label: CLUE_WORKFLOW.events?.remind?.label ?? '催办' } : CLUE_WORKFLOW.transitions[a];

interface Values {
  reason?: string;
  unitId?: number;
}

const REASON_MAX = 500;

export function BulkActionModal({ action, rows, onClose, onDone }: {
  action: BulkAction | null;
  rows: Pick<ClueListItem, 'id' | 'version' | 'state' | 'code'>[];
  onClose: () => void;
  /** After the server answered: the ids that failed (to keep selected). */
  onDone: (result: BulkResult) => void;
}) {
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const units = useUnits();
  const [result, setResult] = useState<BulkResult | null>(null);

  const run = useMutation({
    mutationFn: (v: Values) => {
      const body = {
        transition: action!,
        items: rows.map((r) => ({ id: r.id, version: r.version })),
        reason: action === 'decline' || action === 'remind' ? v.reason?.trim() || undefined : undefined,
        unitId: action === 'forward' ? v.unitId : undefined,
      };
      const parsed = ClueBulkSchema.safeParse(body);
      if (!parsed.success) throw new Error(parsed.error.issues[0]?.message ?? '请检查填写的内容');
      return api.post<BulkResult>('/clues/bulk', parsed.data);
    },
    onSuccess: (r) => {
      setResult(r);
      onDone(r);
      if (r.failed.length === 0) {
        message.success(`已${BULK_LABELS[action!].replace('批量', '')} ${r.done.length} 条线索`);
        close();
      }
    },
    onError: (err) => {
      if (isApiError(err)) applyServerErrors(form, err, message);
      else message.error(err instanceof Error ? err.message : '操作失败');
    },
  });

  function close() {
    setResult(null);
    form.resetFields();
    onClose();
  }

  if (!action) return null;
  const from = stepOf(action).from;
  const notApplicable = rows.filter((r) => !from.includes(r.state));
  const codeOf = new Map(rows.map((r) => [r.id, r.code]));

  return (
    <Modal
      open
      title={`${BULK_LABELS[action]}（${rows.length} 条）`}
      okText={result ? '完成' : '确定'}
      cancelButtonProps={result ? { style: { display: 'none' } } : undefined}
      onOk={() => (result ? close() : form.submit())}
      onCancel={close}
      confirmLoading={run.isPending}
      destroyOnHidden
    >
      {result ? (
        <>
          <Alert
            type={result.done.length ? 'warning' : 'error'}
            showIcon
            title={`成功 ${result.done.length} 条，失败 ${result.failed.length} 条`}
            description="失败的线索仍保持选中，可以查看原因后逐条处理。"
            style={{ marginBottom: 12 }}
          />
          <List
            size="small"
            bordered
            aria-label="失败的线索"
            dataSource={result.failed}
            renderItem={(f) => (
              <List.Item>
                <Typography.Text strong style={{ marginRight: 8 }}>{codeOf.get(f.id) ?? `#${f.id}`}</Typography.Text>
                <Typography.Text type="danger">{f.message}</Typography.Text>
              </List.Item>
            )}
          />
        </>
      ) : (
        <>
          {notApplicable.length > 0 && (
            <Alert
              type="info"
              showIcon
              style={{ marginBottom: 12 }}
              title={`其中 ${notApplicable.length} 条当前状态不能「${stepOf(action).label}」，提交后将逐条列出失败原因。`}
            />
          )}
          <Form<Values> form={form} layout="vertical" onFinish={(v) => run.mutate(v)} preserve={false}>
            {action === 'accept' && <Typography.Paragraph>采纳后线索进入「已采纳」，需在期限内转办或转化。</Typography.Paragraph>}
            {action === 'close' && <Typography.Paragraph>归档已办结的线索；群众将不能再评价。</Typography.Paragraph>}
            {action === 'decline' && (
              <Form.Item
                label="不予采纳理由（会告知群众）"
                name="reason"
                rules={[{ required: true, whitespace: true, message: '请填写不予采纳的理由' }]}
              >
                <Input.TextArea rows={4} maxLength={REASON_MAX} showCount placeholder="例如：不属于政协工作范围，已告知可拨打 12345 反映" />
              </Form.Item>
            )}
            {action === 'remind' && (
              <Form.Item label="催办内容（发给各承办单位）" name="reason">
                <Input.TextArea rows={3} maxLength={REASON_MAX} showCount placeholder="例如：以下线索已超期，请本周五前答复" />
              </Form.Item>
            )}
            {action === 'forward' && (
              <Form.Item label="承办单位" name="unitId" rules={[{ required: true, message: '请选择承办单位' }]}>
                <Select
                  showSearch={{ optionFilterProp: 'label' }}
                  placeholder="选择承办单位"
                  loading={units.loading}
                  options={units.items.filter((u) => u.active).map((u) => ({ value: u.id, label: u.name }))}
                />
              </Form.Item>
            )}
          </Form>
        </>
      )}
    </Modal>
  );
}
