// 0010: accounts (issue 12). Organizations form one tree under the finance bureau (财政局 → 部门 → 单位);
// a merged duplicate keeps its name as an alias. Sessions and API tokens are stored by the sha256 of
// their secret, never the secret. The audit log is append-only: no code path updates or deletes it.
// Times are ISO-8601 UTC text (`2026-12-01T17:00:00.000Z`) on both dialects, so they sort as text.
import type { Kysely, Migration } from 'kysely';
import type { DialectName } from './connect.js';

type Db = Kysely<any>; // eslint-disable-line @typescript-eslint/no-explicit-any -- migrations outlive the current schema type

/** the name of the root organization every other hangs under */
export const ROOT_ORG_NAME = '财政局';

export function accountsMigration(dialect: DialectName): Migration {
  const id = (t: ReturnType<Db['schema']['createTable']>) => (dialect === 'postgres'
    ? t.addColumn('id', 'bigserial', (c) => c.primaryKey())
    : t.addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement()));
  const ref = dialect === 'postgres' ? 'bigint' : 'integer';
  return {
    async up(db: Db) {
      await id(db.schema.createTable('orgs'))
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('parent_id', ref, (c) => c.references('orgs.id'))
        // the normalized name (no spaces): what imported tables are matched by
        .addColumn('name_key', 'text', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('orgs_parent_name').on('orgs').columns(['parent_id', 'name_key']).unique().execute();
      await db.schema.createIndex('orgs_name_key').on('orgs').column('name_key').execute();
      await id(db.schema.createTable('org_aliases'))
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('name_key', 'text', (c) => c.notNull().unique())
        .addColumn('org_id', ref, (c) => c.notNull().references('orgs.id').onDelete('cascade'))
        .addColumn('created_at', 'text', (c) => c.notNull())
        .execute();
      await id(db.schema.createTable('users'))
        .addColumn('username', 'text', (c) => c.notNull().unique())
        .addColumn('password_hash', 'text', (c) => c.notNull())
        .addColumn('role', 'text', (c) => c.notNull())
        .addColumn('org_id', ref, (c) => c.references('orgs.id'))
        .addColumn('must_change_password', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('disabled', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('failed_logins', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('locked_until', 'text')
        .addColumn('demo', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('created_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createTable('sessions')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('user_id', ref, (c) => c.notNull().references('users.id').onDelete('cascade'))
        .addColumn('csrf_token', 'text', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('expires_at', 'text', (c) => c.notNull())
        .addColumn('last_seen_at', 'text', (c) => c.notNull())
        .addColumn('ip', 'text')
        .execute();
      await db.schema.createIndex('sessions_user').on('sessions').column('user_id').execute();
      await id(db.schema.createTable('api_tokens'))
        .addColumn('user_id', ref, (c) => c.notNull().references('users.id').onDelete('cascade'))
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('token_hash', 'text', (c) => c.notNull().unique())
        .addColumn('role', 'text', (c) => c.notNull())
        .addColumn('org_id', ref, (c) => c.references('orgs.id'))
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('revoked_at', 'text')
        .addColumn('last_used_at', 'text')
        .execute();
      await id(db.schema.createTable('audit_log'))
        .addColumn('at', 'text', (c) => c.notNull())
        .addColumn('actor_id', ref)
        .addColumn('actor_name', 'text')
        .addColumn('ip', 'text')
        .addColumn('action', 'text', (c) => c.notNull())
        .addColumn('target_type', 'text')
        .addColumn('target_id', 'text')
        .addColumn('summary', 'text', (c) => c.notNull())
        .addColumn('detail', 'text')
        .execute();
      await db.schema.createIndex('audit_at').on('audit_log').column('at').execute();
      await db.schema.createIndex('audit_action_at').on('audit_log').columns(['action', 'at']).execute();
      // the per-IP login limit counts recent failures from one address
      await db.schema.createIndex('audit_ip_at').on('audit_log').columns(['ip', 'at']).execute();
      await db.schema.createIndex('audit_target').on('audit_log').columns(['target_type', 'target_id']).execute();
      await db.insertInto('orgs').values({ name: ROOT_ORG_NAME, kind: 'finance', parent_id: null, name_key: ROOT_ORG_NAME, created_at: new Date().toISOString() }).execute();
    },
  };
}
