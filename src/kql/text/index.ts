export * from './diagnostics.js';
export * from './source.js';
export { CODES } from './codes.js';
