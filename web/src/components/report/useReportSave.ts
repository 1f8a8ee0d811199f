// A report's form saves itself 1.5 s after typing stops, always based on the revision it was loaded or
// last saved at (the shared useAutosave, as the plan editor). A save someone else got in first is refused
// (409 report-conflict) and kept aside — nothing is overwritten — until the writer chooses: take theirs, or
// keep mine: my changes are laid over theirs field by field (what only they changed stays theirs; a field
// both changed takes mine) and saved after theirs. Leaving with unsaved changes asks first.
import { useMemo } from 'react';
import { reportsApi, type ReportConflict, type ReportKindName } from '../../api/reports';
import { useAutosave, type Autosave, type AutosaveSpec } from '../../lib/useAutosave';

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

/** a report's version is its revision: the number shown and the base of the next save */
export interface ReportStamp { readonly revision: number }
type Saved = Awaited<ReturnType<typeof reportsApi.save>>;
export type ReportSave<I> = Autosave<I, ReportStamp, Saved, ReportConflict>;

export function useReportSave<I>(kind: ReportKindName, id: number, start: { revision: number; input: I }, enabled: boolean): ReportSave<I> {
  const spec = useMemo((): AutosaveSpec<I, ReportStamp, Saved, ReportConflict> => ({
    delay: 1500,
    key,
    save: (revision, input) => reportsApi.save(kind, id, revision, input),
    baseOf: (s) => s.revision,
    conflictCode: 'report-conflict',
    theirs: (c) => ({ stamp: { revision: c.current.revision }, value: c.current.input as I }),
    merge: (base, mine, theirs) => mergeOver(base, mine, theirs) as I,
  }), [kind, id]);
  return useAutosave(spec, { stamp: { revision: start.revision }, value: start.input }, enabled);
}
