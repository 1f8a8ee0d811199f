// Who is logged in, in the header: name, role and organization (演示账户 marked), with 修改密码 and
// 退出登录; a 登录 link for an anonymous visitor. In the narrow layout it sits in the drawer.
import { Button, Dropdown, Space, Tag, Typography } from 'antd';
import { Link, useLocation, useNavigate } from 'react-router-dom';
import { api } from '../api/client';
import type { Me } from '../api/types';
import { loginPath, useAfterAuthChange } from '../lib/auth';

export default function UserMenu({ me, narrow = false, onNavigate }: { me: Me | undefined; narrow?: boolean; onNavigate?: () => void }) {
  const navigate = useNavigate();
  const { pathname, search } = useLocation();
  const after = useAfterAuthChange();
  const user = me?.user ?? null;
  if (!me) return null;
  if (!user) {
    if (pathname === '/login') return null;
    return (
      <Link to={loginPath(pathname + search)} onClick={onNavigate} className={narrow ? 'user-login-narrow' : 'user-login'} data-testid="login-link">
        <Button type={narrow ? 'primary' : 'default'} ghost={!narrow} size="small">登录</Button>
      </Link>
    );
  }
  const logout = async () => {
    onNavigate?.();
    await api.logout().catch(() => undefined);
    await after({ user: null, csrfToken: null, mustChangePassword: false, via: null });
    navigate('/', { replace: true });
  };
  const who = (
    <span className="user-who" data-testid="user-who">
      <span className="user-name">{user.username}</span>
      <span className="user-meta">{user.roleLabel}{user.org ? ` · ${user.org.name}` : ''}</span>
      {user.demo ? <Tag color="orange" className="user-demo">演示账户</Tag> : null}
    </span>
  );
  if (narrow) {
    return (
      <div className="user-narrow" data-testid="user-menu">
        <Typography.Text type="secondary">当前账户</Typography.Text>
        <div>{who}</div>
        <Space>
          <Link to="/password" onClick={onNavigate}>修改密码</Link>
          <Button size="small" onClick={logout} data-testid="logout">退出登录</Button>
        </Space>
      </div>
    );
  }
  return (
    <Dropdown
      trigger={['click']}
      menu={{
        items: [
          { key: 'password', label: <Link to="/password">修改密码</Link> },
          { key: 'logout', label: <span data-testid="logout">退出登录</span>, onClick: () => void logout() },
        ],
      }}
    >
      <button type="button" className="user-button" data-testid="user-menu" aria-label="账户菜单">{who}</button>
    </Dropdown>
  );
}
