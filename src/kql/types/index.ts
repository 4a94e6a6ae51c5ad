export * from './types.js';
export * from './time.js';
export * from './format.js';
