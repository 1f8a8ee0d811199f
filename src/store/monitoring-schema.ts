// The tables of 运行监控 reports and 绩效自评 (src/workflow/monitoring.ts, evaluations.ts) and their
// migration, 0012_monitoring. Each report belongs to an approved plan and the version approved when it
// was created; it holds what the unit entered (`input`, JSON) and what src/score computed from it on the
// last save (`result`, JSON, every light and score with its explanation), so lists and the dashboard
// read stored results and never recompute. `revision` counts saves: a save based on an older one is a 409.
import type { CreateTableBuilder, Generated, Kysely, Migration } from 'kysely';
import type { DialectName } from './connect.js';
import type { PlanDatabase } from './plans-schema.js';
import type { Database } from './schema.js';

interface ReportColumns {
  id: Generated<number>;
  plan_id: number;
  /** the approved plan version the report is measured against */
  version_id: number;
  year: number;
  /** src/workflow/report-states.ts */
  state: string;
  /** JSON: what the unit entered */
  input: string;
  /** JSON: src/score's result for it (ProjectMonitor / ProjectEvaluation) */
  result: string;
  /** 1: generated 演示数据 (npm start on a fresh database), never a real report */
  demo: number;
  /** 1, 2, … one per save */
  revision: number;
  created_by: string;
  created_at: string;
  updated_by: string;
  updated_at: string;
}

export interface MonitoringReportTable extends ReportColumns {
  /** the period is 1–month月 of year */
  month: number;
  /** the project's light (red/yellow/blue/green) or null when nothing could be judged */
  light: string | null;
  /** 累计支出 ÷ 调整后预算 */
  rate: number | null;
}

export interface EvaluationTable extends ReportColumns {
  score: number | null;
  grade: string | null;
}

/** a report's history: every state change with its comment (the audit log holds the same, for everything) */
export interface ReportEventTable {
  id: Generated<number>;
  /** 'monitoring' | 'evaluation' */
  kind: string;
  report_id: number;
  action: string;
  from_state: string | null;
  to_state: string;
  actor_name: string;
  actor_role: string | null;
  comment: string | null;
  created_at: string;
}

export interface MonitoringTables {
  monitoring_reports: MonitoringReportTable;
  evaluations: EvaluationTable;
  report_events: ReportEventTable;
}

export type MonitoringDatabase = PlanDatabase & MonitoringTables;
export const monitoringDb = (db: Kysely<Database>): Kysely<MonitoringDatabase> => db as unknown as Kysely<MonitoringDatabase>;

type Db = Kysely<any>; // eslint-disable-line @typescript-eslint/no-explicit-any -- migrations outlive the current schema type

export function monitoringMigration(dialect: DialectName): Migration {
  const ref = dialect === 'postgres' ? 'bigint' : 'integer';
  const id = dialect === 'postgres' ? 'bigserial' : 'integer';
  return {
    async up(db: Db) {
      const table = (name: string) => db.schema.createTable(name)
        .addColumn('id', id, (c) => (dialect === 'postgres' ? c.primaryKey() : c.primaryKey().autoIncrement()))
        .addColumn('plan_id', ref, (c) => c.notNull().references('plans.id').onDelete('cascade'))
        .addColumn('version_id', ref, (c) => c.notNull().references('plan_versions.id'))
        .addColumn('year', 'integer', (c) => c.notNull());
      // the columns both kinds of report share, after their own
      const common = (t: CreateTableBuilder<string, string>) => {
        for (const name of ['state', 'input', 'result', 'created_by', 'created_at', 'updated_by', 'updated_at']) t = t.addColumn(name, 'text', (c) => c.notNull());
        return t.addColumn('demo', 'integer', (c) => c.notNull().defaultTo(0)).addColumn('revision', 'integer', (c) => c.notNull());
      };
      await common(table('monitoring_reports').addColumn('month', 'integer', (c) => c.notNull()))
        .addColumn('light', 'text').addColumn('rate', 'real').execute();
      await common(table('evaluations')).addColumn('score', 'real').addColumn('grade', 'text').execute();
      await db.schema.createTable('report_events')
        .addColumn('id', id, (c) => (dialect === 'postgres' ? c.primaryKey() : c.primaryKey().autoIncrement()))
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('report_id', ref, (c) => c.notNull())
        .addColumn('action', 'text', (c) => c.notNull())
        .addColumn('from_state', 'text')
        .addColumn('to_state', 'text', (c) => c.notNull())
        .addColumn('actor_name', 'text', (c) => c.notNull())
        .addColumn('actor_role', 'text')
        .addColumn('comment', 'text')
        .addColumn('created_at', 'text', (c) => c.notNull())
        .execute();
      // one report per plan and period, one self-evaluation per plan and year
      await db.schema.createIndex('monitoring_reports_period').unique().on('monitoring_reports').columns(['plan_id', 'year', 'month']).execute();
      await db.schema.createIndex('monitoring_reports_month').on('monitoring_reports').columns(['year', 'month']).execute();
      await db.schema.createIndex('evaluations_year').unique().on('evaluations').columns(['plan_id', 'year']).execute();
      await db.schema.createIndex('report_events_report').on('report_events').columns(['kind', 'report_id', 'id']).execute();
    },
  };
}
