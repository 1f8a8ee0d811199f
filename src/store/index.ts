export { openStore, resolveLocation, isPostgresUrl, DEFAULT_DB, type Store, type DialectName } from './connect.js';
export { migrate } from './migrations.js';
export { importBytes, importAll, importDocument, storeRead, IMPORT_STAGES, type ImportStage, type ImportOutcome, type ImportOptions, type ReadDocument, type ReadResult, type Stage } from './import.js';
export { readDocument, readParsed } from './read.js';
export { readMany, defaultWorkers, type ReadInput, type ReadManyOptions } from './pipeline.js';
export { getJob, writeJob, failInterrupted, pruneJobs, runnerId, INTERRUPTED, QUEUED, JOB_KINDS, JOB_STATES, type Job, type JobKind, type JobProgress, type JobState, type JobWrite } from './jobs.js';
export { contentHash, findStored, missingInfo, type Proposal, type MissingInfo, type Provenance, type StoredDocument } from './publication.js';
export type { Database } from './schema.js';
export {
  listProjects, getProject, unitRollup, departmentRollup, listDocuments, QueryError, SOURCES, SORTS,
  type ProjectQuery, type ProjectFilters, type ProjectPage, type ProjectSummary, type ProjectDetail, type ProjectSort, type SourceFilter,
  type Amounts, type Totals, type UnitRollup, type DepartmentRollup, type DocumentSummary, type IndicatorDetail, type FindingDetail, type QueryErrorCode,
} from './queries.js';
export { exportProjects, CSV_HEADER, type ExportFormat, type ExportResult } from './export.js';
export { overview, type Overview, type OverviewFilters } from './overview.js';
export { listIndicators, type IndicatorPage, type IndicatorQuery, type IndicatorFilters } from './indicators.js';
export { listFindings, type FindingPage, type FindingQuery, type FindingFilters } from './findings.js';
export { listUnits, getUnit, documentSource, type UnitVersion } from './units.js';
export { search, SearchError, COUNT_LIMIT, type SearchOptions, type SearchResult, type SearchHit, type SearchScope, type HighlightSegment } from './search.js';
