// Text handling for search, shared by the index (search-index.ts), the migration (search-schema.ts)
// and the query side (search.ts): normalisation, bigram tokens, and escaping user input for FTS5
// MATCH and LIKE.
//
// Normalisation is one character to at most one character, so a match found in the normalised text
// maps straight back to the original (`map`): whitespace and control characters are dropped (PDF extraction scatters spaces
// through names: “广州市人力资源和社会保障局 2023年…”), full-width forms become half-width (`halfWidth`
// from the target grammar, then the rest of U+FF01–U+FF5E, so “（%）” and “(%)” are one text), and
// Latin letters are lower-cased. The indexed text and the query go through the same function.
//
// Tokens: every pair of consecutive characters (a bigram) is one token, plus an end token for the last
// character, so any query of two or more characters is a phrase of consecutive bigrams and a query of
// one character is a prefix of a token. A token is the two code points written as four base-36 digits
// each (`zzzz` is beyond U+10FFFF and marks the end): plain [0-9a-z], so no tokenizer (FTS5 `ascii`,
// PostgreSQL tsvector input) can split, drop or reinterpret it, whatever punctuation the text holds.
import { halfWidth } from '../targets/parse.js';

export interface NormalizedText {
  /** the normalised text */
  readonly text: string;
  /** map[i]: the index in the original string of the normalised text's UTF-16 unit i */
  readonly map: readonly number[];
}

const WHITESPACE = /\s/;

export function normalizeForSearch(original: string): NormalizedText {
  const s = halfWidth(original); // length-preserving: one UTF-16 unit to one
  let text = '';
  const map: number[] = [];
  for (let i = 0; i < s.length; i++) {
    let c = s.charCodeAt(i);
    if (c < 0x20 || c === 0x7f || WHITESPACE.test(s.charAt(i))) continue; // control characters (NUL) too
    if (c >= 0xff01 && c <= 0xff5e) c -= 0xfee0; // the rest of the full-width ASCII block
    if (c >= 0x41 && c <= 0x5a) c += 0x20; // A-Z → a-z
    text += String.fromCharCode(c);
    map.push(i);
  }
  return { text, map };
}

/** The normalised text only. */
export const normalizedText = (s: string): string => normalizeForSearch(s).text;

const END = 'zzzz';
const enc = (cp: number): string => cp.toString(36).padStart(4, '0');

/** The bigram tokens of a normalised text, in order (position i = the bigram starting at code point i). */
export function bigramTokens(norm: string): string[] {
  const cps = Array.from(norm, (c) => c.codePointAt(0)!);
  const out: string[] = [];
  for (let i = 0; i < cps.length; i++) out.push(enc(cps[i]!) + (i + 1 < cps.length ? enc(cps[i + 1]!) : END));
  return out;
}

/** Number of characters (code points) of a normalised query. */
export const codePoints = (s: string): number => Array.from(s).length;

/** What an index is asked for a normalised query: one token prefix (one character) or a phrase of bigrams. */
export type TokenQuery = { readonly kind: 'prefix'; readonly prefix: string } | { readonly kind: 'phrase'; readonly tokens: readonly string[] };

export function tokenQuery(normQuery: string): TokenQuery {
  const cps = Array.from(normQuery, (c) => c.codePointAt(0)!);
  if (cps.length === 1) return { kind: 'prefix', prefix: enc(cps[0]!) };
  const tokens: string[] = [];
  for (let i = 0; i + 1 < cps.length; i++) tokens.push(enc(cps[i]!) + enc(cps[i + 1]!));
  return { kind: 'phrase', tokens };
}

/** A string as one FTS5 phrase: in double quotes, any `"` doubled. Nothing inside is then syntax. */
export const fts5Phrase = (s: string): string => `"${s.replace(/"/g, '""')}"`;

/** The FTS5 MATCH expression for a token query (always quoted, see fts5Phrase). */
export function fts5Match(q: TokenQuery): string {
  return q.kind === 'prefix' ? `${fts5Phrase(q.prefix)}*` : fts5Phrase(q.tokens.join(' '));
}

/** The FTS5 document for a normalised text: its tokens separated by spaces. */
export const fts5Document = (norm: string): string => bigramTokens(norm).join(' ');

// PostgreSQL computes its bigram tsvector itself, in the SQL function search_bigrams (search-schema.ts),
// so the tokens there are what SQL can write simply: each code point as six hex digits, `ffffff` for
// the end. No positions: a query of three or more characters asks for all its bigrams (the exact test,
// strpos, follows), so the index never needs a recheck. One more lexeme names the text's length band,
// so that the index alone can find the matches of one band of lengths (ranking is shortest first).
// These functions are the SQL's JavaScript twins: the query side, and a reference the tests compare the
// SQL function with.
const hex = (cp: number): string => cp.toString(16).padStart(6, '0');
const HEX_END = 'ffffff';

/** Length bands: band k holds the texts with LENGTH_BANDS[k-1] <= len < LENGTH_BANDS[k] (UTF-16 units). */
export const LENGTH_BANDS: readonly number[] = [4, 6, 8, 10, 12, 14, 16, 18, 20, 24, 28, 32, 40, 48, 56, 64, 80, 96, 128, 160, 192, 256, 320, 384, 512, 768, 1024];
export const bandOf = (len: number): number => LENGTH_BANDS.filter((b) => b <= len).length;
/** the lengths of band k: [from, to) */
export const bandRange = (k: number): { from: number; to: number } => ({ from: k === 0 ? 0 : LENGTH_BANDS[k - 1]!, to: LENGTH_BANDS[k] ?? Number.MAX_SAFE_INTEGER });
export const bandLexeme = (k: number): string => `len${String(k).padStart(2, '0')}`;

/** The tsvector search_bigrams(norm, len) gives, as tsvector text ('tok' 'tok2' … 'len05', sorted). */
export function pgBigramTsvector(norm: string, len = norm.length): string {
  const cps = Array.from(norm, (c) => c.codePointAt(0)!);
  const lexemes = new Set<string>([bandLexeme(bandOf(len))]);
  for (let i = 0; i < cps.length; i++) lexemes.add(hex(cps[i]!) + (i + 1 < cps.length ? hex(cps[i + 1]!) : HEX_END));
  return [...lexemes].sort().map((t) => `'${t}'`).join(' ');
}

/**
 * The tsquery literal for a normalised query: a token prefix ('00904e':*) for one character, else all
 * its distinct bigrams ('a' & 'b' …); with `band`, only in that length band. Plain hex and digits, so
 * nothing in it is tsquery syntax; cast with ::tsquery.
 */
export function pgBigramQuery(norm: string, band?: number): string {
  const cps = Array.from(norm, (c) => c.codePointAt(0)!);
  const terms = cps.length === 1 ? [`'${hex(cps[0]!)}':*`] : [...new Set(cps.slice(1).map((c, i) => `'${hex(cps[i]!)}${hex(c)}'`))];
  return [...(band === undefined ? [] : [`'${bandLexeme(band)}'`]), ...terms].join(' & ');
}

/** A LIKE pattern matching `s` anywhere, with % _ and \ escaped (use with ESCAPE '\'). */
export const likeContains = (s: string): string => `%${s.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
