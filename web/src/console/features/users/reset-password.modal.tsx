/** 重置密码: an admin sets a new password; the user must change it at next login and is signed out now. */
import { useState } from 'react';
import { Alert, App, Button, Form, Modal, Typography } from 'antd';
import { useMutation } from '@tanstack/react-query';
import { api } from '../../../shared/api.ts';
import type { User } from '@xs/core/schemas/orgs.ts';
import { handleUserChangeError } from './change-errors.ts';
import { PasswordField } from './password-field.tsx';

export function ResetPasswordModal({ user, onClose, onDone }: { user: User | null; onClose: () => void; onDone: () => void }) {
  const { message } = App.useApp();
  const [form] = Form.useForm<{ password: string }>();
  const [done, setDone] = useState<string | null>(null);
  const reset = useMutation({
    mutationFn: ({ password }: { password: string }) => api.patch<User>(`/users/${user!.id}`, { password, version: user!.version }),
    onSuccess: (_u, { password }) => {
      setDone(password);
      onDone();
    },
    onError: (err) => handleUserChangeError(err, form, message, onClose),
  });
  const close = () => {
    setDone(null);
    onClose();
  };
  return (
    <Modal
      open={user !== null}
      title={`重置密码：${user?.displayName ?? ''}（${user?.username ?? ''}）`}
      onCancel={close}
      destroyOnHidden
      footer={done
        ? <Button type="primary" onClick={close}>完成</Button>
        : [<Button key="c" onClick={close}>取消</Button>, <Button key="o" type="primary" loading={reset.isPending} onClick={() => form.submit()}>重置密码</Button>]}
    >
      {done ? (
        <Alert type="success" showIcon title="密码已重置"
          description={<>新密码：<Typography.Text code copyable>{done}</Typography.Text><br />请当面或电话告知用户。用户已在所有设备上退出，下次登录时须修改密码。</>} />
      ) : (
        <Form form={form} layout="vertical" preserve={false} onFinish={(v) => reset.mutate(v)}>
          <PasswordField label="新密码" />
        </Form>
      )}
    </Modal>
  );
}
