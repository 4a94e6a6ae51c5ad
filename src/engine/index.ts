export { runQuery, analyzeQuery, type TableSource, type QueryOptions, type QueryOutput, type Analysis } from './run-query.js';
export { executePlan } from './exec/execute.js';
