// Fixture-driven tests for the text readers. Each folder in test/fixtures holds an excerpt of a real
// published table (input.txt) and the document we expect from it (expected.json), written by hand from
// the source text — never from parser output. A "notes" field in expected.json explains judgement calls
// and is ignored here.
import { readdirSync, readFileSync, existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { parseText } from '../src/ingest/index.js';
import type { TableDocument } from '../src/model/index.js';

interface ExpectedDiagnostic {
  readonly severity: string;
  readonly code: string;
  readonly line?: number;
}

interface Expected {
  readonly layout: string;
  readonly title: string | null;
  readonly year: number | null;
  readonly department: string | null;
  readonly currencyUnit: string | null;
  readonly total: unknown;
  readonly units: unknown;
  readonly orphans: unknown;
  readonly diagnostics: readonly ExpectedDiagnostic[];
  readonly notes?: string;
}

const here = dirname(fileURLToPath(import.meta.url));
const fixturesDir = join(here, 'fixtures');

const cases: string[] = readdirSync(fixturesDir, { withFileTypes: true })
  .filter((d) => d.isDirectory())
  .map((d) => d.name)
  .filter((name) => existsSync(join(fixturesDir, name, 'input.txt')) && existsSync(join(fixturesDir, name, 'expected.json')))
  .sort();

const byKey = (a: { severity: string; code: string }, b: { severity: string; code: string }): number =>
  `${a.severity}\u0000${a.code}`.localeCompare(`${b.severity}\u0000${b.code}`);

it('finds fixture cases', () => {
  expect(cases.length).toBeGreaterThan(0);
});

describe.each(cases)('fixture %s', (name) => {
  let doc: TableDocument;
  let expected: Expected;

  beforeAll(() => {
    const input = readFileSync(join(fixturesDir, name, 'input.txt'), 'utf8');
    expected = JSON.parse(readFileSync(join(fixturesDir, name, 'expected.json'), 'utf8')) as Expected;
    doc = parseText(input, { file: 'input.txt' });
  });

  it('reads the layout and the header', () => {
    expect(doc.source.layout).toBe(expected.layout);
    expect({ title: doc.title, year: doc.year, department: doc.department, currencyUnit: doc.currencyUnit }).toEqual({
      title: expected.title,
      year: expected.year,
      department: expected.department,
      currencyUnit: expected.currencyUnit,
    });
  });

  it('reads the 合计 row', () => {
    expect(doc.total).toEqual(expected.total);
  });

  it('reads the units, projects and indicators', () => {
    expect(doc.units).toEqual(expected.units);
  });

  it('keeps orphaned content apart', () => {
    expect(doc.orphans).toEqual(expected.orphans);
  });

  it('reports exactly the expected diagnostics', () => {
    const actual = doc.diagnostics.map((d) => ({ severity: d.severity, code: d.code })).sort(byKey);
    const wanted = expected.diagnostics.map((d) => ({ severity: d.severity, code: d.code })).sort(byKey);
    expect(actual).toEqual(wanted);
    for (const d of expected.diagnostics) {
      if (d.line === undefined) continue;
      const match = doc.diagnostics.some((a) => a.code === d.code && a.line === d.line);
      expect(match, `expected a ${d.code} diagnostic at line ${d.line}; got ${JSON.stringify(doc.diagnostics.filter((a) => a.code === d.code).map((a) => a.line))}`).toBe(true);
    }
  });
});
