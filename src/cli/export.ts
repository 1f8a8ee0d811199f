// `jixiao export --format csv|json [filters]`: the stored projects the filters select, streamed to stdout
// page by page — CSV one row per indicator (as `jixiao parse --format csv`), or JSON Lines one project per line.
import type { Writable } from 'node:stream';
import { exportProjects, type ExportFormat } from '../store/index.js';
import { filtersFrom, withStore, type DbOption, type FilterOptions } from './store-options.js';

export async function exportCommand(opts: DbOption & FilterOptions & { format: ExportFormat }, out: Writable, err: Writable): Promise<number> {
  return withStore(opts, err, async (store) => {
    try {
      const r = await exportProjects(store, filtersFrom(opts), opts.format, out);
      if (r.projects === 0) err.write('jixiao: 没有符合条件的项目。\n');
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'EPIPE') return 0; // the reader stopped early (| head)
      throw e;
    }
    return 0;
  });
}
