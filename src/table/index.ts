export * from './table.js';
export * from './dict.js';
