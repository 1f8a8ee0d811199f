// What every parsed document must satisfy, whatever the input: it validates against the zod model and
// the published JSON Schema, its source block describes the input, and no amount printed in the input
// is lost. Returns problems as short strings (empty when all hold), so fuzz loops can collect them.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Ajv2020Module from 'ajv/dist/2020.js';
import { tableDocumentSchema } from '../../src/model/schema.js';
import type { Funding, TableDocument } from '../../src/model/types.js';
import { REPO_ROOT } from './samples.js';

// ajv is CommonJS: the class is the module itself at run time, `.default` in its typings
const Ajv2020 = ((Ajv2020Module as unknown as { default?: unknown }).default ?? Ajv2020Module) as typeof Ajv2020Module.default;
const ajv = new Ajv2020({ allErrors: false, strict: true });
export const validateJsonSchema = ajv.compile(JSON.parse(readFileSync(join(REPO_ROOT, 'spec', 'table.schema.json'), 'utf8')) as object);

/** Amount tokens as the brief defines them: 12,721.29 or 47.66 or 661.1 */
export const AMOUNT_TOKEN = /\d{1,3}(?:,\d{3})+\.\d{1,2}|\d+\.\d{1,2}/g;

/** Decodes bytes the way the document says they were decoded (BOM dropped, bad bytes → U+FFFD). */
export function decodeAs(bytes: Uint8Array, encoding: unknown): string {
  return new TextDecoder(encoding === 'gb18030' ? 'gb18030' : 'utf-8').decode(bytes);
}

/** Control bytes that no text table holds (TAB, LF, VT, FF, CR and ESC excepted). */
export function hasControlBytes(bytes: Uint8Array): boolean {
  for (const b of bytes) if (b < 0x09 || (b > 0x0d && b < 0x20 && b !== 0x1b)) return true;
  return false;
}

export interface CheckOptions {
  /** the file name passed to the parser */
  readonly file: string;
  /** check that every amount token of the input appears in the output (default true) */
  readonly amounts?: boolean;
}

const clip = (s: string, n = 160): string => (s.length > n ? s.slice(0, n) + '…' : s);

export function checkDocument(doc: unknown, bytes: Uint8Array, options: CheckOptions): string[] {
  const problems: string[] = [];
  const z = tableDocumentSchema.safeParse(doc);
  if (!z.success) {
    const issue = z.error.issues[0];
    problems.push(`zod: ${issue ? `${issue.path.join('.') || '(root)'}: ${issue.message}` : 'invalid'}${z.error.issues.length > 1 ? ` (+${z.error.issues.length - 1} more)` : ''}`);
  }
  let json: string;
  try {
    json = JSON.stringify(doc);
  } catch (e) {
    problems.push(`JSON.stringify throws: ${clip(String(e))}`);
    return problems;
  }
  if (!validateJsonSchema(JSON.parse(json))) {
    const err = validateJsonSchema.errors?.[0];
    problems.push(`json-schema: ${err ? `${err.instancePath || '(root)'} ${err.message ?? ''}` : 'invalid'}`);
  }
  if (!z.success) return problems; // the rest reads fields the schema vouches for
  const d = z.data as TableDocument;
  if (d.source.bytes !== bytes.length) problems.push(`source.bytes ${d.source.bytes} ≠ ${bytes.length}`);
  if (d.source.file !== options.file) problems.push(`source.file ${JSON.stringify(d.source.file)} ≠ ${JSON.stringify(options.file)}`);
  if (d.source.sha256 !== createHash('sha256').update(bytes).digest('hex')) problems.push('source.sha256 is not the input\'s');
  if (options.amounts !== false) problems.push(...missingAmounts(d, json, bytes));
  return problems;
}

function fundings(d: TableDocument): Funding[] {
  const out: Funding[] = [];
  if (d.total) out.push(d.total);
  for (const u of d.units) {
    if (u.funding) out.push(u.funding);
    for (const p of u.projects) out.push(p.funding);
  }
  return out;
}

const cents = (x: number): number => Math.round(x * 100);

function missingAmounts(d: TableDocument, json: string, bytes: Uint8Array): string[] {
  if (d.diagnostics.some((g) => g.code === 'input-binary')) {
    // declining to read binary is fine, but only when the input really has bytes no text holds
    return hasControlBytes(bytes) ? [] : ['input-binary on input without control bytes'];
  }
  const tokens = new Set(decodeAs(bytes, d.source.encoding).match(AMOUNT_TOKEN) ?? []);
  if (tokens.size === 0) return [];
  // every occurrence of a token in the JSON lies inside a run of digits, dots and commas
  const runs = new Set<string>();
  for (const run of json.match(/[\d.,]+/g) ?? []) runs.add(run).add(run.replace(/^,+|,+$/g, ''));
  const numbers = new Set<number>();
  for (const f of fundings(d)) {
    for (const x of [f.total, f.fiscal, f.specialAccount, f.other, ...f.unplaced]) if (x !== null) numbers.add(cents(x));
  }
  const missing: string[] = [];
  for (const t of tokens) {
    const plain = t.replace(/,/g, '');
    if (runs.has(t) || runs.has(plain) || numbers.has(cents(Number(plain)))) continue;
    if (json.includes(t) || json.includes(plain)) continue;
    missing.push(t);
  }
  if (missing.length === 0) return [];
  return [`${missing.length} of ${tokens.size} amounts missing from the output: ${missing.slice(0, 6).join(' ')}${missing.length > 6 ? ' …' : ''}`];
}

/** The diagnostics of a document with the given severity, as `code: message` strings. */
export function diagnosticsOf(doc: TableDocument, severity?: 'error' | 'warning' | 'info'): string[] {
  return doc.diagnostics.filter((g) => severity === undefined || g.severity === severity).map((g) => `${g.code}: ${g.message}`);
}
