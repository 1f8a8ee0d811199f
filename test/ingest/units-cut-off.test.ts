// Projects printed before the first unit row of a table that prints unit rows: their unit row is not in the
// input (a PDF cut to some pages, a text starting mid-table). They must not be given to the header's
// department, which is often one of the table's units, nor to the unit that follows.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseBytes } from '../../src/ingest/index.js';
import { REPO_ROOT } from '../helpers/samples.js';

const lines = readFileSync(join(REPO_ROOT, 'samples', '002_02da4d888feccc7a.txt'), 'utf8').split('\n');
const header = lines.slice(0, 9);
const row = (n: number): string => lines[n - 1]!;

describe('projects before the first unit row', () => {
  it('go to （未注明单位） with a warning when the table prints unit rows after them', () => {
    // 广州市人力资源市场服务中心's projects (lines 180–206) without their unit row, then the next unit whole
    const text = [...header, ...lines.slice(179, 206), row(207), ...lines.slice(207, 245)].join('\n');
    const doc = parseBytes(Buffer.from(text), { file: 'cut.txt' });
    expect(doc.department).toBe('广州市人力资源和社会保障局');
    expect(doc.units.map((u) => u.name)).toEqual(['（未注明单位）', '广州市社会保险基金管理中心']);
    const unknown = doc.diagnostics.filter((d) => d.code === 'unit-unknown');
    expect(unknown).toHaveLength(1);
    expect(unknown[0]!.severity).toBe('warning');
    expect(unknown[0]!.message).toContain(`${doc.units[0]!.projects.length} 个项目`);
    expect(doc.diagnostics.some((d) => d.code === 'unit-inferred')).toBe(false);
  });

  it('go to the header\'s unit, as before, when the table prints no unit row at all', () => {
    const text = [...header, ...lines.slice(179, 206)].join('\n');
    const doc = parseBytes(Buffer.from(text), { file: 'one-unit.txt' });
    expect(doc.units.map((u) => u.name)).toEqual(['广州市人力资源和社会保障局']);
    expect(doc.diagnostics.some((d) => d.code === 'unit-inferred')).toBe(true);
    expect(doc.diagnostics.some((d) => d.code === 'unit-unknown')).toBe(false);
  });
});
