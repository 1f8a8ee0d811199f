// flowed-text: a table as a PDF extractor prints it. Every cell is wrapped over lines, blank lines
// fall inside cells, empty amount cells vanish, a short name shares its line with the amounts, and
// some extractors interleave columns: a goal printed after the indicators, a source amount printed
// again after the goal, an amount split over two lines. One pass over the lines, building rows:
//
//   name lines → amounts → goal lines → indicator block
//
// with the recoveries each described where it happens. Text that cannot be placed becomes an orphan.
import type { Diagnostic } from '../../model/index.js';
import { isAmountToken, isPartialAmountToken, toCents, formatCents, type Cents } from '../amounts.js';
import { diag } from '../diagnostics.js';
import { DASH } from '../indicators.js';
import type { RawDocument, RawOrphan, RawRow } from '../rows.js';
import { spanOf, type Span } from '../span.js';
import { displayWidth, findColumnHeaders, isTotalName, type HeaderMeta, emptyMeta, headerKind, readHeader, type SourceLine } from './lines.js';

interface Line {
  readonly no: number;
  readonly text: string;
  /** leading spaces; project names start indented in most extractions */
  readonly indent: number;
}

interface Draft {
  nameLines: Line[];
  /** where the amounts are printed */
  amountLine: number | undefined;
  printed: string[];
  values: Cents[];
  goalLines: Line[];
  indLines: Line[];
  lastField: 'name' | 'amounts' | 'goal' | 'indicators';
  deferred: boolean;
  diagnostics: Diagnostic[];
}

const TOKEN = String.raw`(?:\d{1,3}(?:,\d{3})+|\d+)\.\d{0,2}`;
const AMOUNTS_ONLY = new RegExp(String.raw`^${TOKEN}(?:\s+${TOKEN})*$`);
const AMOUNTS_TEXT = new RegExp(String.raw`^((?:\d{1,3}(?:,\d{3})+|\d+)\.\d{2}(?:\s+(?:\d{1,3}(?:,\d{3})+|\d+)\.\d{2})+)\s+(\S.*)$`);
// An indicator starts with its number and level-1 code in any of the forms indicators.ts reads; a
// `1.` number must be followed by a level name, so that a wrapped value like `2.5-3小时` is not one.
const AMOUNT = String.raw`(?:\d{1,3}(?:,\d{3})+|\d+)\.\d{2}`;
const MID_AMOUNTS_CUE = /\d\.\d{2}\s+\S/;
const NAME_AMOUNTS_TEXT = new RegExp(String.raw`^(\S.*?)\s+(${AMOUNT}(?:\s+${AMOUNT})+)\s+(\S.*)$`);
const IND_START = String.raw`(?:(?:\d{1,3}\s*、|[（(]\s*\d{1,3}\s*[）)]|[①-⑳])\s*\d\s*${DASH}|\d{1,3}\s*[.．]\s*\d\s*${DASH}\s*[\u4e00-\u9fff])`;
const IND_START_LINE = new RegExp(`^${IND_START}`);
/** a line that begins with `4、`, the rest of the indicator's start cut to the next line; the other
 *  number forms (`1.` `（1）` `①`) also number goals' items, so only a full start counts for them */
const IND_NUMBER_LINE = /^\d{1,3}\s*、/;
/** where an indicator starts inside a block, found from the mark after its number (a rarer character
 *  than the digits, so the scan stays fast) */
const IND_MARK = new RegExp(String.raw`(?:[、）)①-⑳]\s*\d\s*${DASH}|[.．]\s*\d\s*${DASH}\s*[\u4e00-\u9fff])`, 'g');
const ANNUAL_MARK = /年度指标值/g;
const CONTINUATION = /^[；;,，。、:：)）】”’]/;
const STRAY = /^[。，,；;、.．:：）)】”’]+$/;
const FRAGMENT = /^\d{1,2}$/;
const SENTENCE_END = /[。]$/;
/** how much narrower than its widest line a wrapped line may be (display columns: two CJK characters) */
const WRAP_SLACK = 4;

type Kind =
  | { k: 'blank' }
  | { k: 'stray' }
  | { k: 'fragment' }
  | { k: 'ind-start' }
  | { k: 'amounts'; before: string; tokens: string[]; after: string }
  | { k: 'text' };

/** total first, then the sources: do they add up (to a cent per token)? */
function addsUp(tokens: readonly string[]): boolean {
  const values = tokens.map((t) => toCents(t) ?? 0);
  const sources = values.slice(1).reduce((s, v) => s + v, 0);
  return Math.abs(values[0]! - sources) <= tokens.length;
}

function classify(text: string): Kind {
  if (text === '') return { k: 'blank' };
  if (STRAY.test(text)) return { k: 'stray' };
  if (FRAGMENT.test(text)) return { k: 'fragment' };
  if (IND_START_LINE.test(text)) return { k: 'ind-start' };
  if (AMOUNTS_ONLY.test(text) && /\.\d/.test(text)) return { k: 'amounts', before: '', tokens: text.split(/\s+/), after: '' };
  const at = AMOUNTS_TEXT.exec(text);
  if (at) {
    const tokens = at[1]!.split(/\s+/);
    if (addsUp(tokens)) return { k: 'amounts', before: '', tokens, after: at[2]! };
  }
  // a short name, its amounts and the goal's first words on one line: `办公类购置经费 2.44 2.44 用于…`;
  // believed only when the amounts add up (total = Σ sources), as a row's must
  const mid = MID_AMOUNTS_CUE.test(text) ? NAME_AMOUNTS_TEXT.exec(text) : null;
  if (mid && !/[:：]$/.test(mid[1]!) && addsUp(mid[2]!.split(/\s+/))) return { k: 'amounts', before: mid[1]!, tokens: mid[2]!.split(/\s+/), after: mid[3]! };
  const na = trailingAmounts(text);
  if (na && /\.\d/.test(na.tokens.join(' '))) {
    // every token but the last must be complete; the last may be cut by a line break
    // (a colon before amounts is a value's, `实施周期指标值: 1.00`, except after 合计：/总计：)
    if (na.tokens.slice(0, -1).every(isAmountToken) && (!/[:：]$/.test(na.before) || isTotalName(na.before))) return { k: 'amounts', before: na.before, tokens: na.tokens, after: '' };
  }
  return { k: 'text' };
}

const TOKEN_ONLY = new RegExp(`^${TOKEN}$`);

/** `name 1.00 2.00` → the name and the amount tokens after it; a scan from the end, linear in the line. */
function trailingAmounts(text: string): { before: string; tokens: string[] } | null {
  const tokens: string[] = [];
  let end = text.length;
  for (;;) {
    const space = Math.max(text.lastIndexOf(' ', end - 1), text.lastIndexOf('\t', end - 1));
    if (space < 0) break;
    const token = text.slice(space + 1, end);
    if (!TOKEN_ONLY.test(token)) break;
    tokens.unshift(token);
    end = space;
    while (end > 0 && /\s/.test(text[end - 1]!)) end--;
  }
  const before = text.slice(0, end).trimEnd();
  return tokens.length > 0 && before !== '' ? { before, tokens } : null;
}

/**
 * A row with amounts but no name, right after an indicator block whose last value ran on without its
 * terminator: the block's lines after the line holding its last 年度指标值 are this row's name (an
 * unindented unit name joins an unterminated value: `…年度指标值:0事故` / `广州市工贸` / `技师学院`).
 * Takes them out of `prev`'s indicators and returns them; none when there are none.
 */
function nameAfterIndicators(prev: Draft, valueEndedShort: boolean): Line[] {
  const j = lastValueLine(prev.indLines, valueEndedShort);
  if (j < 0) return [];
  const name = prev.indLines.slice(j + 1);
  prev.indLines = prev.indLines.slice(0, j + 1);
  return name;
}

/**
 * The index of the line holding an indicator block's last 年度指标值 and the start of its value, when
 * lines follow it that could be a name (unindented, no sentence end); -1 otherwise.
 */
function lastValueLine(lines: readonly Line[], valueEndedShort: boolean): number {
  if (lines.length < 2) return -1;
  const span = spanOf(lines);
  const at = span.text.lastIndexOf('年度指标值');
  if (at < 0) return -1;
  const end = at + '年度指标值'.length;
  // the last source line the marker touches, then at least one character of value after it
  let j = 0;
  while (j + 1 < span.offsets.length && span.offsets[j + 1]! < end) j++;
  if (j + 1 >= lines.length || span.text.slice(end, span.offsets[j + 1]).replace(/^[:：\s]+/, '') === '') return -1;
  if (lines.slice(j + 1).some((l) => /[。；;]/.test(l.text) || l.indent >= 2)) return -1;
  // a wrapped cell fills every line but its last (to a character or two): a value line clearly
  // narrower than the block's widest ended the cell
  if (valueEndedShort && displayWidth(lines[j]!.text) > Math.max(...lines.map((l) => displayWidth(l.text))) - WRAP_SLACK) return -1;
  return j;
}

/**
 * A unit row whose name's head was printed on the last lines of the indicator block before it is
 * confirmed by the project after it, whose name begins with the unit's own name (广州市工贸技师学院 /
 * 广州市工贸技师学院国家助学金…): when the block's trailing lines and the unit's name together begin the
 * next name, they are the unit's.
 */
function rejoinUnitNames(drafts: readonly Draft[]): void {
  for (let i = 1; i + 1 < drafts.length; i++) {
    const [prev, d, next] = [drafts[i - 1]!, drafts[i]!, drafts[i + 1]!];
    if (d.goalLines.length > 0 || d.indLines.length > 0 || d.nameLines.length === 0) continue;
    const j = lastValueLine(prev.indLines, false);
    if (j < 0) continue;
    const tail = prev.indLines.slice(j + 1);
    const joined = spanOf([...tail, ...d.nameLines]).text;
    if (!spanOf(next.nameLines).text.startsWith(joined)) continue;
    prev.indLines = prev.indLines.slice(0, j + 1);
    d.nameLines = [...tail, ...d.nameLines];
    d.diagnostics.push(diag('name-recovered', `单位名称“${joined}”的开头紧接在上一项目最后一项指标之后印出，已按其下项目名称的开头取回。`, { line: tail[0]!.no }));
  }
}

/** Incremental state of an open indicator block, so long blocks cost linear time. */
class IndicatorBlock {
  readonly lines: Line[] = [];
  private tail = '';
  private offset = 0;
  private lastStart = -1;
  private lastAnnual = -1;
  private maxWidth = 0;

  add(line: Line): void {
    const t = line.text;
    const window = this.tail + t;
    const base = this.offset - this.tail.length;
    for (const m of window.matchAll(IND_MARK)) this.lastStart = Math.max(this.lastStart, base + m.index);
    for (const m of window.matchAll(ANNUAL_MARK)) this.lastAnnual = Math.max(this.lastAnnual, base + m.index);
    this.offset += t.length;
    this.tail = (this.tail + t).slice(-16);
    this.lines.push(line);
    this.maxWidth = Math.max(this.maxWidth, displayWidth(t));
  }

  /** Does `next` continue this block? */
  continuesWith(next: Line, kind: Kind): boolean {
    const last = this.lines[this.lines.length - 1]!.text;
    const hasAnnual = this.lastAnnual > this.lastStart;
    if (kind.k === 'ind-start') return true;
    if (kind.k === 'amounts' && kind.before === '' && kind.after === '' && !/[:：]$/.test(last)) return false;
    // a name with its amounts that add up starts a row, whatever the block's last line looked like
    if (kind.k === 'amounts' && kind.tokens.length >= 2 && kind.tokens.every(isAmountToken) && addsUp(kind.tokens) && !/[:：]$/.test(last)) return false;
    if (hasAnnual && last.endsWith('。')) return IND_NUMBER_LINE.test(next.text) || CONTINUATION.test(next.text);
    if (!hasAnnual) return true;
    if (CONTINUATION.test(next.text) || IND_NUMBER_LINE.test(next.text)) return true;
    // The last value is there but unterminated. A short last line ends a wrapped cell, and an
    // indented line starts a name: either way the block is over.
    if (next.indent >= 2) return false;
    return !(this.lines.length >= 2 && displayWidth(last) < this.maxWidth * 0.6);
  }
}

export function readFlowed(sourceLines: readonly SourceLine[]): RawDocument {
  const meta = emptyMeta();
  const diagnostics: Diagnostic[] = [];
  const rows: Draft[] = [];
  const orphans: RawOrphan[] = [];
  let cur: Draft | null = null;
  /** text lines whose role is not known yet, split into blocks at indented lines */
  let pending: Line[][] = [];
  let block: IndicatorBlock | null = null;
  let partial: Draft | null = null;
  let nameWidth = 0;

  const pendingLines = (): Line[] => pending.flat();
  const orphanText = (lines: Line[], indLines: Line[] = []): void => {
    if (lines.length === 0 && indLines.length === 0) return;
    orphans.push({ text: spanOf(lines), indicators: spanOf(indLines), line: (lines[0] ?? indLines[0])?.no });
  };
  /** Text that precedes something of `cur`'s that is not a name: give it to cur's goal if it can be. */
  const giveToGoal = (lines: Line[]): void => {
    if (lines.length === 0) return;
    if (cur && (cur.goalLines.length === 0 || cur.lastField === 'goal')) {
      if (cur.lastField === 'indicators' && cur.goalLines.length === 0) {
        cur.diagnostics.push(diag('goal-displaced', '绩效目标印在绩效指标之后（原表栏目错位），已归入本项目。', { line: lines[0]!.no }));
      }
      cur.goalLines.push(...lines);
      cur.lastField = 'goal';
    } else {
      orphanText(lines);
    }
  };

  const closeBlock = (): void => {
    if (!block) return;
    const lines = block.lines;
    block = null;
    if (cur && cur.indLines.length === 0) {
      const text = pendingLines();
      pending = [];
      if (text.length) { cur.goalLines.push(...text); cur.lastField = 'goal'; }
      cur.indLines = lines;
      cur.lastField = 'indicators';
    } else {
      orphanText(pendingLines(), lines);
      pending = [];
    }
  };

  const startRow = (line: Line, kind: Extract<Kind, { k: 'amounts' }>): void => {
    // Split the pending text: the name starts at the last indented block; what comes before it
    // is the previous row's (a goal printed late) or nobody's.
    let nameLines: Line[];
    const lastIndented = pending.map((b) => (b[0]?.indent ?? 0) >= 2).lastIndexOf(true);
    if (lastIndented > 0) {
      giveToGoal(pending.slice(0, lastIndented).flat());
      nameLines = pending.slice(lastIndented).flat();
    } else if (lastIndented < 0 && cur && cur.goalLines.length === 0 && cur.indLines.length > 0 && nameWidth > 0) {
      // no indentation to go by: a goal printed after the indicators is wider than a name column
      const all = pendingLines();
      let k = all.length;
      while (k > 0 && displayWidth(all[k - 1]!.text) <= nameWidth) k--;
      giveToGoal(all.slice(0, k));
      nameLines = all.slice(k);
    } else if (lastIndented < 0 && cur && cur.indLines.length === 0 && pending.flat().some((l) => SENTENCE_END.test(l.text))) {
      // the row before has no indicator block, and a name never ends a sentence: up to the last
      // sentence end it is that row's goal (or prose indicators), after it this row's name
      const all = pendingLines();
      let k = all.length;
      while (k > 0 && !SENTENCE_END.test(all[k - 1]!.text)) k--;
      giveToGoal(all.slice(0, k));
      nameLines = all.slice(k);
    } else {
      nameLines = pendingLines();
    }
    pending = [];
    // a name that began on the last lines of the previous row's indicator block (no indentation to go
    // by): taken back when this row has no name at all, or when the block's last value ended short
    const recovered: Line[] = !cur || lastIndented >= 0 || nameLines.some((l) => l.indent >= 2) ? [] : nameAfterIndicators(cur, nameLines.length > 0 || kind.before !== '');
    if (recovered.length > 0) nameLines = [...recovered, ...nameLines];
    if (kind.before) nameLines.push({ no: line.no, text: kind.before, indent: line.indent });
    for (const n of nameLines) nameWidth = Math.max(nameWidth, displayWidth(n.text));

    const draft: Draft = {
      nameLines, amountLine: line.no, printed: [], values: [], goalLines: [], indLines: [],
      lastField: 'amounts', deferred: false, diagnostics: [],
    };
    if (recovered.length > 0) draft.diagnostics.push(diag('name-recovered', `项目名称“${spanOf(recovered).text}”紧接在上一项目最后一项指标之后印出（未另起一行缩进），已从指标文字末尾取回；请核对该指标的年度指标值是否完整。`, { line: recovered[0]!.no }));
    addTokens(draft, kind.tokens, line.no);
    if (kind.after) { draft.goalLines.push({ no: line.no, text: kind.after, indent: 0 }); draft.lastField = 'goal'; }
    rows.push(draft);
    cur = draft;
  };

  const addTokens = (draft: Draft, tokens: string[], no: number): void => {
    tokens.forEach((t, i) => {
      const last = i === tokens.length - 1;
      if (!isAmountToken(t) && last && isPartialAmountToken(t)) partial = draft;
      else if (!isAmountToken(t)) draft.diagnostics.push(diag('amount-unread', `金额“${t}”格式不完整（应为两位小数），按原样读取，请核对原表。`, { line: no }));
      draft.printed.push(t);
      draft.values.push(toCents(t) ?? 0);
    });
  };

  /** A row that printed only its total may print its source amounts later, after other cells. */
  const isDeferredSources = (kind: Extract<Kind, { k: 'amounts' }>): boolean => {
    if (!cur || cur.values.length !== 1 || cur.deferred || kind.before !== '' || partial) return false;
    if (!kind.tokens.every(isAmountToken) || kind.tokens.length > 3) return false;
    if (pending.some((b) => (b[0]?.indent ?? 0) >= 2)) return false;
    const sum = kind.tokens.reduce((s, t) => s + (toCents(t) ?? 0), 0);
    return Math.abs(sum - cur.values[0]!) <= kind.tokens.length;
  };

  const headers = findColumnHeaders(sourceLines);
  /** every content line, kept in case the reading order turns out scrambled */
  const content: Line[] = [];
  /** lines where a goal's text and an indicator's text sit side by side */
  const mixedLines: number[] = [];
  for (let li = 0; li < sourceLines.length; li++) {
    const original = sourceLines[li]!;
    // the column header, however it wraps, is never content: only what a lost line break joined to it
    const rest = headers.get(li);
    const l = rest !== undefined ? { no: original.no, raw: rest } : original;
    const text = l.raw.replace(/[\u00a0\u3000]/g, ' ');
    const trimmed = text.trim();
    if (trimmed === '') continue;
    const hk = headerKind(trimmed);
    if (hk) { readHeader(meta, hk, trimmed); continue; }
    const line: Line = { no: l.no, text: trimmed, indent: text.length - text.trimStart().length };
    content.push(line);
    if (sharesLineWithIndicators(trimmed)) mixedLines.push(line.no);
    const kind = classify(trimmed);

    if (block) {
      if (block.continuesWith(line, kind)) { block.add(line); continue; }
      closeBlock();
    }

    switch (kind.k) {
      case 'blank':
        break;
      case 'ind-start':
        block = new IndicatorBlock();
        block.add(line);
        break;
      case 'stray':
        // a wrapped cell's last line can be its closing punctuation alone; only when there is no
        // text to close, or that text is already closed, is the mark stray
        if (pending.length > 0 && !/[。．.]$/.test(pending[pending.length - 1]!.at(-1)!.text)) { addText(line); break; }
        diagnostics.push(diag('stray-punctuation', `第 ${line.no} 行只有标点“${trimmed}”，原表排版错位所致，未并入任何内容。`, { line: line.no }));
        break;
      case 'fragment':
        if (partial) {
          const d: Draft = partial;
          const i = d.printed.length - 1;
          const joined = d.printed[i]! + trimmed;
          if (isAmountToken(joined)) {
            d.diagnostics.push(diag('amount-joined', `金额被拆在两行（“${d.printed[i]}”与“${trimmed}”），合并为 ${joined}。`, { line: line.no }));
            d.printed[i] = joined;
            d.values[i] = toCents(joined) ?? 0;
            partial = null;
            break;
          }
        }
        addText(line);
        break;
      case 'amounts':
        if (partial) unfinishedPartial();
        if (isDeferredSources(kind)) {
          const d: Draft = cur!;
          giveToGoal(pendingLines());
          pending = [];
          addTokens(d, kind.tokens, line.no);
          d.deferred = true;
          d.diagnostics.push(diag('amount-deferred', `资金来源金额 ${kind.tokens.join(' ')} 印在本项目其他内容之后（第 ${line.no} 行），已归入本项目。`, { line: line.no }));
          if (kind.after) giveToGoal([{ no: line.no, text: kind.after, indent: 0 }]);
        } else {
          startRow(line, kind);
        }
        break;
      case 'text':
        addText(line);
        break;
    }
  }
  if (block) closeBlock();
  if (partial) unfinishedPartial();
  if (pending.length) {
    const rest = pendingLines();
    pending = [];
    giveToGoal(rest);
  }

  function addText(line: Line): void {
    // between a cut amount and its last digits, text can only be the rest of the name
    if (partial && partial === cur && partial.goalLines.length === 0 && partial.indLines.length === 0) {
      partial.nameLines.push(line);
      return;
    }
    if (pending.length === 0 || line.indent >= 2) pending.push([line]);
    else pending[pending.length - 1]!.push(line);
  }

  function unfinishedPartial(): void {
    const d = partial!;
    const t = d.printed[d.printed.length - 1]!;
    d.diagnostics.push(diag('amount-unread', `金额“${t}”不完整（应有两位小数），后续数字未找到，按 ${formatCents(toCents(t) ?? 0)} 读取，请核对原表。`, { line: d.amountLine }));
    partial = null;
  }

  if (mixedLines.length >= SCRAMBLED_MIN_LINES && mixedLines.length >= content.length * SCRAMBLED_MIN_SHARE) {
    return scrambled(meta, rows, content, mixedLines, diagnostics, sourceLines.length);
  }

  return {
    layout: 'flowed-text',
    meta,
    rows: classifyRows(rows),
    orphans,
    diagnostics,
    lineCount: sourceLines.length,
  };
}

// Text extracted in another reading order — pdftotext's default mode prints the name, amount, goal and
// indicator columns interleaved line by line, a goal's line and an indicator's line side by side on
// one line of text. Rows read from it would be confidently wrong, so none are: the text is kept whole
// as content no project owns, with one error saying why and what could not be placed.
const SCRAMBLED_MIN_LINES = 3;
const SCRAMBLED_MIN_SHARE = 0.01;
const INDICATOR_CUE = new RegExp(`指标值|${IND_START}|[；;]\\s*\\d{2}\\s*${DASH}`);
const CJK_RUN = /[\u4e00-\u9fff]/g;

/** `…实现多维度 每年≥20场；年度指标值:…`: prose with no indicator in it, a gap, then indicator text. */
function sharesLineWithIndicators(line: string): boolean {
  // a tab is a tabular row's cell boundary (goal, then indicators), not two columns run together
  if (line.indexOf(' ') < 0 || line.indexOf('\t') >= 0) return false;
  const cue = INDICATOR_CUE.exec(line);
  if (!cue || cue.index === 0) return false;
  const before = line.slice(0, cue.index);
  const gap = before.lastIndexOf(' ');
  if (gap <= 0) return false;
  const left = before.slice(0, gap);
  return !/指标|[；;]\s*\d{2}\s*[-－—–]|\d\s*、\s*\d/.test(left) && (left.match(CJK_RUN)?.length ?? 0) >= 8;
}

function scrambled(meta: HeaderMeta, drafts: readonly Draft[], content: readonly Line[], mixed: readonly number[], diagnostics: readonly Diagnostic[], lineCount: number): RawDocument {
  const annuals = content.reduce((n, l) => n + (l.text.match(ANNUAL_MARK)?.length ?? 0), 0);
  const shown = mixed.slice(0, 5).join('、');
  const message = `文字的阅读顺序错乱：项目名称、金额、绩效目标和绩效指标各栏被逐行交错印出（如第 ${shown} 行${mixed.length > 5 ? '等' : ''}把绩效目标与绩效指标印在同一行，共 ${mixed.length} 行），无法可靠地对应到项目。`
    + `未能归属的有：${drafts.length} 处金额、${annuals} 个“年度指标值”（跨行断开的不计）及其项目名称和绩效目标；为免读出错误的项目，本文件未读取任何项目，全部文字（${content.length} 行）原样保留为“无所属内容”。请改用保持版面的文本（如 pdftotext -layout）或直接导入 PDF。`;
  return {
    layout: 'flowed-text',
    meta,
    rows: [],
    orphans: [{ text: spanOf(content), indicators: spanOf([]), line: content[0]?.no }],
    diagnostics: [...diagnostics, diag('reading-order-scrambled', message, { line: mixed[0] })],
    lineCount,
  };
}

/**
 * Indicators written as prose (`1.产出数量：…`) print like a goal, so with no numbered indicator block
 * the goal's lines may hold both. A cell starts on a new line: the indicators are the lines from the
 * first one that opens a numbered list with an indicator dimension (产出, 效益, 满意度 …).
 */
const PROSE_INDICATORS_START = /^(?:1\s*[.．、]|[（(]1[）)]|①)\s*(?:产出|效益|满意|数量|质量|时效|成本|经济|社会|生态|可持续)/;
function splitProseIndicators(d: Draft): void {
  const k = d.goalLines.findIndex((l, i) => i > 0 && PROSE_INDICATORS_START.test(l.text));
  if (k < 0) return;
  d.indLines = d.goalLines.slice(k);
  d.goalLines = d.goalLines.slice(0, k);
}

/** A row with neither goal nor indicators, followed directly by another row, is a 资金使用单位 row. */
function classifyRows(drafts: readonly Draft[]): RawRow[] {
  rejoinUnitNames(drafts);
  return drafts.map((d, i): RawRow => {
    const name = spanOf(d.nameLines);
    if (d.indLines.length === 0) splitProseIndicators(d);
    const empty = d.goalLines.length === 0 && d.indLines.length === 0;
    const kind = isTotalName(name.text) ? 'total' : empty && i + 1 < drafts.length ? 'unit' : 'project';
    const goal: Span = spanOf(d.goalLines);
    return {
      kind,
      name,
      amounts: { printed: d.printed, values: d.values, line: d.amountLine },
      goal,
      indicators: spanOf(d.indLines),
      line: d.nameLines[0]?.no ?? d.amountLine,
      diagnostics: d.diagnostics,
    };
  });
}
