// The diff stage: two parsed documents (targets read) → what changed. Only src/cli imports it.
export { diffDocuments, UnitMatchError } from './document.js';
export { diffText, editScript, words, comparable } from './words.js';
export { dice, SIMILARITY_THRESHOLD } from './match.js';
export { diffFunding } from './funding.js';
export { listChanges, type ChangeLine } from './list.js';
export type * from './types.js';
