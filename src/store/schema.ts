// The database schema as Kysely sees it. Amounts are integer cents (分 of the table's unit) so sums
// and sorts are exact on both dialects; booleans are integers (0/1) because SQLite has no boolean.
import type { ColumnType, Generated } from 'kysely';

type Cents = ColumnType<number, number, number>;

export interface DepartmentTable {
  id: Generated<number>;
  name: string;
}

export interface DocumentTable {
  id: Generated<number>;
  sha256: string;
  file: string;
  layout: string;
  encoding: string;
  bytes: number;
  lines: number;
  title: string | null;
  year: number | null;
  department_id: number | null;
  currency_unit: string | null;
  /** the decoded source text, kept so a document can be re-read and excerpts shown */
  source_text: string;
  /** the original bytes of a PDF (source_text is empty then); null for text */
  source_bytes: ColumnType<Uint8Array | null, Uint8Array | null | undefined, Uint8Array | null>;
  imported_at: string;
  total_total: Cents | null;
  total_fiscal: Cents | null;
  total_special: Cents | null;
  total_other: Cents | null;
  total_unplaced: string | null;
  review_score: number | null;
  review_grade: string | null;
  /** JSON: the score by 88号 dimension, [{ id, label, score, max }] */
  review_dimensions: string | null;
  /** how many projects the monitoring gate capped */
  review_gated: number | null;
  errors: number;
  warnings: number;
  /** sha256 of the parsed document (publication.ts): the same table re-encoded is the same document */
  content_hash: string | null;
  /** how year and department were decided: printed, given (at import), proposed (accepted), none */
  year_source: ColumnType<string, string | undefined, string>;
  department_source: ColumnType<string, string | undefined, string>;
  /** where a year or department not printed came from */
  note: string | null;
}

export interface UnitTable {
  id: Generated<number>;
  document_id: number;
  ordinal: number;
  name: string;
  year: number | null;
  /** nth publication of this unit and year, in import order */
  version: number;
  /** 1 for the newest publication of this unit and year */
  latest: number;
  total: Cents | null;
  fiscal: Cents | null;
  special_account: Cents | null;
  other: Cents | null;
  unplaced: string | null;
  line: number | null;
  review_score: number | null;
  review_dimensions: string | null;
}

export interface ProjectTable {
  id: Generated<number>;
  document_id: number;
  unit_id: number;
  ordinal: number;
  name: string;
  goal: string;
  total: Cents;
  fiscal: Cents | null;
  special_account: Cents | null;
  other: Cents | null;
  /** JSON array of cents */
  unplaced: string;
  indicators_text: string | null;
  line: number | null;
  review_score: number | null;
  review_grade: string | null;
  review_dimensions: string | null;
  /** JSON: why the monitoring gate capped the score, [{ code, message }]; [] when it did not */
  review_gate: string | null;
  indicator_count: number;
  finding_count: number;
  /** JSON of the Box the row was read from (PDF); null for text documents */
  box: string | null;
  /** a bit per indicator category the project has an indicator in (categories.ts) */
  categories: ColumnType<number, number | undefined, number>;
}

export interface IndicatorTable {
  id: Generated<number>;
  document_id: number;
  project_id: number | null;
  orphan_id: number | null;
  ordinal: number;
  seq: number | null;
  level1_code: string | null;
  level1_name: string | null;
  level2_code: string | null;
  level2_name: string | null;
  name: string;
  name_key: string;
  period_raw: string;
  period_kind: string | null;
  period_op: string | null;
  period_value: number | null;
  period_unit: string | null;
  /** the whole parsed target as JSON */
  period_json: string;
  annual_raw: string;
  annual_kind: string | null;
  annual_op: string | null;
  annual_value: number | null;
  annual_unit: string | null;
  annual_json: string;
  text: string;
  line: number | null;
}

export interface OrphanTable {
  id: Generated<number>;
  document_id: number;
  ordinal: number;
  text: string;
  line: number | null;
}

export interface DiagnosticTable {
  id: Generated<number>;
  document_id: number;
  severity: string;
  code: string;
  message: string;
  line: number | null;
  path: string | null;
}

export interface FindingTable {
  id: Generated<number>;
  document_id: number;
  unit_id: number | null;
  project_id: number | null;
  indicator_id: number | null;
  rule: string;
  severity: string;
  category: string;
  message: string;
  suggestion: string;
  path: string;
  line: number | null;
}

export interface OrgTable {
  id: Generated<number>;
  name: string;
  /** finance (the bureau, the root), department (部门), unit (单位) */
  kind: string;
  parent_id: number | null;
  /** the name without spaces, what imported tables are matched by */
  name_key: string;
  created_at: string;
}

export interface OrgAliasTable {
  id: Generated<number>;
  name: string;
  name_key: string;
  org_id: number;
  created_at: string;
}

export interface UserTable {
  id: Generated<number>;
  username: string;
  /** scrypt$N$r$p$salt$hash (src/auth/password.ts) */
  password_hash: string;
  role: string;
  org_id: number | null;
  must_change_password: ColumnType<number, number | undefined, number>;
  disabled: ColumnType<number, number | undefined, number>;
  failed_logins: ColumnType<number, number | undefined, number>;
  locked_until: string | null;
  demo: ColumnType<number, number | undefined, number>;
  created_at: string;
}

export interface SessionTable {
  /** sha256 (hex) of the cookie's token: a stolen database holds no usable session */
  id: string;
  user_id: number;
  csrf_token: string;
  created_at: string;
  expires_at: string;
  last_seen_at: string;
  ip: string | null;
}

export interface ApiTokenTable {
  id: Generated<number>;
  user_id: number;
  name: string;
  token_hash: string;
  role: string;
  org_id: number | null;
  created_at: string;
  revoked_at: string | null;
  last_used_at: string | null;
}

export interface AuditTable {
  id: Generated<number>;
  at: string;
  actor_id: number | null;
  actor_name: string | null;
  ip: string | null;
  action: string;
  target_type: string | null;
  target_id: string | null;
  summary: string;
  /** JSON, with a diff { field: [before, after] } for changes */
  detail: string | null;
}

/** a long piece of work (jobs.ts); JSON in progress and result, ISO times */
export interface JobTable {
  id: string;
  kind: string;
  state: string;
  progress: string;
  result: string | null;
  error: string | null;
  created_at: string;
  started_at: string | null;
  finished_at: string | null;
  heartbeat_at: string;
  runner: string;
  created_by: number | null;
}

/** a text document's lines (0015_document_lines), for project excerpts */
export interface DocumentLineTable {
  document_id: number;
  line: number;
  text: string;
}

export interface Database {
  departments: DepartmentTable;
  documents: DocumentTable;
  document_lines: DocumentLineTable;
  units: UnitTable;
  projects: ProjectTable;
  indicators: IndicatorTable;
  orphans: OrphanTable;
  diagnostics: DiagnosticTable;
  findings: FindingTable;
  orgs: OrgTable;
  org_aliases: OrgAliasTable;
  users: UserTable;
  sessions: SessionTable;
  api_tokens: ApiTokenTable;
  audit_log: AuditTable;
  jobs: JobTable;
}
