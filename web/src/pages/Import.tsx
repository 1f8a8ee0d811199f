// 导入: choose text files, see what would be read from each (units, projects, diagnostics by line)
// before anything is stored, then import. A file that is not a readable table is named with the reason
// and never sent to the import.
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Card, Descriptions, Result, Space, Steps, Table, Tag, Typography, Upload } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useState } from 'react';
import { Link } from 'react-router-dom';
import { api } from '../api/client';
import type { ImportPreviewFile, ImportResult } from '../api/types';
import { errorMessage, PageTitle, SeverityTag, Stack } from '../components/common';
import Rows from '../components/Rows';
import { int, SEVERITY_LABEL } from '../lib/format';

type Diagnostic = ImportPreviewFile['diagnostics'][number] & { key: number };
const MAX_FILES = 20;
const MAX_BYTES = 10 * 1024 * 1024;
const LAYOUT_LABEL: Record<string, string> = { 'tabular-text': '制表符分隔文本', 'flowed-text': 'PDF 转出的文本', pdf: 'PDF', xlsx: 'Excel' };

const keyOf = (f: File) => `${f.name}:${f.size}:${f.lastModified}`;

function Diagnostics({ list: raw }: { list: ImportPreviewFile['diagnostics'] }) {
  const list: Diagnostic[] = raw.map((d, key) => ({ ...d, key }));
  const cols: ColumnsType<Diagnostic> = [
    { title: '行', dataIndex: 'line', key: 'line', width: 64, align: 'right', render: (l: number | null) => l ?? '—', sorter: (a, b) => (a.line ?? 0) - (b.line ?? 0), defaultSortOrder: 'ascend' },
    { title: '级别', key: 'severity', width: 70, render: (_, d) => <SeverityTag severity={d.severity} />, filters: (['error', 'warning', 'info'] as const).map((s) => ({ text: SEVERITY_LABEL[s], value: s })), onFilter: (v, d) => d.severity === v },
    { title: '说明', dataIndex: 'message', key: 'message' },
    { title: '代码', dataIndex: 'code', key: 'code', width: 170, render: (c: string) => <code className="note">{c}</code> },
  ];
  return (
    <Table<Diagnostic>
      rowKey="key" size="small" columns={cols} dataSource={list} scroll={{ x: 700 }}
      pagination={list.length > 10 ? { pageSize: 10, size: 'small', showSizeChanger: false } : false}
      locale={{ emptyText: '没有需要说明的情况' }}
    />
  );
}

function PreviewCard({ p }: { p: ImportPreviewFile }) {
  if (!p.ok) {
    return (
      <Alert
        type="error" showIcon data-testid="preview-error"
        title={`${p.file}：无法读取，不会导入`}
        description={p.error ?? '这个文件不是可读取的项目支出绩效目标表。'}
      />
    );
  }
  const bySeverity = { error: 0, warning: 0, info: 0 };
  for (const d of p.diagnostics) bySeverity[d.severity]++;
  return (
    <Card size="small" title={<span>{p.file} <Tag color="green">可导入</Tag></span>} data-testid="preview-file">
      <Descriptions size="small" column={{ xs: 1, sm: 2, lg: 4 }} items={[
        { key: 'title', label: '标题', children: p.title ?? '—' },
        { key: 'dep', label: '部门', children: p.department ?? '—' },
        { key: 'layout', label: '版式', children: p.layout ? LAYOUT_LABEL[p.layout] ?? p.layout : '—' },
        { key: 'n', label: '内容', children: <b data-testid="preview-counts">{p.units.length} 个单位，{int(p.projects)} 个项目，{int(p.indicators)} 个指标</b> },
      ]} />
      <Typography.Title level={5} style={{ marginTop: 8 }}>资金使用单位</Typography.Title>
      <Rows bordered empty="没有读到单位" rows={p.units.map((u, i) => ({ key: i, title: u.name, actions: <span className="muted">{u.projects} 个项目</span> }))} />
      <Typography.Title level={5} style={{ marginTop: 16 }}>
        读取说明 <Typography.Text type="secondary" className="note">错误 {bySeverity.error}，警告 {bySeverity.warning}，提示 {bySeverity.info}</Typography.Text>
      </Typography.Title>
      <Diagnostics list={p.diagnostics} />
    </Card>
  );
}

function Outcome({ results }: { results: ImportResult }) {
  const imported = results.filter((r) => r.status === 'imported');
  const failed = results.filter((r) => r.status === 'failed');
  return (
    <Result
      status={failed.length === 0 ? 'success' : imported.length > 0 ? 'warning' : 'error'}
      title={failed.length === 0 ? '导入完成' : imported.length > 0 ? '部分文件导入失败' : '导入失败'}
      subTitle={`已导入 ${imported.length} 个，未变化 ${results.filter((r) => r.status === 'unchanged').length} 个，失败 ${failed.length} 个`}
      extra={[<Link key="p" to="/projects"><Button type="primary">查看项目</Button></Link>, <Link key="o" to="/"><Button>回到总览</Button></Link>]}
    >
      <Rows
        testId="import-results"
        rows={results.map((r, i) => ({
          key: i,
          title: (
            <Space wrap>
              <Tag color={r.status === 'imported' ? 'green' : r.status === 'unchanged' ? 'default' : 'red'}>{r.status === 'imported' ? '已导入' : r.status === 'unchanged' ? '未变化' : '失败'}</Tag>
              <span>{r.file}</span>
              {r.status === 'imported' ? <span className="muted">{r.units} 个单位，{r.projects} 个项目，{r.indicators} 个指标</span> : null}
              {r.status === 'unchanged' ? <span className="muted">同样内容的表已导入过</span> : null}
              {r.reason ? <Typography.Text type="danger">{r.reason}</Typography.Text> : null}
            </Space>
          ),
        }))}
      />
    </Result>
  );
}

export default function Import() {
  const [files, setFiles] = useState<File[]>([]);
  const [tooMany, setTooMany] = useState<string | null>(null);
  const client = useQueryClient();
  const preview = useMutation({ mutationFn: (fs: File[]) => api.importPreview(fs) });
  const commit = useMutation({
    mutationFn: (fs: File[]) => api.importFiles(fs),
    onSuccess: () => client.invalidateQueries(),
  });

  const choose = (list: File[]) => {
    const seen = new Set<string>();
    const unique = list.filter((f) => (seen.has(keyOf(f)) ? false : (seen.add(keyOf(f)), true)));
    const big = unique.filter((f) => f.size > MAX_BYTES);
    const kept = unique.filter((f) => f.size <= MAX_BYTES).slice(0, MAX_FILES);
    setTooMany(big.length > 0 ? `${big.map((f) => f.name).join('、')} 超过 10 MB，未加入` : unique.length > MAX_FILES ? `一次至多 ${MAX_FILES} 个文件，其余未加入` : null);
    setFiles(kept);
    commit.reset();
    if (kept.length > 0) preview.mutate(kept);
    else preview.reset();
  };

  const previewed = preview.data && !preview.isPending ? preview.data : null;
  // the preview answers file by file, in the order sent
  const good = previewed ? files.filter((f, i) => (previewed.length === files.length ? previewed[i]?.ok : previewed.some((p) => p.file === f.name && p.ok))) : [];
  const bad = previewed ? previewed.filter((p) => !p.ok) : [];
  const step = commit.isSuccess ? 2 : previewed ? 1 : 0;

  return (
    <>
      <PageTitle title="导入" sub="上传项目支出绩效目标表：部门公开的 PDF（.pdf），或文本文件（.txt，UTF-8 或 GBK）。先预览读取结果，确认后再存入。" />
      <Steps size="small" current={step} style={{ marginBottom: 16, maxWidth: 640 }} items={[{ title: '选择文件' }, { title: '预览' }, { title: '导入' }]} />
      <Stack>
        {commit.isSuccess ? <Outcome results={commit.data} /> : (
          <>
            <Upload.Dragger
              multiple accept=".pdf,application/pdf,.txt,text/plain" showUploadList={false} fileList={[]}
              beforeUpload={(_f, list) => { if (list[0] === _f) choose([...files, ...list]); return false; }}
              aria-label="选择文件"
            >
              <p className="upload-big">＋</p>
              <p>点击或拖放文件到这里</p>
              <p className="muted note">可一次选择多个文件；每个至多 10 MB，至多 {MAX_FILES} 个。</p>
            </Upload.Dragger>
            {tooMany ? <Alert type="warning" showIcon title={tooMany} /> : null}
            {files.length > 0 ? (
              <Card size="small" title={`已选择 ${files.length} 个文件`} extra={<Button size="small" onClick={() => choose([])}>清空</Button>}>
                <Space wrap>
                  {files.map((f) => (
                    <Tag key={keyOf(f)} closable onClose={(e) => { e.preventDefault(); choose(files.filter((x) => x !== f)); }}>
                      {f.name}（{(f.size / 1024).toFixed(1)} KB）
                    </Tag>
                  ))}
                </Space>
              </Card>
            ) : null}
            {preview.isPending ? <Card size="small" loading title="正在读取…" /> : null}
            {preview.isError ? <Alert type="error" showIcon title="预览失败，未存入任何内容" description={errorMessage(preview.error)} /> : null}
            {previewed ? (
              <>
                {previewed.map((p, i) => <PreviewCard key={`${p.file}-${i}`} p={p} />)}
                <Card size="small" className="confirm-bar">
                  <Space wrap align="center">
                    <Button type="primary" size="large" disabled={good.length === 0} loading={commit.isPending} onClick={() => commit.mutate(good)}>
                      确认导入{good.length > 0 ? ` ${good.length} 个文件` : ''}
                    </Button>
                    {bad.length > 0 ? <Typography.Text type="danger">{bad.length} 个文件无法读取，不会导入。</Typography.Text> : null}
                    {good.length === 0 ? <Typography.Text type="secondary">没有可导入的文件。</Typography.Text> : null}
                  </Space>
                  {commit.isError ? <Alert style={{ marginTop: 12 }} type="error" showIcon title="导入失败，未存入任何内容" description={errorMessage(commit.error)} /> : null}
                </Card>
              </>
            ) : null}
          </>
        )}
      </Stack>
    </>
  );
}
