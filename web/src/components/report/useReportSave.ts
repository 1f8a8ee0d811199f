// A report's form saves itself 1.5 s after typing stops, always based on the revision it was loaded or
// last saved at (like the plan editor's useAutosave). A save someone else got in first is refused (409
// report-conflict) and kept aside — nothing is overwritten — until the writer chooses: take theirs, or
// keep mine: my changes are laid over theirs field by field (what only they changed stays theirs; a field
// both changed takes mine) and saved after theirs. Leaving with unsaved changes asks first.
import { useCallback, useEffect, useRef, useState } from 'react';
import { ApiError } from '../../api/client';
import { reportsApi, type ReportConflict, type ReportKindName } from '../../api/reports';

export type SaveStatus = 'saved' | 'dirty' | 'saving' | 'conflict' | 'error';
export const STATUS_TEXT: Readonly<Record<SaveStatus, string>> = { saved: '已保存', dirty: '有未保存的修改', saving: '正在保存…', conflict: '保存冲突', error: '保存失败' };

const DELAY = 1500;
const key = (x: unknown): string => JSON.stringify(x);
const isRecord = (x: unknown): x is Record<string, unknown> => typeof x === 'object' && x !== null && !Array.isArray(x);

/**
 * A three-way merge of form values: what I changed since `base` over `theirs`. Objects merge by key and
 * lists of objects (funding rows, indicators) by position; anything else is one value — a field both
 * changed takes mine.
 */
export function mergeOver(base: unknown, mine: unknown, theirs: unknown): unknown {
  if (key(mine) === key(base)) return theirs;
  if (key(theirs) === key(base)) return mine;
  if (isRecord(base) && isRecord(mine) && isRecord(theirs)) {
    const out: Record<string, unknown> = { ...theirs };
    for (const k of Object.keys(mine)) out[k] = mergeOver(base[k], mine[k], theirs[k]);
    return out;
  }
  if (Array.isArray(base) && Array.isArray(mine) && Array.isArray(theirs) && mine.length === base.length && theirs.length === base.length && mine.every(isRecord)) {
    return mine.map((m, i) => mergeOver(base[i], m, theirs[i]));
  }
  return mine;
}

export interface ReportSave<I> {
  readonly input: I;
  readonly setInput: (i: I) => void;
  readonly status: SaveStatus;
  readonly revision: number;
  readonly savedAt: Date | null;
  readonly error: string | null;
  readonly conflict: ReportConflict | null;
  readonly saveNow: () => Promise<boolean>;
  readonly takeTheirs: () => void;
  readonly keepMine: () => void;
  /** the revision the next write must name (after a saveNow, before React re-renders) */
  readonly baseRevision: () => number;
  /** another write (a template upload) was refused as stale: the same conflict dialog as for a save */
  readonly raiseConflict: (c: ReportConflict) => void;
}

export function useReportSave<I>(kind: ReportKindName, id: number, start: { revision: number; input: I }, enabled: boolean): ReportSave<I> {
  const [input, setState] = useState(start.input);
  const [status, setStatus] = useState<SaveStatus>('saved');
  const [error, setError] = useState<string | null>(null);
  const [conflict, setConflict] = useState<ReportConflict | null>(null);
  const [savedAt, setSavedAt] = useState<Date | null>(null);
  const [revision, setRevision] = useState(start.revision);
  const saved = useRef(key(start.input));
  /** the input as last saved (or loaded): the base my changes are measured from */
  const savedInput = useRef(start.input);
  const latest = useRef(start.input);
  const base = useRef(start.revision);
  const inFlight = useRef<Promise<boolean> | null>(null);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const blocked = useRef(false);

  const saveNow = useCallback(async (): Promise<boolean> => {
    if (!enabled || blocked.current) return false;
    if (timer.current) clearTimeout(timer.current);
    if (inFlight.current) await inFlight.current;
    const i = latest.current;
    if (key(i) === saved.current) { setStatus('saved'); return true; }
    setStatus('saving');
    const run = (async () => {
      try {
        const r = await reportsApi.save(kind, id, base.current, i);
        base.current = r.revision;
        saved.current = key(i);
        savedInput.current = i;
        setRevision(r.revision);
        setSavedAt(new Date());
        setError(null);
        setStatus(key(latest.current) === saved.current ? 'saved' : 'dirty');
        return true;
      } catch (e) {
        if (e instanceof ApiError && e.code === 'report-conflict' && e.detail) {
          blocked.current = true;
          setConflict(e.detail as ReportConflict);
          setStatus('conflict');
        } else {
          setError(e instanceof Error ? e.message : String(e));
          setStatus('error');
        }
        return false;
      } finally {
        inFlight.current = null;
      }
    })();
    inFlight.current = run;
    return run;
  }, [enabled, kind, id]);

  const setInput = useCallback((i: I) => {
    latest.current = i;
    setState(i);
    if (!enabled || blocked.current) return;
    setStatus(key(i) === saved.current ? 'saved' : 'dirty');
    if (timer.current) clearTimeout(timer.current);
    timer.current = setTimeout(() => { void saveNow(); }, DELAY);
  }, [enabled, saveNow]);

  const takeTheirs = useCallback(() => {
    if (!conflict) return;
    blocked.current = false;
    const theirs = conflict.current.input as I;
    base.current = conflict.current.revision;
    saved.current = key(theirs);
    savedInput.current = theirs;
    latest.current = theirs;
    setState(theirs);
    setRevision(conflict.current.revision);
    setConflict(null);
    setStatus('saved');
  }, [conflict]);

  const keepMine = useCallback(() => {
    if (!conflict) return;
    blocked.current = false;
    const theirs = conflict.current.input as I;
    const merged = mergeOver(savedInput.current, latest.current, theirs) as I;
    base.current = conflict.current.revision;
    saved.current = key(theirs);
    savedInput.current = theirs;
    latest.current = merged;
    setState(merged);
    setRevision(conflict.current.revision);
    setConflict(null);
    void saveNow();
  }, [conflict, saveNow]);

  const baseRevision = useCallback(() => base.current, []);
  const raiseConflict = useCallback((c: ReportConflict) => {
    if (timer.current) clearTimeout(timer.current);
    blocked.current = true;
    setConflict(c);
    setStatus('conflict');
  }, []);

  useEffect(() => () => { if (timer.current) clearTimeout(timer.current); }, []);

  const unsaved = status !== 'saved';
  useEffect(() => {
    if (!unsaved) return;
    const beforeUnload = (e: BeforeUnloadEvent) => { e.preventDefault(); e.returnValue = ''; };
    const click = (e: MouseEvent) => {
      const a = (e.target as HTMLElement | null)?.closest?.('a[href]');
      if (!a || a.getAttribute('target') === '_blank' || a.hasAttribute('download')) return;
      if (!window.confirm('有尚未保存的修改，离开本页将丢失这些修改。确定离开吗？')) { e.preventDefault(); e.stopPropagation(); }
    };
    window.addEventListener('beforeunload', beforeUnload);
    document.addEventListener('click', click, true);
    return () => { window.removeEventListener('beforeunload', beforeUnload); document.removeEventListener('click', click, true); };
  }, [unsaved]);

  return { input, setInput, status, revision, savedAt, error, conflict, saveNow, takeTheirs, keepMine, baseRevision, raiseConflict };
}
