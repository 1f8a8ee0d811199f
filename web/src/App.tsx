// The shell: a header with the sections, and the pages, each loaded on first visit.
import { Button, Drawer, Grid, Layout, Menu, Result, Spin } from 'antd';
import { Component, lazy, Suspense, useState, type ReactNode } from 'react';
import { Link, Route, Routes, useLocation } from 'react-router-dom';

const Dashboard = lazy(() => import('./pages/Dashboard'));
const Projects = lazy(() => import('./pages/Projects'));
const ProjectPage = lazy(() => import('./pages/ProjectPage'));
const Indicators = lazy(() => import('./pages/Indicators'));
const Review = lazy(() => import('./pages/Review'));
const Import = lazy(() => import('./pages/Import'));
const Compare = lazy(() => import('./pages/Compare'));
const Plans = lazy(() => import('./pages/Plans'));
const PlanPage = lazy(() => import('./pages/PlanPage'));

const SECTIONS = [
  { path: '/', label: '总览' },
  { path: '/projects', label: '项目' },
  { path: '/indicators', label: '指标' },
  { path: '/review', label: '审核' },
  { path: '/plans', label: '申报' },
  { path: '/compare', label: '对比' },
  { path: '/import', label: '导入' },
] as const;

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

export default function App() {
  const { pathname } = useLocation();
  const screens = Grid.useBreakpoint();
  const narrow = !screens.md;
  const [open, setOpen] = useState(false);
  const items = SECTIONS.map((s) => ({ key: s.path, label: <Link to={s.path} onClick={() => setOpen(false)}>{s.label}</Link> }));
  const current = section(pathname);

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
            <Drawer open={open} onClose={() => setOpen(false)} placement="right" size={220} title="导航">
              <Menu mode="vertical" selectedKeys={[current]} items={items} style={{ borderInlineEnd: 0 }} />
            </Drawer>
          </>
        ) : (
          <Menu theme="dark" mode="horizontal" selectedKeys={[current]} items={items} className="shell-menu" />
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
              <Route path="/import" element={<Import />} />
              <Route path="/compare" element={<Compare />} />
              <Route path="/plans" element={<Plans />} />
              <Route path="/plans/queue" element={<Plans queue />} />
              <Route path="/plans/:id" element={<PlanPage />} />
              <Route path="*" element={<Result status="404" title="没有这个页面" subTitle={pathname} extra={<Link to="/">回到总览</Link>} />} />
            </Routes>
          </Suspense>
        </Boundary>
      </Layout.Content>
      <Layout.Footer className="shell-footer">jixiao · 项目支出绩效目标表的读取、审核与检索 · 金额单位：万元</Layout.Footer>
    </Layout>
  );
}
