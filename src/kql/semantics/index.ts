export * from './bound.js';
export { bind, type BindResult, type BindOptions } from './binder.js';
export type { BindCatalog } from './scope.js';
export { lookupScalarFunction, lookupAggregate, ALL_SCALAR_SIGNATURES, ALL_AGGREGATE_SIGNATURES } from './functions/index.js';
export type { ScalarFunctionSig, AggregateSig } from './function-sig.js';
