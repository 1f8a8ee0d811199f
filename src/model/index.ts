export * from './types.js';
export * from './schema.js';
export * from './taxonomy.js';
export * from './csv.js';
