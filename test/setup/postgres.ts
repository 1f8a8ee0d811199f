// vitest globalSetup: the contract suite runs against the local PostgreSQL (127.0.0.1:5432, trust auth,
// database test). If it is not answering, start the machine's cluster the way the machine itself does;
// if it still cannot be reached, say so plainly: the PostgreSQL half of the suite then fails rather
// than being skipped silently.
import { execSync } from 'node:child_process';
import pg from 'pg';

export const POSTGRES_URL = process.env['JIXIAO_TEST_PG'] ?? 'postgres://postgres@127.0.0.1:5432/test';

async function reachable(): Promise<boolean> {
  const client = new pg.Client({ connectionString: POSTGRES_URL, connectionTimeoutMillis: 3000 });
  try {
    await client.connect();
    await client.query('select 1');
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => undefined);
  }
}

export default async function setup(): Promise<void> {
  if (await reachable()) return;
  try {
    const versions = execSync('ls /etc/postgresql', { encoding: 'utf8' }).trim().split(/\s+/);
    for (const v of versions) execSync(`pg_ctlcluster --skip-systemctl-redirect ${v} main start`, { stdio: 'ignore' });
  } catch {
    // not this machine's layout: fall through to the message below
  }
  for (let i = 0; i < 20 && !(await reachable()); i++) await new Promise((r) => setTimeout(r, 500));
  if (!(await reachable())) {
    process.stderr.write(`\n[jixiao tests] PostgreSQL at ${POSTGRES_URL} is not reachable; the PostgreSQL contract tests will fail.\n`);
  }
}
