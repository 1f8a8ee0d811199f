// The tables of plans (绩效目标申报, src/workflow) and their migration, 0011_plans. A plan is one project's
// targets for one budget year of one unit (an organization); its content lives in immutable versions
// (each editing session is a version — src/workflow/edit-session.ts — so no update is lost and any two can be compared); decisions and state
// changes are events; comments may concern the whole plan or one indicator.
import type { ColumnType, Generated, Kysely, Migration } from 'kysely';
import { sql } from 'kysely';
import type { DialectName } from './connect.js';
import type { Database } from './schema.js';

export interface PlanTable {
  id: Generated<number>;
  /** the 单位 (organization) whose plan it is */
  unit_org_id: number;
  /** budget year; null only for a plan from a publication that prints no year */
  year: number | null;
  /** the working version's 项目名称, for lists */
  name: string;
  /** src/workflow/states.ts */
  state: string;
  /** 'authored' (written in the app) or 'publication' (a row of an imported published table) */
  source: string;
  /** the working version: the one a save must be based on */
  current_version_id: number | null;
  /** the version in force (批复); during an 调整 it stays until the new version is approved */
  approved_version_id: number | null;
  /** a publication's document and row (source 'publication'); null when authored or the document was removed */
  document_id: number | null;
  project_id: number | null;
  /** JSON: where the first version came from ({ kind: 'blank' | 'plan' | 'project' | 'publication', … }) */
  origin: string;
  /** the working version's 总计 in cents and its review score, for lists */
  total: number;
  review_score: number | null;
  review_grade: string | null;
  created_at: string;
  updated_at: string;
}

export interface PlanVersionTable {
  id: Generated<number>;
  plan_id: number;
  /** 1, 2, … per plan */
  number: number;
  /** the version it was edited from (a save's base); null for the first */
  based_on_id: number | null;
  /** 'create' | 'save' | 'adjust' | 'import' */
  kind: string;
  /** JSON of PlanContent (src/workflow/content.ts); never changed once written */
  content: string;
  author_id: number | null;
  /** who, as they were named then (an import: the publication's file) */
  author_name: string;
  created_at: string;
  review_score: number | null;
  review_grade: string | null;
  finding_count: number;
  /** the editor instance (one page load) that saved it; its next save within the window continues it (0016) */
  edit_session: string | null;
}

export interface PlanEventTable {
  id: Generated<number>;
  plan_id: number;
  version_id: number | null;
  /** the action (states.ts ACTIONS, or 'create' / 'import') */
  action: string;
  from_state: string | null;
  to_state: string;
  actor_id: number | null;
  actor_name: string;
  actor_role: string | null;
  comment: string | null;
  /** the review score and grade of the version decided on, kept with the decision */
  review_score: number | null;
  review_grade: string | null;
  created_at: string;
}

export interface PlanCommentTable {
  id: Generated<number>;
  plan_id: number;
  version_id: number | null;
  /** the decision it was made with (return / approve), if any */
  event_id: number | null;
  /** 0-based index of the indicator in that version; null: the whole plan */
  indicator_index: number | null;
  /** the indicator's name then (indexes move when indicators are added) */
  indicator_name: string | null;
  author_id: number | null;
  author_name: string;
  author_role: string | null;
  body: string;
  created_at: ColumnType<string, string, never>;
}

/** a stored publication whose rows have been made published plans (src/workflow/publication.ts) */
export interface PlanImportTable {
  document_id: number;
  /** how many plans it created or updated */
  plans: number;
  at: string;
}

/** a plan version made public by 公开 in the app, and the stored table it was published as (src/server/publish.ts) */
export interface PlanPublicationTable {
  id: Generated<number>;
  plan_id: number;
  version_id: number;
  document_id: number;
  at: string;
}

export interface PlanTables {
  plan_imports: PlanImportTable;
  plan_publications: PlanPublicationTable;
  plans: PlanTable;
  plan_versions: PlanVersionTable;
  plan_events: PlanEventTable;
  plan_comments: PlanCommentTable;
}

export type PlanDatabase = Database & PlanTables;
/** the store's connection typed with the plan tables */
export const planDb = (db: Kysely<Database>): Kysely<PlanDatabase> => db as unknown as Kysely<PlanDatabase>;

type Db = Kysely<any>; // eslint-disable-line @typescript-eslint/no-explicit-any -- migrations outlive the current schema type

export function plansMigration(dialect: DialectName): Migration {
  const ref = dialect === 'postgres' ? 'bigint' : 'integer';
  const cents = dialect === 'postgres' ? 'bigint' : 'integer';
  const id = dialect === 'postgres' ? 'bigserial' : 'integer';
  return {
    async up(db: Db) {
      const table = (name: string) => db.schema.createTable(name)
        .addColumn('id', id, (c) => (dialect === 'postgres' ? c.primaryKey() : c.primaryKey().autoIncrement()));
      await table('plans')
        .addColumn('unit_org_id', ref, (c) => c.notNull().references('orgs.id'))
        .addColumn('year', 'integer')
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('state', 'text', (c) => c.notNull())
        .addColumn('source', 'text', (c) => c.notNull())
        .addColumn('current_version_id', ref)
        .addColumn('approved_version_id', ref)
        .addColumn('document_id', ref, (c) => c.references('documents.id').onDelete('set null'))
        .addColumn('project_id', ref, (c) => c.references('projects.id').onDelete('set null'))
        .addColumn('origin', 'text', (c) => c.notNull())
        .addColumn('total', cents, (c) => c.notNull())
        .addColumn('review_score', 'real')
        .addColumn('review_grade', 'text')
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .execute();
      await table('plan_versions')
        .addColumn('plan_id', ref, (c) => c.notNull().references('plans.id').onDelete('cascade'))
        .addColumn('number', 'integer', (c) => c.notNull())
        .addColumn('based_on_id', ref)
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('content', 'text', (c) => c.notNull())
        .addColumn('author_id', ref, (c) => c.references('users.id'))
        .addColumn('author_name', 'text', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('review_score', 'real')
        .addColumn('review_grade', 'text')
        .addColumn('finding_count', 'integer', (c) => c.notNull())
        .execute();
      await table('plan_events')
        .addColumn('plan_id', ref, (c) => c.notNull().references('plans.id').onDelete('cascade'))
        .addColumn('version_id', ref, (c) => c.references('plan_versions.id'))
        .addColumn('action', 'text', (c) => c.notNull())
        .addColumn('from_state', 'text')
        .addColumn('to_state', 'text', (c) => c.notNull())
        .addColumn('actor_id', ref, (c) => c.references('users.id'))
        .addColumn('actor_name', 'text', (c) => c.notNull())
        .addColumn('actor_role', 'text')
        .addColumn('comment', 'text')
        .addColumn('review_score', 'real')
        .addColumn('review_grade', 'text')
        .addColumn('created_at', 'text', (c) => c.notNull())
        .execute();
      await table('plan_comments')
        .addColumn('plan_id', ref, (c) => c.notNull().references('plans.id').onDelete('cascade'))
        .addColumn('version_id', ref, (c) => c.references('plan_versions.id'))
        .addColumn('event_id', ref, (c) => c.references('plan_events.id'))
        .addColumn('indicator_index', 'integer')
        .addColumn('indicator_name', 'text')
        .addColumn('author_id', ref, (c) => c.references('users.id'))
        .addColumn('author_name', 'text', (c) => c.notNull())
        .addColumn('author_role', 'text')
        .addColumn('body', 'text', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createTable('plan_imports')
        .addColumn('document_id', ref, (c) => c.primaryKey().references('documents.id').onDelete('cascade'))
        .addColumn('plans', 'integer', (c) => c.notNull())
        .addColumn('at', 'text', (c) => c.notNull())
        .execute();
      const index = (name: string, t: string, cols: string[], unique = false) =>
        (unique ? db.schema.createIndex(name).unique() : db.schema.createIndex(name)).on(t).columns(cols).execute();
      await index('plans_unit_year', 'plans', ['unit_org_id', 'year']);
      await index('plans_state', 'plans', ['state']);
      // one plan per published row: importing the same table again finds it
      await sql`create unique index plans_project on plans (project_id) where project_id is not null`.execute(db);
      await index('plan_versions_number', 'plan_versions', ['plan_id', 'number'], true);
      await index('plan_events_plan', 'plan_events', ['plan_id', 'id']);
      await index('plan_comments_plan', 'plan_comments', ['plan_id', 'id']);
    },
  };
}

/** 0016: the editing session a saved version belongs to (src/workflow/edit-session.ts) */
export const editSessionMigration: Migration = {
  async up(db: Kysely<any>) { // eslint-disable-line @typescript-eslint/no-explicit-any -- migrations outlive the current schema type
    await db.schema.alterTable('plan_versions').addColumn('edit_session', 'text').execute();
  },
};

/** 0017: which version of a plan 公开 made public, as which stored table (src/server/publish.ts) */
export function planPublicationsMigration(dialect: DialectName): Migration {
  const ref = dialect === 'postgres' ? 'bigint' : 'integer';
  return {
    async up(db: Db) {
      await db.schema.createTable('plan_publications')
        .addColumn('id', dialect === 'postgres' ? 'bigserial' : 'integer', (c) => (dialect === 'postgres' ? c.primaryKey() : c.primaryKey().autoIncrement()))
        .addColumn('plan_id', ref, (c) => c.notNull().references('plans.id').onDelete('cascade'))
        .addColumn('version_id', ref, (c) => c.notNull().references('plan_versions.id'))
        .addColumn('document_id', ref, (c) => c.notNull().references('documents.id'))
        .addColumn('at', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('plan_publications_version').unique().on('plan_publications').columns(['plan_id', 'version_id']).execute();
    },
  };
}
