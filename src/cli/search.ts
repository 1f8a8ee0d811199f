// `jixiao search QUERY`: substring search over the stored project names, goals and indicator names
// (src/store/search.ts). Text: one hit per line, the match in 【】 (bold on a terminal), then the unit
// and project, and the total; json: the SearchResult. Exit 0 with or without hits, 2 for an unusable
// query or store.
import type { Writable } from 'node:stream';
import { search, SearchError, type SearchHit, type SearchResult, type SearchScope } from '../store/search.js';
import { withStore, type DbOption } from './store-options.js';

export interface SearchCommandOptions extends DbOption {
  readonly in?: SearchScope;
  readonly limit?: number;
  readonly offset?: number;
  readonly allVersions?: boolean;
  readonly format?: 'text' | 'json';
  /** ANSI bold for the matches instead of 【】 */
  readonly colour?: boolean;
}

const FIELD_LABEL: Readonly<Record<SearchHit['field'], string>> = { name: '项目', goal: '目标', indicator: '指标' };
/** goals are long: show this many characters either side of the first match */
const CONTEXT = 24;

function marked(hit: SearchHit, colour: boolean): string {
  const mark = (s: string) => (colour ? `\x1b[1;33m${s}\x1b[0m` : `【${s}】`);
  let segments = hit.highlight;
  if (hit.field === 'goal') {
    // a window around the first match
    const first = segments.findIndex((s) => s.match);
    const before = segments.slice(0, first).map((s) => s.text).join('');
    const cut = Math.max(0, before.length - CONTEXT);
    let budget = CONTEXT + (segments[first]?.text.length ?? 0) + CONTEXT;
    const out: { text: string; match: boolean }[] = [];
    let at = 0;
    for (const s of segments) {
      const start = Math.max(0, cut - at);
      at += s.text.length;
      if (start >= s.text.length || budget <= 0) continue;
      const piece = s.match ? s.text.slice(start) : s.text.slice(start, start + budget);
      budget -= piece.length;
      out.push({ text: piece, match: s.match });
    }
    const shown = out.reduce((n, s) => n + s.text.length, 0);
    segments = [...(cut > 0 ? [{ text: '…', match: false }] : []), ...out, ...(cut + shown < hit.text.length ? [{ text: '…', match: false }] : [])];
  }
  return segments.map((s) => (s.match ? mark(s.text) : s.text.replace(/\s+/g, ' '))).join('');
}

export function renderSearchText(result: SearchResult, query: string, offset: number, colour: boolean): string {
  const lines: string[] = [];
  for (const h of result.hits) {
    const where = h.field === 'name' ? h.unit : `${h.unit}｜${h.project}`;
    lines.push(`${FIELD_LABEL[h.field]}  ${marked(h, colour)}  —— ${where}`);
  }
  const total = result.totalExact ? `${result.total}` : `${result.total} 以上`;
  if (!result.hits.length) {
    lines.push(result.total > 0 ? `“${query}”共 ${total} 条结果，本页（从第 ${offset + 1} 条起）没有结果` : `没有找到“${query}”`);
  } else {
    lines.push(`“${query}”共 ${total} 条结果，显示第 ${offset + 1}–${offset + result.hits.length} 条`);
  }
  return `${lines.join('\n')}\n`;
}

export async function searchCommand(query: string, opts: SearchCommandOptions, out: Writable, err: Writable): Promise<number> {
  return withStore(opts, err, async (store) => {
    let result: SearchResult;
    try {
      result = await search(store, {
        query,
        ...(opts.in === undefined ? {} : { in: opts.in }),
        ...(opts.limit === undefined ? {} : { limit: opts.limit }),
        ...(opts.offset === undefined ? {} : { offset: opts.offset }),
        latestOnly: opts.allVersions !== true,
      });
    } catch (e) {
      if (e instanceof SearchError) {
        err.write(`jixiao search: ${e.message}\n`);
        return 2;
      }
      throw e;
    }
    out.write(opts.format === 'json' ? `${JSON.stringify(result, null, 2)}\n` : renderSearchText(result, query, opts.offset ?? 0, opts.colour === true));
    return 0;
  });
}
