// The current value of a quantity indicator, in the target's unit, or the unlit light that says why not.
import { inTargetUnit, type Actual } from '../actual.js';
import { ACHIEVEMENT_LABEL, type Light, type LightKind } from '../types.js';
import { unlit } from './light.js';

export function currentIn(current: Actual, unit: string, kind: LightKind): { value: number; note: string } | { light: Light } {
  switch (current.kind) {
    case 'quantity': {
      const v = inTargetUnit(current, unit);
      return 'error' in v ? { light: unlit(kind, v.error) } : v;
    }
    case 'error': return { light: unlit(kind, current.error === '没有填写实际完成值' ? '没有填写当前完成值' : current.error) };
    case 'level': return { light: unlit(kind, `指标值是数值，当前完成值应填写数值，不能只填“${ACHIEVEMENT_LABEL[current.level]}”`) };
    case 'date':
    case 'undone':
    case 'parts': return { light: unlit(kind, `指标值是一个数值，当前完成值“${current.raw}”不是一个数值`) };
  }
}
