// One autosave for every form that saves itself as the next version of what it was loaded or last saved
// at: the plan editor and the monitoring/evaluation reports. What differs between them (the save call,
// how a version is named, the 409 code and how a conflict carries theirs, how "keep mine" joins theirs)
// is a spec; the debounce, the one-save-at-a-time queue, the conflict hold and the leave guard were the
// same code twice and are written once here.
//
// A change is saved `delay` ms after typing stops, always based on the version it was edited from. A save
// someone else got in first is refused (409) and kept aside as a conflict — nothing is overwritten —
// until the writer chooses: take theirs, or keep mine (saved as the next version after theirs). Leaving
// the page with unsaved changes asks first.
import { useCallback, useEffect, useRef, useState } from 'react';
import { ApiError } from '../api/client';

export type SaveStatus = 'saved' | 'dirty' | 'saving' | 'conflict' | 'error';
export const STATUS_TEXT: Readonly<Record<SaveStatus, string>> = { saved: '已保存', dirty: '有未保存的修改', saving: '正在保存…', conflict: '保存冲突', error: '保存失败' };

/** V: the form's value; T: what names a saved version; R: what a save answers (at least T); C: a 409's detail */
export interface AutosaveSpec<V, T, R extends T, C> {
  /** ms after the last change before it is saved */
  readonly delay: number;
  /** equal for values that save the same */
  readonly key: (v: V) => string;
  /** saves `value` as the next version after `base` */
  readonly save: (base: number, value: V) => Promise<R>;
  /** the number the next save names as its base */
  readonly baseOf: (t: T) => number;
  /** the ApiError code of a refused (stale) save */
  readonly conflictCode: string;
  /** the version a conflict says is current, and its value */
  readonly theirs: (c: C) => { readonly stamp: T; readonly value: V };
  /** keep mine: what I changed since `base` laid over theirs; without it, mine as it is */
  readonly merge?: (base: V, mine: V, theirs: V) => V;
}

export interface Autosave<V, T, R, C> {
  readonly value: V;
  readonly setValue: (v: V) => void;
  readonly status: SaveStatus;
  /** the version the value was loaded or last saved at (or theirs, once a conflict is resolved) */
  readonly stamp: T;
  /** what the last save of this page answered */
  readonly lastSave: R | null;
  readonly savedAt: Date | null;
  readonly error: string | null;
  readonly conflict: C | null;
  readonly saveNow: () => Promise<boolean>;
  readonly takeTheirs: () => void;
  readonly keepMine: () => void;
  /** the base the next write must name (after a saveNow, before React re-renders) */
  readonly baseNumber: () => number;
  /** another write (an upload) was refused as stale: the same conflict hold as for a save */
  readonly raiseConflict: (c: C) => void;
}

/** `spec` must keep its identity while the page's subject stays the same (useMemo on its ids) */
export function useAutosave<V, T, R extends T, C>(spec: AutosaveSpec<V, T, R, C>, start: { readonly stamp: T; readonly value: V }, enabled: boolean): Autosave<V, T, R, C> {
  const [value, setState] = useState(start.value);
  const [status, setStatus] = useState<SaveStatus>('saved');
  const [error, setError] = useState<string | null>(null);
  const [conflict, setConflict] = useState<C | null>(null);
  const [savedAt, setSavedAt] = useState<Date | null>(null);
  const [stamp, setStamp] = useState<T>(start.stamp);
  const [lastSave, setLastSave] = useState<R | null>(null);
  const saved = useRef(spec.key(start.value));
  /** the value as last saved (or loaded): the base my changes are measured from */
  const savedValue = useRef(start.value);
  const latest = useRef(start.value);
  const base = useRef(spec.baseOf(start.stamp));
  const inFlight = useRef<Promise<boolean> | null>(null);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const blocked = useRef(false);

  const saveNow = useCallback(async (): Promise<boolean> => {
    if (!enabled || blocked.current) return false;
    if (timer.current) clearTimeout(timer.current);
    if (inFlight.current) await inFlight.current;
    const v = latest.current;
    if (spec.key(v) === saved.current) { setStatus('saved'); return true; }
    setStatus('saving');
    const run = (async () => {
      try {
        const r = await spec.save(base.current, v);
        base.current = spec.baseOf(r);
        saved.current = spec.key(v);
        savedValue.current = v;
        setStamp(r);
        setLastSave(r);
        setSavedAt(new Date());
        setError(null);
        setStatus(spec.key(latest.current) === saved.current ? 'saved' : 'dirty');
        return true;
      } catch (e) {
        if (e instanceof ApiError && e.code === spec.conflictCode && e.detail) {
          blocked.current = true;
          setConflict(e.detail as C);
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
  }, [enabled, spec]);

  const setValue = useCallback((v: V) => {
    latest.current = v;
    setState(v);
    if (!enabled || blocked.current) return;
    setStatus(spec.key(v) === saved.current ? 'saved' : 'dirty');
    if (timer.current) clearTimeout(timer.current);
    timer.current = setTimeout(() => { void saveNow(); }, spec.delay);
  }, [enabled, spec, saveNow]);

  /** the conflict is over: theirs is now the saved version, `mine` what the form holds */
  const settle = useCallback((c: C, mine: (theirs: V) => V): void => {
    blocked.current = false;
    const t = spec.theirs(c);
    const next = mine(t.value);
    base.current = spec.baseOf(t.stamp);
    saved.current = spec.key(t.value);
    savedValue.current = t.value;
    latest.current = next;
    setState(next);
    setStamp(t.stamp);
    setConflict(null);
  }, [spec]);

  const takeTheirs = useCallback(() => {
    if (!conflict) return;
    settle(conflict, (theirs) => theirs);
    setStatus('saved');
  }, [conflict, settle]);

  const keepMine = useCallback(() => {
    if (!conflict) return;
    const mine = latest.current;
    const changedFrom = savedValue.current;
    settle(conflict, (theirs) => (spec.merge ? spec.merge(changedFrom, mine, theirs) : mine));
    void saveNow();
  }, [conflict, settle, spec, saveNow]);

  const baseNumber = useCallback(() => base.current, []);
  const raiseConflict = useCallback((c: C) => {
    if (timer.current) clearTimeout(timer.current);
    blocked.current = true;
    setConflict(c);
    setStatus('conflict');
  }, []);

  useEffect(() => () => { if (timer.current) clearTimeout(timer.current); }, []);

  // leaving with unsaved changes asks first: closing the tab, and links inside the app (a download
  // link does not leave the page)
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

  return { value, setValue, status, stamp, lastSave, savedAt, error, conflict, saveNow, takeTheirs, keepMine, baseNumber, raiseConflict };
}
