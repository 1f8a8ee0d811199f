// `jixiao stats`: what the tables hold, for a reader deciding what to look at.
import type { Writable } from 'node:stream';
import { TARGET_KIND_LABEL } from '../model/index.js';
import { computeStats, type Stats } from '../targets/index.js';
import { readDocuments } from './read.js';
import { pad } from './render/text.js';

const pct = (x: number): string => `${(x * 100).toFixed(1)}%`;
const int = (n: number): string => n.toLocaleString('en-US');

export async function statsCommand(files: readonly string[], format: 'text' | 'json', out: Writable, err: Writable): Promise<number> {
  const { docs, failed } = await readDocuments(files, err, { table: true });
  // nothing readable: no statistics (an empty report would read 已识别 100.00%（0/0）)
  if (docs.length === 0) return 1;
  const stats = computeStats(docs);
  out.write(format === 'json' ? `${JSON.stringify(stats, null, 2)}\n` : renderStats(stats));
  return failed > 0 ? 1 : 0;
}

export function renderStats(s: Stats): string {
  const o: string[] = [];
  // the web app and the store's lists count the indicators of projects only: say where the difference is
  const orphans = s.orphanIndicators ? `（其中 ${int(s.orphanIndicators)} 项无所属项目，网页中不计入）` : '';
  o.push(`${s.documents} 个文件，${int(s.projects)} 个项目，指标 ${int(s.indicators)} 项${orphans}`);
  o.push('', '一级指标');
  for (const l of s.byLevel1) o.push(`  ${pad(`${l.code ?? '—'} ${l.name ?? ''}`, 18)} ${pad(String(l.count), 6, 'right')}  ${pct(l.count / Math.max(1, s.indicators))}`);
  o.push('', '二级指标');
  for (const l of s.byLevel2) o.push(`  ${pad(`${l.code ?? '—'} ${l.name ?? ''}`, 18)} ${pad(String(l.count), 6, 'right')}  ${pct(l.count / Math.max(1, s.indicators))}`);
  o.push('', `指标值（实施周期与年度，共 ${s.targets.total} 个）`);
  for (const [k, n] of Object.entries(s.targets.byKind)) if (n) o.push(`  ${pad(TARGET_KIND_LABEL[k as keyof typeof TARGET_KIND_LABEL] ?? k, 10)} ${pad(String(n), 6, 'right')}  ${pct(n / Math.max(1, s.targets.total))}`);
  o.push(`  已识别 ${(s.targets.readShare * 100).toFixed(2)}%（${s.targets.total - s.targets.byKind.unparsed}/${s.targets.total}）；以数值或区间为目标的指标占 ${pct(s.numericShare)}`);
  o.push('', `最常见的指标（按规范化名称归并，前 ${s.topNames.length} 个）`);
  for (const n of s.topNames) {
    o.push(`  ${pad(n.name, 34)} ${pad(String(n.count), 4, 'right')}${n.spellings > 1 ? `（${n.spellings} 种写法）` : ''}  常见目标：${n.usualTargets.map((t) => `${t.target || '（空）'}×${t.count}`).join('，')}`);
  }
  o.push('', s.unparsed.length ? `未能识别的指标值（${s.unparsed.length} 种）` : '未能识别的指标值：无');
  for (const u of s.unparsed) o.push(`  ${u.raw}  ×${u.count}  （${u.where}）`);
  return `${o.join('\n')}\n`;
}
