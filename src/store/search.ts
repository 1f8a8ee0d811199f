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
//   more than TUNING.groupCap (2000) matching texts of one length is ordered by position block by block.
//
// total is exact up to `countLimit` (default COUNT_LIMIT, 1000) matching rows; beyond that it is that
// limit and totalExact is false: counting the 150,000 indicators that say 满意 in a large store would
// cost far more than finding a page of them.
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
  /** count matches exactly up to this many (default COUNT_LIMIT, at most MAX_COUNT_LIMIT) */
  readonly countLimit?: number;
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
  /** false when there are more than `countLimit` matches and `total` is that limit */
  readonly totalExact: boolean;
  readonly hits: readonly SearchHit[];
}

export class SearchError extends Error {
  override readonly name = 'SearchError';
  readonly code = 'invalid';
}

export const COUNT_LIMIT = 1000;
export const MAX_COUNT_LIMIT = 1_000_000;
export const MAX_LIMIT = 1000;
export const MAX_QUERY = 200;
/** Sizes of the steps the index is read in; tests shrink them to walk every path on a small store. */
export const TUNING = {
  /** a run of more texts of one length than this is ranked by position block by block */
  groupCap: 2000,
  firstChunk: 64,
  maxChunk: 2048,
  /** PostgreSQL: texts walked in ranking order in the first step, and at most in any step */
  scanFirst: 256,
  scanWindow: 2048,
  /** PostgreSQL: a step that finds fewer than one match in this many texts hands over to the GIN index */
  scanDensity: 128,
};

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

function validate(options: SearchOptions): { q: string; scope: SearchScope; limit: number; offset: number; latestOnly: boolean; countLimit: number } {
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
  const countLimit = options.countLimit ?? COUNT_LIMIT;
  if (!Number.isInteger(countLimit) || countLimit < 1 || countLimit > MAX_COUNT_LIMIT) throw new SearchError(`计数上限应为 1 到 ${MAX_COUNT_LIMIT} 之间的整数`);
  return { q, scope, limit, offset, latestOnly: options.latestOnly ?? true, countLimit };
}

export async function search(store: Store, options: SearchOptions): Promise<SearchResult> {
  const { q, scope, limit, offset, latestOnly, countLimit } = validate(options);
  const db = store.db as unknown as SearchDb;
  const pg = store.dialect === 'postgres';
  const m: Matcher = { q, tokens: tokenQuery(q), trigram: pg && codePoints(q) >= 3 && process.env['JIXIAO_SEARCH_PG'] !== 'bigram' };
  const fields = SCOPES[scope];

  const [count, rows] = await Promise.all([
    countRows(db, pg, m, fields, latestOnly, countLimit),
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

/**
 * The index condition (bigram tsvector, or pg_trgm LIKE for 3+ characters), after the exact test,
 * strpos: should the planner scan the table rather than the index, strpos turns most rows away before
 * a tsvector has to be read.
 */
function matchPg(m: Matcher): RawBuilder<unknown> {
  const index = m.trigram ? sql`t.norm like ${likeContains(m.q)} escape '\\'` : sql`t.tsv @@ ${tsqueryLiteral(m.tokens)}::tsquery`;
  return sql`strpos(t.norm, ${m.q}) > 0 and ${index}`;
}

interface Chunk {
  /** matching texts, in (len, id) order */
  readonly rows: readonly { id: number; norm: string; len: number }[];
  /** the last (len, id) examined: every text up to it has been seen */
  readonly after: { len: number; id: number };
  /** nothing after `after` */
  readonly done: boolean;
}

type Fetch = (n: number) => Promise<Chunk>;

/** SQLite: FTS5 gives a field's matches in rowid order, which is (len, id) order. */
function sqliteFetch(db: SearchDb, field: SearchField, m: Matcher): Fetch {
  let after = { len: -1, id: -1 };
  const f = matchSqlite(field, m);
  return async (n) => {
    const key = after.len < 0 ? -1 : Math.min(after.len, 65535) * ID_BITS + after.id;
    const r = await sql<{ id: number; norm: string; len: number }>`
      select t.id, t.norm, t.len from ${f.from} join search_texts t on t.id = (${f.rowid} & ${MASK})
      where ${f.where} and ${f.rowid} > ${key} order by ${f.rowid} limit ${n}`.execute(db);
    const last = r.rows.at(-1);
    if (last) after = { len: last.len, id: last.id };
    return { rows: r.rows, after, done: r.rows.length < n };
  };
}

/**
 * PostgreSQL: a GIN index gives matches in no useful order, and ordering all of them costs as much as
 * there are. So a field's texts are first walked in (len, id) order through a btree, 256 and then up to 2048
 * at a time, keeping those that contain the query (strpos): for a common word (满意) the page is full
 * after one step. When a step finds fewer than one match in 128 texts, the word is rare, and the rest
 * comes from the GIN index (bigram tsvector, or pg_trgm for 3+ characters), sorted: there are few
 * matches to sort.
 */
function pgFetch(db: SearchDb, field: SearchField, m: Matcher): Fetch {
  let after = { len: -1, id: -1 };
  let scan = true;
  const code = sql.lit(FIELD_CODE[field]);
  return async (n) => {
    if (scan) {
      const window = Math.min(TUNING.scanWindow, Math.max(TUNING.scanFirst, n * 8));
      const r = await sql<{ id: number; norm: string | null; len: number; hit: boolean; examined: number }>`
        with w as (select id, len, norm from search_texts where field = ${code} and (len, id) > (${after.len}, ${after.id}) order by len, id limit ${window})
        select id, len, norm, true as hit, 0 as examined from w where strpos(norm, ${m.q}) > 0
        union all (select id, len, null, false, (select count(*) from w)::int from w order by len desc, id desc limit 1)`.execute(db);
      const rows = r.rows.filter((x) => x.hit).map((x) => ({ id: Number(x.id), norm: x.norm!, len: Number(x.len) }))
        .sort((x, y) => x.len - y.len || x.id - y.id);
      const last = r.rows.find((x) => !x.hit);
      if (last) after = { len: Number(last.len), id: Number(last.id) };
      if (rows.length * TUNING.scanDensity < window) scan = false;
      return { rows, after, done: !last || Number(last.examined) < window };
    }
    // the CTE is computed on its own, so the planner cannot walk the btree and filter every text
    const r = await sql<{ id: number; norm: string; len: number }>`
      with m as materialized (select id, len, norm from search_texts t where t.field = ${code} and ${matchPg(m)})
      select id, norm, len from m where (len, id) > (${after.len}, ${after.id}) order by len, id limit ${n}`.execute(db);
    const rows = r.rows.map((x) => ({ id: Number(x.id), norm: x.norm, len: Number(x.len) }));
    const last = rows.at(-1);
    if (last) after = { len: last.len, id: last.id };
    return { rows, after, done: rows.length < n };
  };
}

/** A field's matching texts in groups of equal length, shortest first, each group in ranking order. */
async function* textGroups(db: SearchDb, pg: boolean, field: SearchField, m: Matcher): AsyncGenerator<Candidate[]> {
  const fetch = pg ? pgFetch(db, field, m) : sqliteFetch(db, field, m);
  let pending: Candidate[] = [];
  let size = TUNING.firstChunk;
  const rank = (g: Candidate[]) => g.sort((a, b) => a.pos - b.pos || a.id - b.id);
  for (;;) {
    const { rows, after, done } = await fetch(size);
    for (const t of rows) {
      const pos = t.norm.indexOf(m.q); // the index is exact; this also drops anything beyond indexed positions
      if (pos >= 0) pending.push({ id: Number(t.id), field, norm: t.norm, len: Number(t.len), pos });
    }
    // every group but the last is complete; the last one is too when the index has no more
    let cut = pending.length;
    if (!done) while (cut > 0 && pending[cut - 1]!.len === after.len) cut--;
    if (!done && cut === 0 && pending.length >= TUNING.groupCap) cut = pending.length;
    let start = 0;
    for (let i = 1; i <= cut; i++) {
      if (i === cut || pending[i]!.len !== pending[start]!.len) {
        yield rank(pending.slice(start, i));
        start = i;
      }
    }
    pending = pending.slice(cut);
    if (done) return;
    size = Math.min(size * 4, TUNING.maxChunk);
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
  const next = async (): Promise<Candidate | undefined> => {
    const r = await texts.next();
    return r.done ? undefined : r.value;
  };
  try {
    for (let t = await next(); t && out.length < limit; t = await next()) {
      const need = limit - out.length;
      if (pg && skip === 0) {
        // PostgreSQL: the rows of the next `need` texts in one round trip
        const batch = [t];
        while (batch.length < need) {
          const u = await next();
          if (!u) break;
          batch.push(u);
        }
        const r = await sql<{ ord: number; id: number }>`
          select t.ord, r.id from unnest(${batch.map((x) => x.id)}::bigint[]) with ordinality t(id, ord)
          cross join lateral (select r.id, r.latest from search_rows r where r.text_id = t.id ${latestOnly ? sql`and r.latest = 1` : sql``}
            order by r.latest desc, r.id limit ${need}) r
          order by t.ord, r.latest desc, r.id`.execute(db);
        for (const row of r.rows) if (out.length < limit) out.push({ rowId: Number(row.id), text: batch[Number(row.ord) - 1]! });
        continue;
      }
      if (skip > 0) {
        // rows of this text, counted no further than the rows still to skip
        const n = Number((await db.selectFrom((eb) => eb.selectFrom('search_rows').select('id').where('text_id', '=', t!.id)
          .$if(latestOnly, (qb) => qb.where('latest', '=', 1)).limit(skip + 1).as('x'))
          .select(({ fn }) => fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
        if (n <= skip) {
          skip -= n;
          continue;
        }
      }
      const rows = await db.selectFrom('search_rows').select('id').where('text_id', '=', t.id)
        .$if(latestOnly, (qb) => qb.where('latest', '=', 1))
        .orderBy('latest', 'desc').orderBy('id')
        .limit(need).offset(skip).execute();
      skip = 0;
      for (const r of rows) out.push({ rowId: Number(r.id), text: t });
    }
  } finally {
    await texts.return(undefined);
  }
  return out;
}

/** Matching rows, counted up to limit + 1. */
async function countRows(db: SearchDb, pg: boolean, m: Matcher, fields: readonly SearchField[], latestOnly: boolean, limit: number): Promise<{ n: number; exact: boolean }> {
  const latest = latestOnly ? sql`and r.latest = 1` : sql``;
  let n = 0;
  if (pg) {
    // per matching text, its rows through the (text_id, latest, id) index, stopping at the limit
    const codes = fields.map((f) => sql.lit(FIELD_CODE[f]));
    const r = await sql<{ n: number }>`select count(*)::int as n from (
      select 1 from search_texts t cross join lateral (select 1 from search_rows r where r.text_id = t.id ${latest} limit ${limit + 1}) r
      where t.field in (${sql.join(codes)}) and ${matchPg(m)} limit ${limit + 1}) x`.execute(db);
    n = Number(r.rows[0]?.n ?? 0);
  } else {
    for (const field of fields) {
      const f = matchSqlite(field, m);
      const r = await sql<{ n: number }>`select count(*) as n from (
        select 1 from ${f.from} join search_rows r on r.text_id = (${f.rowid} & ${MASK})
        where ${f.where} ${latest} limit ${limit + 1 - n}) x`.execute(db);
      n += Number(r.rows[0]?.n ?? 0);
      if (n > limit) break;
    }
  }
  return n > limit ? { n: limit, exact: false } : { n, exact: true };
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
