// 下载 Excel: a button whose menu offers the two table layouts (and, where a unit is known, the fill-in
// templates). Plain links: the browser downloads the streamed workbook itself, named by the server.
import { Button, Dropdown, type MenuProps } from 'antd';
import type { XlsxLayout } from '../api/client';

export interface TemplateLinks {
  readonly monitor: string;
  readonly evaluate: string;
}

export default function XlsxDownload({ url, templates, size, label = '下载 Excel' }: {
  url: (layout: XlsxLayout) => string; templates?: TemplateLinks; size?: 'small' | 'middle'; label?: string;
}) {
  const items: MenuProps['items'] = [
    { key: 'table', label: <a href={url('table')} download data-testid="xlsx-table">公开表式（每个项目一行）</a> },
    { key: 'indicators', label: <a href={url('indicators')} download data-testid="xlsx-indicators">指标明细（每个指标一行）</a> },
    ...(templates ? [
      { type: 'divider' as const },
      { key: 'monitor', label: <a href={templates.monitor} download data-testid="xlsx-monitor">运行监控表填报模板</a> },
      { key: 'evaluate', label: <a href={templates.evaluate} download data-testid="xlsx-evaluate">绩效自评表填报模板</a> },
    ] : []),
  ];
  return (
    <Dropdown menu={{ items }} trigger={['click']}>
      <Button size={size} data-testid="xlsx-download">{label}</Button>
    </Dropdown>
  );
}
