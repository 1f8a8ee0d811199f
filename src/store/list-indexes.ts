// 0008_list_indexes: an index for each order the project list can be read in, so that a page is read in
// that order from its index — the first rows of it, or (from the other end) the last — instead of every
// matching project being sorted to return 50. Each holds the sort key as listProjects writes it (nulls
// last as a leading `(col is null)`, names by code point), then the id (document order breaks ties),
// then the unit id, so the page's ids come out of the index and the unit's latest flag without reading
// the projects' rows. The unit and year orders are the units' (a small table) joined to their projects.
import { sql, type Kysely, type Migration } from 'kysely';
import type { DialectName } from './connect.js';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Db = Kysely<any>;

export function listIndexes(dialect: DialectName): Migration {
  // PostgreSQL compares text by the database's collation unless told: the list compares by code point
  const text = (col: string) => (dialect === 'postgres' ? `${col} collate "C"` : col);
  const indexes: Record<string, string> = {
    projects_list_id: 'projects (id, unit_id)',
    projects_list_name: `projects (${text('name')}, id, unit_id)`,
    projects_list_total: 'projects (total, id, unit_id)',
    projects_list_score: 'projects ((review_score is null), review_score, id, unit_id)',
    projects_list_score_desc: 'projects ((review_score is null), review_score desc, id, unit_id)',
    projects_list_indicators: 'projects (indicator_count, id, unit_id)',
    projects_list_findings: 'projects (finding_count, id, unit_id)',
    // few distinct counts, so long ties: descending with ties in document order needs its own index
    projects_list_indicators_desc: 'projects (indicator_count desc, id, unit_id)',
    projects_list_findings_desc: 'projects (finding_count desc, id, unit_id)',
    units_list_name: `units (${text('name')}, id)`,
    units_list_year: 'units ((year is null), year, id)',
    units_list_year_desc: 'units ((year is null), year desc, id)',
    // the rule and severity filters look for one finding of the project
    findings_list_rule: 'findings (project_id, rule, severity)',
  };
  return {
    async up(db: Db) {
      for (const [name, on] of Object.entries(indexes)) await sql.raw(`create index if not exists ${name} on ${on}`).execute(db);
      // the old total index is the new one's prefix
      await sql.raw('drop index if exists projects_total').execute(db);
    },
  };
}
