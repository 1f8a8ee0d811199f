// The .xlsx downloads: a stored document, the projects any filters of /api/projects select, and the fill-in
// templates for a unit. Workbooks are streamed as they are written (the store read in keyset pages), so a
// large export holds neither the server's memory nor its event loop; a download cancelled stops the export.
import { PassThrough, type Writable } from 'node:stream';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { exportXlsx, templateFileName, templateInput, writeEvaluateTemplate, writeMonitorTemplate, xlsxFileName, type TableLayoutId, type XlsxScope } from '../../report/xlsx/index.js';
import type { ProjectFilters } from '../../store/index.js';
import * as s from '../schemas.js';
import type { RouteContext } from '../routes.js';
import { defined } from '../work.js';

export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

const layout = z.enum(['table', 'indicators']).optional().describe('table：公开表式，每个项目一行（默认）；indicators：每个指标一行，项目单元格向下合并');
export const documentXlsxQuery = z.strictObject({ layout });
export const projectsXlsxQuery = s.projectsQuery.omit({ sort: true, order: true, limit: true, offset: true }).extend({ layout });
export const templateQuery = z.strictObject({
  unit: z.string().trim().min(1).max(500).describe('资金使用单位（完全一致）'),
  year: s.projectsQuery.shape.year.describe('年度（默认取该单位最新的年度）；none：未注明年度的表'),
});
const xlsxResponse = z.string().describe('Excel 工作簿（.xlsx）');
const errors = { '4xx': s.errorResponse, '5xx': s.errorResponse };
const produces = (what: string) => ({ 200: { description: what, content: { [XLSX_TYPE]: { schema: xlsxResponse } } }, ...errors });

/** RFC 6266/5987: an ASCII fallback and the Chinese name percent-encoded. */
export function attachment(name: string): string {
  const ascii = name.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_');
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(name).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`)}`;
}

export function xlsxRoutes(app: FastifyInstance, ctx: RouteContext): void {
  const api = app.withTypeProvider<ZodTypeProvider>();
  const { store } = ctx;

  /** Sends what `write` writes as a download; an error once bytes have gone cuts the response off (logged). */
  const download = (req: FastifyRequest, reply: FastifyReply, name: string, write: (out: Writable) => Promise<unknown>) => {
    const out = new PassThrough();
    write(out).catch((e: unknown) => {
      req.log.warn({ err: e, url: req.url }, 'xlsx export stopped');
      out.destroy(e as Error);
    });
    return reply.type(XLSX_TYPE).header('content-disposition', attachment(name)).header('cache-control', 'no-store').send(out);
  };

  const table = async (req: FastifyRequest, reply: FastifyReply, scope: XlsxScope, l: TableLayoutId) => {
    const name = await xlsxFileName(store, scope, l); // checks the filters and the document before any byte is sent
    return download(req, reply, name, (out) => exportXlsx(store, scope, l, out));
  };

  api.get('/api/documents/:id/xlsx', {
    schema: { summary: '一份文档的绩效目标表（Excel，流式）', tags: ['文档'], params: s.idParams, querystring: documentXlsxQuery, produces: [XLSX_TYPE], response: produces('绩效目标表') },
  }, async (req, reply) => table(req, reply, { kind: 'document', id: req.params.id }, req.query.layout ?? 'table'));

  api.get('/api/projects.xlsx', {
    schema: { summary: '筛选出的项目的绩效目标表（Excel，流式；筛选条件同 /api/projects）', tags: ['项目'], querystring: projectsXlsxQuery, produces: [XLSX_TYPE], response: produces('绩效目标表') },
  }, async (req, reply) => {
    const { layout: l, ...filters } = req.query;
    return table(req, reply, { kind: 'projects', filters: defined(filters) as ProjectFilters }, l ?? 'table');
  });

  for (const kind of ['monitor', 'evaluate'] as const) {
    api.get(`/api/templates/${kind}.xlsx`, {
      schema: {
        summary: kind === 'monitor' ? '运行监控表填报模板（Excel）：单位已公开的项目与指标' : '绩效自评表填报模板（Excel）：单位已公开的项目与指标',
        tags: ['项目'], querystring: templateQuery, produces: [XLSX_TYPE], response: produces('填报模板'),
      },
    }, async (req, reply) => {
      const input = await templateInput(store, req.query.unit, req.query.year);
      return download(req, reply, templateFileName(input, kind), (out) => (kind === 'monitor' ? writeMonitorTemplate : writeEvaluateTemplate)(input, out));
    });
  }
}
