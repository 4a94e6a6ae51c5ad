// Functions that return several columns (series_stats, series_fit_line): in extend/project they expand to one
// column per value, named `(a, b, …) = f(x)` or `f_x_<value>` as Kusto does; each reads the bag of the
// function's `_dynamic` form.
import type { AssignItem } from '../syntax/ast.js';
import type { ScalarType } from '../types/index.js';
import type { BExpr, NamedExpr } from './bound.js';
import type { Binder } from './binder.js';
import { bindExpr, fail, type RowContext } from './expr-binder.js';
import { derivedName } from './naming.js';
import type { Scope } from './scope.js';

const TUPLES: Record<string, { via: string; values: [string, ScalarType][] }> = {
  series_stats: {
    via: 'series_stats_dynamic',
    values: [['min', 'real'], ['min_idx', 'long'], ['max', 'real'], ['max_idx', 'long'], ['avg', 'real'], ['stdev', 'real'], ['variance', 'real']],
  },
  series_fit_line: {
    via: 'series_fit_line_dynamic',
    values: [['rsquare', 'real'], ['slope', 'real'], ['variance', 'real'], ['rvariance', 'real'], ['interception', 'real'], ['line_fit', 'dynamic']],
  },
  series_decompose: {
    via: 'series_decompose (bag)',
    values: [['baseline', 'dynamic'], ['seasonal', 'dynamic'], ['trend', 'dynamic'], ['residual', 'dynamic']],
  },
  series_decompose_anomalies: { via: 'series_decompose_anomalies (bag)', values: [['ad_flag', 'dynamic'], ['ad_score', 'dynamic'], ['baseline', 'dynamic']] },
  // the docs name detect's second column …_periods_scores and validate's …_scores
  series_periods_detect: { via: 'series_periods_detect (bag)', values: [['periods', 'dynamic'], ['periods_scores', 'dynamic']] },
  series_periods_validate: { via: 'series_periods_validate (bag)', values: [['periods', 'dynamic'], ['scores', 'dynamic']] },
};

export function isTupleCall(it: AssignItem): boolean {
  return it.expr.kind === 'Call' && TUPLES[it.expr.name] !== undefined;
}

/** The columns a multi-value call expands to. */
export function expandTuple(b: Binder, it: AssignItem, scope: Scope, row: RowContext): NamedExpr[] {
  const call = it.expr as Extract<AssignItem['expr'], { kind: 'Call' }>;
  const t = TUPLES[call.name]!;
  const bag = bindExpr(b, { ...call, name: t.via }, scope, row);
  if (it.names && it.names.length !== t.values.length && it.names.length !== 1) {
    fail(b, 'KQL2004', `${call.name}() returns ${t.values.length} values; name them all: (${t.values.map((v) => v[0]).join(', ')}) = …`, it.span);
  }
  const arg = call.args[0] ? derivedName(call.args[0]) ?? '' : '';
  return t.values.map(([key, type], i) => {
    const get: BExpr = { k: 'get', type: 'dynamic', target: bag, key: { k: 'lit', type: 'string', value: key } };
    const name = it.names && it.names.length > 1 ? it.names[i]! : `${call.name}_${arg}_${key}`;
    return { name, expr: type === 'dynamic' ? get : { k: 'cast', type, from: 'dynamic', arg: get } };
  });
}
