// 导入: choose files, see what would be read from each (units, projects, review score, diagnostics by
// line, whether the same table is already stored) before anything is stored, say the year and
// department a table does not print (a stored publication of its unit proposes them), then import.
// A file that is not a readable table is named with the reason and never sent to the import.
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Card, Descriptions, Input, InputNumber, Progress, Radio, Result, Space, Steps, Table, Tag, Typography, Upload } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useState } from 'react';
import { Link } from 'react-router-dom';
import { api, type ImportChoices } from '../api/client';
import type { ImportPreviewFile, ImportResult, JobProgress } from '../api/types';
import { ACCEPTED_TYPES, acceptAttribute } from '../../../src/ingest/accepted';
import { errorMessage, PageTitle, SeverityTag, Stack } from '../components/common';
import ColumnMapping from '../components/ColumnMapping';
import { useNarrow } from '../components/NarrowList';
import Rows from '../components/Rows';
import type { ColumnRole } from '../../../src/model/types';
import { dateTime, int, SEVERITY_LABEL } from '../lib/format';

type Diagnostic = ImportPreviewFile['diagnostics'][number] & { key: number };
const MAX_FILES = 20;
const MAX_BYTES = 10 * 1024 * 1024;
const LAYOUT_LABEL: Record<string, string> = { 'tabular-text': '制表符分隔文本', 'flowed-text': 'PDF 转出的文本', pdf: 'PDF', xlsx: 'Excel' };

const keyOf = (f: File) => `${f.name}:${f.size}:${f.lastModified}`;

function Diagnostics({ list: raw }: { list: ImportPreviewFile['diagnostics'] }) {
  const narrow = useNarrow();
  const list: Diagnostic[] = raw.map((d, key) => ({ ...d, key }));
  const wide: ColumnsType<Diagnostic> = [
    // a workbook names its cells (Sheet1!C14) where text names its lines
    list.some((d) => d.cell)
      ? { title: '单元格', dataIndex: 'cell', key: 'cell', width: 120, render: (c: string | undefined) => c ?? '—' }
      : { title: '行', dataIndex: 'line', key: 'line', width: 64, align: 'right', render: (l: number | null) => l ?? '—', sorter: (a, b) => (a.line ?? 0) - (b.line ?? 0), defaultSortOrder: 'ascend' },
    { title: '级别', key: 'severity', width: 70, render: (_, d) => <SeverityTag severity={d.severity} />, filters: (['error', 'warning', 'info'] as const).map((s) => ({ text: SEVERITY_LABEL[s], value: s })), onFilter: (v, d) => d.severity === v },
    { title: '说明', dataIndex: 'message', key: 'message' },
    // the Chinese name for the reader; the code stays in the tooltip for support
    { title: '类别', key: 'label', width: 170, render: (_, d) => <span className="note" title={`代码：${d.code}`}>{d.label}</span> },
  ];
  // on a phone the 说明 keeps the width (no sideways scrolling): level beside the text, no 类别 column
  const cols: ColumnsType<Diagnostic> = narrow ? [
    { ...wide[0]!, width: 96 },
    { title: '说明', key: 'message', render: (_, d) => <span><SeverityTag severity={d.severity} /> {d.message}</span>, filters: wide[1]!.filters, onFilter: wide[1]!.onFilter },
  ] : wide;
  return (
    <Table<Diagnostic>
      rowKey="key" size="small" columns={cols} dataSource={list} scroll={narrow ? undefined : { x: 700 }}
      pagination={list.length > 10 ? { pageSize: 10, size: 'small', showSizeChanger: false } : false}
      locale={{ emptyText: '没有需要说明的情况' }}
    />
  );
}

/** what the user says about a table that prints no year (or department) */
export type Choice = { kind: 'proposed' } | { kind: 'given'; year: number | null; department: string | null } | { kind: 'none' };

const gradeColor: Record<string, string> = { 优: 'green', 良: 'blue', 中: 'orange', 差: 'red' };

/** the question for a table without a year or department: take the proposal, give them, or say there is none */
function Missing({ p, choice, onChoice }: { p: ImportPreviewFile; choice: Choice | undefined; onChoice: (c: Choice) => void }) {
  const missing = p.missing.map((m) => (m === 'year' ? '年度' : '部门')).join('和');
  const given = choice?.kind === 'given' ? choice : { kind: 'given' as const, year: null, department: null };
  return (
    <Alert
      type={p.proposal && !choice ? 'warning' : 'info'} showIcon style={{ marginBottom: 8 }} data-testid="preview-missing"
      title={`原表未注明${missing}${p.proposal ? '：请确认' : ''}`}
      description={(
        <Space orientation="vertical" style={{ width: '100%' }}>
          {p.proposal ? <span>{p.proposal.note}。</span> : <span>库中没有与它的单位和项目一致的表；可以填写，不填则记为“未注明年度”。</span>}
          <Radio.Group value={choice?.kind} onChange={(e) => onChoice(e.target.value === 'given' ? given : { kind: e.target.value as 'proposed' | 'none' })}>
            <Space orientation="vertical">
              {p.proposal ? (
                <Radio value="proposed" data-testid="accept-proposal">
                  采用建议：{[p.proposal.year !== null ? `${p.proposal.year} 年` : null, p.proposal.department].filter(Boolean).join('，')}
                </Radio>
              ) : null}
              <Radio value="given">
                <Space wrap>
                  <span>填写：</span>
                  {p.missing.includes('year') ? (
                    <InputNumber placeholder="年度" min={1900} max={2200} precision={0} style={{ width: 100 }} aria-label="年度" value={given.year}
                      onChange={(v) => onChoice({ ...given, year: typeof v === 'number' ? v : null })} />
                  ) : null}
                  {p.missing.includes('department') ? (
                    <Input placeholder="部门名称" style={{ width: 220 }} aria-label="部门" value={given.department ?? ''}
                      onChange={(e) => onChoice({ ...given, department: e.target.value.trim() || null })} />
                  ) : null}
                </Space>
              </Radio>
              <Radio value="none">确无{missing}（按未注明导入）</Radio>
            </Space>
          </Radio.Group>
        </Space>
      )}
    />
  );
}

type OnColumn = (sheet: string, column: string, role: ColumnRole | null) => void;

function PreviewCard({ p, choice, onChoice, onColumn }: { p: ImportPreviewFile; choice: Choice | undefined; onChoice: (c: Choice) => void; onColumn: OnColumn }) {
  if (!p.ok) {
    return (
      <Alert
        type="error" showIcon data-testid="preview-error"
        title={`${p.file}：无法读取，不会导入`}
        description={(
          <>
            {p.error ?? '这个文件不是可读取的项目支出绩效目标表。'}
            {p.sheets?.some((s) => s.columns?.length) ? <ColumnMapping sheets={p.sheets} onChange={onColumn} /> : null}
          </>
        )}
      />
    );
  }
  const bySeverity = { error: 0, warning: 0, info: 0 };
  for (const d of p.diagnostics) bySeverity[d.severity]++;
  const r = p.review;
  return (
    <Card size="small" title={<span>{p.file} {p.stored ? <Tag>库中已有</Tag> : <Tag color="green">可导入</Tag>}</span>} data-testid="preview-file">
      {p.stored ? (
        <Alert type="info" showIcon style={{ marginBottom: 8 }} data-testid="preview-stored"
          title="库中已有同样内容的表，导入后不会改变"
          description={`已于 ${dateTime(p.stored.importedAt)} 以“${p.stored.file}”导入${p.stored.file === p.file ? '' : '（文件名或编码不同，读出的内容相同）'}。`} />
      ) : p.missing.length > 0 ? <Missing p={p} choice={choice} onChoice={onChoice} /> : null}
      <Descriptions size="small" column={{ xs: 1, sm: 2, lg: 3 }} items={[
        { key: 'title', label: '标题', children: p.title ?? '—' },
        { key: 'year', label: '年度', children: p.year ?? <span className="muted">未注明</span> },
        { key: 'dep', label: '部门', children: p.department ?? <span className="muted">未注明</span> },
        { key: 'layout', label: '版式', children: p.layout ? LAYOUT_LABEL[p.layout] ?? p.layout : '—' },
        { key: 'n', label: '内容', children: <b data-testid="preview-counts">{p.units.length} 个单位，{int(p.projects)} 个项目，{int(p.indicators)} 个指标</b> },
        {
          key: 'review', label: '审核',
          children: r ? (
            <span data-testid="preview-review">
              评分 <b>{r.score === null ? '—' : r.score.toFixed(1)}</b> {r.grade ? <Tag color={gradeColor[r.grade]}>{r.grade}</Tag> : null}
              问题 <b>{r.findings}</b> 个（错误 {r.error}，警告 {r.warning}，提示 {r.info}）
            </span>
          ) : '—',
        },
      ]} />
      <Typography.Title level={5} style={{ marginTop: 8 }}>资金使用单位</Typography.Title>
      <Rows bordered empty="没有读到单位" rows={p.units.map((u, i) => ({ key: i, title: u.name, actions: <span className="muted">{u.projects} 个项目</span> }))} />
      <Typography.Title level={5} style={{ marginTop: 16 }}>
        读取说明 <Typography.Text type="secondary" className="note">错误 {bySeverity.error}，警告 {bySeverity.warning}，提示 {bySeverity.info}</Typography.Text>
      </Typography.Title>
      <div data-testid="preview-diagnostics"><Diagnostics list={p.diagnostics} /></div>
      {p.sheets ? <ColumnMapping sheets={p.sheets} onChange={onColumn} /> : null}
    </Card>
  );
}

export type OutcomeKind = 'success' | 'nothing' | 'partial' | 'error';

/** all imported; nothing new (every file already stored); some not imported; none imported and some failed */
export function outcomeKind(results: ImportResult): OutcomeKind {
  const imported = results.filter((r) => r.status === 'imported').length;
  const unchanged = results.filter((r) => r.status === 'unchanged').length;
  if (imported === results.length) return 'success';
  if (unchanged === results.length) return 'nothing';
  return imported > 0 || unchanged > 0 ? 'partial' : 'error';
}

const OUTCOME: Record<OutcomeKind, { status: 'success' | 'info' | 'warning' | 'error'; title: string }> = {
  success: { status: 'success', title: '导入完成' },
  nothing: { status: 'info', title: '没有导入新内容：所选的表库中都已有' },
  partial: { status: 'warning', title: '部分文件未导入' },
  error: { status: 'error', title: '没有导入任何文件' },
};
const STATUS_TAG: Record<ImportResult[number]['status'], [string, string]> = {
  imported: ['green', '已导入'], unchanged: ['default', '未变化'], 'needs-input': ['orange', '未导入：待确认年度'], failed: ['red', '失败'],
};

function Outcome({ results, again }: { results: ImportResult; again: () => void }) {
  const n = (s: ImportResult[number]['status']) => results.filter((r) => r.status === s).length;
  const kind = outcomeKind(results);
  return (
    <Result
      status={OUTCOME[kind].status} data-testid="import-outcome" data-outcome={kind}
      title={OUTCOME[kind].title}
      subTitle={`已导入 ${n('imported')} 个，未变化 ${n('unchanged')} 个${n('needs-input') ? `，待确认年度 ${n('needs-input')} 个` : ''}，失败 ${n('failed')} 个`}
      extra={[
        <Button key="again" type="primary" onClick={again} data-testid="import-again">继续导入其他文件</Button>,
        <Link key="p" to="/projects"><Button>查看项目</Button></Link>, <Link key="o" to="/"><Button>回到总览</Button></Link>,
      ]}
    >
      <Rows
        testId="import-results"
        rows={results.map((r, i) => ({
          key: i,
          title: (
            <Space wrap>
              <Tag color={STATUS_TAG[r.status][0]}>{STATUS_TAG[r.status][1]}</Tag>
              <span>{r.file}</span>
              {r.status === 'imported' ? <span className="muted">{r.units} 个单位，{r.projects} 个项目，{r.indicators} 个指标{r.year ? `，${r.year} 年` : '，未注明年度'}</span> : null}
              {r.note ? <span className="muted">注：{r.note}</span> : null}
              {r.status === 'unchanged' ? <span className="muted">同样内容的表已导入过{r.storedFile && r.storedFile !== r.file ? `（库中为 ${r.storedFile}）` : ''}</span> : null}
              {r.reason ? <Typography.Text type={r.status === 'failed' ? 'danger' : 'warning'}>{r.reason}</Typography.Text> : null}
            </Space>
          ),
        }))}
      />
    </Result>
  );
}

/** the import job's progress: a bar over the whole job, the stage and how far it is (pages, rows) */
function ImportProgress({ p }: { p: JobProgress | null }) {
  return (
    <Card size="small" title="正在导入…" data-testid="import-progress">
      <Progress percent={Math.floor(p?.percent ?? 0)} status="active" aria-label="导入进度" />
      <Typography.Text>
        {p ? <><b data-testid="import-stage">{p.stage}</b>{p.total > 1 ? <span data-testid="import-count">（{int(p.done)}/{int(p.total)}）</span> : null}　<span className="muted">{p.message}</span></> : '正在上传…'}
      </Typography.Text>
      <p className="muted note" style={{ marginTop: 8, marginBottom: 0 }}>大文件需要一些时间；导入在服务器后台进行，每个文件一个事务：完成前不会留下半个文件。</p>
    </Card>
  );
}

export default function Import() {
  const [files, setFiles] = useState<File[]>([]);
  const [tooMany, setTooMany] = useState<string | null>(null);
  const [choices, setChoices] = useState<Record<string, Choice>>({});
  // workbooks: the column mapping changed in the preview, per file, sheet and column letter
  const [columns, setColumns] = useState<Record<string, Record<string, Record<string, ColumnRole | null>>>>({});
  const [progress, setProgress] = useState<JobProgress | null>(null);
  const client = useQueryClient();
  const columnChoices = (c: typeof columns): ImportChoices => Object.fromEntries(Object.entries(c).map(([f, cols]) => [f, { columns: cols }]));
  const preview = useMutation({ mutationFn: ({ fs, c }: { fs: File[]; c: typeof columns }) => api.importPreview(fs, columnChoices(c)) });
  const setColumn = (file: string): OnColumn => (sheet, column, role) => {
    const next = { ...columns, [file]: { ...columns[file], [sheet]: { ...columns[file]?.[sheet], [column]: role } } };
    setColumns(next);
    preview.mutate({ fs: files, c: next });
  };
  const commit = useMutation({
    // a background job on the server: the page polls its progress, so a large file shows how far it is
    mutationFn: ({ fs, c }: { fs: File[]; c: ImportChoices }) => {
      setProgress(null);
      return api.importFollowed(fs, c, setProgress);
    },
    onSuccess: () => client.invalidateQueries(),
  });

  const choose = (list: File[]) => {
    const seen = new Set<string>();
    const unique = list.filter((f) => (seen.has(keyOf(f)) ? false : (seen.add(keyOf(f)), true)));
    const big = unique.filter((f) => f.size > MAX_BYTES);
    const kept = unique.filter((f) => f.size <= MAX_BYTES).slice(0, MAX_FILES);
    setTooMany(big.length > 0 ? `${big.map((f) => f.name).join('、')} 超过 10 MB，未加入` : unique.length > MAX_FILES ? `一次至多 ${MAX_FILES} 个文件，其余未加入` : null);
    setFiles(kept);
    setChoices({});
    setColumns({});
    commit.reset();
    if (kept.length > 0) preview.mutate({ fs: kept, c: {} });
    else preview.reset();
  };

  const previewed = preview.data && !preview.isPending ? preview.data : null;
  // the preview answers file by file, in the order sent
  const good = previewed ? files.filter((f, i) => (previewed.length === files.length ? previewed[i]?.ok : previewed.some((p) => p.file === f.name && p.ok))) : [];
  const bad = previewed ? previewed.filter((p) => !p.ok) : [];
  const previewOf = (f: File) => previewed?.find((p) => p.file === f.name);
  // a table whose year a stored publication proposes is not imported until the user answers
  const unanswered = previewed ? previewed.filter((p) => p.ok && !p.stored && p.proposal && !choices[p.file]) : [];
  const wire: ImportChoices = Object.fromEntries(good.flatMap((f): [string, ImportChoices[string]][] => {
    const c = choices[f.name];
    const p = previewOf(f);
    const cols = columns[f.name] ? { columns: columns[f.name] } : {};
    if (!p) return [];
    if (!c) return Object.keys(cols).length ? [[f.name, cols]] : [];
    if (c.kind === 'proposed') return [[f.name, { acceptProposed: true, ...cols }]];
    const given = c.kind === 'given' ? c : { year: null, department: null };
    return [[f.name, { ...cols,
      ...(p.missing.includes('year') ? { year: given.year } : {}),
      ...(p.missing.includes('department') ? { department: given.department } : {}),
    }]];
  }));
  const step = commit.isSuccess ? 2 : previewed ? 1 : 0;
  const outcome = commit.isSuccess ? outcomeKind(commit.data) : null;
  const again = () => { setFiles([]); setChoices({}); setColumns({}); setTooMany(null); preview.reset(); commit.reset(); };

  return (
    <>
      <PageTitle title="导入" sub={`上传项目支出绩效目标表，先预览读取结果与审核评分，确认后再存入。${ACCEPTED_TYPES.length === 1 ? '目前可导入' : '可导入'}：${ACCEPTED_TYPES.map((t) => t.label).join('；')}。`} />
      <Steps
        size="small" current={step} style={{ marginBottom: 16, maxWidth: 640 }} data-testid="import-steps"
        status={outcome === null ? 'process' : outcome === 'error' ? 'error' : 'finish'}
        items={[{ title: '选择文件' }, { title: '预览' }, { title: '导入' }]}
      />
      <Stack>
        {commit.isSuccess ? <Outcome results={commit.data} again={again} /> : (
          <>
            <Upload.Dragger
              multiple accept={acceptAttribute()} showUploadList={false} fileList={[]}
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
                {previewed.map((p, i) => (
                  <PreviewCard key={`${p.file}-${i}`} p={p} choice={choices[p.file]} onChoice={(c) => setChoices((x) => ({ ...x, [p.file]: c }))} onColumn={setColumn(p.file)} />
                ))}
                <Card size="small" className="confirm-bar">
                  <Space wrap align="center">
                    <Button type="primary" size="large" disabled={good.length === 0 || unanswered.length > 0} loading={commit.isPending} onClick={() => commit.mutate({ fs: good, c: wire })}>
                      确认导入{good.length > 0 ? ` ${good.length} 个文件` : ''}
                    </Button>
                    {unanswered.length > 0 ? <Typography.Text type="warning">请先确认 {unanswered.map((p) => p.file).join('、')} 的年度。</Typography.Text> : null}
                    {bad.length > 0 ? <Typography.Text type="danger">{bad.length} 个文件无法读取，不会导入。</Typography.Text> : null}
                    {good.length === 0 ? <Typography.Text type="secondary">没有可导入的文件。</Typography.Text> : null}
                  </Space>
                  {commit.isPending ? <div style={{ marginTop: 12 }}><ImportProgress p={progress} /></div> : null}
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
