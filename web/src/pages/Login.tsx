// 登录: user name and password; after a login the page asked for (?next=), or the password change a new
// account must make first.
import { Alert, Button, Card, Form, Input, Typography } from 'antd';
import { useNavigate, useSearchParams } from 'react-router-dom';
import { api } from '../api/client';
import { useTabTitle } from '../components/common';
import { useAfterAuthChange, useSubmit } from '../lib/auth';

/** a path inside the app only: never an address elsewhere (an open redirect) */
export const safeNext = (next: string | null): string => (next && next.startsWith('/') && !next.startsWith('//') && !next.startsWith('/login') ? next : '/');

export default function Login() {
  useTabTitle('登录');
  const [params] = useSearchParams();
  const navigate = useNavigate();
  const after = useAfterAuthChange();
  const next = safeNext(params.get('next'));
  const { error, busy, submit } = useSubmit(async (v: { username: string; password: string }) => {
    const r = await api.login(v.username.trim(), v.password);
    await after({ user: r.user, csrfToken: r.csrfToken, mustChangePassword: r.mustChangePassword, via: 'session' });
    navigate(r.mustChangePassword ? `/password?next=${encodeURIComponent(next)}` : next, { replace: true });
  });

  return (
    <div className="auth-page">
      <Card className="auth-card" data-testid="login-card">
        <Typography.Title level={3} style={{ marginTop: 0 }}>登录</Typography.Title>
        <Typography.Paragraph type="secondary">已公开的绩效目标表无需登录即可查阅；导入、审核与管理须登录。</Typography.Paragraph>
        {error ? <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} data-testid="login-error" /> : null}
        <Form layout="vertical" onFinish={submit} requiredMark={false}>
          <Form.Item label="用户名" name="username" rules={[{ required: true, message: '请输入用户名' }]}>
            <Input autoComplete="username" autoFocus />
          </Form.Item>
          <Form.Item label="密码" name="password" rules={[{ required: true, message: '请输入密码' }]}>
            <Input.Password autoComplete="current-password" />
          </Form.Item>
          <Button type="primary" htmlType="submit" block loading={busy}>登录</Button>
        </Form>
      </Card>
    </div>
  );
}
