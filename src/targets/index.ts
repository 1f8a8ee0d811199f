export { parseTarget, halfWidth, chineseNumber, UNITS } from './parse.js';
export { formatTarget } from './format.js';
export { nameKey } from './names.js';
export { readTargets } from './document.js';
export { computeStats, type Stats } from './stats.js';
