/** 登录: username and password; the server's refusal (wrong password, lockout) is shown as it says it. */
import { useState } from 'react';
import { useLocation, useNavigate, useSearchParams } from 'react-router';
import { Alert, Button, Card, Form, Input, Typography } from 'antd';
import { LockOutlined, UserOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import type { LoginResult } from '@xs/core/schemas/auth.ts';
import { api, isApiError, setCsrfToken } from '../../../shared/api.ts';
import { usePageTitle } from '../../components/page-header.tsx';
import { fetchMe, ME_KEY } from '../../session.tsx';

interface LoginValues {
  username: string;
  password: string;
}

/** Only a path on this site, never `//evil.example`. */
function safeNext(next: string | null): string {
  return next && next.startsWith('/') && !next.startsWith('//') && !next.startsWith('/login') ? next : '/';
}

export default function LoginPage() {
  usePageTitle('登录');
  const navigate = useNavigate();
  const location = useLocation();
  const [params] = useSearchParams();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<LoginValues>();
  const [error, setError] = useState<{ text: string; locked: boolean } | null>(null);
  const [busy, setBusy] = useState(false);
  const notice = (location.state as { notice?: string } | null)?.notice;

  async function submit(values: LoginValues) {
    setBusy(true);
    setError(null);
    try {
      const { csrfToken } = await api.post<LoginResult>('/auth/login', values, { noAuthRedirect: true });
      setCsrfToken(csrfToken);
      queryClient.clear();
      await queryClient.fetchQuery({ queryKey: ME_KEY, queryFn: fetchMe });
      void navigate(safeNext(params.get('next')), { replace: true });
    } catch (err) {
      if (isApiError(err)) {
        setError({ text: err.message, locked: err.error === 'locked' });
        if (err.fields.length) form.setFields(err.fields.map((f) => ({ name: f.path as keyof LoginValues, errors: [f.message] })));
      } else {
        setError({ text: '登录失败，请稍后再试', locked: false });
      }
      form.setFieldValue('password', '');
    } finally {
      setBusy(false);
    }
  }

  return (
    <main
      style={{
        minHeight: '100vh', display: 'grid', placeItems: 'center', padding: 16,
        background: 'linear-gradient(160deg, #e6f0ff 0%, #f5f5f5 55%, #fff7e6 100%)',
      }}
    >
      <Card style={{ width: '100%', maxWidth: 400, boxShadow: '0 8px 24px rgba(0,0,0,0.08)' }}>
        <div style={{ textAlign: 'center', marginBottom: 24 }}>
          <div aria-hidden style={{ fontSize: 36, fontWeight: 700, color: '#a8071a', letterSpacing: 8 }}>协商</div>
          <Typography.Title level={1} style={{ fontSize: 20, margin: '4px 0 0' }}>政协协商为民平台</Typography.Title>
          <Typography.Text type="secondary">县区政协工作平台 · 请登录</Typography.Text>
        </div>
        {notice && !error && <Alert type="info" showIcon title={notice} style={{ marginBottom: 16 }} />}
        {error && (
          <Alert
            role="alert"
            type={error.locked ? 'warning' : 'error'}
            showIcon
            title={error.locked ? '账号已锁定' : '登录失败'}
            description={error.text}
            style={{ marginBottom: 16 }}
          />
        )}
        <Form form={form} layout="vertical" onFinish={(v) => void submit(v)} requiredMark={false} size="large">
          <Form.Item label="用户名" name="username" rules={[{ required: true, whitespace: true, message: '请输入用户名' }]}>
            <Input prefix={<UserOutlined aria-hidden />} autoComplete="username" autoFocus maxLength={64} />
          </Form.Item>
          <Form.Item label="密码" name="password" rules={[{ required: true, message: '请输入密码' }]}>
            <Input.Password prefix={<LockOutlined aria-hidden />} autoComplete="current-password" maxLength={128} />
          </Form.Item>
          <Button type="primary" htmlType="submit" block loading={busy}>登录</Button>
        </Form>
        <Typography.Paragraph type="secondary" style={{ marginTop: 16, marginBottom: 0, fontSize: 13 }}>
          连续多次输入错误密码，账号将被临时锁定；闲置超时会自动退出登录。忘记密码请联系本单位管理员重置。
        </Typography.Paragraph>
      </Card>
    </main>
  );
}
