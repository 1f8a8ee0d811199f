// `jixiao serve [--port N] [--host H] [--db PATH|URL] [--upload-limit SIZE] [--score-config FILE] [--region NAME]`: the web application.
// Opens and migrates the store, imports the bundled samples into an empty database, listens, prints the
// URL; stops cleanly on Ctrl-C / SIGTERM.
import type { Writable } from 'node:stream';
import { startServer } from '../server/index.js';
import { demoEnabled, type Bootstrapped } from '../auth/bootstrap.js';
import { ROLE_LABELS } from '../auth/roles.js';
import { resolveConfig, ScoreConfigError } from '../score/index.js';
import type { ReportSettings } from '../workflow/reports.js';
import { loadScoreConfig } from './score-config.js';

/** the passwords of a fresh database's first accounts: printed here once, nowhere else */
export function firstAccounts(a: Bootstrapped): string {
  if (!a.admin) return '';
  const lines = ['', '新数据库：已创建以下账户（密码只显示这一次，请妥善保存）', `  系统管理员  ${a.admin.username}  密码：${a.admin.password}  （首次登录须修改密码）`];
  if (a.demo) {
    lines.push(`  演示账户（密码均为 ${a.demo.password}；正式使用前请用 jixiao user disable 停用，或以 --no-demo / JIXIAO_DEMO=0 启动新数据库）：`);
    for (const d of a.demo.accounts) lines.push(`    ${d.username.padEnd(18)}${ROLE_LABELS[d.role]}${d.org ? `（${d.org}）` : ''}`);
  }
  return `${lines.join('\n')}\n\n`;
}

export interface ServeOptions {
  readonly port?: string | undefined;
  readonly host?: string | undefined;
  readonly db?: string | undefined;
  readonly uploadLimit?: string | undefined;
  readonly requestTimeout?: string | undefined;
  readonly handlerTimeout?: string | undefined;
  readonly statementTimeout?: string | undefined;
  readonly allowOrigin?: string | undefined;
  readonly workers?: string | undefined;
  /** the scoring configuration file of the stored reports (JSON or YAML, src/score/config.ts) */
  readonly scoreConfig?: string | undefined;
  readonly region?: string | undefined;
  /** commander's --no-demo */
  readonly demo?: boolean | undefined;
}

/** `30`, `30s`, `500ms`, `2m` → milliseconds; a bare number is seconds; `0` is no limit. */
export function parseDuration(text: string): number | null {
  const m = /^\s*(\d+(?:\.\d+)?)\s*(ms|s|m)?\s*$/i.exec(text);
  if (!m) return null;
  const unit = (m[2] ?? 's').toLowerCase();
  return Math.round(Number(m[1]) * (unit === 'ms' ? 1 : unit === 's' ? 1000 : 60_000));
}

/** The limits `serve` takes as options or from the environment; a message naming the bad one otherwise. */
function serveLimits(opts: ServeOptions, env: NodeJS.ProcessEnv) {
  const durations = {
    requestTimeout: [opts.requestTimeout ?? env['JIXIAO_REQUEST_TIMEOUT'], '--request-timeout'],
    handlerTimeout: [opts.handlerTimeout ?? env['JIXIAO_HANDLER_TIMEOUT'], '--handler-timeout'],
    statementTimeout: [opts.statementTimeout ?? env['JIXIAO_STATEMENT_TIMEOUT'], '--statement-timeout'],
  } as const;
  const out: { requestTimeout?: number; handlerTimeout?: number; statementTimeout?: number; workers?: number; allowedOrigins?: string[] } = {};
  for (const [k, [text, flag]] of Object.entries(durations)) {
    if (text === undefined) continue;
    const ms = parseDuration(text);
    if (ms === null) return `${flag}“${text}”无效：应为时长，如 30s、500ms、2m（不带单位为秒；0 为不限）`;
    out[k as keyof typeof durations] = ms;
  }
  const workersText = opts.workers ?? env['JIXIAO_WORKERS'];
  if (workersText !== undefined) {
    if (!/^\d{1,2}$/.test(workersText.trim()) || Number(workersText) < 1) return `--workers“${workersText}”无效：应为 1 到 99 之间的整数`;
    out.workers = Number(workersText);
  }
  const origins = opts.allowOrigin ?? env['JIXIAO_ALLOWED_ORIGINS'];
  if (origins !== undefined) out.allowedOrigins = origins.split(',').map((x) => x.trim()).filter(Boolean);
  return out;
}

/**
 * The scoring configuration the stored reports use (--score-config or JIXIAO_SCORE_CONFIG, --region or
 * JIXIAO_REGION), checked now for this year and the next so a bad file stops the start, not a save.
 */
async function reportSettings(opts: ServeOptions, env: NodeJS.ProcessEnv): Promise<ReportSettings | string> {
  const file = opts.scoreConfig ?? env['JIXIAO_SCORE_CONFIG'];
  const region = opts.region ?? env['JIXIAO_REGION'] ?? null;
  if (file === undefined) return { region };
  const c = await loadScoreConfig(file);
  if ('error' in c) return c.error;
  const year = new Date().getFullYear();
  try {
    for (const y of [year - 1, year, year + 1]) resolveConfig(c.data, { region, year: y });
  } catch (e) {
    if (e instanceof ScoreConfigError) return `${file}：${e.message}`;
    throw e;
  }
  return { config: c.data, region };
}

/** `10`, `10MB`, `512KB`, `1.5 GB`, `2000000B` → bytes; a bare number is megabytes. */
export function parseSize(text: string): number | null {
  const m = /^\s*(\d+(?:\.\d+)?)\s*(b|kb|k|mb|m|gb|g)?\s*$/i.exec(text);
  if (!m) return null;
  const unit = (m[2] ?? 'mb').toLowerCase();
  const factor = unit === 'b' ? 1 : unit.startsWith('k') ? 1024 : unit.startsWith('m') ? 1024 ** 2 : 1024 ** 3;
  const bytes = Math.round(Number(m[1]) * factor);
  return bytes > 0 ? bytes : null;
}

export async function serveCommand(opts: ServeOptions, out: Writable, err: Writable, env: NodeJS.ProcessEnv = process.env): Promise<number> {
  const portText = opts.port ?? env['PORT'] ?? '3000';
  const port = /^\d+$/.test(portText.trim()) ? Number(portText) : Number.NaN;
  if (!(port >= 0 && port <= 65535)) {
    err.write(`jixiao: 端口“${portText}”无效：应为 0 到 65535 之间的整数\n`);
    return 2;
  }
  const limitText = opts.uploadLimit ?? env['JIXIAO_UPLOAD_LIMIT'];
  const uploadLimit = limitText === undefined ? undefined : parseSize(limitText);
  if (uploadLimit === null) {
    err.write(`jixiao: 上传上限“${limitText}”无效：应为正数，可带单位 B、KB、MB、GB（不带单位为 MB）\n`);
    return 2;
  }
  const limits = serveLimits(opts, env);
  if (typeof limits === 'string') {
    err.write(`jixiao: ${limits}\n`);
    return 2;
  }
  const reports = await reportSettings(opts, env);
  if (typeof reports === 'string') {
    err.write(`jixiao: ${reports}\n`);
    return 2;
  }
  let started;
  try {
    started = await startServer({ db: opts.db, port, host: opts.host ?? 'localhost', uploadLimit, ...limits, demo: opts.demo !== false && demoEnabled(env), reports });
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    const why = code === 'EADDRINUSE' ? `端口 ${port} 已被占用，可用 --port 换一个`
      : code === 'EACCES' ? `没有权限监听端口 ${port}`
        : code === 'EADDRNOTAVAIL' || code === 'ENOTFOUND' ? `无法监听地址“${opts.host}”`
          : (e as Error).message;
    err.write(`jixiao: 无法启动服务：${why}\n`);
    return 1;
  }
  out.write(`jixiao 已启动：${started.url}  （接口文档 ${started.url}/api/docs；按 Ctrl-C 停止）\n`);
  out.write(firstAccounts(started.accounts));
  await new Promise<void>((resolve) => {
    const stop = () => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      void started.close().finally(resolve);
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  });
  return 0;
}
