export * from './diagnostics.js';
export * from './source.js';
