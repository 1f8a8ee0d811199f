// Lists on a phone: one card per row, two or three lines, so the amounts, targets and findings a wide
// table shows in columns stay visible beside the name. Each page's table keeps its columns on wider
// screens; below md (768 px) it renders this instead, with the same pagination.
import { Grid, Pagination, Spin } from 'antd';
import type { Key, ReactNode } from 'react';

export const useNarrow = (): boolean => !Grid.useBreakpoint().md;

export interface NarrowPaging {
  current: number;
  pageSize: number;
  total: number;
  onChange: (page: number, size: number) => void;
  showTotal?: (total: number) => ReactNode;
}

export default function NarrowList<T>({ items, rowKey, render, loading = false, empty, pagination, testId }: {
  items: readonly T[];
  rowKey: (item: T) => Key;
  render: (item: T) => ReactNode;
  loading?: boolean;
  empty: ReactNode;
  pagination?: NarrowPaging;
  testId?: string;
}) {
  return (
    <Spin spinning={loading}>
      {items.length === 0 ? <div className="narrow-empty">{loading ? null : empty}</div> : (
        <ul className="narrow-list" data-testid={testId}>
          {items.map((x) => <li key={rowKey(x)} className="narrow-row">{render(x)}</li>)}
        </ul>
      )}
      {pagination && pagination.total > 0 ? (
        <div className="narrow-paging">
          {pagination.showTotal ? <span className="muted note">{pagination.showTotal(pagination.total)}</span> : null}
          <Pagination simple size="small" current={pagination.current} pageSize={pagination.pageSize} total={pagination.total} onChange={pagination.onChange} />
        </div>
      ) : null}
    </Spin>
  );
}
