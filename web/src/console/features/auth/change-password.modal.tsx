/** 修改密码: from the user menu, or forced when the password is older than the county's limit. */
import { Alert, App, Button, Form, Input, Modal } from 'antd';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { ChangePasswordSchema } from '@xs/core/schemas/orgs.ts';
import { api } from '../../../shared/api.ts';
import { applyServerErrors } from '../../../shared/form-errors.ts';
import { zodRule } from '../../../shared/form-rules.ts';
import { ME_KEY } from '../../session.tsx';

interface Values {
  currentPassword: string;
  newPassword: string;
  confirm: string;
}

export function ChangePasswordModal({ open, forced, onClose, onLogout }: {
  open: boolean;
  /** The password must be changed before anything else; the only other way out is to log out. */
  forced: boolean;
  onClose: () => void;
  onLogout: () => void;
}) {
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<Values>();
  const change = useMutation({
    mutationFn: (v: Values) => api.post('/auth/password', { currentPassword: v.currentPassword, newPassword: v.newPassword }),
    onSuccess: async () => {
      message.success('密码已修改，其他设备上的登录已退出');
      await queryClient.invalidateQueries({ queryKey: ME_KEY });
      // Anything refused while the password was expired is asked for again.
      void queryClient.invalidateQueries({ predicate: (q) => q.state.status === 'error' });
      onClose();
    },
    onError: (err) => applyServerErrors(form, err, message),
  });

  return (
    <Modal
      open={open}
      title="修改密码"
      okText="确认修改"
      onOk={() => form.submit()}
      confirmLoading={change.isPending}
      onCancel={forced ? undefined : onClose}
      closable={!forced}
      keyboard={!forced}
      mask={{ closable: !forced }}
      footer={(buttons) => (forced ? <><Button onClick={onLogout}>退出登录</Button>{buttons}</> : buttons)}
      cancelButtonProps={{ style: forced ? { display: 'none' } : undefined }}
      destroyOnHidden
    >
      {forced && (
        <Alert type="warning" showIcon style={{ marginBottom: 16 }}
          title="为了账号安全，请先修改密码" description="您的密码已超过规定的使用期限，或由管理员重置过。修改后方可继续使用。" />
      )}
      <Form form={form} layout="vertical" onFinish={(v) => change.mutate(v)} preserve={false}>
        <Form.Item label="当前密码" name="currentPassword" rules={[zodRule(ChangePasswordSchema.shape.currentPassword)]} required>
          <Input.Password autoComplete="current-password" />
        </Form.Item>
        <Form.Item label="新密码" name="newPassword" rules={[zodRule(ChangePasswordSchema.shape.newPassword)]} required
          extra="至少 8 位，包含大写字母、小写字母、数字、符号中的至少三类">
          <Input.Password autoComplete="new-password" />
        </Form.Item>
        <Form.Item label="再次输入新密码" name="confirm" dependencies={['newPassword']} required
          rules={[
            { required: true, message: '请再次输入新密码' },
            ({ getFieldValue }) => ({
              validator: async (_r, v: unknown) => {
                if (v && v !== getFieldValue('newPassword')) throw new Error('两次输入的新密码不一致');
              },
            }),
          ]}>
          <Input.Password autoComplete="new-password" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
