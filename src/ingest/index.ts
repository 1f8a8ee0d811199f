// The ingest stage's one entry point: bytes in, a TableDocument with diagnostics out. Never throws on
// bad input; throws only when called wrongly.
import { createHash } from 'node:crypto';
import type { TableDocument } from '../model/index.js';
import { decode } from './decode.js';

export interface ParseOptions {
  /** the input file's base name, printed as source.file */
  readonly file?: string;
}

export function parseBytes(bytes: Uint8Array, options: ParseOptions = {}): TableDocument {
  if (!(bytes instanceof Uint8Array)) throw new TypeError('parseBytes expects a Uint8Array');
  const sha256 = createHash('sha256').update(bytes).digest('hex');
  const decoded = decode(bytes);
  return {
    source: { file: options.file ?? '', sha256, layout: 'flowed-text', bytes: bytes.length, lines: 0, encoding: decoded.encoding },
    title: null, year: null, department: null, currencyUnit: null, total: null, units: [], orphans: [],
    diagnostics: [...decoded.diagnostics],
  };
}

export function parseText(text: string, options: ParseOptions = {}): TableDocument {
  if (typeof text !== 'string') throw new TypeError('parseText expects a string');
  return parseBytes(new TextEncoder().encode(text), options);
}
