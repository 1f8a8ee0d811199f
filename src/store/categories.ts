// 0013_project_categories: each project's indicator categories as one integer, a bit per level-1 and
// level-2 code it has an indicator in, so the list's has= and missing= filters test a column of the
// project's row instead of looking for (or ruling out) an indicator of that category among ~10 per
// project: at 100,000 projects an EXISTS per project per code was most of a filtered page's cost.
// Written by import (plan.ts); the migration fills it for the projects already stored.
import { sql, type Kysely, type Migration } from 'kysely';
import { LEVEL1, LEVEL2 } from '../model/taxonomy.js';

/** Stored bit positions: never reorder or reuse; a new code is appended (and the migration filling it is a new one). */
export const CATEGORY_CODES = ['1', '2', '3', '4', '11', '12', '13', '14', '21', '22', '23', '24', '31', '41', '42', '43'] as const;

const BIT = new Map<string, number>(CATEGORY_CODES.map((c, k) => [c, 2 ** k]));

/** the bit of a level-1 or level-2 code, 0 for a code the taxonomy does not know (no filter can ask for it) */
export const categoryBit = (code: string | null | undefined): number => (code ? BIT.get(code) ?? 0 : 0);

/**
 * The bits of one indicator: its level-1 code's and its level-2 code's, each only from its own column,
 * as the filters look for them (a level-1 code in level1_code, a level-2 code in level2_code).
 */
export const indicatorBits = (level1: string | null | undefined, level2: string | null | undefined): number =>
  (level1?.length === 1 ? categoryBit(level1) : 0) | (level2 && level2.length !== 1 ? categoryBit(level2) : 0);

/** the bits of several codes together */
export const categoryMask = (codes: readonly string[]): number => codes.reduce((m, c) => m | categoryBit(c), 0);

/** every code a filter may name has a bit: checked at start-up rather than found missing by a wrong list */
for (const code of [...Object.keys(LEVEL1), ...Object.keys(LEVEL2)]) {
  if (!BIT.has(code)) throw new Error(`indicator category ${code} has no bit in CATEGORY_CODES`);
}

/** SQL: the bit of the code in `col` (a CASE over the known codes, 0 otherwise) */
function bitOf(col: string, level: 1 | 2): string {
  const codes = CATEGORY_CODES.filter((c) => (c.length === 1) === (level === 1));
  return `case ${col} ${codes.map((c) => `when '${c}' then ${categoryBit(c)}`).join(' ')} else 0 end`;
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Db = Kysely<any>;

/** projects filled per statement */
const FILL_CHUNK = 5000;

export const categoriesMigration: Migration = {
  async up(db: Db) {
    await db.schema.alterTable('projects').addColumn('categories', 'integer', (c) => c.notNull().defaultTo(0)).execute();
    // the sum of the distinct bits is their OR (each code one bit; level-1 and level-2 codes are
    // different bits); a few thousand projects a statement, so none runs into the server's statement
    // timeout on a large store (the migration runs at start-up)
    const range = await sql<{ lo: number | null; hi: number | null }>`select min(id) as lo, max(id) as hi from projects`.execute(db);
    const lo = Number(range.rows[0]?.lo ?? 1);
    const hi = Number(range.rows[0]?.hi ?? 0);
    for (let from = lo; from <= hi; from += FILL_CHUNK) {
      await sql.raw(`update projects set categories = coalesce((
        select coalesce(sum(distinct ${bitOf('i.level1_code', 1)}), 0) + coalesce(sum(distinct ${bitOf('i.level2_code', 2)}), 0)
        from indicators i where i.project_id = projects.id), 0)
        where id >= ${from} and id < ${from + FILL_CHUNK}`).execute(db);
    }
  },
};
