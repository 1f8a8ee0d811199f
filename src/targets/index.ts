export { parseTarget, halfWidth, chineseNumber, UNITS } from './parse.js';
export { formatTarget } from './format.js';
