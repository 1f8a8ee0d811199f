// 修改密码: the current password and a new one (twice). A new account, or one whose password an
// administrator reset, comes here first and can do nothing else until it is done.
import { Alert, Button, Card, Form, Input, Typography } from 'antd';
import { Navigate, useNavigate, useSearchParams } from 'react-router-dom';
import { api } from '../api/client';
import { useTabTitle } from '../components/common';
import { loginPath, useAfterAuthChange, useMe, useSubmit } from '../lib/auth';
import { safeNext } from './Login';

export default function Password() {
  useTabTitle('修改密码');
  const { data: me, isPending } = useMe();
  const [params] = useSearchParams();
  const navigate = useNavigate();
  const after = useAfterAuthChange();
  const next = safeNext(params.get('next'));
  const { error, busy, submit } = useSubmit(async (v: { current: string; next: string }) => {
    await api.changePassword(v.current, v.next);
    await after();
    navigate(next, { replace: true });
  });
  if (!isPending && !me?.user) return <Navigate to={loginPath('/password')} replace />;

  return (
    <div className="auth-page">
      <Card className="auth-card" data-testid="password-card">
        <Typography.Title level={3} style={{ marginTop: 0 }}>修改密码</Typography.Title>
        {me?.mustChangePassword ? <Alert type="warning" showIcon title="首次登录或密码被重置：请先设置自己的新密码" style={{ marginBottom: 16 }} /> : null}
        {error ? <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} /> : null}
        <Form layout="vertical" onFinish={submit} requiredMark={false}>
          <Form.Item label="当前密码" name="current" rules={[{ required: true, message: '请输入当前密码' }]}>
            <Input.Password autoComplete="current-password" />
          </Form.Item>
          <Form.Item label="新密码" name="next" extra="至少 10 个字符，不含用户名" rules={[{ required: true, message: '请输入新密码' }, { min: 10, message: '新密码至少需要 10 个字符' }]}>
            <Input.Password autoComplete="new-password" />
          </Form.Item>
          <Form.Item label="再次输入新密码" name="confirm" dependencies={['next']}
            rules={[{ required: true, message: '请再次输入新密码' }, ({ getFieldValue }) => ({ validator: (_, v) => (v === getFieldValue('next') ? Promise.resolve() : Promise.reject(new Error('两次输入的新密码不一致'))) })]}>
            <Input.Password autoComplete="new-password" />
          </Form.Item>
          <Button type="primary" htmlType="submit" block loading={busy}>修改密码</Button>
        </Form>
      </Card>
    </div>
  );
}
