// Fixture-driven tests for the review rules. Each folder test/review-fixtures/<rule-id>/<case>/ holds a
// small hand-written table (input.txt) and the findings OF THAT RULE a finance-bureau reviewer expects on
// it (expected.json), written from the table, never from the rule's output. Case names say what they
// prove: fires-* (the rule must report) and passes-* (the same situation done right: it must not).
//
// A case the rule gets wrong is kept as the reviewer expects and marked "knownIssue": "<why>"; it is
// skipped here (it.skip) until the rule is fixed, so the expectation is not bent to the code.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parseText } from '../../src/ingest/index.js';
import { review, RULES, comparePaths, type Finding } from '../../src/review/index.js';

interface ExpectedFinding {
  readonly severity: 'error' | 'warning' | 'info';
  readonly line: number;
  readonly path: string;
  readonly messageIncludes?: string;
}

interface Expected {
  readonly rule: string;
  readonly findings: readonly ExpectedFinding[];
  readonly knownIssue?: string;
  readonly notes?: string;
}

interface Case {
  readonly rule: string;
  readonly name: string;
  readonly dir: string;
  readonly expected: Expected;
}

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, '..', 'review-fixtures');

const subdirs = (dir: string): string[] =>
  readdirSync(dir, { withFileTypes: true }).filter((d) => d.isDirectory()).map((d) => d.name).sort();

const cases: Case[] = subdirs(root).flatMap((rule) =>
  subdirs(join(root, rule)).map((name) => {
    const dir = join(root, rule, name);
    const file = join(dir, 'expected.json');
    const expected = (existsSync(file) ? JSON.parse(readFileSync(file, 'utf8')) : { rule: '', findings: [] }) as Expected;
    return { rule, name, dir, expected };
  }),
);

type Key = { severity: string; line?: number | undefined; path: string };
const key = (f: Key): Key => ({ severity: f.severity, line: f.line, path: f.path });
const byPlace = (a: Key, b: Key): number =>
  comparePaths(a.path, b.path) || (a.line ?? 0) - (b.line ?? 0) || a.severity.localeCompare(b.severity);

describe('review fixtures: layout', () => {
  const ruleIds = RULES.map((r) => r.id);

  it('finds fixture cases', () => {
    expect(cases.length).toBeGreaterThan(0);
  });

  it.each(cases.map((c) => [`${c.rule}/${c.name}`, c] as const))('%s is a well-formed case', (_, c) => {
    expect(ruleIds, `folder ${c.rule} names no rule in RULES`).toContain(c.rule);
    expect(existsSync(join(c.dir, 'input.txt')), 'input.txt').toBe(true);
    expect(existsSync(join(c.dir, 'expected.json')), 'expected.json').toBe(true);
    expect(c.expected.rule).toBe(c.rule);
    expect(c.name).toMatch(/^(fires|passes)-[a-z0-9-]+$/);
    // a fires-* case expects findings, a passes-* case none: the name must say what the case proves
    if (c.name.startsWith('fires-')) expect(c.expected.findings.length).toBeGreaterThan(0);
    else expect(c.expected.findings).toEqual([]);
    for (const f of c.expected.findings) {
      expect(['error', 'warning', 'info']).toContain(f.severity);
      expect(typeof f.line).toBe('number');
      expect(typeof f.path).toBe('string');
    }
  });

  // a new rule without fixtures fails the suite; a case marked knownIssue does not count
  it.each(ruleIds)('rule %s has a fires-* and a passes-* case that run', (id) => {
    const mine = cases.filter((c) => c.rule === id && c.expected.knownIssue === undefined);
    expect(mine.some((c) => c.name.startsWith('fires-')), `no fires-* case for ${id}`).toBe(true);
    expect(mine.some((c) => c.name.startsWith('passes-')), `no passes-* case for ${id}`).toBe(true);
  });
});

describe.each(subdirs(root))('rule %s', (rule) => {
  for (const c of cases.filter((x) => x.rule === rule)) {
    const run = c.expected.knownIssue === undefined ? it : it.skip;
    const title = c.expected.knownIssue === undefined ? c.name : `${c.name} [known issue: ${c.expected.knownIssue}]`;
    run(title, () => {
      const input = readFileSync(join(c.dir, 'input.txt'), 'utf8');
      const doc = parseText(input, { file: 'input.txt' });
      const actual: Finding[] = review(doc).findings.filter((f) => f.rule === rule);
      const show = actual.map((f) => `${f.severity} ${f.line} ${f.path} ${f.message}`).join('\n');
      expect(actual.map(key).sort(byPlace), `findings of ${rule}:\n${show}`).toEqual(c.expected.findings.map(key).sort(byPlace));
      for (const e of c.expected.findings) {
        if (e.messageIncludes === undefined) continue;
        const hit = actual.some((f) => f.path === e.path && f.line === e.line && f.severity === e.severity && f.message.includes(e.messageIncludes!));
        expect(hit, `no ${e.severity} finding at ${e.path} (line ${e.line}) whose message includes “${e.messageIncludes}”:\n${show}`).toBe(true);
      }
    });
  }
});
