// `jixiao db migrate`: brings the schema up to date and says what ran and where the database is.
import type { Writable } from 'node:stream';
import { withStore, type DbOption } from './store-options.js';

export async function dbMigrateCommand(opts: DbOption, out: Writable, err: Writable): Promise<number> {
  return withStore(opts, err, async (store, migrated) => {
    out.write(`数据库：${store.location}${store.schema && store.schema !== 'public' ? `（模式 ${store.schema}）` : ''}\n`);
    if (migrated.length === 0) out.write('数据库结构已是最新，无需迁移。\n');
    else out.write(`已执行 ${migrated.length} 个迁移：\n${migrated.map((m) => `  ${m}\n`).join('')}`);
    return 0;
  });
}
