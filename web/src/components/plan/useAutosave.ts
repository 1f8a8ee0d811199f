// Drafts save themselves: a change is saved as a new version 1.2 s after typing stops, always based on
// the version it was edited from. A save someone else got in first is refused (409) and kept aside as
// a conflict — nothing is overwritten — until the writer chooses: take the other version, or save
// theirs over it (theirs stays in the history). Leaving the page with unsaved changes asks first.
import { useCallback, useEffect, useRef, useState } from 'react';
import { ApiError } from '../../api/client';
import { plansApi, type PlanCheck, type PlanConflict, type PlanContent } from '../../api/plans';
import { canonical } from '../../../../src/workflow/content';

export type SaveStatus = 'saved' | 'dirty' | 'saving' | 'conflict' | 'error';

export interface Autosave {
  readonly content: PlanContent;
  readonly setContent: (c: PlanContent) => void;
  readonly status: SaveStatus;
  readonly baseVersionId: number;
  readonly versionNumber: number;
  readonly savedAt: Date | null;
  readonly error: string | null;
  readonly conflict: PlanConflict | null;
  /** the review of the last saved content */
  readonly savedCheck: PlanCheck | null;
  readonly saveNow: () => Promise<boolean>;
  readonly takeTheirs: () => void;
  readonly keepMine: () => void;
}

const DELAY = 1200;

export function useAutosave(planId: number, start: { versionId: number; number: number; content: PlanContent }, enabled: boolean): Autosave {
  const [content, setContentState] = useState(start.content);
  const [status, setStatus] = useState<SaveStatus>('saved');
  const [error, setError] = useState<string | null>(null);
  const [conflict, setConflict] = useState<PlanConflict | null>(null);
  const [savedAt, setSavedAt] = useState<Date | null>(null);
  const [savedCheck, setSavedCheck] = useState<PlanCheck | null>(null);
  const [version, setVersion] = useState({ id: start.versionId, number: start.number });
  const saved = useRef(canonical(start.content));
  const latest = useRef(content);
  const base = useRef(start.versionId);
  const inFlight = useRef<Promise<boolean> | null>(null);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const blocked = useRef(false);

  const saveNow = useCallback(async (): Promise<boolean> => {
    if (!enabled || blocked.current) return false;
    if (inFlight.current) await inFlight.current;
    const c = latest.current;
    if (canonical(c) === saved.current) { setStatus('saved'); return true; }
    setStatus('saving');
    const run = (async () => {
      try {
        const r = await plansApi.save(planId, base.current, c);
        base.current = r.versionId;
        saved.current = canonical(c);
        setVersion({ id: r.versionId, number: r.number });
        setSavedAt(new Date());
        setSavedCheck(r.check);
        setError(null);
        setStatus(canonical(latest.current) === saved.current ? 'saved' : 'dirty');
        return true;
      } catch (e) {
        if (e instanceof ApiError && e.code === 'plan-conflict' && e.detail) {
          blocked.current = true;
          setConflict(e.detail as PlanConflict);
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
  }, [enabled, planId]);

  const setContent = useCallback((c: PlanContent) => {
    latest.current = c;
    setContentState(c);
    if (!enabled || blocked.current) return;
    setStatus(canonical(c) === saved.current ? 'saved' : 'dirty');
    if (timer.current) clearTimeout(timer.current);
    timer.current = setTimeout(() => { void saveNow(); }, DELAY);
  }, [enabled, saveNow]);

  const takeTheirs = useCallback(() => {
    if (!conflict) return;
    blocked.current = false;
    base.current = conflict.current.versionId;
    saved.current = canonical(conflict.current.content);
    latest.current = conflict.current.content;
    setContentState(conflict.current.content);
    setVersion({ id: conflict.current.versionId, number: conflict.current.number });
    setConflict(null);
    setStatus('saved');
  }, [conflict]);

  const keepMine = useCallback(() => {
    if (!conflict) return;
    blocked.current = false;
    // my content becomes the next version after theirs; theirs stays in the history
    base.current = conflict.current.versionId;
    setVersion({ id: conflict.current.versionId, number: conflict.current.number });
    setConflict(null);
    void saveNow();
  }, [conflict, saveNow]);

  useEffect(() => () => { if (timer.current) clearTimeout(timer.current); }, []);

  // leaving with unsaved changes asks first: closing the tab, and links inside the app
  const unsaved = status === 'dirty' || status === 'saving' || status === 'conflict' || status === 'error';
  useEffect(() => {
    if (!unsaved) return;
    const beforeUnload = (e: BeforeUnloadEvent) => { e.preventDefault(); e.returnValue = ''; };
    const click = (e: MouseEvent) => {
      const a = (e.target as HTMLElement | null)?.closest?.('a[href]');
      if (!a || a.getAttribute('target') === '_blank') return;
      if (!window.confirm('有尚未保存的修改，离开本页将丢失这些修改。确定离开吗？')) { e.preventDefault(); e.stopPropagation(); }
    };
    window.addEventListener('beforeunload', beforeUnload);
    document.addEventListener('click', click, true);
    return () => { window.removeEventListener('beforeunload', beforeUnload); document.removeEventListener('click', click, true); };
  }, [unsaved]);

  return { content, setContent, status, baseVersionId: version.id, versionNumber: version.number, savedAt, error, conflict, savedCheck, saveNow, takeTheirs, keepMine };
}
