// Starting the server for `jixiao serve` / `npm start`: open the store (--db, JIXIAO_DB, DATABASE_URL,
// ./data/jixiao.sqlite), migrate, import the bundled samples into an empty database, listen.
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { FastifyBaseLogger, FastifyInstance, FastifyServerOptions } from 'fastify';
import { importAll, migrate, openStore, resolveLocation, type Store } from '../store/index.js';
import { buildServer, packageRoot } from './app.js';

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
}

export interface Started {
  readonly app: FastifyInstance;
  readonly store: Store;
  readonly url: string;
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
  log.info(`数据库为空，已导入 ${imported} 个示例文件（${dir}）`);
  return imported;
}

export async function startServer(o: StartOptions): Promise<Started> {
  const location = resolveLocation(o.db);
  const store = openStore(location);
  try {
    await migrate(store);
    const app = await buildServer({
      store,
      logger: o.logger ?? { level: process.env['LOG_LEVEL'] ?? 'info' },
      ...(o.webDir === undefined ? {} : { webDir: o.webDir }),
      ...(o.uploadLimit === undefined ? {} : { uploadLimit: o.uploadLimit }),
      cache: o.cache ?? !/^(off|0|false|no)$/i.test(process.env['JIXIAO_CACHE'] ?? ''),
    });
    app.log.info({ db: store.location, dialect: store.dialect }, '数据库已就绪');
    await importSamplesIfEmpty(store, o.samplesDir ?? join(packageRoot(), 'samples'), app.log);
    const host = o.host ?? 'localhost';
    const port = o.port ?? 3000;
    await app.listen({ port, host });
    const address = app.server.address();
    const actual = typeof address === 'object' && address ? address.port : port;
    const shown = host === '0.0.0.0' || host === '::' ? 'localhost' : host.includes(':') ? `[${host}]` : host;
    return {
      app, store, url: `http://${shown}:${actual}`,
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
