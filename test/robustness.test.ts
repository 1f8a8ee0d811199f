// Robustness: parseBytes (and parseText) return a schema-valid document, without throwing or hanging,
// on inputs that are not tables, damaged tables, re-encoded tables and very large inputs. Non-tables
// carry an error diagnostic and no invented content. Each parse runs in a worker that is killed when
// it overruns, so a hang fails the test instead of stalling the run.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TableDocument } from '../src/model/types.js';
import { encodeGb18030 } from './helpers/gb18030.js';
import { checkDocument, diagnosticsOf } from './helpers/invariants.js';
import { IsolatedParser, type ParseOutcome } from './helpers/isolated-parser.js';
import { mulberry32 } from './helpers/prng.js';
import { type Sample, loadSamples } from './helpers/samples.js';

const samples = loadSamples();
const sample = (id: string): Sample => {
  const s = samples.find((x) => x.id === id);
  if (!s) throw new Error(`no sample ${id}`);
  return s;
};

let parser: IsolatedParser;
beforeAll(() => {
  parser = new IsolatedParser();
});
afterAll(async () => {
  await parser?.close();
});

/** Parses in the worker and checks the document's invariants; returns the document. */
async function parsed(input: Uint8Array | string, file: string, opts: { timeoutMs?: number; amounts?: boolean } = {}): Promise<TableDocument> {
  const timeoutMs = opts.timeoutMs ?? 20_000;
  const r: ParseOutcome = typeof input === 'string' ? await parser.parseText(input, file, timeoutMs) : await parser.parse(input, file, timeoutMs);
  if (!r.ok) expect.fail(`${file}: ${r.kind}: ${r.message.split('\n').slice(0, 4).join('\n')}`);
  const bytes = typeof input === 'string' ? new TextEncoder().encode(input) : input;
  expect(checkDocument(r.doc, bytes, { file, amounts: opts.amounts ?? false }), `${file}: document invariants`).toEqual([]);
  return r.doc as TableDocument;
}

const projectsOf = (doc: TableDocument): number => doc.units.reduce((n, u) => n + u.projects.length, 0);

/** What a document says about the table, apart from where it came from and how it was decoded. */
function content(doc: TableDocument, dropCodes: readonly string[] = []): unknown {
  const { source, diagnostics, ...rest } = doc;
  return { layout: source.layout, lines: source.lines, ...rest, diagnostics: diagnostics.filter((d) => !dropCodes.includes(d.code)) };
}

function randomBytes(seed: number, n: number, zeroEvery = 0): Buffer {
  const rng = mulberry32(seed);
  const out = Buffer.alloc(n);
  for (let i = 0; i < n; i++) out[i] = zeroEvery > 0 && i % zeroEvery === 0 ? 0 : rng.int(0, 255);
  return out;
}

const PNG = Buffer.concat([
  Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
  Buffer.from('0000000d49484452000002000000020008060000007a7af4', 'hex'), // IHDR 512×512 RGBA + CRC
  Buffer.from('00001000', 'hex'), Buffer.from('IDAT'), randomBytes(7, 4096),
]);

const PDF = Buffer.concat([
  Buffer.from('%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n4 0 obj\n<< /Length 4096 /Filter /FlateDecode >>\nstream\n', 'latin1'),
  Buffer.from([0x78, 0x9c]), randomBytes(11, 4096), Buffer.from('\nendstream\nendobj\n%%EOF\n'),
]);

const PROSE = `关于做好2024年部门预算编制工作的通知

各区人民政府，市政府各部门、各直属机构：
为贯彻落实党中央、国务院关于预算管理制度改革的决策部署，现就2024年部门预算编制有关事项通知如下。
一、坚持统筹兼顾，保障重点支出。二、严格预算执行，提高资金使用效益，全年压减一般性支出12.50亿元。
`;

const CSV = 'year,department,amount\n2024,人力资源和社会保障局,746104.10\n2023,人力资源和社会保障局,701,233.25\n';

const MARKDOWN = '# jixiao\n\nParses 项目支出绩效目标表.\n\n```sh\nnpm test\n```\n\n| a | b |\n|---|---|\n| 1.5 | 2.25 |\n';

describe('inputs that are not tables: a schema-valid document with an error diagnostic and no units', () => {
  const cases: [name: string, input: Uint8Array | string, codes: readonly string[]][] = [
    ['empty bytes', Buffer.alloc(0), ['input-empty']],
    ['empty text (parseText)', '', ['input-empty']],
    ['whitespace only', Buffer.from(' \n\t\r\n\u3000 \n\n   '), ['input-empty', 'layout-unknown']],
    ['random binary with NUL bytes', randomBytes(0x6a697869, 64 * 1024, 97), ['input-binary']],
    ['a PNG file', PNG, ['input-binary']],
    ['a PDF file', PDF, ['input-binary', 'layout-unknown']],
    ['Chinese prose', Buffer.from(PROSE), ['layout-unknown']],
    ['a CSV file', Buffer.from(CSV), ['layout-unknown']],
    ['a Markdown file', Buffer.from(MARKDOWN), ['layout-unknown']],
    ['text with NUL and lone surrogates (parseText)', 'abc\u0000\uD800def\uDFFF\n合计', ['input-binary', 'layout-unknown']],
  ];
  it.each(cases)('%s', async (name, input, codes) => {
    const doc = await parsed(input, `${name}.txt`);
    const errors = doc.diagnostics.filter((d) => d.severity === 'error');
    expect(errors.some((d) => codes.includes(d.code)), `an error diagnostic ${codes.join(' or ')}; got: ${diagnosticsOf(doc).join(' | ') || 'none'}`).toBe(true);
    expect(doc.units, 'no units invented from a non-table').toEqual([]);
  });
});

describe('damaged and re-encoded tables', () => {
  it('a table truncated in the middle of a multi-byte character is still read as UTF-8', async () => {
    const s = sample('000');
    let cut = Math.floor(s.bytes.length * 0.6);
    while (s.bytes[cut]! < 0xe0) cut++; // a lead byte of a 3-byte character …
    const bytes = s.bytes.subarray(0, cut + 2); // … cut after its second byte
    const doc = await parsed(bytes, s.file, { amounts: true });
    expect(doc.source.encoding).toBe('utf-8');
    expect(doc.diagnostics.map((d) => d.code), diagnosticsOf(doc).join(' | ')).toContain('input-invalid-bytes');
    expect(projectsOf(doc), 'the projects before the cut are read').toBeGreaterThan(0);
  });

  it('a title truncated mid-character is not mistaken for GB18030', async () => {
    // the first 113 bytes of 000 end inside a character and happen to be valid GB18030 as well
    const bytes = sample('000').bytes.subarray(0, 113);
    const doc = await parsed(bytes, 'title-cut.txt');
    expect(doc.source.encoding, diagnosticsOf(doc).join(' | ')).toBe('utf-8');
    expect(doc.diagnostics.some((d) => d.severity === 'error'), 'no table here: an error diagnostic').toBe(true);
  });

  it.each(['000', '002'])('sample %s encoded as GB18030 reads the same as in UTF-8', async (id) => {
    const s = sample(id);
    const gb = encodeGb18030(s.text);
    const [utf8Doc, gbDoc] = [await parsed(s.bytes, s.file), await parsed(gb, s.file)];
    expect(gbDoc.source.encoding).toBe('gb18030');
    expect(gbDoc.diagnostics.map((d) => d.code)).toContain('input-encoding');
    expect(content(gbDoc, ['input-encoding'])).toEqual(content(utf8Doc));
  });

  it('a UTF-8 byte-order mark changes nothing but the source bytes', async () => {
    const s = sample('004');
    const bom = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), s.bytes]);
    expect(content(await parsed(bom, s.file))).toEqual(content(await parsed(s.bytes, s.file)));
  });

  it.each(['004', '002'])('sample %s with CRLF line ends reads the same as with LF', async (id) => {
    const s = sample(id);
    const crlf = Buffer.from(s.text.replace(/\n/g, '\r\n'));
    expect(content(await parsed(crlf, s.file))).toEqual(content(await parsed(s.bytes, s.file)));
  });
});

describe('very large inputs finish', () => {
  const MB = 1024 * 1024;
  const repeatTo = (unit: string, bytes: number): Buffer => {
    const b = Buffer.from(unit);
    return Buffer.concat(Array.from({ length: Math.ceil(bytes / b.length) }, () => b)).subarray(0, bytes);
  };
  const lines: [name: string, bytes: Buffer][] = [
    ['the flowed samples with line breaks turned into spaces', repeatTo(samples.filter((s) => s.kind === 'flowed').map((s) => s.text.replace(/\s+/g, ' ')).join(' '), 5 * MB)],
    ['amounts only, the last one cut short', repeatTo('12,721.29 908.22 ', 5 * MB)],
    ['indicator starts only', repeatTo('1、1-产出指标；11-数量指标；', 5 * MB)],
  ];
  it.each(lines)('one 5 MB line without line breaks: %s', async (name, bytes) => {
    expect(bytes.includes(0x0a)).toBe(false);
    const doc = await parsed(bytes, `5mb-${name}.txt`, { timeoutMs: 55_000 });
    expect(doc.source.bytes).toBe(bytes.length);
    expect(doc.diagnostics.length, 'a one-line "table" is worth a diagnostic').toBeGreaterThan(0);
  }, 60_000);

  it('50 MB of concatenated samples', async () => {
    const all = Buffer.concat(samples.map((s) => s.bytes));
    const times = Math.ceil((50 * MB) / all.length);
    const bytes = Buffer.concat(Array.from({ length: times }, () => all));
    const doc = await parsed(bytes, '50mb.txt', { timeoutMs: 110_000 });
    expect(doc.source.bytes).toBe(bytes.length);
    expect(projectsOf(doc), 'projects are read from the concatenated tables').toBeGreaterThan(0);
    // the concatenation repeats headers and totals: the document must say something about that
    expect(doc.diagnostics.length).toBeGreaterThan(0);
  }, 120_000);
});
