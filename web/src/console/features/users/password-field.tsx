import { Button, Form, Input, Space } from 'antd';
import { PasswordSchema } from '@xs/core/validation.ts';
import { zodRule } from '../../../shared/form-rules.ts';
import { randomPassword } from './password.ts';

const POLICY = '至少 8 位，包含大写字母、小写字母、数字、符号中的至少三类';

/**
 * The `password` field an admin fills in for a user (a new account, a reset): checked against the
 * password policy, with 随机生成 beside it. Renders inside the form it belongs to.
 */
export function PasswordField({ label, hint }: {
  /** The field's label, also the input's accessible name. */
  label: string;
  /** Said after the policy, e.g. what to tell the user. */
  hint?: string;
}) {
  const form = Form.useFormInstance();
  return (
    <Form.Item label={label} required extra={hint ? `${POLICY}；${hint}` : POLICY}>
      <Space.Compact style={{ width: '100%' }}>
        <Form.Item name="password" noStyle rules={[zodRule(PasswordSchema)]}>
          <Input.Password autoComplete="new-password" aria-label={label} />
        </Form.Item>
        <Button onClick={() => form.setFieldValue('password', randomPassword())}>随机生成</Button>
      </Space.Compact>
    </Form.Item>
  );
}
