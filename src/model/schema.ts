// Runtime schemas for the model: what `jixiao parse` prints is validated against these in tests, and
// later stages (store, server) validate what they read back.
import { z } from 'zod';
import { COLUMN_ROLES, type ColumnRole, type SheetInfo } from './types.js';
import type {
  Box, Category, Diagnostic, Funding, Indicator, Orphan, Project, SourceInfo, TableDocument, Target, Unit,
} from './types.js';

const line = z.number().int().positive();
export const boxSchema = z.object({
  page: z.number().int().positive(),
  x: z.number(),
  y: z.number(),
  w: z.number().nonnegative(),
  h: z.number().nonnegative(),
}) satisfies z.ZodType<Box>;
const box = boxSchema.exactOptional();
const cell = z.string().regex(/^(?:.+!)?[A-Z]{1,3}[1-9]\d*$/).exactOptional();
export const columnRoleSchema = z.enum(COLUMN_ROLES as unknown as [ColumnRole, ...ColumnRole[]]);
export const sheetInfoSchema = z.object({
  name: z.string(),
  read: z.boolean(),
  skipped: z.string().exactOptional(),
  headerRows: z.array(z.number().int().positive()).length(2).exactOptional(),
  layout: z.enum(['project-rows', 'indicator-rows']).exactOptional(),
  amountUnit: z.enum(['万元', '元']).exactOptional(),
  columns: z.array(z.object({ column: z.string().regex(/^[A-Z]{1,3}$/), header: z.string(), role: columnRoleSchema.nullable(), chosen: z.boolean().exactOptional() })).exactOptional(),
}) satisfies z.ZodType<SheetInfo>;

export const sourceInfoSchema = z.object({
  file: z.string(),
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
  layout: z.enum(['tabular-text', 'flowed-text', 'pdf', 'xlsx']),
  bytes: z.number().int().nonnegative(),
  lines: z.number().int().nonnegative(),
  encoding: z.enum(['utf-8', 'gb18030', 'binary']),
  pages: z.number().int().nonnegative().exactOptional(),
  pagesRead: z.array(z.number().int().positive()).exactOptional(),
  sheets: z.array(sheetInfoSchema).exactOptional(),
}) satisfies z.ZodType<SourceInfo>;

const amount = z.number().nonnegative().refine((x) => Math.abs(x * 100 - Math.round(x * 100)) < 1e-6, 'at most two decimals');

export const fundingSchema = z.object({
  total: amount,
  fiscal: amount.nullable(),
  specialAccount: amount.nullable(),
  other: amount.nullable(),
  fiscalParts: z.object({ general: amount.nullable(), governmentFund: amount.nullable(), stateCapital: amount.nullable() }).exactOptional(),
  unplaced: z.array(amount),
  printed: z.array(z.string()),
  line: line.exactOptional(),
  box,
  cell,
}) satisfies z.ZodType<Funding>;

export const categorySchema = z.object({ code: z.string().nullable(), name: z.string().nullable() }) satisfies z.ZodType<Category>;
const targetFields = {
  raw: z.string(),
  kind: z.enum(['numeric', 'range', 'deadline', 'qualitative', 'compound', 'empty', 'unparsed']).exactOptional(),
  op: z.enum(['>=', '>', '<=', '<', '=', '≈']).exactOptional(),
  value: z.number().exactOptional(),
  min: z.number().exactOptional(),
  max: z.number().exactOptional(),
  unit: z.string().exactOptional(),
  normalized: z.object({ value: z.number(), unit: z.string() }).exactOptional(),
  subject: z.string().exactOptional(),
  per: z.string().exactOptional(),
  note: z.string().exactOptional(),
  year: z.number().int().exactOptional(),
  month: z.number().int().min(1).max(12).exactOptional(),
  day: z.number().int().min(1).max(31).exactOptional(),
  joiner: z.enum(['and', 'or']).exactOptional(),
};
export const targetSchema: z.ZodType<Target> = z.object({
  ...targetFields,
  get parts() { return z.array(targetSchema).exactOptional(); },
});

export const indicatorSchema = z.object({
  seq: z.number().int().nullable(),
  level1: categorySchema,
  level2: categorySchema,
  name: z.string(),
  period: targetSchema,
  annual: targetSchema,
  text: z.string(),
  line: line.exactOptional(),
  box,
  cell,
}) satisfies z.ZodType<Indicator>;

export const projectSchema = z.object({
  name: z.string(),
  funding: fundingSchema,
  goal: z.string(),
  indicators: z.array(indicatorSchema),
  indicatorsText: z.string().exactOptional(),
  line: line.exactOptional(),
  box,
  cell,
}) satisfies z.ZodType<Project>;

export const unitSchema = z.object({
  name: z.string(),
  funding: fundingSchema.nullable(),
  projects: z.array(projectSchema),
  line: line.exactOptional(),
  box,
  cell,
}) satisfies z.ZodType<Unit>;

export const orphanSchema = z.object({
  text: z.string(),
  indicators: z.array(indicatorSchema),
  line: line.exactOptional(),
  box,
  cell,
}) satisfies z.ZodType<Orphan>;

export const diagnosticSchema = z.object({
  severity: z.enum(['error', 'warning', 'info']),
  code: z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/),
  message: z.string().min(1),
  line: line.exactOptional(),
  box,
  cell,
  path: z.string().exactOptional(),
}) satisfies z.ZodType<Diagnostic>;

export const tableDocumentSchema = z.object({
  source: sourceInfoSchema,
  title: z.string().nullable(),
  year: z.number().int().nullable(),
  department: z.string().nullable(),
  currencyUnit: z.string().nullable(),
  total: fundingSchema.nullable(),
  units: z.array(unitSchema),
  orphans: z.array(orphanSchema),
  diagnostics: z.array(diagnosticSchema),
}) satisfies z.ZodType<TableDocument>;
