// Drafts save themselves (the shared useAutosave, as the reports): a change is saved 1.2 s after typing
// stops, always based on the version it was edited from. The editor sends its own session id, so its saves
// of one sitting make one version (src/workflow/edit-session.ts) rather than one each. A save someone else
// got in first is refused (409 plan-conflict) and kept aside — nothing is overwritten — until the writer
// chooses: take the other version, or save mine over it as the next version (theirs stays in the
// history). Leaving the page with unsaved changes asks first.
import { useMemo } from 'react';
import { plansApi, type PlanConflict, type PlanContent } from '../../api/plans';
import { canonical } from '../../../../src/workflow/content';
import { useAutosave, type Autosave, type AutosaveSpec } from '../../lib/useAutosave';

/** a plan's version: its id is the base of the next save, its number is what people see */
export interface PlanStamp { readonly versionId: number; readonly number: number }
/** a save answers the new version and its review */
type Saved = Awaited<ReturnType<typeof plansApi.save>>;
export type PlanSave = Autosave<PlanContent, PlanStamp, Saved, PlanConflict>;

/** a random id for one editor instance; getRandomValues, unlike randomUUID, works on plain http too */
function newSession(): string {
  return [...crypto.getRandomValues(new Uint8Array(16))].map((b) => b.toString(16).padStart(2, '0')).join('');
}

export function usePlanSave(planId: number, start: { versionId: number; number: number; content: PlanContent }, enabled: boolean): PlanSave {
  const spec = useMemo((): AutosaveSpec<PlanContent, PlanStamp, Saved, PlanConflict> => {
    const session = newSession();
    return {
      delay: 1200,
      key: canonical,
      save: (versionId, content) => plansApi.save(planId, versionId, content, session),
      baseOf: (s) => s.versionId,
      conflictCode: 'plan-conflict',
      theirs: (c) => ({ stamp: { versionId: c.current.versionId, number: c.current.number }, value: c.current.content }),
    };
  }, [planId]);
  return useAutosave(spec, { stamp: { versionId: start.versionId, number: start.number }, value: start.content }, enabled);
}
