// Every review rule, in the order a reviewer reads a table: sums, form, completeness, measurability,
// consistency, appropriateness. A rule is added here and nowhere else.
import type { Rule } from '../types.js';
import { rule as arithmeticRow } from './arithmetic-row.js';
import { rule as arithmeticUnit } from './arithmetic-unit.js';
import { rule as arithmeticTotal } from './arithmetic-total.js';
import { rule as levelCodes } from './level-codes.js';
import { rule as levelNameMissing } from './level-name-missing.js';
import { rule as indicatorNumbering } from './indicator-numbering.js';
import { rule as targetMissing } from './target-missing.js';
import { rule as indicatorNameMissing } from './indicator-name-missing.js';
import { rule as goalMissing } from './goal-missing.js';
import { rule as indicatorsProse } from './indicators-prose.js';
import { rule as dimensionCoverage } from './dimension-coverage.js';
import { rule as outputCoverage } from './output-coverage.js';
import { rule as goalMeasurable } from './goal-measurable.js';
import { rule as targetQualitative } from './target-qualitative.js';
import { rule as targetUnitMissing } from './target-unit-missing.js';
import { rule as satisfactionPercent } from './satisfaction-percent.js';
import { rule as ratePercent } from './rate-percent.js';
import { rule as indicatorDuplicate } from './indicator-duplicate.js';
import { rule as periodAnnual } from './period-annual.js';
import { rule as unitNameMismatch } from './unit-name-mismatch.js';
import { rule as level2Inconsistent } from './level2-inconsistent.js';
import { rule as goalReused } from './goal-reused.js';
import { rule as indicatorsReused } from './indicators-reused.js';
import { rule as targetsSpread } from './targets-spread.js';

export const RULES: readonly Rule[] = [
  arithmeticRow, arithmeticUnit, arithmeticTotal,
  levelCodes, levelNameMissing, indicatorNumbering, targetMissing, indicatorNameMissing, goalMissing, indicatorsProse,
  dimensionCoverage, outputCoverage, goalMeasurable,
  targetQualitative, targetUnitMissing, satisfactionPercent, ratePercent,
  indicatorDuplicate, periodAnnual, unitNameMismatch, level2Inconsistent,
  goalReused, indicatorsReused, targetsSpread,
];
