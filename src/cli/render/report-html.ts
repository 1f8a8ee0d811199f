import type { TableDocument } from '../../model/index.js';
import type { ReviewResult } from '../../review/index.js';
// placeholder until the HTML report lands
export function renderReportHtml(_docs: readonly TableDocument[], results: readonly ReviewResult[]): string {
  return `<!doctype html><meta charset="utf-8"><title>审核报告</title><pre>${results.length}</pre>\n`;
}
