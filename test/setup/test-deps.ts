// vitest globalSetup: what the tests need from Debian (chromium and CJK fonts, poppler-utils, qpdf,
// python3-reportlab, python3-pypdf), installed by scripts/install-test-deps.sh when any is missing, so a
// clean machine (CI) gets them from the project itself. A failed install is reported and the tests
// that need the tool then fail with their own message (or skip, where they say so).
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';

const SCRIPT = join(import.meta.dirname, '..', '..', 'scripts', 'install-test-deps.sh');

/** true when everything is installed (after installing what was missing) */
export function ensureTestDeps(label = 'test deps'): boolean {
  try {
    execFileSync('sh', [SCRIPT, '--check'], { stdio: 'pipe' });
    return true;
  } catch {
    process.stderr.write(`[${label}] 缺少测试依赖，运行 scripts/install-test-deps.sh\n`);
  }
  try {
    execFileSync('sh', [SCRIPT], { stdio: 'inherit' });
    return true;
  } catch {
    process.stderr.write(`[${label}] 安装测试依赖失败；需要它们的测试将失败或说明原因后跳过。\n`);
    return false;
  }
}

export default function setup(): void {
  if (process.env['JIXIAO_SKIP_TEST_DEPS'] === '1') return;
  ensureTestDeps();
}
