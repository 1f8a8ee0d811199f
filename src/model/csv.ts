// The indicator CSV shared by `jixiao parse --format csv` and `jixiao export --format csv`: its columns
// and how a target value fills its four columns. `labels` (the default) writes what a clerk reads —
// 数值/区间/期限/定性/复合/空/未识别 and ≥ ≤ ＞ ＜ ＝ 约; `codes` (`--format csv-raw`) the model's own codes
// (numeric, >=), stable for scripts.
import type { Target, TargetKind, TargetOp } from './types.js';

export type CsvStyle = 'labels' | 'codes';

export const TARGET_KIND_LABEL: Readonly<Record<TargetKind, string>> = {
  numeric: '数值', range: '区间', deadline: '期限', qualitative: '定性', compound: '复合', empty: '空', unparsed: '未识别',
};

export const TARGET_OP_LABEL: Readonly<Record<TargetOp, string>> = { '>=': '≥', '<=': '≤', '>': '＞', '<': '＜', '=': '＝', '≈': '约' };

/** the parse CSV's columns, which export repeats first */
export const INDICATOR_CSV_HEADER: readonly string[] = [
  '文件', '单位', '项目名称', '项目行号', '总计', '财政拨款', '财政专户拨款', '其他资金', '未归列金额',
  '序号', '一级指标代码', '一级指标', '二级指标代码', '二级指标', '三级指标', '实施周期指标值', '年度指标值', '指标行号',
  '实施周期类型', '实施周期比较', '实施周期数值', '实施周期单位', '年度类型', '年度比较', '年度数值', '年度单位',
];

export type CsvCell = string | number | null | undefined;

/** kind, comparison, value (min-max for a range), unit */
export function targetCells(t: Target, style: CsvStyle): CsvCell[] {
  const kind = t.kind === undefined ? null : style === 'labels' ? TARGET_KIND_LABEL[t.kind] : t.kind;
  const op = t.op === undefined ? null : style === 'labels' ? TARGET_OP_LABEL[t.op] : t.op;
  return [kind, op, t.value ?? (t.kind === 'range' ? `${t.min}-${t.max}` : null), t.unit ?? null];
}

/** one CSV cell, quoted when it must be */
export function csvCell(v: CsvCell): string {
  if (v === null || v === undefined) return '';
  const s = String(v);
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}
