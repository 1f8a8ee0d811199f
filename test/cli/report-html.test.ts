// `check --format html`: one self-contained, escaped report whose every link lands on something.
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseBytes, parseText } from '../../src/ingest/index.js';
import { readTargets } from '../../src/targets/index.js';
import { review } from '../../src/review/index.js';
import { renderReportHtml } from '../../src/report/review-html.js';

const root = join(import.meta.dirname, '..', '..');
const samplePath = (name: string) => join(root, 'samples', name);
const load = (name: string) => readTargets(parseBytes(readFileSync(samplePath(name)), { file: name }));

const ids = (html: string): string[] => [...html.matchAll(/\sid="([^"]+)"/g)].map((m) => m[1]!);
const hrefs = (html: string): string[] => [...html.matchAll(/\shref="#([^"]*)"/g)].map((m) => m[1]!);
/** the opening tag and content of the element with this id, up to its closing </li> (findings are <li>) */
const finding = (html: string, id: string): string => {
  const start = html.indexOf(`id="${id}"`);
  return start < 0 ? '' : html.slice(start, html.indexOf('</li>', start));
};

describe('renderReportHtml on sample 003', () => {
  const doc = load('003_7b33df3d06e95335.txt');
  const result = review(doc);
  const html = renderReportHtml([doc], [result], { now: new Date(2025, 0, 2, 3, 4) });

  it('is one standalone Chinese document with a strict CSP and no script', () => {
    expect(html.startsWith('<!doctype html>')).toBe(true);
    expect(html).toContain('<html lang="zh-CN">');
    expect(html).toContain(`<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">`);
    expect(html).not.toMatch(/<script/i);
    expect(html).not.toMatch(/\son[a-z]+\s*=/i); // no inline event handlers
    expect(html).not.toMatch(/(?:src|href)="(?:https?:)?\/\//); // nothing fetched from anywhere
    expect(html).not.toMatch(/<link\b/i);
    expect(html).toContain('@media print');
    expect(html).toContain('2025-01-02 03:04');
  });

  it('shows the score, the grade and the 50.10 gap', () => {
    expect(html).toContain('相差 50.10万元');
    expect(html).toContain(`<span class="sc-score">${result.score}</span>`);
    expect(html).toContain(`等级 <b>${result.grade}</b>`);
  });

  it('shows the score by dimension and the gate', () => {
    for (const d of result.dimensions) expect(html).toMatch(new RegExp(`<th scope="row">${d.label}</th><td class="num">${d.score}</td><td class="num">/ ${d.max}</td>`));
    expect(result.gated).toBeGreaterThan(0);
    expect(html).toContain(`门槛：其中 ${result.gated} 个项目无法监控`);
    expect(html).toContain('门槛：没有效益指标，得分不超过“中”');
    expect(html).toContain('完整性 30 分');
  });

  it('lists the findings both ways: errors first (the default) and by project', () => {
    const sev = html.indexOf('id="d0-by-severity"');
    const byProject = html.indexOf('id="d0-findings"');
    expect(sev).toBeGreaterThan(0);
    expect(sev).toBeLessThan(byProject);
    const rows = html.slice(sev, html.indexOf('</table>', sev)).match(/<tr class="sev-(\w+)">/g)!.map((x) => x.slice(15, -2));
    expect(rows).toHaveLength(result.findings.length);
    const rank = { error: 3, warning: 2, info: 1 } as Record<string, number>;
    expect(rows.map((x) => rank[x])).toEqual(rows.map((x) => rank[x]).sort((a, b) => b! - a!));
    const doc = renderReportHtml([load('003_7b33df3d06e95335.txt')], [result], { now: new Date(2025, 0, 2, 3, 4), order: 'document' });
    expect(doc.indexOf('id="d0-findings"')).toBeLessThan(doc.indexOf('id="d0-by-severity"'));
  });

  it('has unique ids and every internal link lands on one', () => {
    const all = ids(html);
    expect(new Set(all).size).toBe(all.length);
    const known = new Set(all);
    const links = hrefs(html);
    expect(links.length).toBeGreaterThan(result.findings.length * 2);
    for (const h of links) expect(known.has(h), `#${h}`).toBe(true);
  });

  it('gives each table row an id from its document path', () => {
    const all = new Set(ids(html));
    expect(all.has('d0-units-0')).toBe(true);
    doc.units[0]!.projects.forEach((p, pi) => {
      expect(all.has(`d0-units-0-projects-${pi}`)).toBe(true);
      p.indicators.forEach((_, k) => expect(all.has(`d0-units-0-projects-${pi}-indicators-${k}`)).toBe(true));
    });
    expect(all.has('d0-orphans-0')).toBe(true);
  });

  it('links every finding to the row its path names, and the row back to it', () => {
    const known = new Set(ids(html));
    const findingIds = ids(html).filter((id) => /^d0-f-\d+$/.test(id));
    expect(findingIds).toHaveLength(result.findings.length);
    for (const f of result.findings) {
      const row = `d0-${f.path.replace(/\[(\d+)\]/g, '-$1').replace(/\./g, '-')}`;
      expect(known.has(row), row).toBe(true);
      const el = findingIds.map((id) => finding(html, id)).find((s) => s.includes(f.message.replace(/&/g, '&amp;').replace(/"/g, '&quot;')) && s.includes(`href="#${row}"`));
      expect(el, `${f.rule} ${f.path}`).toBeTruthy();
      // the row carries a marker linking to a finding
      const tr = html.slice(html.indexOf(`id="${row}"`), html.indexOf('</tr>', html.indexOf(`id="${row}"`)));
      expect(tr).toMatch(/class="mk sev-\w+" href="#d0-f-\d+"/);
    }
  });

  it('summarises the rules that fired with a link to the first finding of each', () => {
    for (const [rule, n] of Object.entries(result.counts)) {
      if (!n) continue;
      expect(html).toMatch(new RegExp(`<td class="mono rule-id">${rule}</td>[\\s\\S]*?<td class="num">${n}</td>\\s*<td class="nowrap"><a href="#d0-f-\\d+">`));
    }
    expect(html).toContain('未归列');
  });
});

describe('renderReportHtml escapes the documents it shows', () => {
  const evil = `<script>alert(1)</script>"'&`;
  const text = [
    '广州市测试局2024年项目支出绩效目标表（含转移支付项目）',
    '部门名称：广州市测试局',
    '单位：万元',
    '项目名称（资金使用单位）\t总计\t财政拨款\t财政专户拨款\t其他资金\t绩效目标\t绩效指标',
    '合计\t100.00\t100.00\t\t\t\t',
    `广州市测试局\t100.00\t100.00\t\t\t\t`,
    `${evil}项目\t100.00\t100.00\t\t\t目标${evil}\t1、1-产出指标；11-数量指标；<img src=x>指标；实施周期指标值:5${evil}；年度指标值:≥5个。`,
    '',
  ].join('\n');
  const doc = readTargets(parseText(text, { file: `<b>"x"</b>.txt` }));
  const html = renderReportHtml([doc], [review(doc)]);

  it('reads the hostile names as text', () => {
    expect(doc.units[0]!.projects[0]!.name).toContain('<script>');
    expect(doc.units[0]!.projects[0]!.goal).toContain('<script>');
  });

  it('never lets them through as markup', () => {
    expect(html).not.toContain('<script');
    expect(html).not.toContain('<img');
    expect(html).not.toContain('<b>"x"');
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;&quot;&#39;&amp;项目');
    expect(html).toContain('目标&lt;script&gt;alert(1)&lt;/script&gt;&quot;&#39;&amp;');
    expect(html).toContain('&lt;img src=x&gt;指标');
    expect(html).toContain('&lt;b&gt;&quot;x&quot;&lt;/b&gt;.txt');
  });
});

describe('renderReportHtml on several documents and none', () => {
  it('prefixes ids per document so they never collide, with a contents table', () => {
    const a = load('004_08daa9245e557faf.txt');
    const b = load('000_df1d7dc7c09f411b.txt');
    const html = renderReportHtml([a, b], [review(a), review(b)]);
    const all = ids(html);
    expect(new Set(all).size).toBe(all.length);
    expect(all).toContain('d0-units-0-projects-0');
    expect(all).toContain('d1-units-0-projects-0');
    expect(all).toContain('contents');
    const known = new Set(all);
    for (const h of hrefs(html)) expect(known.has(h), `#${h}`).toBe(true);
  });

  it('still writes a valid page for no documents', () => {
    const html = renderReportHtml([], []);
    expect(html).toContain('没有可审核的文件');
    expect(html.trimEnd().endsWith('</html>')).toBe(true);
  });
});

describe('jixiao check --format html (built binary)', () => {
  it('prints the report for sample 004 and exits 0', () => {
    const r = spawnSync(join(root, 'bin', 'jixiao'), ['check', samplePath('004_08daa9245e557faf.txt'), '--format', 'html'], { encoding: 'utf8', cwd: root });
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(r.stdout.startsWith('<!doctype html>')).toBe(true);
    expect(r.stdout).toContain('广州市残疾人就业培训服务中心');
    expect(r.stdout).not.toContain('<script');
  });
});
