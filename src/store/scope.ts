// The year and department every list can be narrowed to. A year is a number or 'none' — the tables that
// print no year (未注明年度) are a choice of their own, not something no filter can reach.
import { sql, type Expression, type ExpressionBuilder, type SqlBool } from 'kysely';
import { z } from 'zod';
import type { Database } from './schema.js';

export type YearFilter = number | 'none';
export const yearFilter = z.union([z.literal('none'), z.number().int().min(1900).max(2200)]);

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- used inside queries of several shapes
type Eb = ExpressionBuilder<any, any>;

/** `col` (a units.year or documents.year column) is the year, or null for 'none' */
export const yearIs = (eb: Eb, col: string, year: YearFilter): Expression<SqlBool> =>
  (year === 'none' ? eb(sql.ref(col), 'is', null) : eb(sql.ref(col), '=', year));

/** the document `documentCol` refers to is of this department (部门名称, exactly) */
export const departmentIs = (eb: Eb, documentCol: string, department: string): Expression<SqlBool> =>
  eb(sql.ref(documentCol), 'in', (eb as unknown as ExpressionBuilder<Database, never>).selectFrom('documents as sd').innerJoin('departments as sdep', 'sdep.id', 'sd.department_id')
    .select('sd.id').where('sdep.name', '=', department));
