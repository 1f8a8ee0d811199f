// The PDF reader's side of the PDF bench, in a process of its own so that its peak RSS is the reader's:
// reads the PDFs listed in the file named by argv[2] with parseDocument, one after the other, and
// prints one JSON line {seconds, files, checksum, maxRssMb}. Run by bench/pdf.ts.
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import type { TableDocument } from '../src/model/types.js';

type ParseDocument = (bytes: Uint8Array, options?: { readonly file?: string }) => Promise<TableDocument>;

async function main(): Promise<void> {
  const ingest = (await import('../src/ingest/index.js')) as unknown as { parseDocument?: ParseDocument };
  const parseDocument = ingest.parseDocument;
  if (!parseDocument) throw new Error('parseDocument is not exported by src/ingest/index.ts');
  const files = (JSON.parse(readFileSync(process.argv[2]!, 'utf8')) as string[]);
  // warm-up: the first file once, untimed (module compilation, CMaps loaded on first use)
  if (files[0]) await parseDocument(readFileSync(files[0]), { file: basename(files[0]) });
  let checksum = 0;
  const t0 = process.hrtime.bigint();
  for (const f of files) {
    const doc = await parseDocument(readFileSync(f), { file: basename(f) });
    checksum += doc.units.reduce((n, u) => n + u.projects.length, 0) + doc.diagnostics.length;
  }
  const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
  process.stdout.write(`${JSON.stringify({ seconds, files: files.length, checksum, maxRssMb: process.resourceUsage().maxRSS / 1024 })}\n`);
}

main().catch((e: unknown) => {
  process.stderr.write(`${String((e as Error)?.stack ?? e)}\n`);
  process.exit(1);
});
