// Jobs (an import run in the background): POST /api/import?async=true answers 202 with the job and its
// Location; GET /api/jobs/:id shows it queued, running (stage, n/total, a percentage that never goes
// down) and done with the same result the synchronous import gives, or failed with the reason. The job
// lives in the database: a second server over the same store answers for it; a job left by a process
// that stopped is failed when a server starts; finished jobs past their time are pruned; an unknown id is
// 404 and a malformed one 400, in the project's error shape. A job is its creator's: another account
// gets the same 404 as for a missing job, anonymous 401, admin sees every job. On SQLite and PostgreSQL,
// with the worker threads of the build (dist/).
import { readFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { beforeAll, expect, it } from 'vitest';
import { createToken } from '../../src/auth/tokens.js';
import { buildServer } from '../../src/server/index.js';
import { importResponse, jobResponse, type JobResponse } from '../../src/server/schemas.js';
import { getJob, INTERRUPTED, pruneJobs, writeJob, QUEUED } from '../../src/store/index.js';
import { SAMPLES } from '../store/harness.js';
import { error, form, json, NO_WEB, serverSuite } from './helpers.js';
import { createAccount } from './auth-helpers.js';

/** API-token headers of the importing finance account (the jobs' creator), and of an admin */
let FIN: Record<string, string> = {};
let ADMIN: Record<string, string> = {};
let finId = 0;

/** an import of a sample takes seconds, and half a minute on a loaded shared machine */
const SLOW = 180_000;
const F002 = '002_02da4d888feccc7a.txt';
const F004 = '004_08daa9245e557faf.txt';

/** polls the job until it is finished, returning every state seen */
async function follow(app: FastifyInstance, location: string, timeoutMs = 120_000, headers = FIN): Promise<JobResponse[]> {
  const seen: JobResponse[] = [];
  const until = Date.now() + timeoutMs;
  for (;;) {
    const job = json(await app.inject({ method: 'GET', url: location, headers }), jobResponse);
    seen.push(job);
    if (job.state === 'done' || job.state === 'failed') return seen;
    if (Date.now() > until) throw new Error(`job not finished in ${timeoutMs} ms: ${JSON.stringify(job.progress)}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

const asyncImport = (app: FastifyInstance, files: { name: string; content: string | Uint8Array }[], how: 'query' | 'prefer' = 'query') =>
  app.inject({ method: 'POST', url: how === 'query' ? '/api/import?async=true' : '/api/import', payload: form(files), headers: { ...FIN, ...(how === 'prefer' ? { prefer: 'respond-async' } : {}) } });

serverSuite('jobs', (app, store) => {
  beforeAll(async () => {
    const tokenOf = async (role: 'finance' | 'admin') => {
      const { user } = await createAccount(store(), { role });
      return { id: user.id, headers: { authorization: `Bearer ${(await createToken(store().db, { userId: user.id, name: 'jobs', role, orgId: user.orgId })).token}` } };
    };
    const fin = await tokenOf('finance');
    [FIN, finId, ADMIN] = [fin.headers, fin.id, (await tokenOf('admin')).headers];
  });

  it('imports as a job: 202 with Location, progress that only goes forward through the stages, then the import\'s result', async () => {
    const r = await asyncImport(app(), [{ name: F002, content: readFileSync(join(SAMPLES, F002)) }]);
    const accepted = json(r, jobResponse, 202);
    expect(r.headers['location']).toBe(`/api/jobs/${accepted.id}`);
    expect(accepted.kind).toBe('import');
    expect(['queued', 'running']).toContain(accepted.state);
    expect(accepted.createdBy).toBe(finId);
    const seen = await follow(app(), r.headers['location'] as string);
    const last = seen.at(-1)!;
    expect(last.state, last.error ?? '').toBe('done');
    expect(last.progress.percent).toBe(100);
    const percents = seen.map((j) => j.progress.percent);
    for (let i = 1; i < percents.length; i++) expect(percents[i]!).toBeGreaterThanOrEqual(percents[i - 1]!);
    for (const j of seen) {
      expect(j.progress.done).toBeLessThanOrEqual(Math.max(j.progress.total, 0));
      expect(['排队', '检查', '读取', '核对', '审核', '写入', '索引']).toContain(j.progress.stage);
    }
    const result = importResponse.parse(last.result);
    expect(result).toEqual([expect.objectContaining({ file: F002, status: 'imported', units: expect.any(Number), projects: expect.any(Number) })]);
    expect(last.startedAt).not.toBeNull();
    expect(last.finishedAt! >= last.startedAt!).toBe(true);
    // the document is there, as the synchronous import leaves it
    const doc = await store().db.selectFrom('documents').select('file').where('id', '=', result[0]!.documentId!).executeTakeFirst();
    expect(doc?.file).toBe(F002);
  }, SLOW);

  it('takes Prefer: respond-async as the same request, and answers the same table again as unchanged', async () => {
    const r = await asyncImport(app(), [{ name: F002, content: readFileSync(join(SAMPLES, F002)) }], 'prefer');
    expect(r.statusCode).toBe(202);
    expect(r.headers['preference-applied']).toBe('respond-async');
    const last = (await follow(app(), r.headers['location'] as string)).at(-1)!;
    expect(last.state).toBe('done');
    expect(importResponse.parse(last.result)[0]!.status).toBe('unchanged');
  }, SLOW);

  it('keeps the synchronous import as it was (200 and the result)', async () => {
    const r = await app().inject({ method: 'POST', url: '/api/import', headers: FIN, payload: form([{ name: F004, content: readFileSync(join(SAMPLES, F004)) }]) });
    expect(json(r, importResponse)[0]!.status).toBe('imported');
  }, SLOW);

  it('fails a job whose file is not a table, with the reason in Chinese, and stores nothing', async () => {
    const before = await store().db.selectFrom('documents').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    const r = await asyncImport(app(), [{ name: 'x.bin', content: new Uint8Array([0, 1, 2, 3, 0, 0, 255, 254, 0, 7]) }]);
    expect(r.statusCode).toBe(202);
    const last = (await follow(app(), r.headers['location'] as string)).at(-1)!;
    expect(last.state).toBe('failed');
    expect(last.error).toMatch(/x\.bin/);
    expect(last.error).toMatch(/[\u4e00-\u9fff]/);
    expect(last.result).toBeNull();
    const after = await store().db.selectFrom('documents').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    expect(Number(after.n)).toBe(Number(before.n));
  }, SLOW);

  it('is seen by a second server over the same database (the job lives there, not in the process)', async () => {
    const r = await asyncImport(app(), [{ name: 'again.txt', content: `${readFileSync(join(SAMPLES, F004), 'utf8')}\n` }]);
    const id = json(r, jobResponse, 202).id;
    await follow(app(), `/api/jobs/${id}`);
    // the runner writes the final state just after it answers done from memory
    for (let i = 0; i < 200 && (await getJob(store(), id))?.state !== 'done'; i++) await new Promise((r) => setTimeout(r, 25));
    const other = await buildServer({ store: store(), logger: false, webDir: NO_WEB, workers: 0 });
    try {
      const there = json(await other.inject({ method: 'GET', url: `/api/jobs/${id}`, headers: FIN }), jobResponse);
      expect(there.state).toBe('done');
      expect(there.id).toBe(id);
      expect(importResponse.parse(there.result)[0]!.file).toBe('again.txt');
    } finally {
      await other.close();
    }
  }, SLOW);

  it('marks failed, on start, the jobs of a process that is gone, and leaves a live one alone', async () => {
    const at = new Date().toISOString();
    const old = new Date(Date.now() - 3600_000).toISOString();
    const ids = { deadPid: crypto.randomUUID(), staleHost: crypto.randomUUID(), live: crypto.randomUUID() };
    // a pid of this host that no process has (pids stop well below 2^22 on Linux)
    await writeJob(store(), { op: 'create', id: ids.deadPid, kind: 'import', runner: `${hostname()} 4194303 deadbeef`, createdBy: null, progress: QUEUED, at });
    await writeJob(store(), { op: 'update', id: ids.deadPid, at, state: 'running', started: true, progress: { stage: '写入', done: 10, total: 100, message: '写入', percent: 60 } });
    await writeJob(store(), { op: 'create', id: ids.staleHost, kind: 'import', runner: 'another-host 1234 cafe', createdBy: 7, progress: QUEUED, at: old });
    await writeJob(store(), { op: 'create', id: ids.live, kind: 'import', runner: `another-host 1234 cafe`, createdBy: null, progress: QUEUED, at });
    const restarted = await buildServer({ store: store(), logger: false, webDir: NO_WEB, workers: 0 });
    try {
      for (const id of [ids.deadPid, ids.staleHost]) {
        const j = json(await restarted.inject({ method: 'GET', url: `/api/jobs/${id}`, headers: ADMIN }), jobResponse);
        expect(j.state).toBe('failed');
        expect(j.error).toBe(INTERRUPTED);
        expect(j.finishedAt).not.toBeNull();
      }
      expect(json(await restarted.inject({ method: 'GET', url: `/api/jobs/${ids.staleHost}`, headers: ADMIN }), jobResponse).createdBy).toBe(7);
      expect(json(await restarted.inject({ method: 'GET', url: `/api/jobs/${ids.live}`, headers: ADMIN }), jobResponse).state).toBe('queued');
    } finally {
      await restarted.close();
    }
  }, SLOW);

  it('prunes finished jobs past their time, not running or recent ones', async () => {
    const ago = (days: number) => new Date(Date.now() - days * 86400_000).toISOString();
    const old = crypto.randomUUID();
    const recent = crypto.randomUUID();
    for (const [id, days] of [[old, 10], [recent, 1]] as const) {
      await writeJob(store(), { op: 'create', id, kind: 'import', runner: `${hostname()} ${process.pid} prune`, createdBy: null, progress: QUEUED, at: ago(days) });
      await writeJob(store(), { op: 'update', id, at: ago(days), state: 'done', finished: true, result: [] });
    }
    expect(await pruneJobs(store(), new Date(Date.now() - 7 * 86400_000))).toBeGreaterThanOrEqual(1);
    error(await app().inject({ method: 'GET', url: `/api/jobs/${old}`, headers: ADMIN }), 404, 'not-found');
    expect(json(await app().inject({ method: 'GET', url: `/api/jobs/${recent}`, headers: ADMIN }), jobResponse).state).toBe('done');
  }, SLOW);

  it('answers an unknown job 404 and a malformed id 400, in the one error shape', async () => {
    error(await app().inject({ method: 'GET', url: `/api/jobs/${crypto.randomUUID()}`, headers: FIN }), 404, 'not-found');
    for (const bad of ['1', '0x10', '%00', 'x'.repeat(90), encodeURIComponent("' or '1'='1"), `${crypto.randomUUID()}x`]) {
      error(await app().inject({ method: 'GET', url: `/api/jobs/${bad}`, headers: FIN }), 400);
    }
    error(await app().inject({ method: 'GET', url: `/api/jobs/${crypto.randomUUID()}?x=1`, headers: FIN }), 400);
    error(await app().inject({ method: 'POST', url: '/api/import?async=maybe', headers: FIN, payload: '' }), 400);
  }, SLOW);
}, { seed: false });
