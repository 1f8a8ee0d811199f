// `--format csv`: one row per indicator with its unit, project and funding, UTF-8 with BOM and CRLF
// so Excel opens it in Chinese. A project without indicators, and an orphan, still get a row.
import type { Funding, Indicator, TableDocument, Target } from '../../model/index.js';

const HEADER = [
  '文件', '单位', '项目名称', '项目行号', '总计', '财政拨款', '财政专户拨款', '其他资金', '未归列金额',
  '序号', '一级指标代码', '一级指标', '二级指标代码', '二级指标', '三级指标', '实施周期指标值', '年度指标值', '指标行号',
  '实施周期类型', '实施周期比较', '实施周期数值', '实施周期单位', '年度类型', '年度比较', '年度数值', '年度单位',
];

function cell(v: string | number | null | undefined): string {
  if (v === null || v === undefined) return '';
  const s = String(v);
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

const fundingCells = (f: Funding | null): (number | string | null)[] =>
  f ? [f.total, f.fiscal, f.specialAccount, f.other, f.unplaced.join(' ')] : [null, null, null, null, null];

const targetCells = (t: Target): (number | string | null)[] => [t.kind ?? null, t.op ?? null, t.value ?? (t.kind === 'range' ? `${t.min}-${t.max}` : null), t.unit ?? null];

const indicatorCells = (i: Indicator | null): (number | string | null)[] =>
  i ? [i.seq, i.level1.code, i.level1.name, i.level2.code, i.level2.name, i.name, i.period.raw, i.annual.raw, i.line ?? null, ...targetCells(i.period), ...targetCells(i.annual)] : Array<null>(17).fill(null);

export function renderCsv(docs: readonly TableDocument[]): string {
  const lines = [HEADER.map(cell).join(',')];
  for (const doc of docs) {
    for (const u of doc.units) {
      for (const p of u.projects) {
        const base = [doc.source.file, u.name, p.name, p.line ?? null, ...fundingCells(p.funding)];
        const list = p.indicators.length || p.indicatorsText ? p.indicators : [null];
        for (const i of list) lines.push([...base, ...indicatorCells(i)].map(cell).join(','));
        if (p.indicatorsText) lines.push([...base, null, null, null, null, null, p.indicatorsText, ...Array<null>(11).fill(null)].map(cell).join(','));
      }
    }
    for (const o of doc.orphans) {
      const base = [doc.source.file, '', `（无所属项目）${o.text}`, o.line ?? null, null, null, null, null, null];
      for (const i of o.indicators.length ? o.indicators : [null]) lines.push([...base, ...indicatorCells(i)].map(cell).join(','));
    }
  }
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}
