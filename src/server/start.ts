// Starting the server for `jixiao serve` / `npm start`: open the store (--db, JIXIAO_DB, DATABASE_URL,
// ./data/jixiao.sqlite), migrate, import the bundled samples into an empty database, listen.
import { readdir, readFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { join } from 'node:path';
import type { FastifyBaseLogger, FastifyInstance, FastifyServerOptions } from 'fastify';
import { importAll, migrate, openStore, resolveLocation, type Store } from '../store/index.js';
import { buildServer, packageRoot } from './app.js';
import { authConfigFromEnv } from '../auth/config.js';
import { demoEnabled, ensureAccounts, type Bootstrapped } from '../auth/bootstrap.js';
import { fillDemoReports } from '../workflow/demo-reports.js';
import type { ReportSettings } from '../workflow/reports.js';
import { syncPublishedPlans } from '../workflow/publication.js';
import { publishPending } from './publish.js';

export interface StartOptions {
  readonly db?: string | undefined;
  readonly port?: number | undefined;
  readonly host?: string | undefined;
  readonly uploadLimit?: number | undefined;
  readonly webDir?: string | undefined;
  readonly samplesDir?: string | undefined;
  readonly logger?: FastifyServerOptions['logger'];
  /** cache the read routes' answers (default: on unless JIXIAO_CACHE=off) */
  readonly cache?: boolean | undefined;
  readonly requestTimeout?: number | undefined;
  readonly handlerTimeout?: number | undefined;
  /** PostgreSQL statement_timeout in milliseconds (default 20 s; 0: none) */
  readonly statementTimeout?: number | undefined;
  readonly allowedOrigins?: readonly string[] | undefined;
  /** worker threads for imports and reports (default 2) */
  readonly workers?: number | undefined;
  /** on a fresh database, also create the demo accounts (default: on unless JIXIAO_DEMO=0) */
  readonly demo?: boolean | undefined;
  /** the scoring configuration of the stored 运行监控/绩效自评 (periods, thresholds) and its region */
  readonly reports?: ReportSettings | undefined;
}

export const DEFAULT_STATEMENT_TIMEOUT = 20_000;

export interface Started {
  readonly app: FastifyInstance;
  readonly store: Store;
  readonly url: string;
  /** the accounts a fresh database was given, with their passwords, to print once (never logged) */
  readonly accounts: Bootstrapped;
  close(): Promise<void>;
}

/** Imports samples/*.txt when the database holds no document; returns how many were imported. */
export async function importSamplesIfEmpty(store: Store, dir: string, log: FastifyBaseLogger): Promise<number> {
  const n = await store.db.selectFrom('documents').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  if (Number(n.n) > 0) return 0;
  let files: string[];
  try {
    files = (await readdir(dir)).filter((f) => f.endsWith('.txt')).sort();
  } catch {
    log.warn({ dir }, '数据库为空，且找不到示例文件夹');
    return 0;
  }
  let imported = 0;
  // dated tables first, so that 000 (no year) takes the year and department of 002, whose unit it publishes
  const outcomes = await importAll(store, await Promise.all(files.map(async (f) => ({ file: f, bytes: await readFile(join(dir, f)) }))), { acceptProposed: true });
  for (const r of outcomes) {
    if (r.status === 'imported') imported++;
    log.info({ file: r.file, status: r.status, ...(r.status === 'failed' ? { reason: r.reason } : {}), ...(r.status === 'imported' && r.note ? { note: r.note } : {}) }, `导入示例 ${r.file}：${r.status}`);
  }
  // the samples' rows become published plans now, so the first 我的项目 list does not wait for them
  if (imported > 0) await syncPublishedPlans(store);
  log.info(`数据库为空，已导入 ${imported} 个示例文件（${dir}）`);
  return imported;
}

/** JIXIAO_CACHE_BYTES: `64MB`, `512KB`, a bare number of megabytes; null when unset or unreadable */
function cacheBytesFromEnv(): number | null {
  const m = /^\s*(\d+)\s*(kb|mb|gb)?\s*$/i.exec(process.env['JIXIAO_CACHE_BYTES'] ?? '');
  if (!m) return null;
  return Number(m[1]) * 1024 ** ({ kb: 1, mb: 2, gb: 3 }[(m[2] ?? 'mb').toLowerCase() as 'kb' | 'mb' | 'gb']);
}

/** JIXIAO_TRUST_PROXY: 1/true (trust X-Forwarded-* from any proxy), or addresses/CIDRs (`127.0.0.1,10.0.0.0/8`) */
function trustProxy(): boolean | string | undefined {
  const v = process.env['JIXIAO_TRUST_PROXY']?.trim();
  if (!v || /^(0|false|no|off)$/i.test(v)) return undefined;
  return /^(1|true|yes|on)$/i.test(v) ? true : v;
}

/**
 * Listens on the port and lets it go again: a taken port (or an address that cannot be had) fails here, as
 * app.listen would, before the store is opened. Otherwise a fresh database would be created, filled and given
 * its first accounts, whose passwords are printed only once the server listens, and then never printed.
 */
async function portAvailable(port: number, host: string): Promise<void> {
  if (port === 0) return;
  const probe = createServer();
  await new Promise<void>((resolve, reject) => {
    probe.once('error', reject);
    probe.listen({ port, host }, resolve);
  });
  await new Promise((resolve) => probe.close(resolve));
}

export async function startServer(o: StartOptions): Promise<Started> {
  const cacheBytes = cacheBytesFromEnv();
  await portAvailable(o.port ?? 3000, o.host ?? 'localhost');
  const location = resolveLocation(o.db);
  const store = openStore(location, { statementTimeout: o.statementTimeout ?? DEFAULT_STATEMENT_TIMEOUT });
  try {
    await migrate(store);
    const app = await buildServer({
      store,
      logger: o.logger ?? { level: process.env['LOG_LEVEL'] ?? 'info' },
      ...(o.webDir === undefined ? {} : { webDir: o.webDir }),
      ...(o.uploadLimit === undefined ? {} : { uploadLimit: o.uploadLimit }),
      cache: o.cache ?? !/^(off|0|false|no)$/i.test(process.env['JIXIAO_CACHE'] ?? ''),
      ...(cacheBytes === null ? {} : { cacheBytes }),
      ...(o.requestTimeout === undefined ? {} : { requestTimeout: o.requestTimeout }),
      ...(o.handlerTimeout === undefined ? {} : { handlerTimeout: o.handlerTimeout }),
      ...(o.allowedOrigins === undefined ? {} : { allowedOrigins: o.allowedOrigins }),
      ...(o.workers === undefined ? {} : { workers: o.workers }),
      auth: authConfigFromEnv(),
      ...(o.reports === undefined ? {} : { reports: o.reports }),
      ...(trustProxy() === undefined ? {} : { trustProxy: trustProxy()! }),
    });
    app.log.info({ db: store.location, dialect: store.dialect }, '数据库已就绪');
    await importSamplesIfEmpty(store, o.samplesDir ?? join(packageRoot(), 'samples'), app.log);
    const accounts = await ensureAccounts(store, { demo: o.demo ?? demoEnabled() });
    // 演示数据 reports with the demo accounts, on a database without any report (never beside real ones)
    if (o.demo ?? demoEnabled()) {
      const made = await fillDemoReports(store);
      if (made) app.log.info({ reports: made }, `新数据库：已为示例项目生成 ${made} 份运行监控与绩效自评演示数据（标注“演示数据”）`);
    }
    // plans published (公开) whose table was not stored (a failure, a crash in between): stored now
    try {
      const published = await publishPending(store, null);
      if (published.length) app.log.info({ tables: published.map((p) => p.file) }, `已为 ${published.length} 个单位年度补存公开表`);
    } catch (e) {
      app.log.error({ err: e }, '补存公开表失败，下次公开或启动时重试');
    }
    if (accounts.admin) app.log.info({ demo: accounts.demo !== null }, '新数据库：已创建系统管理员 admin' + (accounts.demo ? '与演示账户' : '') + '（密码只在控制台显示一次）');
    const host = o.host ?? 'localhost';
    const port = o.port ?? 3000;
    await app.listen({ port, host });
    const address = app.server.address();
    const actual = typeof address === 'object' && address ? address.port : port;
    const shown = host === '0.0.0.0' || host === '::' ? 'localhost' : host.includes(':') ? `[${host}]` : host;
    return {
      app, store, url: `http://${shown}:${actual}`, accounts,
      async close() {
        await app.close();
        await store.close();
      },
    };
  } catch (e) {
    await store.close().catch(() => undefined);
    throw e;
  }
}
