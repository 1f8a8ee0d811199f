// 栏目对应: how each column of a workbook (or CSV) sheet was read, from its header text, with a select
// per column to change it; a change previews the file again with the new mapping (nothing is stored).
import { Select, Space, Table, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { COLUMN_ROLE_LABEL, COLUMN_ROLES, type ColumnRole } from '../../../src/model/types';
import type { ImportPreviewFile } from '../api/types';

type Sheet = NonNullable<ImportPreviewFile['sheets']>[number];
type Column = NonNullable<Sheet['columns']>[number] & { key: string };

const NOT_READ = '__none__';
const OPTIONS = [
  ...COLUMN_ROLES.map((r) => ({ value: r, label: COLUMN_ROLE_LABEL[r] })),
  { value: NOT_READ, label: '不读取' },
];

export default function ColumnMapping({ sheets, onChange }: {
  sheets: readonly Sheet[];
  /** a column set to a role (null: not read) */
  onChange: (sheet: string, column: string, role: ColumnRole | null) => void;
}) {
  const shown = sheets.filter((s) => s.columns && s.columns.length > 0);
  const skipped = sheets.filter((s) => !s.read && !(s.columns && s.columns.length > 0));
  return (
    <div data-testid="column-mapping">
      <Typography.Title level={5} style={{ marginTop: 16 }}>栏目对应</Typography.Title>
      <Typography.Paragraph type="secondary" className="note">
        按表头文字判断每一栏是什么；如有读错，可在此更改，预览随即更新（确认导入前不会存入）。
      </Typography.Paragraph>
      {shown.map((s) => {
        const cols: ColumnsType<Column> = [
          { title: '列', dataIndex: 'column', key: 'column', width: 56 },
          { title: '表头文字', dataIndex: 'header', key: 'header', render: (h: string) => h || <span className="muted">（无表头）</span> },
          {
            title: '读作', key: 'role', width: 200,
            render: (_, c) => (
              <Space>
                <Select
                  size="small" style={{ width: 150 }} options={OPTIONS} aria-label={`${s.name || '表格'} ${c.column} 列读作`}
                  value={c.role ?? NOT_READ} data-testid={`column-${s.name}-${c.column}`}
                  onChange={(v: string) => onChange(s.name, c.column, v === NOT_READ ? null : v as ColumnRole)}
                />
                {c.chosen ? <Tag color="blue">已更改</Tag> : null}
              </Space>
            ),
          },
        ];
        return (
          <div key={s.name} style={{ marginBottom: 12 }}>
            <Typography.Text strong>{s.name ? `工作表“${s.name}”` : '表格'}</Typography.Text>{' '}
            <Typography.Text type="secondary" className="note">
              {s.read
                ? `表头在第 ${s.headerRows?.[0]}${s.headerRows && s.headerRows[1] !== s.headerRows[0] ? `–${s.headerRows[1]}` : ''} 行，${s.layout === 'indicator-rows' ? '每个指标一行' : '每个项目一行'}，金额单位${s.amountUnit === '元' ? '元（已换算为万元）' : '万元'}`
                : `未读取：${s.skipped ?? ''}`}
            </Typography.Text>
            <Table<Column>
              rowKey="key" size="small" pagination={false} style={{ marginTop: 4 }}
              columns={cols} dataSource={(s.columns ?? []).map((c) => ({ ...c, key: c.column }))}
            />
          </div>
        );
      })}
      {skipped.length > 0 ? (
        <Typography.Paragraph type="secondary" className="note">
          未读取的工作表：{skipped.map((s) => `“${s.name}”（${s.skipped ?? ''}）`).join('、')}
        </Typography.Paragraph>
      ) : null}
    </div>
  );
}
