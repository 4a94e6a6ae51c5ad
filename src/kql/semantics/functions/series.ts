// Signatures of the series_* functions: element-wise math over dynamic numeric arrays (make-series output).
import type { ScalarType } from '../../types/index.js';
import type { ReturnRule, ScalarFunctionSig } from '../function-sig.js';

const NUMERIC: ReadonlySet<ScalarType> = new Set(['int', 'long', 'real', 'decimal']);
/** Arguments are series (dynamic) or numeric scalars. */
const seriesArgs = (t: ScalarType): ReturnRule => (a) =>
  a.every((x) => x === 'dynamic' || NUMERIC.has(x)) ? t : { error: 'series arguments must be dynamic arrays or numbers' };

const UNARY = ['abs', 'acos', 'asin', 'atan', 'ceiling', 'cos', 'exp', 'floor', 'log', 'sign', 'sin', 'tan', 'sqrt'];
const BINARY = ['add', 'subtract', 'multiply', 'divide', 'pow', 'greater', 'greater_equals', 'less', 'less_equals', 'equals', 'not_equals'];

export const signatures: ScalarFunctionSig[] = [
  ...UNARY.map((n) => ({ name: `series_${n}`, minArgs: 1, maxArgs: 1, returns: seriesArgs('dynamic') })),
  ...BINARY.map((n) => ({ name: `series_${n}`, minArgs: 2, maxArgs: 2, returns: seriesArgs('dynamic') })),
  { name: 'series_dot_product', minArgs: 2, maxArgs: 2, returns: seriesArgs('real') },
  { name: 'series_magnitude', minArgs: 1, maxArgs: 1, returns: seriesArgs('real') },
  { name: 'series_sum', minArgs: 1, maxArgs: 1, returns: seriesArgs('real') },
  { name: 'series_cosine_similarity', minArgs: 2, maxArgs: 4, returns: seriesArgs('real') },
  { name: 'series_fill_const', minArgs: 1, maxArgs: 3, returns: () => 'dynamic' },
  { name: 'series_fill_forward', minArgs: 1, maxArgs: 2, returns: () => 'dynamic' },
  { name: 'series_fill_backward', minArgs: 1, maxArgs: 2, returns: () => 'dynamic' },
  { name: 'series_fill_linear', minArgs: 1, maxArgs: 4, returns: () => 'dynamic' },
  { name: 'series_iir', minArgs: 3, maxArgs: 3, returns: seriesArgs('dynamic') },
  { name: 'series_stats_dynamic', minArgs: 1, maxArgs: 2, returns: () => 'dynamic' },
  { name: 'series_fit_line_dynamic', minArgs: 1, maxArgs: 2, returns: () => 'dynamic' },
  { name: 'series_seasonal', minArgs: 1, maxArgs: 2, returns: seriesArgs('dynamic') },
  { name: 'series_outliers', minArgs: 1, maxArgs: 5, returns: () => 'dynamic' },
  { name: 'series_decompose_forecast', minArgs: 2, maxArgs: 5, returns: () => 'dynamic' },
  { name: 'series_fir', minArgs: 2, maxArgs: 4, returns: () => 'dynamic' },
  { name: 'series_product', minArgs: 1, maxArgs: 1, returns: seriesArgs('real') },
  { name: 'series_pearson_correlation', minArgs: 2, maxArgs: 2, returns: seriesArgs('real') },
  // bag forms of the multi-column functions (tuple-functions.ts); the space keeps them out of queries' reach
  { name: 'series_decompose (bag)', minArgs: 1, maxArgs: 5, returns: () => 'dynamic' },
  { name: 'series_decompose_anomalies (bag)', minArgs: 1, maxArgs: 7, returns: () => 'dynamic' },
  { name: 'series_periods_detect (bag)', minArgs: 4, maxArgs: 4, returns: seriesArgs('dynamic') },
  { name: 'series_periods_validate (bag)', minArgs: 2, maxArgs: 17, returns: seriesArgs('dynamic') },
];
