// Runs the compiled parser (dist/src/ingest/index.js, built by `npm run build`, which `npm test`
// runs first) in a worker thread, so that a parser which loops forever on some input becomes a
// reported failure with its seed instead of a test run that never ends: a synchronous hang cannot
// be interrupted by vitest's timeouts, but a worker can be terminated.
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import { REPO_ROOT } from './samples.js';

export type ParseOutcome =
  | { readonly ok: true; readonly doc: unknown; readonly ms: number }
  | { readonly ok: false; readonly kind: 'throw' | 'timeout' | 'crash' | 'uncloneable'; readonly message: string; readonly ms: number };

const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
import(workerData.moduleUrl).then((m) => {
  // one request at a time, in order, also for the async parseDocument: the caller times only the head
  let chain = Promise.resolve();
  const handle = async ({ id, bytes, text, file, pdf }) => {
    const t0 = performance.now();
    let reply;
    try {
      if (pdf && typeof m.parseDocument !== 'function') throw new Error('parseDocument is not exported by the compiled parser');
      const doc = pdf ? await m.parseDocument(bytes, { file }) : text === undefined ? m.parseBytes(bytes, { file }) : m.parseText(text, { file });
      reply = { id, ok: true, doc, ms: performance.now() - t0 };
    } catch (e) {
      reply = { id, ok: false, kind: 'throw', message: String((e && e.stack) || e), ms: performance.now() - t0 };
    }
    try {
      parentPort.postMessage(reply);
    } catch (e) {
      parentPort.postMessage({ id, ok: false, kind: 'uncloneable', message: String(e), ms: reply.ms });
    }
  };
  parentPort.on('message', (request) => {
    chain = chain.then(() => handle(request));
  });
  parentPort.postMessage({ ready: true });
}, (e) => parentPort.postMessage({ ready: false, message: String((e && e.stack) || e) }));
`;

/** The compiled parser module; throws with instructions when dist/ is missing or older than the parser's sources. */
export function compiledParserUrl(): string {
  const dist = join(REPO_ROOT, 'dist', 'src', 'ingest', 'index.js');
  const stale: string[] = [];
  const srcDir = join(REPO_ROOT, 'src');
  for (const rel of readdirSync(srcDir, { recursive: true, encoding: 'utf8' })) {
    // only what the compiled parser loads: the ingest stage and the model it builds
    if (!rel.endsWith('.ts') || rel.endsWith('.d.ts') || !/^(ingest|model)[/\\]/.test(rel)) continue;
    const out = join(REPO_ROOT, 'dist', 'src', rel.replace(/\.ts$/, '.js'));
    if (!existsSync(out) || statSync(out).mtimeMs < statSync(join(srcDir, rel)).mtimeMs) stale.push(`src/${rel}`);
  }
  if (!existsSync(dist) || stale.length > 0) {
    throw new Error(`dist/ is missing or older than ${stale.slice(0, 3).join(', ') || 'src/'}: run \`npm run build\` first (\`npm test\` does)`);
  }
  return pathToFileURL(dist).href;
}

const post = (w: Worker, r: Request): void => w.postMessage({ id: r.id, file: r.file, ...r.input });

interface Request {
  readonly id: number;
  readonly input: { readonly bytes: Uint8Array; readonly pdf?: true } | { readonly text: string };
  readonly file: string;
  readonly timeoutMs: number;
  readonly resolve: (o: ParseOutcome) => void;
}

/**
 * One worker, parsing requests in order. Several requests may be queued (so the caller can prepare
 * the next input while the worker parses); only the request at the head is running, and only its
 * time counts against its limit. When it times out or the worker dies, the head gets the failure,
 * the worker is replaced, and the rest of the queue is sent to the new one.
 */
export class IsolatedParser {
  private worker: Worker | undefined;
  private ready: Promise<void> | undefined;
  private nextId = 1;
  private readonly queue: Request[] = [];
  private headTimer: NodeJS.Timeout | undefined;
  private headStart = 0;

  constructor(
    private readonly moduleUrl: string = compiledParserUrl(),
    /** V8 heap cap for the worker: the 50 MB input needs room, a runaway parser should not get all */
    private readonly heapMb = 8192,
  ) {}

  /** parseBytes in the worker; a parse running longer than timeoutMs is killed and reported as 'timeout'. */
  parse(bytes: Uint8Array, file: string, timeoutMs: number): Promise<ParseOutcome> {
    return this.request({ bytes }, file, timeoutMs);
  }

  /** parseDocument (PDF or text, async) in the worker, likewise. */
  parseDocument(bytes: Uint8Array, file: string, timeoutMs: number): Promise<ParseOutcome> {
    return this.request({ bytes, pdf: true }, file, timeoutMs);
  }

  /** parseText in the worker, likewise. */
  parseText(text: string, file: string, timeoutMs: number): Promise<ParseOutcome> {
    return this.request({ text }, file, timeoutMs);
  }

  private request(input: Request['input'], file: string, timeoutMs: number): Promise<ParseOutcome> {
    return new Promise<ParseOutcome>((resolve) => {
      const request: Request = { id: this.nextId++, input, file, timeoutMs, resolve };
      this.queue.push(request);
      if (this.queue.length === 1) this.armHead();
      void this.start().then((w) => post(w, request), (e: unknown) => this.failHead('crash', String(e)));
    });
  }

  async close(): Promise<void> {
    const w = this.worker;
    this.worker = undefined;
    this.ready = undefined;
    clearTimeout(this.headTimer);
    if (w) await w.terminate();
  }

  private armHead(): void {
    clearTimeout(this.headTimer);
    const head = this.queue[0];
    if (!head) return;
    this.headStart = performance.now();
    this.headTimer = setTimeout(() => this.failHead('timeout', `no result after ${head.timeoutMs} ms (worker terminated)`), head.timeoutMs);
  }

  private start(): Promise<Worker> {
    if (!this.ready) {
      const worker = new Worker(WORKER_SOURCE, {
        eval: true,
        workerData: { moduleUrl: this.moduleUrl },
        resourceLimits: { maxOldGenerationSizeMb: this.heapMb },
      });
      this.worker = worker;
      this.ready = new Promise<void>((resolve, reject) => {
        worker.once('message', (m: { ready: boolean; message?: string }) => {
          if (m.ready) resolve();
          else reject(new Error(`the parser module does not load: ${m.message ?? ''}`));
        });
      });
      worker.on('message', (m: { id?: number } & ParseOutcome) => {
        const head = this.queue[0];
        if (m.id === undefined || !head || m.id !== head.id) return;
        this.queue.shift();
        head.resolve(m);
        this.armHead();
      });
      worker.on('error', (e) => {
        if (this.worker === worker) this.failHead('crash', String(e.stack ?? e));
      });
      worker.on('exit', (code) => {
        if (this.worker === worker) this.failHead('crash', `worker exited with code ${code}`);
      });
    }
    const worker = this.worker!;
    return this.ready.then(() => worker);
  }

  /** The running request fails; the worker is replaced and the queued requests go to the new one. */
  private failHead(kind: 'timeout' | 'crash', message: string): void {
    const w = this.worker;
    this.worker = undefined;
    this.ready = undefined;
    void w?.terminate();
    const head = this.queue.shift();
    head?.resolve({ ok: false, kind, message, ms: performance.now() - this.headStart });
    this.armHead();
    if (this.queue.length === 0) return;
    const rest = [...this.queue];
    void this.start().then(
      (nw) => { for (const r of rest) post(nw, r); },
      (e: unknown) => this.failHead('crash', String(e)),
    );
  }
}
