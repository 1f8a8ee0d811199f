export { review, comparePaths, orderFindings, FINDING_ORDERS, type FindingOrder } from './engine.js';
export { loadConfig, ConfigError, DEFAULT_CONFIG, type ReviewConfig } from './config.js';
export { RULES } from './rules/index.js';
export { grade } from './score.js';
export { DEFAULT_SCORING, GATE_CAP, type Scoring } from './scoring.js';
export { gateOf } from './gate.js';
export * from './types.js';
