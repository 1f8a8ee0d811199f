// Schema migrations, in code so the built CLI carries them. Run on every open (idempotent) and by
// `jixiao db migrate`. Each migration is written once for both dialects; where they differ (ids,
// 64-bit amounts, search structures) the dialect is passed in.
import { Migrator, sql, type CreateTableBuilder, type Kysely, type Migration, type MigrationProvider } from 'kysely';
import type { DialectName, Store } from './connect.js';
import { searchMigration } from './search-schema.js';
import { dimensionsMigration } from './rescore.js';
import { editSessionMigration, planPublicationsMigration, plansMigration } from './plans-schema.js';
import { parseText } from '../ingest/index.js';
import { contentHash } from './publication.js';
import { accountsMigration } from './accounts-schema.js';
import { listIndexes } from './list-indexes.js';
import { monitoringMigration } from './monitoring-schema.js';
import { documentLinesMigration } from './document-lines.js';
import { categoriesMigration } from './categories.js';
import { documentsOrderMigration } from './documents-order.js';

type Db = Kysely<any>; // eslint-disable-line @typescript-eslint/no-explicit-any -- migrations outlive the current schema type

function withId<T extends string>(t: CreateTableBuilder<T, never>, dialect: DialectName): CreateTableBuilder<T, 'id'> {
  return dialect === 'postgres'
    ? t.addColumn('id', 'bigserial', (c) => c.primaryKey())
    : t.addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement());
}

const cents = (d: DialectName) => (d === 'postgres' ? 'bigint' : 'integer');

function core(dialect: DialectName): Migration {
  return {
    async up(db: Db) {
      const c = cents(dialect);
      const ref = dialect === 'postgres' ? 'bigint' : 'integer';
      await withId(db.schema.createTable('departments'), dialect).addColumn('name', 'text', (x) => x.notNull().unique()).execute();
      await withId(db.schema.createTable('documents'), dialect)
        .addColumn('sha256', 'text', (x) => x.notNull().unique())
        .addColumn('file', 'text', (x) => x.notNull())
        .addColumn('layout', 'text', (x) => x.notNull())
        .addColumn('encoding', 'text', (x) => x.notNull())
        .addColumn('bytes', 'integer', (x) => x.notNull())
        .addColumn('lines', 'integer', (x) => x.notNull())
        .addColumn('title', 'text')
        .addColumn('year', 'integer')
        .addColumn('department_id', ref, (x) => x.references('departments.id'))
        .addColumn('currency_unit', 'text')
        .addColumn('source_text', 'text', (x) => x.notNull())
        .addColumn('imported_at', 'text', (x) => x.notNull())
        .addColumn('total_total', c)
        .addColumn('total_fiscal', c)
        .addColumn('total_special', c)
        .addColumn('total_other', c)
        .addColumn('total_unplaced', 'text')
        .addColumn('review_score', 'real')
        .addColumn('review_grade', 'text')
        .addColumn('errors', 'integer', (x) => x.notNull().defaultTo(0))
        .addColumn('warnings', 'integer', (x) => x.notNull().defaultTo(0))
        .execute();
      await withId(db.schema.createTable('units'), dialect)
        .addColumn('document_id', ref, (x) => x.notNull().references('documents.id').onDelete('cascade'))
        .addColumn('ordinal', 'integer', (x) => x.notNull())
        .addColumn('name', 'text', (x) => x.notNull())
        .addColumn('year', 'integer')
        .addColumn('version', 'integer', (x) => x.notNull())
        .addColumn('latest', 'integer', (x) => x.notNull())
        .addColumn('total', c)
        .addColumn('fiscal', c)
        .addColumn('special_account', c)
        .addColumn('other', c)
        .addColumn('unplaced', 'text')
        .addColumn('line', 'integer')
        .addColumn('review_score', 'real')
        .execute();
      await withId(db.schema.createTable('projects'), dialect)
        .addColumn('document_id', ref, (x) => x.notNull().references('documents.id').onDelete('cascade'))
        .addColumn('unit_id', ref, (x) => x.notNull().references('units.id').onDelete('cascade'))
        .addColumn('ordinal', 'integer', (x) => x.notNull())
        .addColumn('name', 'text', (x) => x.notNull())
        .addColumn('goal', 'text', (x) => x.notNull())
        .addColumn('total', c, (x) => x.notNull())
        .addColumn('fiscal', c)
        .addColumn('special_account', c)
        .addColumn('other', c)
        .addColumn('unplaced', 'text', (x) => x.notNull())
        .addColumn('indicators_text', 'text')
        .addColumn('line', 'integer')
        .addColumn('review_score', 'real')
        .addColumn('review_grade', 'text')
        .addColumn('indicator_count', 'integer', (x) => x.notNull())
        .addColumn('finding_count', 'integer', (x) => x.notNull())
        .execute();
      await withId(db.schema.createTable('orphans'), dialect)
        .addColumn('document_id', ref, (x) => x.notNull().references('documents.id').onDelete('cascade'))
        .addColumn('ordinal', 'integer', (x) => x.notNull())
        .addColumn('text', 'text', (x) => x.notNull())
        .addColumn('line', 'integer')
        .execute();
      let ind = withId(db.schema.createTable('indicators'), dialect)
        .addColumn('document_id', ref, (x) => x.notNull().references('documents.id').onDelete('cascade'))
        .addColumn('project_id', ref, (x) => x.references('projects.id').onDelete('cascade'))
        .addColumn('orphan_id', ref, (x) => x.references('orphans.id').onDelete('cascade'))
        .addColumn('ordinal', 'integer', (x) => x.notNull())
        .addColumn('seq', 'integer')
        .addColumn('level1_code', 'text')
        .addColumn('level1_name', 'text')
        .addColumn('level2_code', 'text')
        .addColumn('level2_name', 'text')
        .addColumn('name', 'text', (x) => x.notNull())
        .addColumn('name_key', 'text', (x) => x.notNull());
      for (const p of ['period', 'annual']) {
        ind = ind.addColumn(`${p}_raw`, 'text', (x) => x.notNull())
          .addColumn(`${p}_kind`, 'text')
          .addColumn(`${p}_op`, 'text')
          .addColumn(`${p}_value`, dialect === 'postgres' ? 'double precision' : 'real')
          .addColumn(`${p}_unit`, 'text')
          .addColumn(`${p}_json`, 'text', (x) => x.notNull());
      }
      await ind.addColumn('text', 'text', (x) => x.notNull()).addColumn('line', 'integer').execute();
      await withId(db.schema.createTable('diagnostics'), dialect)
        .addColumn('document_id', ref, (x) => x.notNull().references('documents.id').onDelete('cascade'))
        .addColumn('severity', 'text', (x) => x.notNull())
        .addColumn('code', 'text', (x) => x.notNull())
        .addColumn('message', 'text', (x) => x.notNull())
        .addColumn('line', 'integer')
        .addColumn('path', 'text')
        .execute();
      await withId(db.schema.createTable('findings'), dialect)
        .addColumn('document_id', ref, (x) => x.notNull().references('documents.id').onDelete('cascade'))
        .addColumn('unit_id', ref, (x) => x.references('units.id').onDelete('cascade'))
        .addColumn('project_id', ref, (x) => x.references('projects.id').onDelete('cascade'))
        .addColumn('indicator_id', ref, (x) => x.references('indicators.id').onDelete('cascade'))
        .addColumn('rule', 'text', (x) => x.notNull())
        .addColumn('severity', 'text', (x) => x.notNull())
        .addColumn('category', 'text', (x) => x.notNull())
        .addColumn('message', 'text', (x) => x.notNull())
        .addColumn('suggestion', 'text', (x) => x.notNull())
        .addColumn('path', 'text', (x) => x.notNull())
        .addColumn('line', 'integer')
        .execute();
      const index = (name: string, table: string, cols: string[]) => db.schema.createIndex(name).on(table).columns(cols).execute();
      await index('units_document', 'units', ['document_id']);
      await index('units_name_year', 'units', ['name', 'year', 'version']);
      await index('projects_unit', 'projects', ['unit_id', 'ordinal']);
      await index('projects_document', 'projects', ['document_id']);
      await index('projects_total', 'projects', ['total']);
      await index('orphans_document', 'orphans', ['document_id']);
      await index('indicators_project', 'indicators', ['project_id', 'ordinal']);
      await index('indicators_document', 'indicators', ['document_id']);
      // mostly-null links get partial indexes: they serve cascades and the rare lookup without
      // costing every insert
      const partial = (name: string, table: string, col: string) => db.schema.createIndex(name).on(table).column(col).where(col, 'is not', null).execute();
      await partial('indicators_orphan', 'indicators', 'orphan_id');
      await index('indicators_levels', 'indicators', ['level1_code', 'level2_code']);
      await index('indicators_name_key', 'indicators', ['name_key']);
      await index('diagnostics_document', 'diagnostics', ['document_id']);
      await index('findings_document', 'findings', ['document_id']);
      await partial('findings_project', 'findings', 'project_id');
      await partial('findings_unit', 'findings', 'unit_id');
      await partial('findings_indicator', 'findings', 'indicator_id');
      await index('findings_rule', 'findings', ['rule', 'severity']);
      await index('documents_department', 'documents', ['department_id', 'year']);
    },
  };
}

/** A PDF cannot be re-read from text: its bytes are kept (null for text documents, whose source_text is the source). */
function pdfSource(dialect: DialectName): Migration {
  return {
    async up(db: Db) {
      await db.schema.alterTable('documents').addColumn('source_bytes', dialect === 'postgres' ? 'bytea' : 'blob').execute();
    },
  };
}

/**
 * 0004: a document's content hash (duplicates are decided by content, not bytes), how its year and
 * department were decided (printed, given at import, a proposal accepted, none) and the note saying so.
 * Existing documents get their hash from their stored source text.
 */
const publication: Migration = {
  async up(db: Db) {
    for (const [name, type, def] of [['content_hash', 'text', null], ['year_source', 'text', 'printed'], ['department_source', 'text', 'printed'], ['note', 'text', null]] as const) {
      await db.schema.alterTable('documents').addColumn(name, type, (c) => (def === null ? c : c.notNull().defaultTo(def))).execute();
    }
    await db.updateTable('documents').set({ year_source: 'none' }).where('year', 'is', null).execute();
    await db.updateTable('documents').set({ department_source: 'none' }).where('department_id', 'is', null).execute();
    const docs = await db.selectFrom('documents').select(['id', 'file', 'source_text']).execute();
    for (const d of docs as { id: number; file: string; source_text: string }[]) {
      if (d.source_text === '') continue; // a PDF (its bytes, not text, are its source): no hash, so never taken for another
      await db.updateTable('documents').set({ content_hash: contentHash(parseText(d.source_text, { file: d.file })) }).where('id', '=', d.id).execute();
    }
    await db.schema.createIndex('documents_content_hash').on('documents').column('content_hash').execute();
  },
};

/** 0006: where a PDF project's row was read (JSON of its Box), so the app can show that cut-out of the page; null for text. */
const projectBox: Migration = {
  async up(db: Db) {
    await db.schema.alterTable('projects').addColumn('box', 'text').execute();
  },
};

/**
 * 0009: long work (an import) as a job whose state, progress and result live in the database, so any
 * server process answers for it; `runner` and `heartbeat_at` say which process runs it and that it is
 * alive, so a job left by a crash is marked failed. `created_by` is the account that started it (null
 * until accounts exist), so access can be limited to its creator.
 */
function jobs(dialect: DialectName): Migration {
  return {
    async up(db: Db) {
      await db.schema.createTable('jobs')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('state', 'text', (c) => c.notNull())
        .addColumn('progress', 'text', (c) => c.notNull())
        .addColumn('result', 'text')
        .addColumn('error', 'text')
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('started_at', 'text')
        .addColumn('finished_at', 'text')
        .addColumn('heartbeat_at', 'text', (c) => c.notNull())
        .addColumn('runner', 'text', (c) => c.notNull())
        .addColumn('created_by', dialect === 'postgres' ? 'bigint' : 'integer')
        .execute();
      await db.schema.createIndex('jobs_state').on('jobs').columns(['state', 'heartbeat_at']).execute();
      await db.schema.createIndex('jobs_finished').on('jobs').column('finished_at').execute();
    },
  };
}

export function migrations(dialect: DialectName): Record<string, Migration> {
  return {
    '0001_core': core(dialect),
    '0002_search': searchMigration(dialect),
    // landed together: PDF bytes first, so the re-review of 0005 can read a stored PDF again
    '0003_pdf_source': pdfSource(dialect),
    '0004_publication': publication,
    '0005_review_dimensions': dimensionsMigration(dialect),
    '0006_project_box': projectBox,
    '0008_list_indexes': listIndexes(dialect),
    '0009_jobs': jobs(dialect),
    '0010_accounts': accountsMigration(dialect),
    '0011_plans': plansMigration(dialect),
    '0012_monitoring': monitoringMigration(dialect),
    '0013_project_categories': categoriesMigration,
    '0014_documents_small_first': documentsOrderMigration(dialect),
    '0015_document_lines': documentLinesMigration(dialect),
    '0016_plan_edit_sessions': editSessionMigration,
    '0017_plan_publications': planPublicationsMigration(dialect),
  };
}

class InCode implements MigrationProvider {
  constructor(private readonly dialect: DialectName) {}
  async getMigrations(): Promise<Record<string, Migration>> {
    return migrations(this.dialect);
  }
}

/** Brings the schema up to date; returns the migrations that ran. */
export async function migrate(store: Store): Promise<string[]> {
  if (store.dialect === 'postgres' && store.schema && store.schema !== 'public') {
    await sql`create schema if not exists ${sql.id(store.schema)}`.execute(store.db);
  }
  // migrations are written on parallel branches (numbers reserved per feature): one merged later than a
  // higher-numbered one already applied still runs
  const migrator = new Migrator({ db: store.db, provider: new InCode(store.dialect), allowUnorderedMigrations: true, ...(store.schema ? { migrationTableSchema: store.schema } : {}) });
  const { error, results } = await migrator.migrateToLatest();
  if (error) throw error instanceof Error ? error : new Error(String(error));
  return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}
