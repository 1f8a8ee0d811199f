// `--format csv`: one row per indicator with its unit, project and funding, UTF-8 with BOM and CRLF
// so Excel opens it in Chinese; target kinds and comparisons in Chinese (数值, ≥), or as the model's codes
// (numeric, >=) for `--format csv-raw`. A project without indicators, and an orphan, still get a row.
import { csvCell, INDICATOR_CSV_HEADER, targetCells, type CsvCell, type CsvStyle, type Funding, type Indicator, type TableDocument } from '../../model/index.js';

type Cell = CsvCell;
const cell = csvCell;

const fundingCells = (f: Funding | null): Cell[] =>
  f ? [f.total, f.fiscal, f.specialAccount, f.other, f.unplaced.join(' ')] : [null, null, null, null, null];

const indicatorCells = (i: Indicator | null, style: CsvStyle): Cell[] =>
  i ? [i.seq, i.level1.code, i.level1.name, i.level2.code, i.level2.name, i.name, i.period.raw, i.annual.raw, i.line ?? null, ...targetCells(i.period, style), ...targetCells(i.annual, style)] : Array<null>(17).fill(null);

export function renderCsv(docs: readonly TableDocument[], style: CsvStyle = 'labels'): string {
  const lines = [INDICATOR_CSV_HEADER.map(cell).join(',')];
  for (const doc of docs) {
    for (const u of doc.units) {
      for (const p of u.projects) {
        const base = [doc.source.file, u.name, p.name, p.line ?? null, ...fundingCells(p.funding)];
        const list = p.indicators.length || p.indicatorsText ? p.indicators : [null];
        for (const i of list) lines.push([...base, ...indicatorCells(i, style)].map(cell).join(','));
        if (p.indicatorsText) lines.push([...base, null, null, null, null, null, p.indicatorsText, ...Array<null>(11).fill(null)].map(cell).join(','));
      }
    }
    for (const o of doc.orphans) {
      const base = [doc.source.file, '', `（无所属项目）${o.text}`, o.line ?? null, null, null, null, null, null];
      for (const i of o.indicators.length ? o.indicators : [null]) lines.push([...base, ...indicatorCells(i, style)].map(cell).join(','));
    }
  }
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}
