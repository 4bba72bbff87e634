/**
 * 领导督办: a leader's 批示 on a clue (POST /clues/:id/supervise), and the latest 批示 shown to everyone who opens
 * the clue — staff, the leader and the unit handling it.
 */
import { useState } from 'react';
import { Alert, App, Button, Form, Input, Modal } from 'antd';
import { FlagOutlined } from '@ant-design/icons';
import { useMutation } from '@tanstack/react-query';
import { api, isApiError } from '../../../shared/api.ts';
import { applyServerErrors } from '../../../shared/form-errors.ts';
import { formatTime } from '../../components/time.ts';
import type { ClueDetail } from '@xs/core/schemas/clues.ts';

export function InstructionNote({ clue }: { clue: Pick<ClueDetail, 'instruction'> }) {
  if (!clue.instruction) return null;
  const i = clue.instruction;
  return (
    <Alert type="warning" showIcon icon={<FlagOutlined aria-hidden />} style={{ marginBottom: 16 }} title={`领导批示：${i.text}`}
      description={`${i.by ?? ''} · ${formatTime(i.at)}`} />
  );
}

export function SuperviseButton({ clue, onDone, onStale }: { clue: ClueDetail; onDone: (d: ClueDetail) => void; onStale: () => void }) {
  const { message } = App.useApp();
  const [open, setOpen] = useState(false);
  const [form] = Form.useForm<{ instruction: string }>();
  const action = clue.actions.find((a) => a.name === 'supervise');
  const run = useMutation({
    mutationFn: (v: { instruction: string }) => api.post<ClueDetail>(`/clues/${clue.id}/supervise`, { version: clue.version, instruction: v.instruction.trim() }),
    onSuccess: (d) => {
      message.success(`已批示：线索 ${d.code}`);
      setOpen(false);
      onDone(d);
    },
    onError: (err) => {
      if (isApiError(err) && err.status === 409) {
        setOpen(false);
        onStale();
        message.warning(err.message);
        return;
      }
      applyServerErrors(form, err, message);
    },
  });
  if (!action) return null;
  return (
    <>
      <Button icon={<FlagOutlined aria-hidden />} disabled={!action.available} title={action.reason} onClick={() => setOpen(true)}>领导督办</Button>
      <Modal open={open} title={`领导督办 · 线索 ${clue.code}`} okText="批示" confirmLoading={run.isPending} destroyOnHidden
        onCancel={() => setOpen(false)} onOk={() => form.submit()}>
        <Form form={form} layout="vertical" preserve={false} onFinish={(v) => run.mutate(v)}>
          <Form.Item name="instruction" label="批示内容（通知工作人员和承办单位）" rules={[{ required: true, whitespace: true, message: '请填写批示内容' }]}>
            <Input.TextArea rows={4} maxLength={500} showCount autoFocus placeholder="例如：群众反映强烈，请交通局本周内解决并答复" />
          </Form.Item>
        </Form>
      </Modal>
    </>
  );
}
