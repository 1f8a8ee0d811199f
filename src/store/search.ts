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
import { FIELD_CODE, FIELDS, ftsTable, ID_BITS, MAX_LEN, type SearchField } from './search-index.js';
import { bandOf, bandRange, codePoints, fts5Match, normalizeForSearch, pgBigramQuery, tokenQuery, type TokenQuery } from './search-text.js';

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
  /** PostgreSQL: at most this many remaining matches are listed and sorted at once, else bands */
  listMax: 200,
  /** PostgreSQL: a length band with more matches than this is walked instead */
  bandMax: 2048,
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
  /** the normalised query */
  readonly q: string;
  /** SQLite: its bigram tokens */
  readonly tokens: TokenQuery;
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
  const m: Matcher = { q, tokens: tokenQuery(q) };
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
 * PostgreSQL: a field's texts (alias t) that contain the query, in one length band if given. The field
 * is a literal, so the planner uses that field's partial index; the index condition asks for all the
 * query's bigrams (search_bigrams: no positions, so no recheck), and strpos, the exact test, follows
 * (it comes first so that a plan scanning rows rather than the index rejects most of them cheaply).
 */
function matchPg(field: SearchField, m: Matcher, band?: number): RawBuilder<unknown> {
  return sql`t.field = ${sql.lit(FIELD_CODE[field])} and strpos(t.norm, ${m.q}) > 0 and search_bigrams(t.norm, t.len) @@ ${pgBigramQuery(m.q, band)}::tsquery`;
}

interface Text { readonly id: number; readonly norm: string; readonly len: number }

interface Chunk {
  /** matching texts, in (len, id) order */
  readonly rows: readonly Text[];
  /** every text up to this (len, id) has been examined */
  readonly after: { len: number; id: number };
  /** nothing after `after` */
  readonly done: boolean;
}

/** The next matching texts of a field, about `n` of them. */
type Fetch = (n: number) => Promise<Chunk>;

/** SQLite: FTS5 gives a field's matches in rowid order, which is (len, id) order. */
function sqliteFetch(db: SearchDb, field: SearchField, m: Matcher): Fetch {
  let after = { len: -1, id: -1 };
  const f = matchSqlite(field, m);
  return async (n) => {
    const key = after.len < 0 ? -1 : Math.min(after.len, MAX_LEN) * ID_BITS + after.id;
    const r = await sql<Text>`
      select t.id, t.norm, t.len from ${f.from} join search_texts t on t.id = (${f.rowid} & ${MASK})
      where ${f.where} and ${f.rowid} > ${key} order by ${f.rowid} limit ${n}`.execute(db);
    const rows = r.rows.map((x) => ({ id: Number(x.id), norm: x.norm, len: Number(x.len) }));
    const last = rows.at(-1);
    if (last) after = { len: last.len, id: last.id };
    return { rows, after, done: rows.length < n };
  };
}

const byLenId = (a: Text, b: Text): number => a.len - b.len || a.id - b.id;
const texts = (rows: readonly { id: number; norm: string | null; len: number }[]): Text[] =>
  rows.map((x) => ({ id: Number(x.id), norm: x.norm ?? '', len: Number(x.len) })).sort(byLenId);

/**
 * PostgreSQL: a GIN index gives matches in no useful order, and sorting all of them costs as many as
 * there are (满意 is in a fifth of all indicator names). A field's matches are read in three ways,
 * switching as the word turns out common or rare:
 *
 *  - walk: the texts in (len, id) order through the btree, 256 and then up to 2048 at a time, keeping
 *    those that contain the query (strpos). For a common word the page is full after one step.
 *  - list: when a step finds fewer than one match in 128 texts, the word is rare here; the index is
 *    asked for the field's remaining matches, and if there are at most 200 they are sorted and served.
 *  - bands: more than that: the index is asked for one length band at a time (search_bigrams puts the
 *    band in the tsvector, so the GIN index itself narrows to it). A band with more than 2048 matches
 *    is dense: the walk takes over again from there.
 */
function pgFetch(db: SearchDb, field: SearchField, m: Matcher): Fetch {
  let after = { len: -1, id: -1 };
  let mode: 'walk' | 'list' | 'bands' = 'walk';
  /** list, and the current band: sorted matches not yet given out */
  let buffer: Text[] = [];
  let band = 0; // bands: the next band to ask for
  let maxLen = 0;
  const code = sql.lit(FIELD_CODE[field]);
  const walk = async (n: number): Promise<Chunk> => {
    const window = Math.min(TUNING.scanWindow, Math.max(TUNING.scanFirst, n * 8));
    const r = await sql<{ id: number; norm: string | null; len: number; hit: boolean; examined: number }>`
      with w as (select id, len, norm from search_texts where field = ${code} and (len, id) > (${after.len}, ${after.id}) order by len, id limit ${window})
      select id, len, norm, true as hit, 0 as examined from w where strpos(norm, ${m.q}) > 0
      union all (select id, len, null, false, (select count(*) from w)::int from w order by len desc, id desc limit 1)`.execute(db);
    const rows = texts(r.rows.filter((x) => x.hit));
    const last = r.rows.find((x) => !x.hit);
    if (last) after = { len: Number(last.len), id: Number(last.id) };
    const done = !last || Number(last.examined) < window;
    if (!done && rows.length * TUNING.scanDensity < window) {
      // rare here: how many are left?
      const rest = texts((await sql<Text>`
        select t.id, t.norm, t.len from search_texts t where ${matchPg(field, m)} and (t.len, t.id) > (${after.len}, ${after.id})
        limit ${TUNING.listMax + 1}`.execute(db)).rows);
      if (rest.length <= TUNING.listMax) {
        mode = 'list';
        buffer = rest;
      } else {
        mode = 'bands';
        band = bandOf(after.len);
        maxLen ||= Number((await sql<{ n: number }>`select max(len) as n from search_texts where field = ${code}`.execute(db)).rows[0]?.n ?? 0);
      }
    }
    return { rows, after, done };
  };
  const take = (n: number): Chunk => {
    const rows = buffer.splice(0, n);
    const last = rows.at(-1);
    if (last) after = { len: last.len, id: last.id };
    return { rows, after, done: mode === 'list' && buffer.length === 0 };
  };
  return async (n) => {
    if (mode === 'walk') return walk(n);
    if (mode === 'list' || buffer.length) return take(n);
    for (;;) {
      const { from, to } = bandRange(band);
      if (from > maxLen) return { rows: [], after, done: true };
      const found = texts((await sql<Text>`
        select t.id, t.norm, t.len from search_texts t where ${matchPg(field, m, band)} and (t.len, t.id) > (${after.len}, ${after.id})
        limit ${TUNING.bandMax + 1}`.execute(db)).rows);
      if (found.length > TUNING.bandMax) {
        // dense here after all
        mode = 'walk';
        return walk(n);
      }
      band++;
      if (found.length) {
        buffer = found;
        const chunk = take(n);
        if (!buffer.length) after = { len: to - 1, id: Number.MAX_SAFE_INTEGER };
        return { ...chunk, after, done: !buffer.length && to > maxLen };
      }
      after = { len: to - 1, id: Number.MAX_SAFE_INTEGER };
    }
  };
}

/**
 * A field's matching texts in groups of one length, shortest first, each group in ranking order, and
 * how far the field has been read: every text shorter than `through` has been examined.
 */
class FieldStream {
  readonly ready: Candidate[][] = [];
  through = 0;
  done = false;
  private pending: Candidate[] = [];
  private size = TUNING.firstChunk;
  private readonly fetch: Fetch;

  constructor(db: SearchDb, pg: boolean, private readonly field: SearchField, private readonly m: Matcher) {
    this.fetch = pg ? pgFetch(db, field, m) : sqliteFetch(db, field, m);
  }

  /** Reads the next chunk. */
  async more(): Promise<void> {
    const { rows, after, done } = await this.fetch(this.size);
    this.size = Math.min(this.size * 4, TUNING.maxChunk);
    for (const t of rows) {
      const pos = t.norm.indexOf(this.m.q);
      if (pos >= 0) this.pending.push({ id: t.id, field: this.field, norm: t.norm, len: t.len, pos });
    }
    // every group but the last is complete; the last one is too when the field has no more
    let cut = this.pending.length;
    if (!done) while (cut > 0 && this.pending[cut - 1]!.len === after.len) cut--;
    if (!done && cut === 0 && this.pending.length >= TUNING.groupCap) cut = this.pending.length;
    let start = 0;
    for (let i = 1; i <= cut; i++) {
      if (i === cut || this.pending[i]!.len !== this.pending[start]!.len) {
        this.ready.push(this.pending.slice(start, i).sort((a, b) => a.pos - b.pos || a.id - b.id));
        start = i;
      }
    }
    this.pending = this.pending.slice(cut);
    this.done = done;
    this.through = done ? Number.POSITIVE_INFINITY : this.pending.length ? this.pending[0]!.len : after.len;
  }
}

/**
 * All matching texts in ranking order: project names and indicator names merged by length (a group is
 * given out once every other stream has been read past its length), then goals.
 */
async function* rankedTexts(db: SearchDb, pg: boolean, fields: readonly SearchField[], m: Matcher): AsyncGenerator<Candidate> {
  const names = fields.filter((f) => f !== 'goal').map((f) => new FieldStream(db, pg, f, m));
  await Promise.all(names.map((s) => s.more()));
  for (;;) {
    const heads = names.filter((s) => s.ready.length);
    const len = Math.min(...heads.map((s) => s.ready[0]![0]!.len));
    // a stream with nothing ready that may still hold something shorter must be read further
    const lagging = names.filter((s) => !s.ready.length && !s.done && s.through <= len);
    if (lagging.length) {
      await Promise.all(lagging.map((s) => s.more()));
      continue;
    }
    if (!heads.length) break;
    const group = heads.filter((s) => s.ready[0]![0]!.len === len).flatMap((s) => s.ready.shift()!);
    group.sort((a, b) => a.pos - b.pos || FIELD_CODE[a.field] - FIELD_CODE[b.field] || a.id - b.id);
    yield* group;
  }
  if (!fields.includes('goal')) return;
  const goals = new FieldStream(db, pg, 'goal', m);
  while (goals.ready.length || !goals.done) {
    if (!goals.ready.length) await goals.more();
    else yield* goals.ready.shift()!;
  }
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
    // per field (its partial indexes), per matching text, its rows through (text_id, latest, id), stopping at the limit
    const matching = sql.join(fields.map((f) => sql`(select t.id from search_texts t where ${matchPg(f, m)})`), sql` union all `);
    const r = await sql<{ n: number }>`select count(*)::int as n from (
      select 1 from (${matching}) t cross join lateral (select 1 from search_rows r where r.text_id = t.id ${latest} limit ${limit + 1}) r
      limit ${limit + 1}) x`.execute(db);
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
