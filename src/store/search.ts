// Search: Chinese substring search over project names, goals and indicator names, on both dialects.
//
//   search(store, { query: '运维', in: 'all', limit: 20 })
//     → { total, totalExact, hits: [{ kind, id, projectId, documentId, unit, project, field, text, highlight, score }] }
//
// How (the index: search-schema.ts, search-index.ts). The query is normalised like the indexed text
// (whitespace dropped, full-width → half-width, a–z), then each field's distinct texts are read from
// the index in ranking order, shortest first, a chunk at a time, and each text's rows are taken until
// the page is full, so a query stops after a page however many texts match.
//
// Ranking, best first:
//   1. field class: names (project names and indicator names) before goals;
//   2. shorter text first — an exact name match is the shortest text that can contain the query, so it
//      comes first of all;
//   3. earlier match first (position of the first occurrence);
//   4. names before indicator names at a tie, then import order (the newest version first when
//      latestOnly is false).
//   score = base − min(len + pos / (len + 1), 9999) / 10000, base 3 for an exact name match, 2 for
//   another name, 1 for a goal: higher is better and the order above is the order of scores. A run of
//   more than GROUP_CAP matching texts of one length is ordered by position within each GROUP_CAP block.
//
// total is exact up to COUNT_LIMIT matching rows; beyond that it is COUNT_LIMIT and totalExact is
// false (counting 150,000 indicators that say 满意 would cost more than the search itself).
//
// The query is user input: it only ever reaches the database as bound parameters, as bigram tokens
// (plain [0-9a-z]) inside a quoted FTS5 phrase or a tsquery literal, or as an escaped LIKE pattern.
import { sql, type Kysely, type RawBuilder } from 'kysely';
import type { Store } from './connect.js';
import type { Database } from './schema.js';
import { FIELD_CODE, FIELDS, ftsTable, ID_BITS, type SearchField } from './search-index.js';
import { codePoints, fts5Match, likeContains, normalizeForSearch, tokenQuery, tsqueryLiteral, type TokenQuery } from './search-text.js';

export type SearchScope = 'projects' | 'indicators' | 'all';

export interface SearchOptions {
  readonly query: string;
  /** default 'all' */
  readonly in?: SearchScope;
  /** default 20, at most 1000 */
  readonly limit?: number;
  /** default 0 */
  readonly offset?: number;
  /** default true: only the latest version of each unit */
  readonly latestOnly?: boolean;
}

export interface HighlightSegment {
  readonly text: string;
  readonly match: boolean;
}

export interface SearchHit {
  readonly kind: 'project' | 'indicator';
  /** the project's id, or the indicator's */
  readonly id: number;
  readonly projectId: number;
  readonly documentId: number;
  readonly unit: string;
  readonly project: string;
  readonly field: SearchField;
  /** the text as stored */
  readonly text: string;
  /** `text` cut into pieces, the matches marked; joined they give `text` */
  readonly highlight: readonly HighlightSegment[];
  readonly score: number;
}

export interface SearchResult {
  /** matching rows (projects by name or goal, indicators by name); see totalExact */
  readonly total: number;
  /** false when there are more than COUNT_LIMIT matches and `total` is that limit */
  readonly totalExact: boolean;
  readonly hits: readonly SearchHit[];
}

export class SearchError extends Error {
  override readonly name = 'SearchError';
  readonly code = 'invalid';
}

export const COUNT_LIMIT = 10_000;
export const MAX_LIMIT = 1000;
export const MAX_QUERY = 200;
const GROUP_CAP = 2000;
const FIRST_CHUNK = 64;
const MAX_CHUNK = 2048;

const SCOPES: Readonly<Record<SearchScope, readonly SearchField[]>> = {
  projects: ['name', 'goal'],
  indicators: ['indicator'],
  all: ['name', 'indicator', 'goal'],
};

interface SearchRowTable { id: number; text_id: number; field: number; document_id: number; unit_id: number; project_id: number; indicator_id: number | null; latest: number }
interface SearchTextTable { id: number; field: number; hash: string; norm: string; len: number }
type SearchDb = Kysely<Database & { search_rows: SearchRowTable; search_texts: SearchTextTable }>;

/** One matching distinct text. */
interface Candidate {
  readonly id: number;
  readonly field: SearchField;
  readonly norm: string;
  readonly len: number;
  readonly pos: number;
}

/** How one index is asked for one normalised query. */
interface Matcher {
  readonly q: string;
  readonly tokens: TokenQuery;
  /** PostgreSQL, 3+ characters: the trigram index (else the bigram tsvector) */
  readonly trigram: boolean;
}

function validate(options: SearchOptions): { q: string; scope: SearchScope; limit: number; offset: number; latestOnly: boolean } {
  if (typeof options.query !== 'string') throw new SearchError('检索词必须是文字');
  const q = normalizeForSearch(options.query).text;
  if (!q) throw new SearchError('检索词不能为空');
  if (codePoints(q) > MAX_QUERY) throw new SearchError(`检索词过长：最多 ${MAX_QUERY} 个字`);
  const scope = options.in ?? 'all';
  if (!Object.hasOwn(SCOPES, scope)) throw new SearchError(`检索范围应为 projects、indicators 或 all，而不是“${String(scope)}”`);
  const limit = options.limit ?? 20;
  if (!Number.isInteger(limit) || limit < 1 || limit > MAX_LIMIT) throw new SearchError(`每页条数应为 1 到 ${MAX_LIMIT} 之间的整数`);
  const offset = options.offset ?? 0;
  if (!Number.isInteger(offset) || offset < 0) throw new SearchError('起始位置应为不小于 0 的整数');
  return { q, scope, limit, offset, latestOnly: options.latestOnly ?? true };
}

export async function search(store: Store, options: SearchOptions): Promise<SearchResult> {
  const { q, scope, limit, offset, latestOnly } = validate(options);
  const db = store.db as unknown as SearchDb;
  const pg = store.dialect === 'postgres';
  const m: Matcher = { q, tokens: tokenQuery(q), trigram: pg && codePoints(q) >= 3 && process.env['JIXIAO_SEARCH_PG'] !== 'bigram' };
  const fields = SCOPES[scope];

  const [count, rows] = await Promise.all([
    countRows(db, pg, m, fields, latestOnly),
    pageRows(db, pg, m, fields, latestOnly, offset, limit),
  ]);
  const hits = await toHits(db, q, rows);
  return { total: count.n, totalExact: count.exact, hits };
}

// ---------------------------------------------------------------------------------------------------
// Matching texts, in ranking order

const MASK = ID_BITS - 1;

function matchSqlite(field: SearchField, m: Matcher): { from: RawBuilder<unknown>; where: RawBuilder<unknown>; rowid: RawBuilder<unknown> } {
  const t = sql.table(ftsTable(field));
  return { from: t, where: sql`${t} match ${fts5Match(m.tokens)}`, rowid: sql`${t}.rowid` };
}

function matchPg(m: Matcher): RawBuilder<unknown> {
  return m.trigram ? sql`t.norm like ${likeContains(m.q)} escape '\\'` : sql`t.tsv @@ ${tsqueryLiteral(m.tokens)}::tsquery`;
}

/** The next `n` matching texts of a field after `after` (len, id), in (len, id) order. */
async function fetchTexts(db: SearchDb, pg: boolean, field: SearchField, m: Matcher, after: { len: number; id: number }, n: number): Promise<{ id: number; norm: string; len: number }[]> {
  if (pg) {
    const r = await sql<{ id: number; norm: string; len: number }>`
      select t.id, t.norm, t.len from search_texts t
      where t.field = ${sql.lit(FIELD_CODE[field])} and ${matchPg(m)} and (t.len, t.id) > (${after.len}, ${after.id})
      order by t.len, t.id limit ${n}`.execute(db);
    return r.rows.map((x) => ({ id: Number(x.id), norm: x.norm, len: Number(x.len) }));
  }
  const f = matchSqlite(field, m);
  const key = after.len < 0 ? -1 : Math.min(after.len, 65535) * ID_BITS + after.id;
  const r = await sql<{ id: number; norm: string; len: number }>`
    select t.id, t.norm, t.len from ${f.from} join search_texts t on t.id = (${f.rowid} & ${MASK})
    where ${f.where} and ${f.rowid} > ${key} order by ${f.rowid} limit ${n}`.execute(db);
  return r.rows;
}

/** A field's matching texts in groups of equal length, shortest first, each group in ranking order. */
async function* textGroups(db: SearchDb, pg: boolean, field: SearchField, m: Matcher): AsyncGenerator<Candidate[]> {
  let after = { len: -1, id: -1 };
  let pending: Candidate[] = [];
  let size = FIRST_CHUNK;
  const rank = (g: Candidate[]) => g.sort((a, b) => a.pos - b.pos || a.id - b.id);
  for (;;) {
    const chunk = await fetchTexts(db, pg, field, m, after, size);
    const last = chunk.at(-1);
    if (last) after = { len: last.len, id: last.id };
    for (const t of chunk) {
      const pos = t.norm.indexOf(m.q); // the index is exact; this also drops anything beyond indexed positions
      if (pos >= 0) pending.push({ id: t.id, field, norm: t.norm, len: t.len, pos });
    }
    const done = chunk.length < size;
    // every group but the last is complete; the last one is too when the index has no more
    let cut = pending.length;
    if (!done) while (cut > 0 && pending[cut - 1]!.len === after.len) cut--;
    if (!done && cut === 0 && pending.length >= GROUP_CAP) cut = pending.length;
    let start = 0;
    for (let i = 1; i <= cut; i++) {
      if (i === cut || pending[i]!.len !== pending[start]!.len) {
        yield rank(pending.slice(start, i));
        start = i;
      }
    }
    pending = pending.slice(cut);
    if (done) return;
    size = Math.min(size * 4, MAX_CHUNK);
  }
}

/** Names and indicator names merged by length, then goals: all matching texts in ranking order. */
async function* rankedTexts(db: SearchDb, pg: boolean, fields: readonly SearchField[], m: Matcher): AsyncGenerator<Candidate> {
  const names = fields.filter((f) => f !== 'goal');
  const iters = names.map((f) => textGroups(db, pg, f, m));
  const heads: (Candidate[] | undefined)[] = await Promise.all(iters.map(async (it) => (await it.next()).value ?? undefined));
  try {
    for (;;) {
      const live = heads.filter((h): h is Candidate[] => h !== undefined);
      if (!live.length) break;
      const len = Math.min(...live.map((h) => h[0]!.len));
      const group: Candidate[] = [];
      for (let k = 0; k < heads.length; k++) {
        const h = heads[k];
        if (h && h[0]!.len === len) {
          group.push(...h);
          heads[k] = (await iters[k]!.next()).value ?? undefined;
        }
      }
      group.sort((a, b) => a.pos - b.pos || FIELD_CODE[a.field] - FIELD_CODE[b.field] || a.id - b.id);
      yield* group;
    }
  } finally {
    await Promise.all(iters.map((it) => it.return(undefined)));
  }
  if (fields.includes('goal')) for await (const g of textGroups(db, pg, 'goal', m)) yield* g;
}

// ---------------------------------------------------------------------------------------------------
// Rows

interface RowRef {
  readonly rowId: number;
  readonly text: Candidate;
}

/** The page: the rows of the ranked texts, `offset` rows skipped. */
async function pageRows(db: SearchDb, pg: boolean, m: Matcher, fields: readonly SearchField[], latestOnly: boolean, offset: number, limit: number): Promise<RowRef[]> {
  const out: RowRef[] = [];
  let skip = offset;
  const texts = rankedTexts(db, pg, fields, m);
  try {
    for await (const t of texts) {
      const need = limit - out.length;
      if (need <= 0) break;
      if (skip > 0) {
        // rows of this text, counted no further than the rows still to skip
        const n = Number((await db.selectFrom((eb) => eb.selectFrom('search_rows').select('id').where('text_id', '=', t.id)
          .$if(latestOnly, (qb) => qb.where('latest', '=', 1)).limit(skip + 1).as('x'))
          .select(({ fn }) => fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
        if (n <= skip) {
          skip -= n;
          continue;
        }
      }
      const rows = await db.selectFrom('search_rows').select('id').where('text_id', '=', t.id)
        .$if(latestOnly, (qb) => qb.where('latest', '=', 1).orderBy('id'))
        .$if(!latestOnly, (qb) => qb.orderBy('latest', 'desc').orderBy('id'))
        .limit(need).offset(skip).execute();
      skip = 0;
      for (const r of rows) out.push({ rowId: Number(r.id), text: t });
    }
  } finally {
    await texts.return(undefined);
  }
  return out;
}

/** Matching rows, counted up to COUNT_LIMIT + 1. */
async function countRows(db: SearchDb, pg: boolean, m: Matcher, fields: readonly SearchField[], latestOnly: boolean): Promise<{ n: number; exact: boolean }> {
  const latest = latestOnly ? sql`and r.latest = 1` : sql``;
  let n = 0;
  if (pg) {
    const codes = fields.map((f) => sql.lit(FIELD_CODE[f]));
    const r = await sql<{ n: number }>`select count(*)::int as n from (
      select 1 from search_texts t join search_rows r on r.text_id = t.id
      where t.field in (${sql.join(codes)}) and ${matchPg(m)} ${latest} limit ${COUNT_LIMIT + 1}) x`.execute(db);
    n = Number(r.rows[0]?.n ?? 0);
  } else {
    for (const field of fields) {
      const f = matchSqlite(field, m);
      const r = await sql<{ n: number }>`select count(*) as n from (
        select 1 from ${f.from} join search_rows r on r.text_id = (${f.rowid} & ${MASK})
        where ${f.where} ${latest} limit ${COUNT_LIMIT + 1 - n}) x`.execute(db);
      n += Number(r.rows[0]?.n ?? 0);
      if (n > COUNT_LIMIT) break;
    }
  }
  return n > COUNT_LIMIT ? { n: COUNT_LIMIT, exact: false } : { n, exact: true };
}

// ---------------------------------------------------------------------------------------------------
// Hits

async function toHits(db: SearchDb, q: string, rows: readonly RowRef[]): Promise<SearchHit[]> {
  if (!rows.length) return [];
  const found = await db.selectFrom('search_rows as r')
    .innerJoin('projects as p', 'p.id', 'r.project_id')
    .innerJoin('units as u', 'u.id', 'r.unit_id')
    .leftJoin('indicators as i', 'i.id', 'r.indicator_id')
    .select(['r.id', 'r.field', 'r.document_id', 'r.project_id', 'r.indicator_id', 'p.name as project', 'p.goal', 'u.name as unit', 'i.name as indicator'])
    .where('r.id', 'in', rows.map((r) => r.rowId)).execute();
  const byId = new Map(found.map((f) => [Number(f.id), f]));
  const hits: SearchHit[] = [];
  for (const { rowId, text } of rows) {
    const f = byId.get(rowId);
    if (!f) continue; // deleted since the page was read
    const field = FIELDS[Number(f.field)]!;
    const original = field === 'name' ? f.project : field === 'goal' ? f.goal : f.indicator ?? '';
    const exact = field !== 'goal' && text.norm === q;
    const base = exact ? 3 : field === 'goal' ? 1 : 2;
    hits.push({
      kind: field === 'indicator' ? 'indicator' : 'project',
      id: Number(field === 'indicator' ? f.indicator_id : f.project_id),
      projectId: Number(f.project_id),
      documentId: Number(f.document_id),
      unit: f.unit,
      project: f.project,
      field,
      text: original,
      highlight: highlight(original, q),
      score: base - Math.min(text.len + text.pos / (text.len + 1), 9999) / 10000,
    });
  }
  return hits;
}

/** `text` in segments, every (non-overlapping) occurrence of the normalised query marked. */
export function highlight(text: string, normQuery: string): HighlightSegment[] {
  const { text: norm, map } = normalizeForSearch(text);
  const out: HighlightSegment[] = [];
  let at = 0; // in the original
  let from = 0; // in the normalised text
  for (;;) {
    const i = normQuery ? norm.indexOf(normQuery, from) : -1;
    if (i < 0) break;
    const start = map[i]!;
    const end = map[i + normQuery.length - 1]! + 1;
    if (start > at) out.push({ text: text.slice(at, start), match: false });
    out.push({ text: text.slice(start, end), match: true });
    at = end;
    from = i + normQuery.length;
  }
  if (at < text.length || !out.length) out.push({ text: text.slice(at), match: false });
  return out;
}
