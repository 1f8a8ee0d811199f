#!/usr/bin/env node
// The web app's initial JavaScript: the entry chunk and every chunk it imports statically (transitively),
// read from web/dist/.vite/manifest.json (vite build.manifest), gzipped (zlib default level, as served).
// Lazy routes (dynamic imports) are listed but not counted. Exit 1 when the initial JS is over budget.
//
//   node scripts/bundle-size.mjs [--dist web/dist] [--budget 400] [--json]
//   (budget in kB = 1000 bytes; default 400; JIXIAO_BUNDLE_BUDGET_KB overrides)
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';

const args = process.argv.slice(2);
const opt = (name) => { const i = args.indexOf(name); return i >= 0 ? args[i + 1] : undefined; };
const dist = resolve(opt('--dist') ?? join(import.meta.dirname, '..', 'web', 'dist'));
const budgetKb = Number(opt('--budget') ?? process.env.JIXIAO_BUNDLE_BUDGET_KB ?? 400);
const asJson = args.includes('--json');

const manifestPath = join(dist, '.vite', 'manifest.json');
if (!existsSync(manifestPath)) {
  process.stderr.write(`没有找到 ${manifestPath}：请先运行 npm run build:web（vite 配置须开启 build.manifest）\n`);
  process.exit(2);
}
const manifest = JSON.parse(readFileSync(manifestPath, 'utf8'));
const entries = Object.entries(manifest).filter(([, c]) => c.isEntry);
if (entries.length === 0) {
  process.stderr.write(`${manifestPath} 中没有入口（isEntry）\n`);
  process.exit(2);
}

const sizes = new Map();
function size(file) {
  if (!sizes.has(file)) {
    const bytes = readFileSync(join(dist, file));
    sizes.set(file, { raw: bytes.length, gzip: gzipSync(bytes).length });
  }
  return sizes.get(file);
}

// the initial set: entries and their static imports, transitively
const initial = new Map();
const css = new Set();
const lazy = new Set();
const visit = (key) => {
  const chunk = manifest[key];
  if (!chunk || initial.has(chunk.file)) return;
  initial.set(chunk.file, key);
  for (const c of chunk.css ?? []) css.add(c);
  for (const d of chunk.dynamicImports ?? []) lazy.add(d);
  for (const i of chunk.imports ?? []) visit(i);
};
for (const [key] of entries) visit(key);

const initialFiles = [...initial.keys()].filter((f) => f.endsWith('.js'));
const total = initialFiles.reduce((a, f) => ({ raw: a.raw + size(f).raw, gzip: a.gzip + size(f).gzip }), { raw: 0, gzip: 0 });
const cssTotal = [...css].reduce((a, f) => a + size(f).gzip, 0);
const lazyChunks = [...lazy].map((k) => manifest[k]).filter((c) => c && !initial.has(c.file))
  .map((c) => ({ file: c.file, name: c.name ?? c.src ?? c.file, gzip: size(c.file).gzip }));
const budget = budgetKb * 1000;
const ok = total.gzip <= budget;

const kb = (b) => `${(b / 1000).toFixed(1)} kB`;
if (asJson) {
  process.stdout.write(`${JSON.stringify({
    initialJs: { files: initialFiles.map((f) => ({ file: f, ...size(f) })), raw: total.raw, gzip: total.gzip },
    css: { files: [...css], gzip: cssTotal }, lazyRoutes: lazyChunks, budget, ok,
  }, null, 2)}\n`);
} else {
  process.stdout.write('初始加载的 JavaScript（入口及其静态依赖，gzip）：\n');
  for (const f of initialFiles.sort((a, b) => size(b).gzip - size(a).gzip)) process.stdout.write(`  ${kb(size(f).gzip).padStart(10)}  ${f}\n`);
  process.stdout.write(`  ${kb(total.gzip).padStart(10)}  合计（未压缩 ${kb(total.raw)}）；预算 ${kb(budget)}：${ok ? '未超出' : '超出'}\n`);
  process.stdout.write(`  另有 CSS ${kb(cssTotal)}；按需加载的页面 ${lazyChunks.length} 个：${lazyChunks.map((c) => `${c.name} ${kb(c.gzip)}`).join('，')}\n`);
}
process.exit(ok ? 0 : 1);
