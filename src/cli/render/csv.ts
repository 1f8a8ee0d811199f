import type { TableDocument } from '../../model/index.js';
export function renderCsv(docs: readonly TableDocument[]): string { return `\uFEFF${docs.length}\n`; }
