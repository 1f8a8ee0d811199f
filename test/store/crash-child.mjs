// Child process for crash.test.ts: imports one file into a store with the *built* code (dist/), the way
// `jixiao import` does, and says on stdout when the import's transaction has started writing rows.
//   node crash-child.mjs FILE LOCATION [SCHEMA]
// stdout: `PARSING`, then `WRITING` once the first projects row is written inside the transaction, then
// `DONE <status>` if it ever finishes. After WRITING every statement is held back JIXIAO_CRASH_DELAY_MS
// (default 100 ms) so the transaction stays open long enough to be looked at and killed on any machine.
import { readFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const [file, location, schema] = process.argv.slice(2);
const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const { openStore, importBytes } = await import(pathToFileURL(join(root, 'dist', 'src', 'store', 'index.js')).href);
const delay = Number(process.env.JIXIAO_CRASH_DELAY_MS ?? 100);

let writing = false;
let projectInsert = false;
/** a Kysely plugin that only watches: it sees each statement before and its result after */
const watcher = {
  transformQuery({ node }) {
    if (node.kind === 'InsertQueryNode' && node.into?.table?.identifier?.name === 'projects') projectInsert = true;
    return node;
  },
  async transformResult({ result }) {
    if (projectInsert && !writing) {
      writing = true;
      process.stdout.write('WRITING\n');
    }
    if (writing && delay > 0) await new Promise((r) => setTimeout(r, delay));
    return result;
  },
};

const store = openStore(location, schema ? { schema } : {});
const watched = { ...store, db: store.db.withPlugin(watcher) };
process.stdout.write('PARSING\n');
const outcome = await importBytes(watched, readFileSync(file), { file: basename(file) });
process.stdout.write(`DONE ${outcome.status}${outcome.status === 'failed' ? ` ${outcome.reason}` : ''}\n`);
await store.close();
