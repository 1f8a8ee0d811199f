import type { TableDocument } from '../../model/index.js';
export function renderTable(doc: TableDocument): string { return `${doc.source.file}\n`; }
