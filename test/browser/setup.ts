// vitest globalSetup for the browser tests: Debian's chromium (scripts/install-test-deps.sh when
// /usr/bin/chromium is missing) and a built front end (vite build when web/dist is missing or older
// than its sources). The tests then fail with a clear message rather than skip when either cannot be had.
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { ensureTestDeps } from '../setup/test-deps.js';

export const ROOT = join(import.meta.dirname, '..', '..');
export const CHROMIUM = '/usr/bin/chromium';
const MANIFEST = join(ROOT, 'web', 'dist', '.vite', 'manifest.json');

/** what the front-end bundle is built from: web/ itself and the few src files it imports at run time */
const SOURCES = [
  'web/index.html', 'web/vite.config.ts', 'web/src',
  'src/model/taxonomy.ts', 'src/review/types.ts', 'src/targets/format.ts', 'src/targets/parse.ts', 'src/ingest/accepted.ts', 'src/auth/roles.ts', 'src/auth/audit-labels.ts', 'src/server/permissions.ts',
  'src/server/plan-permissions.ts', 'src/server/report-permissions.ts', 'src/workflow/content.ts', 'src/workflow/states.ts',
  // the report forms compute lights and scores with the server's own code
  'src/score', 'src/workflow/monitoring.ts', 'src/workflow/evaluations.ts', 'src/workflow/report-states.ts',
];

function newest(path: string): number {
  if (!existsSync(path)) return 0;
  const s = statSync(path);
  if (!s.isDirectory()) return s.mtimeMs;
  return readdirSync(path).reduce((m, f) => Math.max(m, newest(join(path, f))), s.mtimeMs);
}

export function webIsStale(): string | null {
  if (!existsSync(MANIFEST)) return 'web/dist 不存在';
  const built = statSync(MANIFEST).mtimeMs;
  const changed = SOURCES.find((s) => newest(join(ROOT, s)) > built);
  return changed ? `${changed} 比 web/dist 新` : null;
}

export default function setup(): void {
  if (process.env['JIXIAO_SKIP_BROWSER_SETUP'] === '1') return;
  if (!existsSync(CHROMIUM)) {
    process.stderr.write(`[browser tests] ${CHROMIUM} 不存在\n`);
    if (!ensureTestDeps('browser tests')) process.stderr.write('[browser tests] 安装 chromium 失败；浏览器测试将失败。\n');
  }
  const stale = webIsStale();
  if (stale) {
    process.stderr.write(`[browser tests] 构建前端（${stale}）\n`);
    execFileSync(process.execPath, [join(ROOT, 'node_modules', 'vite', 'bin', 'vite.js'), 'build', '--config', 'web/vite.config.ts', '--logLevel', 'warn'], {
      cwd: ROOT, stdio: 'inherit',
      // vitest sets NODE_ENV=test, which would make vite build a development bundle (React and antd dev checks)
      env: { ...process.env, NODE_ENV: 'production' },
    });
  }
}
