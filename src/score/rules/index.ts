// Every scoring rule, one per kind: a kind without a rule here does not compile.
import type { RuleKind } from '../types.js';
import { budget, type BudgetRule } from './budget.js';
import { compound } from './compound.js';
import { deadline } from './deadline.js';
import { positive } from './positive.js';
import { qualitative } from './qualitative.js';
import { range } from './range.js';
import { reverse } from './reverse.js';
import type { IndicatorRule } from './rule.js';

export const RULES: { readonly [K in RuleKind]: K extends 'budget' ? BudgetRule : IndicatorRule } = {
  positive, reverse, range, deadline, qualitative, compound, budget,
};

export type { BudgetFigures } from './budget.js';
export type { RuleContext } from './rule.js';
export { band } from './qualitative.js';
