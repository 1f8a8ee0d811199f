// Small pieces every page uses: the page title block, loading / error / empty states, severity and
// target tags, amounts with their 未归列 note.
import { Alert, Breadcrumb, Button, Empty, Skeleton, Space, Tag, Tooltip, Typography } from 'antd';
import { useEffect, type ReactNode } from 'react';
import { Link } from 'react-router-dom';
import type { Severity, Target } from '../api/types';
import { ApiError } from '../api/client';
import { KIND_COLOR, KIND_LABEL, SEVERITY_LABEL, SEVERITY_TAG, targetCompact, targetFields, UNPLACED_NOTE, wan } from '../lib/format';

export const APP_NAME = 'jixiao 绩效';

/** the browser tab's title for this page: `项目 · jixiao 绩效` */
export function useTabTitle(title: string): void {
  useEffect(() => { document.title = title ? `${title} · ${APP_NAME}` : APP_NAME; }, [title]);
}

/**
 * The page's heading; it also names the browser tab (`tab`, else the title when it is text). `crumbs`:
 * the way back to the list a detail page belongs to, e.g. 项目 › 广州市技师学院.
 */
export function PageTitle({ title, sub, extra, tab, crumbs }: {
  title: ReactNode; sub?: ReactNode; extra?: ReactNode; tab?: string; crumbs?: readonly { label: ReactNode; to?: string }[];
}) {
  useTabTitle(tab ?? (typeof title === 'string' ? title : ''));
  return (
    <>
    {crumbs ? (
      <Breadcrumb className="breadcrumb" data-testid="breadcrumb"
        items={crumbs.map((c) => ({ title: c.to ? <Link to={c.to}>{c.label}</Link> : c.label }))} />
    ) : null}
    <div className="page-title">
      <div className="page-title-main">
        <Typography.Title level={3} style={{ margin: 0 }}>{title}</Typography.Title>
        {sub ? <Typography.Text type="secondary">{sub}</Typography.Text> : null}
      </div>
      {extra ? <div className="page-title-extra">{extra}</div> : null}
    </div>
    </>
  );
}

export const errorMessage = (e: unknown): string => (e instanceof ApiError || e instanceof Error ? e.message : String(e));

/** what a query shows until it has data: a skeleton while loading, the server's message on error */
export function Loading({ rows = 4 }: { rows?: number }) {
  return <Skeleton active paragraph={{ rows }} title={false} />;
}

export function ErrorBox({ error, retry, title = '加载失败' }: { error: unknown; retry?: () => void; title?: string }) {
  const notFound = error instanceof ApiError && error.statusCode === 404;
  return (
    <Alert
      type={notFound ? 'warning' : 'error'}
      showIcon
      title={notFound ? '没有找到' : title}
      description={errorMessage(error)}
      action={retry && !notFound ? <Button size="small" onClick={retry}>重试</Button> : undefined}
    />
  );
}

export function EmptyState({ description, children }: { description: ReactNode; children?: ReactNode }) {
  return (
    <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={description}>
      {children}
    </Empty>
  );
}

export function SeverityTag({ severity }: { severity: Severity }) {
  return <Tag color={SEVERITY_TAG[severity]} style={{ marginInlineEnd: 0 }}>{SEVERITY_LABEL[severity]}</Tag>;
}

/** a target: the text as written, and what was read from it (kind and compact value) */
export function TargetView({ target, compact = false }: { target: Target; compact?: boolean }) {
  const fields = targetFields(target);
  const kind = target.kind ?? 'unparsed';
  const read = kind === 'qualitative' || kind === 'unparsed' || kind === 'empty' ? null : targetCompact(target);
  return (
    <Tooltip
      title={
        <table className="target-tip">
          <tbody>{fields.map(([k, v]) => <tr key={k}><th>{k}</th><td>{v}</td></tr>)}</tbody>
        </table>
      }
    >
      <span className="target">
        {compact ? null : <span className="target-raw">{target.raw || '—'}</span>}
        <span className="target-read">
          <Tag color={KIND_COLOR[kind]} variant="outlined" className="kind-tag">{KIND_LABEL[kind]}</Tag>
          {read !== null ? <code>{read}</code> : null}
        </span>
      </span>
    </Tooltip>
  );
}

/** unplaced amounts with their explanation */
export function Unplaced({ amounts }: { amounts: readonly number[] }) {
  if (amounts.length === 0) return <span className="muted">—</span>;
  return (
    <Tooltip title={UNPLACED_NOTE}>
      <span className="unplaced">{amounts.map(wan).join(' + ')}<sup>未归列</sup></span>
    </Tooltip>
  );
}

export function UnplacedNote({ compact = false }: { compact?: boolean }) {
  return compact
    ? <Typography.Text type="secondary" className="note">{UNPLACED_NOTE}</Typography.Text>
    : <Alert type="info" showIcon title="关于“未归列”" description={UNPLACED_NOTE} />;
}

export function Stack({ children, gap = 16 }: { children: ReactNode; gap?: number }) {
  return <Space orientation="vertical" size={gap} style={{ width: '100%' }}>{children}</Space>;
}
