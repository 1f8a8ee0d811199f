// What every store command shares: `--db` (else JIXIAO_DB, else DATABASE_URL, else ./data/jixiao.sqlite),
// opening and migrating before anything else, the project filters, and one way to report errors.
import type { Command } from 'commander';
import type { Writable } from 'node:stream';
import { migrate, openStore, QueryError, resolveLocation, type ProjectFilters, type Store } from '../store/index.js';
import type { Principal } from '../auth/roles.js';

export interface DbOption {
  readonly db?: string | undefined;
}

export const DB_HELP = '数据库：SQLite 文件路径或 postgres:// 地址（默认依次取 JIXIAO_DB、DATABASE_URL、./data/jixiao.sqlite）';

/**
 * Opens the store named by `--db` (or the environment), brings its schema up to date and runs `body`.
 * A store that cannot be opened or migrated, and input the query rejects, exit 2; the body's own code otherwise.
 */
export async function withStore(opts: DbOption, err: Writable, body: (store: Store, migrated: readonly string[]) => Promise<number>): Promise<number> {
  const location = resolveLocation(opts.db);
  let store: Store;
  let migrated: string[];
  try {
    store = openStore(location);
  } catch (e) {
    err.write(`jixiao: 无法打开数据库 ${location}：${(e as Error).message}\n`);
    return 2;
  }
  try {
    try {
      migrated = await migrate(store);
    } catch (e) {
      err.write(`jixiao: 无法使用数据库 ${store.location}：${(e as Error).message}\n`);
      return 2;
    }
    return await body(store, migrated);
  } catch (e) {
    if (e instanceof QueryError) {
      err.write(`jixiao: ${e.message}\n`);
      return 2;
    }
    // a database that refuses the query (too complex, cancelled, gone): its message, not a stack trace
    const code = (e as { code?: unknown } | null)?.code;
    if (typeof code === 'string' && (code.startsWith('SQLITE_') || /^[0-9A-Z]{5}$/.test(code))) {
      err.write(`jixiao: 数据库无法完成这个查询（${code}）：${String((e as Error).message).split('\n')[0]!.slice(0, 300)}\n`);
      return 1;
    }
    throw e;
  } finally {
    await store.close().catch(() => undefined);
  }
}

const collect = (v: string, prev: string[] | undefined): string[] => [...(prev ?? []), v];
/** a number as typed; anything else becomes NaN so the query's validation names the option */
const num = (v: string): number => (v.trim() === '' ? Number.NaN : Number(v));
/** a year, or `none` for the tables that print no year (未注明年度), as the HTTP API's year=none */
export const yearArg = (v: string): number | 'none' => (v.trim() === 'none' ? 'none' : num(v));

/** Adds the project filters (`jixiao projects`, `jixiao export`). */
export function addFilterOptions(cmd: Command): Command {
  return cmd
    .option('--year <N|none>', '年度（none：未注明年度的表）', yearArg)
    .option('--department <名称>', '部门名称（完整）')
    .option('--unit <名称>', '资金使用单位（完整）')
    .option('--min <万元>', '总计不低于（万元）', num)
    .option('--max <万元>', '总计不高于（万元）', num)
    .option('--source <栏目>', '有该资金来源的项目：fiscal 财政拨款、specialAccount 财政专户拨款、other 其他资金、unplaced 未归列金额（可重复）', collect)
    .option('--has <代码>', '有该类指标的项目，如 3（满意度指标）或 13（时效指标）（可重复）', collect)
    .option('--missing <代码>', '缺少该类指标的项目，如 3：没有满意度指标（可重复）', collect)
    .option('--findings', '只列有审核问题的项目')
    .option('--no-findings', '只列没有审核问题的项目')
    .option('--rule <规则>', '有该审核规则问题的项目，如 dimension-coverage')
    .option('--severity <级别>', '有该级别审核问题的项目：error、warning、info')
    .option('--all-versions', '包括各单位的旧版本（默认只取最新版本）');
}

export interface FilterOptions {
  year?: number | 'none'; department?: string; unit?: string; min?: number; max?: number; source?: string[]; has?: string[]; missing?: string[];
  findings?: boolean; rule?: string; severity?: string; allVersions?: boolean;
}

/** The commander options as a query filter; validation (and its messages) is the query's. */
export function filtersFrom(o: FilterOptions): ProjectFilters {
  const f: Record<string, unknown> = {};
  for (const k of ['year', 'department', 'unit', 'min', 'max', 'source', 'has', 'missing', 'findings', 'rule', 'severity'] as const) {
    if (o[k] !== undefined) f[k] = o[k];
  }
  if (o.allVersions) f['latestOnly'] = false;
  return f as ProjectFilters;
}

/** whoever runs the CLI holds the database: they see every department and plan, as finance does */
export const CLI_PRINCIPAL: Principal = { userId: 0, username: '命令行', role: 'finance', orgId: null, via: 'token' };
