export { openStore, resolveLocation, isPostgresUrl, DEFAULT_DB, type Store, type DialectName } from './connect.js';
export { migrate } from './migrations.js';
export { importBytes, type ImportOutcome, type ImportOptions } from './import.js';
export type { Database } from './schema.js';
