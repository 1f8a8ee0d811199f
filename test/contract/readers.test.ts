// The readers' contract: every reader, given the same tables in its own format (tabular text, flowed
// text, PDF from two producers), reads the same header, units, projects, amounts (by column where the
// format prints columns), goals, indicators and content diagnostics. The expected tables come from the
// samples as the text reader reads them (test/helpers/pdf-corpus/table.ts), never from a PDF reading;
// the codes that belong to one format only are listed in FORMAT_SPECIFIC_CODES there.
// Also: the PDFs that cannot be read as tables (garbled text layer, scan, encrypted, truncated) give
// their error, and never an exception.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { tableDocumentSchema } from '../../src/model/schema.js';
import { missingTools, pdfCorpus } from '../helpers/pdf-corpus/index.js';
import { FORMAT_SPECIFIC_CODES } from '../helpers/pdf-corpus/table.js';
import { NO_PDF_READER, parseDocument } from '../helpers/readers.js';
import { compareTable, summarize } from './compare.js';
import { READERS } from './readers.js';

const missing = missingTools();
if (missing.length > 0) console.warn(`[contract] cannot build the PDF corpus, missing: ${missing.join(', ')} — run scripts/install-test-deps.sh`);
// built once (a few minutes on the first run), then read from node_modules/.cache/jixiao-pdf-corpus
const corpus = await pdfCorpus();
// a reader's inputs may be written asynchronously (an XLSX writer): all made before the suites are declared
const inputsOf = new Map(await Promise.all(READERS.map(async (r) => [r.name, await r.inputs(corpus.tables, corpus)] as const)));

describe('readers contract: the same tables read the same in every format', () => {
  it('lists the format-specific diagnostic codes it ignores, each with a reason', () => {
    expect(Object.entries(FORMAT_SPECIFIC_CODES).filter(([code, why]) => !/^[a-z0-9-]+$/.test(code) || why.trim() === '')).toEqual([]);
    // the content codes the samples deserve are checked in every format, not waved through
    expect(corpus.tables.find((t) => t.sample === '003')!.diagnostics).toContain('sum-mismatch');
    expect(corpus.tables.find((t) => t.sample === '002')!.diagnostics).toEqual(expect.arrayContaining(['indicator-seq-gap', 'indicators-prose']));
  });

  for (const reader of READERS) {
    describe(`${reader.name} reader`, () => {
      if (reader.unavailable) console.warn(`[contract] ${reader.name}: ${reader.unavailable}`);
      const inputs = inputsOf.get(reader.name)!;
      it.skipIf(reader.unavailable !== undefined).each(inputs.map((i) => [i.name, i] as const))('%s', async (_name, input) => {
        const doc = await reader.read(input.bytes, input.file);
        expect(tableDocumentSchema.safeParse(doc).success).toBe(true);
        const problems = compareTable(doc, input.expected, { ...reader.capabilities, generated: input.generated });
        expect(problems, summarize(problems)).toEqual([]);
      }, 120_000);
    });
  }
});

describe.skipIf(!parseDocument)('PDFs that are not readable tables', () => {
  if (!parseDocument) console.warn(`[contract] ${NO_PDF_READER}`);
  const broken = corpus.pdfs.filter((p) => p.expect.kind !== 'table');
  it.each(broken.map((p) => [`${p.name}.pdf: ${p.expect.kind === 'table' ? '' : p.expect.why}`, p] as const))('%s', async (_name, pdf) => {
    const expectation = pdf.expect;
    if (expectation.kind === 'table') return;
    const doc = await parseDocument!(readFileSync(pdf.path), { file: `${pdf.name}.pdf` });
    expect(tableDocumentSchema.safeParse(doc).success).toBe(true);
    const errors = doc.diagnostics.filter((d) => d.severity === 'error').map((d) => d.code);
    expect(errors, `error codes [${errors.join(' ')}], expected one of [${expectation.codes.join(' ')}]`).toEqual(expect.arrayContaining([expect.toSatisfy((c: string) => expectation.codes.includes(c))]));
    // said in Chinese: pdfjs's English only in parentheses, for support
    for (const d of doc.diagnostics.filter((x) => x.severity === 'error')) {
      expect(d.message.replace(/（[^）]*）|PDF|Excel|Unicode/g, ''), d.message).not.toMatch(/[A-Za-z]{3,}/);
    }
    const projects = doc.units.flatMap((u) => u.projects.map((p) => p.name));
    if (expectation.kind === 'error') {
      // garbled, scanned or locked: nothing is passed on as data
      expect(projects, 'projects read from a file with no usable text').toEqual([]);
    } else {
      // damaged: what is read is the table's own, nothing invented
      const known = new Set(expectation.table.units.flatMap((u) => u.projects.map((p) => p.name)));
      expect(projects.filter((n) => !known.has(n)), 'projects not in the table').toEqual([]);
    }
  }, 120_000);
});
