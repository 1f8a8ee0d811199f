// Reading a filled 运行监控 template (template-monitor.ts) back: per project (项目编号, 项目名称) its
// 调整后预算 / 累计支出 per funding source and per indicator (指标编号, 三级指标) 当前完成值, 完成可能性,
// 全年预计完成值, 偏差原因, 纠偏措施. Never throws: what cannot be read is an error naming its cell
// (`指标完成!I7: …`), and the rest is still read.
import ExcelJS from 'exceljs';
import { DEVIATION_CAUSES, LIKELIHOOD } from './template-monitor.js';

export interface CellError { readonly cell: string; readonly message: string }

export interface FilledFunding { readonly source: string; readonly row: number; readonly initial: number | null; readonly adjusted: number | null; readonly spent: number | null }
export interface FilledIndicator {
  readonly row: number; readonly id: number | null; readonly name: string;
  readonly current: string | null; readonly likelihood: (typeof LIKELIHOOD)[number] | null; readonly forecast: string | null;
  readonly reasons: (typeof DEVIATION_CAUSES)[number][]; readonly reasonText: string; readonly measures: string;
}
export interface FilledProject { readonly id: number | null; readonly name: string; funding: FilledFunding[]; indicators: FilledIndicator[] }
export interface FilledMonitor { readonly projects: FilledProject[]; readonly errors: CellError[] }

/** a cell's value as text: rich text joined, a formula's result, dates as ISO dates */
function text(v: ExcelJS.CellValue): string | null {
  if (v === null || v === undefined) return null;
  if (typeof v === 'string') return v.trim() || null;
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  if (v instanceof Date) return v.toISOString().slice(0, 10);
  if (typeof v === 'object' && 'richText' in v) return v.richText.map((r) => r.text).join('').trim() || null;
  if (typeof v === 'object' && 'result' in v) return text(v.result as ExcelJS.CellValue);
  if (typeof v === 'object' && 'text' in v) return String(v.text).trim() || null;
  return null;
}

export async function readMonitorTemplate(bytes: Uint8Array): Promise<FilledMonitor> {
  const errors: CellError[] = [];
  const wb = new ExcelJS.Workbook();
  try {
    await wb.xlsx.load(bytes as never);
  } catch {
    return { projects: [], errors: [{ cell: '文件', message: '不是可读取的 xlsx 文件，请上传由本系统下载并填写的运行监控表' }] };
  }
  const budget = wb.getWorksheet('预算执行');
  const indicators = wb.getWorksheet('指标完成');
  if (!budget || !indicators) return { projects: [], errors: [{ cell: '文件', message: '缺少“预算执行”或“指标完成”工作表：请使用本系统下载的运行监控表模板' }] };
  const byKey = new Map<string, FilledProject>();
  const project = (id: string | null, name: string | null): FilledProject => {
    const n = id === null ? null : Number(id);
    const key = n !== null && Number.isFinite(n) ? `#${n}` : `name:${name ?? ''}`;
    if (!byKey.has(key)) byKey.set(key, { id: n !== null && Number.isFinite(n) ? n : null, name: name ?? '', funding: [], indicators: [] });
    return byKey.get(key)!;
  };
  const amount = (ws: ExcelJS.Worksheet, row: number, col: number): number | null => {
    const cell = ws.getRow(row).getCell(col);
    const t = text(cell.value);
    if (t === null) return null;
    const x = Number(t.replace(/,/g, ''));
    if (!Number.isFinite(x) || x < 0) { errors.push({ cell: `${ws.name}!${cell.address}`, message: `“${t}”不是金额（万元，不能为负）` }); return null; }
    return x;
  };
  let current: FilledProject | null = null;
  for (let r = 4; r <= budget.rowCount; r++) {
    const row = budget.getRow(r);
    const source = text(row.getCell(3).value);
    if (source === null) continue;
    if (source === '合计') { current = project(text(row.getCell(1).value), text(row.getCell(2).value)); continue; }
    if (!current) { errors.push({ cell: `预算执行!C${r}`, message: '资金来源行之前没有项目的合计行' }); continue; }
    current.funding.push({ source, row: r, initial: amount(budget, r, 4), adjusted: amount(budget, r, 5), spent: amount(budget, r, 6) });
  }
  for (let r = 4; r <= indicators.rowCount; r++) {
    const row = indicators.getRow(r);
    const name = text(row.getCell(6).value);
    if (name === null) continue;
    const p = project(text(row.getCell(1).value), text(row.getCell(2).value));
    const likelihoodText = text(row.getCell(9).value);
    let likelihood: FilledIndicator['likelihood'] = null;
    if (likelihoodText !== null) {
      if ((LIKELIHOOD as readonly string[]).includes(likelihoodText)) likelihood = likelihoodText as FilledIndicator['likelihood'];
      else errors.push({ cell: `指标完成!${row.getCell(9).address}`, message: `完成可能性“${likelihoodText}”应为 ${LIKELIHOOD.join('、')} 之一` });
    }
    // 偏差原因: the list's words (several allowed, separated by 、，, or spaces); anything else is its text
    const reasonCell = text(row.getCell(11).value) ?? '';
    const reasons: FilledIndicator['reasons'] = [];
    const rest: string[] = [];
    for (const part of reasonCell.split(/[、，,；;\s]+/).filter(Boolean)) {
      const m = /^(人员|制度|经费|其他)[:：]?(.*)$/.exec(part);
      if (m) { if (!reasons.includes(m[1] as never)) reasons.push(m[1] as FilledIndicator['reasons'][number]); if (m[2]) rest.push(m[2]); } else rest.push(part);
    }
    const idText = text(row.getCell(3).value);
    p.indicators.push({
      row: r, id: idText === null || !Number.isFinite(Number(idText)) ? null : Number(idText), name,
      current: text(row.getCell(8).value), likelihood, forecast: text(row.getCell(10).value), reasons, reasonText: rest.join('；'), measures: text(row.getCell(12).value) ?? '',
    });
  }
  return { projects: [...byKey.values()], errors };
}
