// The actual a quantity rule needs, or the failure that says why it is not one.
import type { ParsedTarget } from '../../model/index.js';
import { inTargetUnit, type Actual } from '../actual.js';
import { ACHIEVEMENT_LABEL, type IndicatorScore, type RuleKind } from '../types.js';
import { failure } from './rule.js';

export function quantityActual(actual: Actual, kind: RuleKind, w: number): { value: number; unit: string } | { error: IndicatorScore } {
  switch (actual.kind) {
    case 'quantity': return actual;
    case 'error': return { error: failure(kind, w, actual.error) };
    case 'level': return { error: failure(kind, w, `指标值是数值，实际完成值应填写数值，不能只填“${ACHIEVEMENT_LABEL[actual.level]}”`) };
    case 'date': return { error: failure(kind, w, `指标值是数值，实际完成值“${actual.raw}”却是日期`) };
    case 'undone': return { error: failure(kind, w, `指标值是数值，实际完成值应填写完成的数量（未完成可填 0）`) };
    case 'parts': return { error: failure(kind, w, `指标值是一个数值，实际完成值“${actual.raw}”却有 ${actual.parts.length} 项`) };
  }
}

/** the actual as a number in the target's unit (with the note saying how it was converted), or the failure */
export function actualInTargetUnit(actual: Actual, target: ParsedTarget, kind: RuleKind, w: number): { value: number; unit: string; note: string } | { error: IndicatorScore } {
  const a = quantityActual(actual, kind, w);
  if ('error' in a) return a;
  const unit = target.unit ?? '';
  const v = inTargetUnit(a, unit);
  return 'error' in v ? { error: failure(kind, w, v.error) } : { ...v, unit };
}
