// parseTarget / formatTarget: a hand-written table (./cases.ts), a format→parse round trip over the same
// table, and a coverage floor over every distinct target value in the five seed tables.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { formatTarget, parseTarget } from '../../src/targets/index.js';
import type { Target } from '../../src/targets/types.js';
import { cases, named } from './cases.js';

/** The target with `raw` removed, here and in every part. */
function withoutRaw(t: Target): Record<string, unknown> {
  const { raw: _raw, parts, ...rest } = t;
  return parts === undefined ? rest : { ...rest, parts: parts.map(withoutRaw) };
}

const title = (raw: string) => JSON.stringify(raw);

describe('the case table itself', () => {
  it('holds at least 170 distinct strings, including every one the product owner named', () => {
    expect(cases.length).toBeGreaterThanOrEqual(170);
    const raws = cases.map((c) => c.raw);
    expect(raws.filter((r, i) => raws.indexOf(r) !== i)).toEqual([]);
    expect(named.filter((n) => !raws.includes(n))).toEqual([]);
  });

  it('states no undefined field and no empty string other than unit', () => {
    const bad: string[] = [];
    const walk = (t: Record<string, unknown>, where: string) => {
      for (const [k, v] of Object.entries(t)) {
        if (v === undefined) bad.push(`${where}.${k} is undefined`);
        if (v === '' && k !== 'unit') bad.push(`${where}.${k} is ''`);
      }
      const parts = t['parts'] as Target[] | undefined;
      parts?.forEach((p, i) => {
        if (p.raw !== p.raw.trim() || p.raw === '') bad.push(`${where}.parts[${i}].raw is not trimmed text`);
        walk(p as unknown as Record<string, unknown>, `${where}.parts[${i}]`);
      });
    };
    for (const c of cases) walk(c.expect as Record<string, unknown>, title(c.raw));
    expect(bad).toEqual([]);
  });
});

describe('parseTarget: hand-written expectations', () => {
  for (const c of cases) {
    it(title(c.raw), () => {
      expect(parseTarget(c.raw)).toEqual({ raw: c.raw, ...c.expect });
    });
  }
});

describe('formatTarget → parseTarget round trip', () => {
  for (const c of cases) {
    it(title(c.raw), () => {
      const t: Target = { raw: c.raw, ...c.expect };
      const text = formatTarget(t);
      expect(typeof text).toBe('string');
      expect(withoutRaw(parseTarget(text)), `formatted as ${title(text)}`).toEqual(withoutRaw(t));
    });
  }
});

describe('every target value in the seed tables', () => {
  const lines = readFileSync(join(import.meta.dirname, 'seed-targets.txt'), 'utf8')
    .split('\n')
    .filter((l) => l.length > 0)
    .map((l) => {
      const tab = l.indexOf('\t');
      return { count: Number(l.slice(0, tab)), text: l.slice(tab + 1) };
    });

  it('the copied seed list is whole', () => {
    expect(lines.length).toBe(686);
    expect(lines.reduce((s, l) => s + l.count, 0)).toBe(3588);
    expect(lines.every((l) => Number.isInteger(l.count) && l.count > 0)).toBe(true);
  });

  it('every line parses without throwing and keeps its raw text', () => {
    const failures: string[] = [];
    for (const l of lines) {
      try {
        const t = parseTarget(l.text);
        if (t.raw !== l.text) failures.push(`${title(l.text)}: raw became ${title(t.raw)}`);
      } catch (e) {
        failures.push(`${title(l.text)}: ${(e as Error).message}`);
      }
    }
    expect(failures).toEqual([]);
  });

  it('at least 99% of them (weighted by count) are read as something other than unparsed', () => {
    let total = 0;
    let unparsedWeight = 0;
    const unparsed: string[] = [];
    for (const l of lines) {
      total += l.count;
      if (parseTarget(l.text).kind === 'unparsed') {
        unparsedWeight += l.count;
        unparsed.push(`${l.count}\t${l.text}`);
      }
    }
    const share = (total - unparsedWeight) / total;
    expect(
      share,
      `share read = ${share.toFixed(4)}; unparsed (${unparsed.length} strings, weight ${unparsedWeight} of ${total}):\n${unparsed.join('\n')}`,
    ).toBeGreaterThanOrEqual(0.99);
  });
});
