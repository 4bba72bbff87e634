/**
 * One workflow action on one clue, as a small form holding exactly the fields that action needs.
 * Sends the clue's `version`; when someone else acted first (409) it says so and reloads the clue.
 */
import type { ReactNode } from 'react';
import { App, Form, Input, Modal, Typography } from 'antd';
import { useMutation } from '@tanstack/react-query';
import type { ClueTransitionBody } from '@xs/core/schemas/clues.ts';
import { api, isApiError } from '../../../shared/api.ts';
import { applyServerErrors } from '../../../shared/form-errors.ts';
import { transitionLabel, type ClueButton } from './labels.tsx';
import type { ClueDetail } from '@xs/core/schemas/clues.ts';

export type TransitionValues = Record<string, unknown>;

export interface TransitionSpec {
  /** Explanation above the fields (what happens, who is told). */
  description?: ReactNode;
  /** The Form.Items. */
  fields?: ReactNode;
  initialValues?: TransitionValues;
  /** The body without `version`. */
  toBody?: (values: TransitionValues) => Omit<ClueTransitionBody, 'version'>;
  okText?: string;
  danger?: boolean;
  width?: number;
  /** The API path under `apiBase/:id` when it is not the command's own (`/accept-forward`). */
  path?: string;
}

export function TransitionModal({ clue, name, spec, apiBase, onClose, onDone, onStale, handleError }: {
  clue: ClueDetail;
  name: ClueButton | null;
  spec: TransitionSpec | null;
  /** `/clues` for staff, `/unit/clues` for the unit portal. */
  apiBase: string;
  onClose: () => void;
  onDone: (detail: ClueDetail, name: ClueButton) => void;
  /** Someone else acted first: reload the clue. */
  onStale: () => void;
  /** A caller's own treatment of an error; true when handled (the modal then closes). */
  handleError?: (err: unknown, name: ClueButton) => boolean;
}) {
  const { message, modal } = App.useApp();
  const [form] = Form.useForm<TransitionValues>();

  const run = useMutation({
    mutationFn: ({ n, values }: { n: ClueButton; values: TransitionValues }) => {
      const body = { ...(spec?.toBody?.(values) ?? {}), version: clue.version };
      return api.post<ClueDetail>(`${apiBase}/${clue.id}${spec?.path ?? `/transitions/${n}`}`, body);
    },
    onSuccess: (detail, { n }) => {
      message.success(`已${transitionLabel(n)}：线索 ${detail.code}，当前状态「${detail.stateLabel}」`);
      onDone(detail, n);
      onClose();
    },
    onError: (err, { n }) => {
      if (handleError?.(err, n)) {
        onClose();
        return;
      }
      if (isApiError(err) && err.status === 409) {
        onClose();
        onStale();
        modal.warning({ title: '操作没有完成', content: `${err.message.replace(/[，,]?\s*请刷新后再试[。.]?$/, '')}。页面已载入最新内容，请查看后再操作。` });
        return;
      }
      applyServerErrors(form, err, message);
    },
  });

  if (!name || !spec) return null;
  const label = transitionLabel(name);
  return (
    <Modal
      open
      title={`${label} · 线索 ${clue.code}`}
      okText={spec.okText ?? label}
      okButtonProps={{ danger: spec.danger }}
      onOk={() => form.submit()}
      onCancel={onClose}
      confirmLoading={run.isPending}
      width={spec.width ?? 520}
      destroyOnHidden
    >
      {spec.description && <Typography.Paragraph type="secondary">{spec.description}</Typography.Paragraph>}
      <Form<TransitionValues>
        form={form}
        layout="vertical"
        preserve={false}
        initialValues={spec.initialValues}
        onFinish={(values) => run.mutate({ n: name, values })}
      >
        {spec.fields}
      </Form>
    </Modal>
  );
}

/** A required reason (decline, request_info, rehandle, return, extension). */
export function ReasonField({ label, placeholder, name = 'reason' }: { label: string; placeholder?: string; name?: string }) {
  return (
    <Form.Item label={label} name={name} rules={[{ required: true, whitespace: true, message: `请填写${label.replace(/（.*）$/, '')}` }]}>
      <Input.TextArea rows={4} maxLength={500} showCount autoFocus placeholder={placeholder} />
    </Form.Item>
  );
}

/** The reason as the body expects it. */
export const reasonBody = (v: TransitionValues) => ({ reason: String(v.reason ?? '').trim() });
