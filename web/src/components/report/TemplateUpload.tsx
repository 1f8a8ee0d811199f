// Filling a report offline: the report's own template (its plan's project and indicators) to download, and
// the filled workbook back. Unsaved typing is saved first, so the upload is based on what the page shows.
// A refused file (422 template-invalid) changes nothing; every problem is listed with its cell (指标!L5) so a
// clerk can work through them in Excel and upload again. A stale revision is the frame's conflict dialog.
import { useMutation } from '@tanstack/react-query';
import { Alert, App, Button, Typography, Upload } from 'antd';
import { useEffect, useRef, useState } from 'react';
import { ApiError } from '../../api/client';
import { reportLabel, reportsApi, type ReportConflict, type ReportIssue, type ReportKindName } from '../../api/reports';
import { errorMessage } from '../common';
import type { ReportSave } from './useReportSave';

export interface UploadProblems { readonly file: string; readonly issues: readonly ReportIssue[] }

const problemsOf = (e: unknown): readonly ReportIssue[] | null => {
  if (!(e instanceof ApiError) || e.code !== 'template-invalid') return null;
  const d = e.detail as { issues?: unknown } | undefined;
  return Array.isArray(d?.issues) ? (d.issues as ReportIssue[]) : [];
};

export function useTemplateUpload<I>(kind: ReportKindName, id: number, save: ReportSave<I>, reload: () => Promise<unknown>) {
  const { message } = App.useApp();
  const [problems, setProblems] = useState<UploadProblems | null>(null);
  const upload = useMutation({
    mutationFn: async (file: File) => {
      if (!/\.xlsx$/i.test(file.name)) throw new Error(`请上传 .xlsx 格式的填报模板（“${file.name}”不是）`);
      if (!(await save.saveNow())) throw new Error('请先解决保存问题后再上传');
      return reportsApi.upload(kind, id, save.baseNumber(), file);
    },
    onMutate: () => setProblems(null),
    onSuccess: async (r) => {
      await reload();
      void message.success(r.changed ? `已导入填报模板：${r.changed} 项指标已填写，页面显示已保存的内容` : '已导入填报模板：表中的指标填写与报告相同，没有变化', 6);
    },
    onError: (e, file) => {
      const issues = problemsOf(e);
      if (issues) { setProblems({ file: file.name, issues }); return; }
      if (e instanceof ApiError && e.code === 'report-conflict' && e.detail) { save.raiseConflict(e.detail as ReportConflict); return; }
      void message.error(errorMessage(e));
    },
  });
  return { upload, problems, clear: () => setProblems(null) };
}

/** the two actions in 打印与下载 */
export function TemplateActions({ kind, id, upload }: { kind: ReportKindName; id: number; upload: ReturnType<typeof useTemplateUpload>['upload'] }) {
  return (
    <div className="template-actions" data-testid="template-actions">
      <a href={reportsApi.templateUrl(kind, id)} download data-testid="template-download">下载填报模板</a>
      <Upload accept=".xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" showUploadList={false} maxCount={1}
        beforeUpload={(f) => { upload.mutate(f); return false; }} disabled={upload.isPending}>
        <Button size="small" loading={upload.isPending} data-testid="template-upload">上传填好的模板</Button>
      </Upload>
      <div className="muted note">在 Excel 或 WPS 中填写{reportLabel(kind)}表（带 * 的列），保存后上传；空白的单元格保留页面上已有的填写。</div>
    </div>
  );
}

/** every problem of a refused file, by cell: nothing was changed */
export function TemplateProblems({ problems, onClose }: { problems: UploadProblems; onClose: () => void }) {
  // the upload button is far below on a phone: bring the list into view
  const box = useRef<HTMLDivElement>(null);
  useEffect(() => { box.current?.scrollIntoView({ block: 'start', behavior: 'smooth' }); }, [problems]);
  return (
    <div ref={box}><Alert type="error" showIcon closable onClose={onClose} style={{ marginBottom: 12 }} data-testid="upload-problems"
      title={`“${problems.file}”有 ${problems.issues.length} 处问题，报告未改变`}
      description={(
        <div>
          <Typography.Paragraph className="note" style={{ marginBottom: 6 }}>请在表中逐一改正下列单元格后重新上传：</Typography.Paragraph>
          <ol className="upload-problems">
            {problems.issues.map((i, k) => (
              <li key={`${k}:${i.field}`} data-cell={i.field}>
                <code className="cell-ref">{i.field}</code>
                <span className="upload-problem-text">{i.message}</span>
              </li>
            ))}
          </ol>
        </div>
      )} /></div>
  );
}
