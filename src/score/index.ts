// The scoring and monitoring engine (绩效自评 and 运行监控): pure functions over targets and actuals.
export * from './types.js';
export { DEFAULT_SCORE_CONFIG, resolveConfig, ScoreConfigError, scoreConfigInputSchema, scoreConfigSchema, type ScoreConfig, type ScoreConfigInput } from './config.js';
export { readActual, inTargetUnit, unitBase, type Actual } from './actual.js';
export { scoreIndicator, ruleKindOf, type IndicatorInput } from './indicator.js';
export { RULES, band } from './rules/index.js';
export { LIGHTS, judgeIndicator, lightKindOf, type LightContext } from './lights/index.js';
export { evaluate, evaluateProject, gradeOf, summarizeEvaluations } from './evaluate.js';
export { monitor, monitorProject } from './monitor.js';
export * from './schema.js';
export { scoreLine, type ScoredLine } from './line.js';
export { roundTo, roundScore, roundRate, roundPercent, SCORE_DIGITS, RATE_DIGITS, PERCENT_DIGITS } from './precision.js';
export { countIndicators, unscoredIndicators, unscoredText, UNSCORED_LABEL, UNSCORED_REASONS, type IndicatorCount, type UnscoredIndicator, type UnscoredReason } from './unscored.js';
