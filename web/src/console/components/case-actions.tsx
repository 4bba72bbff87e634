/**
 * A case's action bar and transition modal, driven by the `actions` its API returns (core `evaluateTransitions`):
 * each transition or event the user's role may fire is a button, open, or disabled with the definition's reason
 * as a tooltip (and a line under the bar, for keyboard and screen-reader users). Pressing one opens a modal that
 * asks for exactly what the definition requires — a reason, named fields, attachments — unless it requires
 * nothing, when it fires at once.
 */
import { useState, type ReactNode } from 'react';
import { App, Button, DatePicker, Flex, Form, Input, InputNumber, List, Modal, Tooltip, Typography } from 'antd';
import { useMutation } from '@tanstack/react-query';
import type { ActionOption } from '@xs/core/workflow.ts';
import { isApiError } from '../../shared/api.ts';
import { applyServerErrors } from '../../shared/form-errors.ts';

/** How a required field is asked for. */
export interface ActionField {
  label: string;
  kind?: 'text' | 'textarea' | 'number' | 'date';
  min?: number;
  max?: number;
  /** Shown under the field. */
  extra?: ReactNode;
}

/** What the modal collects: `reason` and each required field by its name. */
export type ActionValues = { reason?: string } & Record<string, unknown>;

export interface CaseActionsProps<R> {
  actions: readonly ActionOption[];
  /** Send one action; resolves with the case as it now is. */
  run: (name: string, values: ActionValues) => Promise<R>;
  onDone: (result: R, action: ActionOption) => void;
  /** Actions the page offers elsewhere (e.g. a progress form): no button here. */
  hide?: readonly string[];
  /** How each required field (by the definition's name) is asked for; unknown ones are a text box. */
  fields?: Record<string, ActionField>;
  /** The reason box's label per action (default 说明), e.g. `{ remind: '催办内容' }`. */
  reasonLabels?: Record<string, string>;
  /** Primary and danger buttons by action name. */
  primary?: readonly string[];
  danger?: readonly string[];
  /** Extra form items in the modal of one action. */
  extraFields?: (action: ActionOption) => ReactNode;
  /** What to say when there is no action at all. */
  emptyText?: ReactNode;
  /** The success message; default 已{label}. */
  doneText?: (action: ActionOption, result: R) => string;
}

function needsForm(a: ActionOption): boolean {
  return Boolean(a.requires?.reason || (a.requires?.fields?.length ?? 0) > 0);
}

/** The input for one field; Form.Item hands it `id`, `value` and `onChange`, passed on to the control. */
function FieldInput({ spec, ...control }: { spec: ActionField; id?: string; value?: never; onChange?: (v: unknown) => void }) {
  switch (spec.kind) {
    case 'number':
      return <InputNumber {...control} min={spec.min} max={spec.max} style={{ width: 160 }} />;
    case 'date':
      return <DatePicker {...control} />;
    case 'textarea':
      return <Input.TextArea {...control} rows={3} maxLength={spec.max ?? 1000} showCount />;
    default:
      return <Input {...control} maxLength={spec.max ?? 200} />;
  }
}

export function CaseActions<R>(props: CaseActionsProps<R>) {
  const { message } = App.useApp();
  const [open, setOpen] = useState<ActionOption | null>(null);
  const [form] = Form.useForm<ActionValues>();
  const exec = useMutation({
    mutationFn: ({ action, values }: { action: ActionOption; values: ActionValues }) => props.run(action.name, values),
    onSuccess: (r, { action }) => {
      message.success(props.doneText?.(action, r) ?? `已${action.label}`);
      setOpen(null);
      form.resetFields();
      props.onDone(r, action);
    },
    onError: (err) => {
      if (isApiError(err) && err.status === 409) message.error(err.message);
      else applyServerErrors(form, err, message);
    },
  });
  const buttons = props.actions.filter((a) => !props.hide?.includes(a.name) && a.code !== 'invalid_state');
  if (buttons.length === 0) return <Typography.Text type="secondary">{props.emptyText ?? '当前没有可执行的操作。'}</Typography.Text>;
  const start = (a: ActionOption) => (needsForm(a) || props.extraFields?.(a) ? setOpen(a) : exec.mutate({ action: a, values: {} }));
  const closed = buttons.filter((a) => !a.available);
  return (
    <>
      <Flex gap={8} wrap role="group" aria-label="可执行的操作">
        {buttons.map((a) => {
          const b = (
            <Button key={a.name} type={props.primary?.includes(a.name) ? 'primary' : 'default'} danger={props.danger?.includes(a.name)}
              disabled={!a.available} loading={exec.isPending && exec.variables?.action.name === a.name} onClick={() => start(a)}
              aria-describedby={a.available ? undefined : `why-${a.name}`}>
              {a.label}
            </Button>
          );
          // The tooltip wraps the button itself: antd listens on its own wrapper around a disabled button
          // (which fires no mouse events), where a hand-made <span> never showed the reason on hover.
          return a.available ? b : (
            <span key={a.name}>
              <Tooltip title={a.reason}>{b}</Tooltip>
              <span id={`why-${a.name}`} style={{ display: 'none' }}>{a.reason}</span>
            </span>
          );
        })}
      </Flex>
      {closed.length > 0 && (
        <List size="small" style={{ marginTop: 8 }} dataSource={closed}
          renderItem={(a) => <List.Item><Typography.Text type="secondary">「{a.label}」暂不可用：{a.reason}</Typography.Text></List.Item>} />
      )}
      <Modal open={!!open} title={open?.label} okText={open?.label} confirmLoading={exec.isPending} destroyOnHidden
        onCancel={() => setOpen(null)} onOk={() => void form.validateFields().then((values) => open && exec.mutate({ action: open, values }), () => undefined)}>
        <Form form={form} layout="vertical">
          {open?.requires?.fields?.map((name) => {
            const spec = props.fields?.[name] ?? { label: name };
            return (
              <Form.Item key={name} name={name} label={spec.label} extra={spec.extra} rules={[{ required: true, message: `请填写${spec.label}` }]}>
                <FieldInput spec={spec} />
              </Form.Item>
            );
          })}
          {open?.requires?.reason && (
            <Form.Item name="reason" label={props.reasonLabels?.[open.name] ?? '说明'} rules={[{ required: true, whitespace: true, message: '请填写说明' }]}>
              <Input.TextArea rows={3} maxLength={500} showCount />
            </Form.Item>
          )}
          {open && props.extraFields?.(open)}
        </Form>
      </Modal>
    </>
  );
}
