// The shell: a header with the sections the caller's role may use and who is logged in, and the pages,
// each loaded on first visit. Protected pages (导入, 账户, 组织, 审计日志) need a login; the rest are public.
import { Badge, Button, Drawer, Grid, Layout, Menu, Result, Spin } from 'antd';
import { Component, lazy, Suspense, useEffect, useState, type ReactNode } from 'react';
import { Link, Route, Routes, useLocation, useNavigate } from 'react-router-dom';
import { onAuthProblem } from './api/client';
import UserMenu from './components/UserMenu';
import type { Todo } from './api/plans';
import { loginPath, may, RequireAccess, useMe } from './lib/auth';
import { useTodo } from './lib/queries';

const Dashboard = lazy(() => import('./pages/Dashboard'));
const Monitoring = lazy(() => import('./pages/Monitoring'));
const Projects = lazy(() => import('./pages/Projects'));
const ProjectPage = lazy(() => import('./pages/ProjectPage'));
const Indicators = lazy(() => import('./pages/Indicators'));
const Review = lazy(() => import('./pages/Review'));
const Import = lazy(() => import('./pages/Import'));
const Compare = lazy(() => import('./pages/Compare'));
const Plans = lazy(() => import('./pages/Plans'));
const PlanPage = lazy(() => import('./pages/PlanPage'));
const Reports = lazy(() => import('./pages/Reports'));
const MonitoringReport = lazy(() => import('./pages/MonitoringReport'));
const EvaluationReport = lazy(() => import('./pages/EvaluationReport'));
const Login = lazy(() => import('./pages/Login'));
const Password = lazy(() => import('./pages/Password'));
const Users = lazy(() => import('./pages/admin/Users'));
const Orgs = lazy(() => import('./pages/admin/Orgs'));
const Audit = lazy(() => import('./pages/admin/Audit'));

/** the sections; `route`: the API route a section needs (permissions.ts decides who sees it), none: public */
const SECTIONS: readonly { path: string; label: string; route?: string }[] = [
  { path: '/', label: '总览' },
  { path: '/projects', label: '项目' },
  { path: '/indicators', label: '指标' },
  { path: '/review', label: '审核' },
  { path: '/plans', label: '申报', route: 'GET /api/plans' },
  { path: '/reports', label: '报告', route: 'GET /api/monitoring' },
  { path: '/monitoring', label: '监控', route: 'GET /api/monitoring/dashboard' },
  { path: '/compare', label: '对比' },
  { path: '/import', label: '导入', route: 'POST /api/import' },
  { path: '/admin/users', label: '账户', route: 'GET /api/admin/users' },
  { path: '/admin/orgs', label: '组织', route: 'POST /api/admin/orgs' },
  { path: '/admin/audit', label: '审计日志', route: 'GET /api/admin/audit' },
];

function section(pathname: string): string {
  const hit = SECTIONS.filter((s) => s.path !== '/' && pathname.startsWith(s.path));
  return hit[0]?.path ?? '/';
}

/** a page that fails to render (or a chunk that fails to load after a redeploy) shows a message, not a blank screen */
class Boundary extends Component<{ children: ReactNode; resetKey: string }, { error: Error | null; key: string }> {
  override state = { error: null as Error | null, key: this.props.resetKey };
  static getDerivedStateFromError(error: Error) {
    return { error };
  }
  static getDerivedStateFromProps(props: { resetKey: string }, state: { key: string; error: Error | null }) {
    return props.resetKey !== state.key ? { error: null, key: props.resetKey } : null;
  }
  override render() {
    if (this.state.error) {
      return (
        <Result
          status="error"
          title="页面出错了"
          subTitle={`${this.state.error.message}。请刷新页面重试。`}
          extra={<Button type="primary" onClick={() => window.location.reload()}>刷新</Button>}
        />
      );
    }
    return this.props.children;
  }
}

/** the count beside 申报 and 报告: what waits for this account's review, and (a unit) what was returned to it */
function TodoBadge({ todo, section }: { todo: Todo | null | undefined; section: string }) {
  const c = section === '/plans' ? todo?.plans : section === '/reports' ? todo?.reports : undefined;
  const n = c ? c.review + c.returned : 0;
  if (!c || n === 0) return null;
  const title = [c.review ? `待我审核 ${c.review} 个` : '', c.returned ? `被退回待修改 ${c.returned} 个` : ''].filter(Boolean).join('，');
  return <Badge count={n} size="small" title={title} style={{ marginInlineStart: 6, boxShadow: 'none' }} data-testid={`todo-${section.slice(1)}`} />;
}

export default function App() {
  const { pathname } = useLocation();
  const screens = Grid.useBreakpoint();
  const narrow = !screens.md;
  const [open, setOpen] = useState(false);
  const navigate = useNavigate();
  const { data: me } = useMe();
  const role = me?.user?.role ?? null;
  // not before a forced password change: every protected route answers 403 until then
  const todo = useTodo(Boolean(role) && !me?.mustChangePassword).data;
  const items = SECTIONS.filter((s) => !s.route || may(s.route, role))
    .map((s) => ({ key: s.path, label: <Link to={s.path} onClick={() => setOpen(false)}>{s.label}<TodoBadge todo={todo} section={s.path} /></Link> }));
  // the log-in and password pages belong to no section
  const current = pathname === '/login' || pathname === '/password' ? '' : section(pathname);
  // a protected request answered 401 (the session ended) or 403 (a password to change first)
  useEffect(() => {
    onAuthProblem((p) => {
      const here = window.location.pathname + window.location.search;
      if (here.startsWith('/login') || here.startsWith('/password')) return;
      navigate(p === 'unauthenticated' ? loginPath(here) : `/password?next=${encodeURIComponent(here)}`);
    });
    return () => onAuthProblem(null);
  }, [navigate]);

  return (
    <Layout className="shell">
      <Layout.Header className="shell-header">
        <Link to="/" className="brand" aria-label="绩效目标表 首页">
          <span className="brand-mark">绩</span>
          <span className="brand-text">绩效目标表</span>
        </Link>
        {narrow ? (
          <>
            <span className="shell-current">{SECTIONS.find((s) => s.path === current)?.label}</span>
            <Button className="menu-button" type="text" aria-label="打开菜单" onClick={() => setOpen(true)}>☰</Button>
            <Drawer open={open} onClose={() => setOpen(false)} placement="right" size={240} title="导航">
              <Menu mode="vertical" selectedKeys={[current]} items={items} style={{ borderInlineEnd: 0 }} />
              <UserMenu me={me} narrow onNavigate={() => setOpen(false)} />
            </Drawer>
          </>
        ) : (
          <>
            <Menu theme="dark" mode="horizontal" selectedKeys={[current]} items={items} className="shell-menu" />
            <UserMenu me={me} />
          </>
        )}
      </Layout.Header>
      <Layout.Content className="shell-content">
        <Boundary resetKey={pathname}>
          <Suspense fallback={<div className="page-loading"><Spin size="large" /></div>}>
            <Routes>
              <Route path="/" element={<Dashboard />} />
              <Route path="/projects" element={<Projects />} />
              <Route path="/projects/:id" element={<ProjectPage />} />
              <Route path="/indicators" element={<Indicators />} />
              <Route path="/review" element={<Review />} />
              <Route path="/import" element={<RequireAccess route="POST /api/import"><Import /></RequireAccess>} />
              <Route path="/login" element={<Login />} />
              <Route path="/password" element={<Password />} />
              <Route path="/admin/users" element={<RequireAccess route="GET /api/admin/users"><Users /></RequireAccess>} />
              <Route path="/admin/orgs" element={<RequireAccess route="POST /api/admin/orgs"><Orgs /></RequireAccess>} />
              <Route path="/admin/audit" element={<RequireAccess route="GET /api/admin/audit"><Audit /></RequireAccess>} />
              <Route path="/compare" element={<Compare />} />
              <Route path="/monitoring" element={<RequireAccess route="GET /api/monitoring/dashboard"><Monitoring /></RequireAccess>} />
              <Route path="/plans" element={<RequireAccess route="GET /api/plans"><Plans /></RequireAccess>} />
              <Route path="/plans/queue" element={<RequireAccess route="GET /api/plans/queue"><Plans queue /></RequireAccess>} />
              <Route path="/plans/:id" element={<RequireAccess route="GET /api/plans/:id"><PlanPage /></RequireAccess>} />
              <Route path="/reports" element={<RequireAccess route="GET /api/monitoring"><Reports /></RequireAccess>} />
              <Route path="/reports/queue" element={<RequireAccess route="POST /api/monitoring/:id/approve"><Reports queue /></RequireAccess>} />
              <Route path="/reports/monitoring/:id" element={<RequireAccess route="GET /api/monitoring/:id"><MonitoringReport /></RequireAccess>} />
              <Route path="/reports/evaluation/:id" element={<RequireAccess route="GET /api/evaluations/:id"><EvaluationReport /></RequireAccess>} />
              <Route path="*" element={<Result status="404" title="没有这个页面" subTitle={pathname} extra={<Link to="/">回到总览</Link>} />} />
            </Routes>
          </Suspense>
        </Boundary>
      </Layout.Content>
      <Layout.Footer className="shell-footer">jixiao · 项目支出绩效目标表的读取、审核与检索 · 金额单位：万元</Layout.Footer>
    </Layout>
  );
}
