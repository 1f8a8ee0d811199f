export { review, comparePaths } from './engine.js';
export { loadConfig, ConfigError, DEFAULT_CONFIG, type ReviewConfig } from './config.js';
export { RULES } from './rules/index.js';
export { grade, PENALTY, MAX_PER_RULE } from './score.js';
export * from './types.js';
