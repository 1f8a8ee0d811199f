// The flowed-text reader must hold on layouts it has never seen. Sample 002 is tabular, so its reading
// is exact; re-laid out as flowed text at random cell widths, indents, blank-line gaps and page-break
// positions (test/helpers/relayout.ts), it must read to the same units, projects (names, totals) and
// indicators, with nothing left orphaned.
//
// Replay one layout:  JIXIAO_RELAYOUT_REPLAY=0x1a2b3c4d npx vitest run test/relayout.test.ts
import { writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseText } from '../src/ingest/index.js';
import type { TableDocument } from '../src/model/index.js';
import { deriveSeed, hex32, mulberry32, parseSeed } from './helpers/prng.js';
import { relayoutTabular } from './helpers/relayout.js';
import { loadSamples } from './helpers/samples.js';

const CASES = Number(process.env['JIXIAO_RELAYOUT_CASES'] ?? 40);
const REPLAY = parseSeed(process.env['JIXIAO_RELAYOUT_REPLAY']);

/** What must survive a change of layout: the structure, names, totals and every indicator. A space
 *  where a cell wraps is not kept by any extractor, so whitespace does not count. */
const bare = (s: string): string => s.replace(/\s+/g, '');

function shape(doc: TableDocument) {
  return {
    total: doc.total?.total ?? null,
    units: doc.units.map((u) => ({
      name: bare(u.name),
      total: u.funding?.total ?? null,
      projects: u.projects.map((p) => ({
        name: bare(p.name),
        total: p.funding.total,
        indicators: p.indicators.map((i) => bare(`${i.seq}|${i.level1.code}|${i.level2.code}|${i.name}|${i.period.raw}|${i.annual.raw}`)),
        indicatorsText: bare(p.indicatorsText ?? ''),
      })),
    })),
    orphans: doc.orphans.length,
  };
}

const tabular = loadSamples().filter((s) => s.kind === 'tabular');

describe.each(tabular.map((s) => [s.id, s] as const))('sample %s re-laid out as flowed text', (_id, sample) => {
  const expected = shape(parseText(sample.text));

  it('the tabular reading is the reference: projects, indicators, no orphans', () => {
    expect(expected.units.reduce((n, u) => n + u.projects.length, 0)).toBeGreaterThan(50);
    expect(expected.orphans).toBe(0);
  });

  it(`reads the same projects and indicators at ${REPLAY !== undefined ? 'the replayed layout' : `${CASES} random layouts`}`, () => {
    const seeds = REPLAY !== undefined ? [REPLAY] : Array.from({ length: CASES }, (_, i) => deriveSeed(0x72656c61, Number(sample.id), i));
    const failures: string[] = [];
    for (const seed of seeds) {
      const layout = relayoutTabular(sample.text, mulberry32(seed));
      const doc = parseText(layout.text);
      const got = shape(doc);
      expect(doc.source.layout).toBe('flowed-text');
      if (JSON.stringify(got) === JSON.stringify(expected)) continue;
      const file = join(tmpdir(), `jixiao-relayout-${sample.id}-${hex32(seed)}.txt`);
      writeFileSync(file, layout.text);
      failures.push(`${hex32(seed)} (${layout.choices}) → ${file}: ${firstDifference(got, expected)}`);
    }
    expect(failures, `${failures.length} of ${seeds.length} layouts read differently; first:\n${failures.slice(0, 5).join('\n')}`).toEqual([]);
  }, 240_000);
});

function firstDifference(got: ReturnType<typeof shape>, want: ReturnType<typeof shape>): string {
  if (got.orphans !== want.orphans) return `${got.orphans} orphans`;
  if (got.total !== want.total) return `合计 ${got.total} ≠ ${want.total}`;
  if (got.units.length !== want.units.length) return `${got.units.length} units ≠ ${want.units.length}: ${got.units.map((u) => u.name.slice(0, 20)).join("/")}`;
  for (let u = 0; u < want.units.length; u++) {
    const g = got.units[u]!;
    const w = want.units[u]!;
    if (g.name !== w.name || g.total !== w.total) return `unit ${u}: ${g.name} ${g.total} ≠ ${w.name} ${w.total}`;
    for (let p = 0; p < Math.max(g.projects.length, w.projects.length); p++) {
      const a = JSON.stringify(g.projects[p]);
      const b = JSON.stringify(w.projects[p]);
      if (a !== b) return `unit ${u} project ${p}: ${a?.slice(0, 160)} ≠ ${b?.slice(0, 160)}`;
    }
  }
  return 'differs';
}
