// Child process for crash.test.ts: imports one file into a store with the *built* code (dist/), the way
// `jixiao import` does, and says on stdout when the import's transaction has started writing rows.
//   node crash-child.mjs FILE LOCATION [SCHEMA]
// stdout: `PARSING`, then `WRITING` once the projects rows are written inside the transaction, then
// `DONE <status>` if it ever finishes. After WRITING each table's write is held back JIXIAO_CRASH_DELAY_MS
// (default 1000 ms) so the transaction stays open long enough to be looked at and killed on any machine.
import { readFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const [file, location, schema] = process.argv.slice(2);
const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const { openStore, importBytes } = await import(pathToFileURL(join(root, 'dist', 'src', 'store', 'index.js')).href);
const delay = Number(process.env.JIXIAO_CRASH_DELAY_MS ?? 1000);

let writing = false;
/** the import's hook inside its transaction, after each table's rows (ImportOptions.onWritten) */
async function onWritten(table) {
  if (table === 'projects' && !writing) {
    writing = true;
    process.stdout.write('WRITING\n');
  }
  if (writing && delay > 0) await new Promise((r) => setTimeout(r, delay));
}

const store = openStore(location, schema ? { schema } : {});
process.stdout.write('PARSING\n');
const outcome = await importBytes(store, readFileSync(file), { file: basename(file), onWritten });
process.stdout.write(`DONE ${outcome.status}${outcome.status === 'failed' ? ` ${outcome.reason}` : ''}\n`);
await store.close();
