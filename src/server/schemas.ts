// The HTTP API's contract: every request and response schema of `jixiao serve`, in zod, and the types
// inferred from them. The server validates requests and serialises responses through these schemas
// (fastify-type-provider-zod), /api/openapi.json is generated from them, and the web client types its
// calls with the exported types:
//
//   request:  XQuery  = z.input<typeof xQuery>    (what the client may send; numbers or their text)
//   response: XResponse = z.output<typeof xResponse>
//
// Response schemas are plain (no transforms): the serializer encodes with them, which drops any field
// not declared here. Amounts are in 万元 (the table's unit) as numbers.
import { z } from 'zod';
import { boxSchema, columnRoleSchema, sheetInfoSchema, targetSchema as modelTargetSchema, type Target } from '../model/index.js';
import { DIMENSIONS, FINDING_ORDERS, type DimensionId, type FindingOrder } from '../review/index.js';

// ---------------------------------------------------------------------------------------------------
// Building blocks

/** Whole numbers as written in a URL: decimal digits only — `0x10`, `1e1`, ` 16`, `16.0` and `` are not numbers here. */
const INTEGER_TEXT = /^[+-]?\d{1,15}$/;
/** A whole number from the query string (`?limit=20`); `abc` is a 400 naming the field. */
export const int = () => z.union([z.number(), z.string()], { error: '应为整数' })
  .pipe(z.custom<string | number>((v) => (typeof v === 'number' ? Number.isSafeInteger(v) : INTEGER_TEXT.test(String(v))), { error: '应为整数（十进制数字）' }))
  .transform((v) => Number(v));
/** A decimal number as written in a URL (`12.5`); `0x10`, `1e3`, `Infinity` are not. */
const DECIMAL_TEXT = /^[+-]?(\d{1,15}(\.\d{0,6})?|\.\d{1,6})$/;
const num = () => z.union([z.number(), z.string()], { error: '应为数字' })
  .pipe(z.custom<string | number>((v) => (typeof v === 'number' ? Number.isFinite(v) : DECIMAL_TEXT.test(String(v))), { error: '应为数字（十进制）' }))
  .transform((v) => Number(v));
export const positiveId = () => int().pipe(z.number().positive({ error: '应为正整数' }));
/** `true`/`false` (also `1`/`0`) from the query string */
const bool = () => z.union([z.boolean(), z.enum(['true', 'false', '1', '0'])])
  .transform((v) => v === true || v === 'true' || v === '1');
/** how many values one list parameter may carry, repeats and commas together (a longer list is a 400, not a slow query) */
export const MAX_LIST = 50;
/**
 * A parameter that may be repeated (`?has=1&has=13`) or comma-separated (`?has=1,13`): at most MAX_LIST
 * values, repeats dropped, so the query it becomes is bounded whatever the URL.
 */
const many = <T extends z.ZodType<string, string>>(item: T) => z.union([z.string(), z.array(z.string())])
  .transform((v) => (Array.isArray(v) ? v : [v]).flatMap((s) => s.split(',')).map((s) => s.trim()).filter((s) => s !== ''))
  .pipe(z.array(z.string()).max(MAX_LIST, { error: `至多 ${MAX_LIST} 项` }))
  .transform((v) => [...new Set(v)])
  .pipe(z.array(item));
const text = () => z.string().trim().min(1).max(500);
/** a short identifier-like value (a rule id) */
const word = () => z.string().trim().min(1).max(100);
/** a year, or `none` for the tables that print no year (未注明年度) */
const year = () => z.union([z.literal('none'), int().pipe(z.number().min(1900).max(2200))]).describe('年度；none：未注明年度的表');

export const SEVERITIES = ['error', 'warning', 'info'] as const;
export const severitySchema = z.enum(SEVERITIES);
export const CATEGORIES = ['arithmetic', 'form', 'completeness', 'measurability', 'consistency', 'appropriateness'] as const;
export const categorySchema = z.enum(CATEGORIES);
export const TARGET_KINDS = ['numeric', 'range', 'deadline', 'qualitative', 'compound', 'empty', 'unparsed'] as const;
export const targetKindSchema = z.enum(TARGET_KINDS);
export const LAYOUTS = ['tabular-text', 'flowed-text', 'pdf', 'xlsx'] as const;

/** A 指标值 as read by src/targets (`raw` always kept): the model's own schema, named for the OpenAPI document. */
export const targetSchema = modelTargetSchema.meta({ id: 'Target', description: '指标值：raw 为原文，其余为读出的结构' });
export type { Target };

const amountsSchema = z.object({
  total: z.number(),
  fiscal: z.number().nullable(),
  specialAccount: z.number().nullable(),
  other: z.number().nullable(),
  unplaced: z.array(z.number()).describe('未能判定所属列的资金来源金额'),
});
const nullableAmountsSchema = amountsSchema.extend({ total: z.number().nullable() });

const unitRefSchema = z.object({ id: z.number().int(), name: z.string(), version: z.number().int(), latest: z.boolean() });

// ---------------------------------------------------------------------------------------------------
// Errors: one shape for every error the API answers with

export const errorResponse = z.object({
  statusCode: z.number().int(),
  code: z.string().describe('稳定的错误代码，如 invalid、not-found、file-too-large'),
  message: z.string().describe('中文说明'),
  issues: z.array(z.object({ field: z.string(), message: z.string() })).optional().describe('校验错误：每个有误的字段'),
}).meta({ id: 'Error' });
export type ErrorResponse = z.output<typeof errorResponse>;

// ---------------------------------------------------------------------------------------------------
// GET /api/health

export const healthResponse = z.object({ ok: z.literal(true), dialect: z.enum(['sqlite', 'postgres']), documents: z.number().int() });
export type HealthResponse = z.output<typeof healthResponse>;

// ---------------------------------------------------------------------------------------------------
// GET /api/overview

export const overviewQuery = z.strictObject({
  year: year().optional(),
  department: text().optional(),
});
export type OverviewQuery = z.input<typeof overviewQuery>;

export const overviewResponse = z.object({
  totals: z.object({
    documents: z.number().int(), units: z.number().int(), projects: z.number().int(), indicators: z.number().int(), findings: z.number().int(),
    funding: z.number().describe('各单位项目总计之和（万元）'),
  }),
  /** the sum of each unit's projects, 万元 */
  fundingByUnit: z.array(z.object({
    unitId: z.number().int(), unit: z.string(), year: z.number().int().nullable(), version: z.number().int(), total: z.number(), fiscal: z.number(), specialAccount: z.number(), other: z.number(), unplaced: z.number(),
  })),
  fundingBySource: z.object({ fiscal: z.number(), specialAccount: z.number(), other: z.number(), unplaced: z.number() }),
  indicatorMix: z.array(z.object({
    level1Code: z.string().nullable(), level1Name: z.string().nullable(), level2Code: z.string().nullable(), level2Name: z.string().nullable(), count: z.number().int(),
  })),
  /** kinds of the annual target (年度指标值) */
  targetKinds: z.array(z.object({ kind: z.string(), count: z.number().int() })),
  /** share (0–1) of indicators whose annual target is a number or a range */
  quantifiedShare: z.number(),
  findingsByRule: z.array(z.object({ rule: z.string(), title: z.string(), severity: severitySchema, count: z.number().int() })),
  findingsByUnit: z.array(z.object({ unitId: z.number().int(), unit: z.string(), year: z.number().int().nullable(), version: z.number().int(), error: z.number().int(), warning: z.number().int(), info: z.number().int() })),
});
export type OverviewResponse = z.output<typeof overviewResponse>;

// ---------------------------------------------------------------------------------------------------
// GET /api/projects, GET /api/projects/:id

export const PROJECT_SORTS = ['document', 'name', 'total', 'unit', 'year', 'score', 'indicators', 'findings'] as const;
export const SOURCE_FILTERS = ['fiscal', 'specialAccount', 'other', 'unplaced'] as const;

export const projectsQuery = z.strictObject({
  year: year().optional(),
  q: z.string().trim().min(1).max(200).optional().describe('项目名称、绩效目标或指标名称包含的文字（每个项目一行，matches 列出每处命中）'),
  department: text().optional().describe('部门名称（完全一致）'),
  unit: text().optional().describe('资金使用单位（完全一致）'),
  min: num().optional().describe('总计不少于（万元）'),
  max: num().optional().describe('总计不超过（万元）'),
  source: many(z.enum(SOURCE_FILTERS)).optional().describe('有金额的资金来源列（可重复）'),
  has: many(z.string().max(10)).optional().describe('包含该一级或二级指标类别（可重复）'),
  missing: many(z.string().max(10)).optional().describe('缺少该一级或二级指标类别（可重复）'),
  findings: bool().optional().describe('true：有审核问题；false：没有'),
  rule: word().optional().describe('有该规则的审核问题'),
  severity: severitySchema.optional(),
  latestOnly: bool().optional().describe('只看每个单位的最新版本（默认 true）'),
  sort: z.enum(PROJECT_SORTS).optional(),
  order: z.enum(['asc', 'desc']).optional(),
  limit: int().pipe(z.number().min(1).max(500)).optional().describe('每页条数，默认 50，至多 500'),
  offset: int().pipe(z.number().min(0)).optional(),
});
export type ProjectsQuery = z.input<typeof projectsQuery>;

export const projectSummarySchema = z.object({
  id: z.number().int(),
  name: z.string(),
  line: z.number().int().nullable(),
  unit: unitRefSchema,
  department: z.string().nullable(),
  year: z.number().int().nullable(),
  document: z.object({ id: z.number().int(), file: z.string() }),
  amounts: amountsSchema,
  score: z.number().nullable(),
  grade: z.string().nullable(),
  indicatorCount: z.number().int(),
  findingCount: z.number().int(),
  matches: z.array(z.object({ field: z.enum(['name', 'goal', 'indicator']), text: z.string() })).optional().describe('有 q 时：命中之处'),
});
export type ProjectSummary = z.output<typeof projectSummarySchema>;

export const projectsResponse = z.object({ total: z.number().int(), items: z.array(projectSummarySchema) });
export type ProjectsResponse = z.output<typeof projectsResponse>;

export const idParams = z.strictObject({ id: positiveId().describe('编号') });
export type IdParams = z.input<typeof idParams>;

const categoryRef = z.object({ code: z.string().nullable(), name: z.string().nullable() });

export const indicatorDetailSchema = z.object({
  id: z.number().int(),
  ordinal: z.number().int(),
  seq: z.number().int().nullable(),
  level1: categoryRef,
  level2: categoryRef,
  name: z.string(),
  period: targetSchema,
  annual: targetSchema,
  text: z.string(),
  line: z.number().int().nullable(),
});

export const dimensionIdSchema = z.enum(DIMENSIONS as [DimensionId, ...DimensionId[]]).describe('财预〔2015〕88号的审核方面：completeness 完整性、relevance 相关性、appropriateness 适当性、feasibility 可行性');
export const dimensionScoreSchema = z.object({ id: dimensionIdSchema, label: z.string(), score: z.number(), max: z.number() });
export const gateReasonSchema = z.object({ code: z.enum(['no-structured-indicators', 'targets-missing', 'no-output', 'no-effect']), message: z.string() });
export const findingOrderSchema = z.enum(FINDING_ORDERS as [FindingOrder, ...FindingOrder[]]).describe('severity：错误在前，其次警告、提示，同级按表中顺序（默认）；document：按表中顺序');

export const findingDetailSchema = z.object({
  id: z.number().int(),
  rule: z.string(),
  title: z.string().describe('审核规则的中文名称'),
  severity: severitySchema,
  category: z.string(),
  message: z.string(),
  suggestion: z.string(),
  path: z.string(),
  line: z.number().int().nullable(),
  indicatorId: z.number().int().nullable(),
  dimensions: z.array(dimensionIdSchema).describe('该问题涉及的审核方面'),
});

const documentRefSchema = z.object({
  id: z.number().int(), file: z.string(), layout: z.string(), title: z.string().nullable(), year: z.number().int().nullable(), importedAt: z.string(),
  yearSource: z.enum(['printed', 'given', 'proposed', 'none']).optional().describe('年度从何而来：原表所印、导入时填写、采用建议、无'),
  note: z.string().nullable().optional().describe('年度或部门不是原表所印时，从何而来'),
});

export const projectDetailQuery = z.strictObject({ order: findingOrderSchema.optional() });
export type ProjectDetailQuery = z.input<typeof projectDetailQuery>;

export const projectDetailResponse = projectSummarySchema.extend({
  dimensions: z.array(dimensionScoreSchema).nullable().describe('按审核方面的得分（完整性、相关性、适当性、可行性）；旧库中未重新计算的为 null'),
  gate: z.array(gateReasonSchema).describe('无法监控的原因（有则得分不超过“中”）；空表示未触发门槛'),
  goal: z.string(),
  indicatorsText: z.string().nullable(),
  indicators: z.array(indicatorDetailSchema),
  findings: z.array(findingDetailSchema),
  documentInfo: documentRefSchema,
  excerpt: z.object({ from: z.number().int(), to: z.number().int(), line: z.number().int(), lines: z.array(z.string()) }).nullable(),
  box: boxSchema.nullable().describe('PDF：项目所在的页与区域（PDF 点，页左上角为原点，页码从 1 起）；文本文档为 null'),
  versions: z.array(z.object({
    id: z.number().int(),
    unit: unitRefSchema,
    year: z.number().int().nullable(),
    document: z.object({ id: z.number().int(), file: z.string(), importedAt: z.string() }),
    total: z.number(),
    score: z.number().nullable(),
  })),
});
export type ProjectDetailResponse = z.output<typeof projectDetailResponse>;

// ---------------------------------------------------------------------------------------------------
// GET /api/search

export const searchQuery = z.strictObject({
  q: z.string({ error: '必须填写检索词' }).max(1000).describe('检索词（至多 200 字）'),
  in: z.enum(['projects', 'indicators', 'all']).optional().describe('检索范围，默认 all'),
  limit: int().pipe(z.number().min(1).max(1000)).optional().describe('默认 20'),
  offset: int().pipe(z.number().min(0)).optional(),
  latestOnly: bool().optional(),
});
export type SearchQuery = z.input<typeof searchQuery>;

export const searchResponse = z.object({
  total: z.number().int(),
  totalExact: z.boolean(),
  hits: z.array(z.object({
    kind: z.enum(['project', 'indicator']),
    id: z.number().int(),
    projectId: z.number().int(),
    documentId: z.number().int(),
    unit: z.string(),
    project: z.string(),
    field: z.enum(['name', 'goal', 'indicator']),
    text: z.string(),
    highlight: z.array(z.object({ text: z.string(), match: z.boolean() })),
    score: z.number(),
  })),
});
export type SearchResponse = z.output<typeof searchResponse>;

// ---------------------------------------------------------------------------------------------------
// GET /api/indicators

export const indicatorsQuery = z.strictObject({
  q: z.string().trim().max(200).optional().describe('指标名称包含的文字'),
  level1: z.string().trim().regex(/^\d$/, '应为一位数字的一级指标代码').optional(),
  level2: z.string().trim().regex(/^\d{2}$/, '应为两位数字的二级指标代码').optional(),
  unit: text().optional().describe('资金使用单位（完全一致）'),
  kind: targetKindSchema.optional().describe('年度指标值的类型'),
  year: year().optional(),
  department: text().optional().describe('部门名称（完全一致）'),
  limit: int().pipe(z.number().min(1).max(500)).optional().describe('默认 50'),
  offset: int().pipe(z.number().min(0)).optional(),
});
export type IndicatorsQuery = z.input<typeof indicatorsQuery>;

const codeCount = z.object({ code: z.string().nullable(), name: z.string().nullable(), count: z.number().int() });

export const indicatorsResponse = z.object({
  total: z.number().int(),
  items: z.array(z.object({
    id: z.number().int(),
    projectId: z.number().int(),
    project: z.string(),
    unit: z.string(),
    seq: z.number().int().nullable(),
    level1Code: z.string().nullable(),
    level1Name: z.string().nullable(),
    level2Code: z.string().nullable(),
    level2Name: z.string().nullable(),
    name: z.string(),
    period: targetSchema,
    annual: targetSchema,
    line: z.number().int().nullable(),
  })),
  /** counts of the matching indicators by each facet; a facet's own filter is not applied to it */
  facets: z.object({
    level1: z.array(codeCount),
    level2: z.array(codeCount),
    unit: z.array(z.object({ name: z.string(), count: z.number().int() })),
    kind: z.array(z.object({ kind: z.string(), count: z.number().int() })),
  }),
  /** the numeric annual targets of the matching indicators in their most common measurement unit */
  distribution: z.object({
    unit: z.string().nullable(),
    buckets: z.array(z.object({ label: z.string(), count: z.number().int(), min: z.number(), max: z.number() })),
  }),
});
export type IndicatorsResponse = z.output<typeof indicatorsResponse>;

// ---------------------------------------------------------------------------------------------------
// GET /api/findings

export const findingsQuery = z.strictObject({
  rule: word().optional(),
  severity: severitySchema.optional(),
  category: categorySchema.optional().describe('arithmetic 勾稽、form 规范性、completeness 完整性、measurability 可衡量、consistency 一致性、appropriateness 适当性'),
  unit: text().optional().describe('资金使用单位（完全一致）'),
  year: year().optional(),
  department: text().optional().describe('部门名称（完全一致）'),
  limit: int().pipe(z.number().min(1).max(500)).optional().describe('默认 50'),
  offset: int().pipe(z.number().min(0)).optional(),
  order: findingOrderSchema.optional(),
});
export type FindingsQuery = z.input<typeof findingsQuery>;

export const findingsResponse = z.object({
  total: z.number().int(),
  // a finding as the project page shows it, less the indicator link, plus where it is
  items: z.array(findingDetailSchema.omit({ indicatorId: true }).extend({
    unit: z.string().nullable(),
    project: z.string().nullable(),
    projectId: z.number().int().nullable(),
    documentId: z.number().int(),
  })),
  /** counts by rule over the other filters (the rule filter not applied) */
  byRule: z.array(z.object({ rule: z.string(), title: z.string(), count: z.number().int() })),
});
export type FindingsResponse = z.output<typeof findingsResponse>;

// ---------------------------------------------------------------------------------------------------
// GET /api/documents, GET /api/documents/:id/report

export const documentsResponse = z.array(z.object({
  id: z.number().int(),
  file: z.string(),
  sha256: z.string(),
  layout: z.string(),
  encoding: z.string(),
  title: z.string().nullable(),
  year: z.number().int().nullable(),
  department: z.string().nullable(),
  currencyUnit: z.string().nullable(),
  bytes: z.number().int(),
  lines: z.number().int(),
  importedAt: z.string(),
  yearSource: z.enum(['printed', 'given', 'proposed', 'none']),
  note: z.string().nullable(),
  total: nullableAmountsSchema.nullable(),
  score: z.number().nullable(),
  grade: z.string().nullable(),
  dimensions: z.array(dimensionScoreSchema).nullable().describe('按审核方面的得分（按项目金额加权）'),
  gated: z.number().int().describe('因无法监控而得分不超过“中”的项目数'),
  errors: z.number().int(),
  warnings: z.number().int(),
  projectCount: z.number().int(),
  units: z.array(unitRefSchema.extend({ ordinal: z.number().int(), total: z.number().nullable(), projectCount: z.number().int() })),
}));
export type DocumentsResponse = z.output<typeof documentsResponse>;

/** the report is a standalone HTML page */
export const reportResponse = z.string().describe('审核报告（HTML）');
export const sourceResponse = z.string().describe('导入时的原 PDF 文件（原样字节）');

// ---------------------------------------------------------------------------------------------------
// GET /api/units

export const unitsQuery = z.strictObject({ name: text().optional().describe('单位名称（完全一致）；不给则列出全部') });
export type UnitsQuery = z.input<typeof unitsQuery>;

export const unitsResponse = z.array(z.object({
  id: z.number().int(),
  name: z.string(),
  year: z.number().int().nullable(),
  version: z.number().int(),
  latest: z.boolean(),
  documentId: z.number().int(),
  file: z.string(),
  importedAt: z.string(),
}));
export type UnitsResponse = z.output<typeof unitsResponse>;

// ---------------------------------------------------------------------------------------------------
// GET /api/diff

export const diffQuery = z.strictObject({
  a: positiveId().describe('甲：单位编号（/api/units 的 id）'),
  b: positiveId().describe('乙：单位编号'),
});
export type DiffQuery = z.input<typeof diffQuery>;

const textChange = z.object({
  a: z.string(),
  b: z.string(),
  segments: z.array(z.object({ op: z.enum(['equal', 'insert', 'delete']), text: z.string() })),
  hunks: z.array(z.object({ a: z.string(), b: z.string() })),
  summary: z.string(),
});
const fundingDiff = z.object({
  changed: z.boolean(),
  amounts: z.array(z.object({
    field: z.enum(['total', 'fiscal', 'specialAccount', 'other']), a: z.number().nullable(), b: z.number().nullable(), difference: z.number().nullable(),
  })),
  unplaced: z.object({ a: z.array(z.number()), b: z.array(z.number()) }).nullable(),
  columnsReconciled: z.boolean(),
});
const indicatorRef = z.object({
  index: z.number().int(), seq: z.number().int().nullable(), level1: z.string().nullable(), level2: z.string().nullable(),
  name: z.string(), period: z.string(), annual: z.string(), line: z.number().int().nullable(),
});
const codeChange = z.object({ a: z.string().nullable(), b: z.string().nullable() });
const projectRef = z.object({ index: z.number().int(), name: z.string(), total: z.number(), indicators: z.number().int(), line: z.number().int().nullable() });
const counts = z.object({ same: z.number().int(), changed: z.number().int(), added: z.number().int(), removed: z.number().int() });
const diffDocumentRef = z.object({
  file: z.string(), sha256: z.string(), layout: z.enum(LAYOUTS), department: z.string().nullable(), year: z.number().int().nullable(), units: z.array(z.string()),
});

export const diffResponse = z.object({
  a: diffDocumentRef,
  b: diffDocumentRef,
  scope: z.enum(['all', 'unit']),
  units: z.array(z.object({
    name: z.string(),
    lineA: z.number().int().nullable(),
    lineB: z.number().int().nullable(),
    funding: fundingDiff.nullable(),
    projects: z.array(z.object({
      status: z.enum(['same', 'changed', 'added', 'removed']),
      name: z.string(),
      a: projectRef.nullable(),
      b: projectRef.nullable(),
      matchedBy: z.enum(['name', 'similarity']).nullable(),
      nameChange: textChange.nullable(),
      funding: fundingDiff.nullable(),
      goal: textChange.nullable(),
      indicatorsText: textChange.nullable(),
      indicators: z.array(z.object({
        status: z.enum(['changed', 'added', 'removed']),
        a: indicatorRef.nullable(),
        b: indicatorRef.nullable(),
        matchedBy: z.enum(['key', 'similarity']).nullable(),
        name: textChange.nullable(),
        level1: codeChange.nullable(),
        level2: codeChange.nullable(),
        period: textChange.nullable(),
        annual: textChange.nullable(),
      })),
      indicatorsSame: z.number().int(),
    })),
    counts,
  })),
  unitsOnlyInA: z.array(z.string()),
  unitsOnlyInB: z.array(z.string()),
  projects: counts,
  indicators: counts,
  notes: z.array(z.string()),
});
export type DiffResponse = z.output<typeof diffResponse>;

// ---------------------------------------------------------------------------------------------------
// POST /api/import/preview, POST /api/import (multipart/form-data, field `files`)

/** for the OpenAPI document only: the body is read as a multipart stream, not validated as an object */
export const uploadBody = z.object({
  files: z.array(z.string().meta({ format: 'binary' })).describe('一个或多个文本文件（每个至多 10 MB，至多 20 个）'),
});

/** what the user decided for a table that prints no year or department, per file name */
export const importChoice = z.strictObject({
  year: z.number().int().min(1900).max(2200).nullable().optional().describe('原表未注明年度时的年度；null：确无年度'),
  department: z.string().trim().min(1).max(200).nullable().optional().describe('原表未注明部门时的部门；null：确无部门'),
  acceptProposed: z.boolean().optional().describe('采用建议的年度与部门'),
  columns: z.record(z.string().max(100), z.record(z.string().regex(/^[A-Z]{1,3}$/), columnRoleSchema.nullable())).optional()
    .describe('工作簿（或 CSV）各栏读作什么，按工作表名（CSV 为 ""）与列字母：{ "Sheet1": { "C": "fiscal", "H": null } }；null：不读取该栏'),
});
export type ImportChoice = z.output<typeof importChoice>;

export const importQuery = z.strictObject({
  async: bool().optional().describe('true：作为后台任务导入，立即回答 202 与任务编号（也可用请求头 Prefer: respond-async），进度见 GET /api/jobs/:id'),
  choices: z.string().max(20_000).optional()
    .describe('JSON：{ "文件名": { "year": 2024, "department": "…", "acceptProposed": true } }，给原表未注明年度或部门的文件')
    .transform((v, ctx) => {
      if (v === undefined) return {} as Record<string, ImportChoice>;
      try {
        const r = z.record(z.string(), importChoice).safeParse(JSON.parse(v));
        if (r.success) return r.data;
      } catch { /* reported below */ }
      ctx.addIssue({ code: 'custom', message: '应为 JSON：{ "文件名": { "year": 2024, "department": "…", "acceptProposed": true } }' });
      return z.NEVER;
    }),
});
export type ImportQuery = z.input<typeof importQuery>;

const storedRef = z.object({ documentId: z.number().int(), file: z.string(), title: z.string().nullable(), importedAt: z.string() });
const proposalSchema = z.object({
  year: z.number().int().nullable(),
  department: z.string().nullable(),
  from: storedRef.extend({ year: z.number().int().nullable(), department: z.string().nullable() }),
  units: z.array(z.object({ name: z.string(), projects: z.number().int() })),
  note: z.string(),
}).describe('库中同一单位的表（项目名称与金额一致）给出的年度与部门');

export const importPreviewResponse = z.array(z.object({
  file: z.string(),
  ok: z.boolean().describe('false：不是可读取的绩效目标表（见 error）'),
  error: z.string().optional(),
  layout: z.string().nullable(),
  title: z.string().nullable(),
  year: z.number().int().nullable(),
  department: z.string().nullable(),
  /** the same table (same bytes, or the same content in another encoding) is already stored */
  stored: storedRef.nullable().describe('库中已有同样内容的表：导入时不变'),
  missing: z.array(z.enum(['year', 'department'])).describe('原表未注明的项'),
  proposal: proposalSchema.nullable(),
  review: z.object({
    score: z.number().nullable(), grade: z.string().nullable(),
    findings: z.number().int(), error: z.number().int(), warning: z.number().int(), info: z.number().int(),
  }).nullable().describe('审核评分与问题数（导入后同样）'),
  units: z.array(z.object({ name: z.string(), projects: z.number().int() })),
  projects: z.number().int(),
  indicators: z.number().int(),
  diagnostics: z.array(z.object({ severity: severitySchema, code: z.string(), label: z.string().describe('代码的中文名称'), message: z.string(), line: z.number().int().nullable(), cell: z.string().optional().describe('工作簿：单元格，如 Sheet1!C14') })),
  sheets: z.array(sheetInfoSchema).optional().describe('工作簿或 CSV：各工作表是否读取、表头所在行、各栏读作什么'),
}));
export type ImportPreviewResponse = z.output<typeof importPreviewResponse>;

export const importResponse = z.array(z.object({
  file: z.string(),
  status: z.enum(['imported', 'unchanged', 'needs-input', 'failed']).describe('needs-input：原表未注明年度或部门，库中有同一单位的表，须在 choices 中说明'),
  reason: z.string().optional(),
  storedFile: z.string().optional().describe('unchanged：库中那份表的文件名'),
  year: z.number().int().nullable().optional(),
  department: z.string().nullable().optional(),
  note: z.string().nullable().optional().describe('年度或部门不是原表所印时，从何而来'),
  missing: z.array(z.enum(['year', 'department'])).optional(),
  proposal: proposalSchema.optional(),
  documentId: z.number().int().optional(),
  units: z.number().int().optional(),
  projects: z.number().int().optional(),
  indicators: z.number().int().optional(),
}));
export type ImportResponse = z.output<typeof importResponse>;

/** a job's id: a UUID, so that it cannot be guessed from another's */
export const jobParams = z.strictObject({
  id: z.string().regex(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i, { error: '应为任务编号（UUID，如 3f2c…-…）' }).describe('任务编号'),
});

export const jobProgressSchema = z.object({
  stage: z.string().describe('阶段：排队、检查、读取、核对、审核、写入、索引'),
  done: z.number().int().describe('本阶段已完成（页、行、文件）'),
  total: z.number().int().describe('本阶段总数'),
  message: z.string().describe('给人看的一行：哪个文件、在做什么、到了哪里'),
  percent: z.number().describe('整个任务的完成百分比，只增不减'),
});

export const jobResponse = z.object({
  id: z.string(),
  kind: z.enum(['import']),
  state: z.enum(['queued', 'running', 'done', 'failed']).describe('queued 排队，running 进行中，done 完成（见 result），failed 失败（见 error）'),
  progress: jobProgressSchema,
  result: importResponse.nullable().describe('完成后：与同步导入的回答相同'),
  error: z.string().nullable().describe('失败时的原因'),
  createdAt: z.string(),
  startedAt: z.string().nullable(),
  finishedAt: z.string().nullable(),
  createdBy: z.number().int().nullable().describe('发起任务的账户（尚无账户时为 null）'),
});
export type JobResponse = z.output<typeof jobResponse>;
