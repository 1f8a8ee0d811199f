// Every monitoring light rule, one per kind: a kind without a rule here does not compile.
import type { LightKind } from '../types.js';
import { budget, type BudgetLightRule } from './budget.js';
import { compound } from './compound.js';
import { cumulative } from './cumulative.js';
import { deadline } from './deadline.js';
import type { LightRule } from './light.js';
import { qualitative } from './qualitative.js';
import { rate } from './rate.js';
import { reverse } from './reverse.js';

export const LIGHTS: { readonly [K in LightKind]: K extends 'budget' ? BudgetLightRule : LightRule } = {
  budget, cumulative, reverse, qualitative, rate, deadline, compound,
};

export type { LightContext } from './light.js';
export { judgeIndicator, judgeParsed, lightKindOf } from './judge.js';
