// Result types of KQL's built-in operators (numerical-operators.md, datetime-timespan-arithmetic.md).
import type { ScalarType } from '../types/index.js';

export const STRING_OPERATORS = new Set([
  'has', 'has_cs', 'hasprefix', 'hasprefix_cs', 'hassuffix', 'hassuffix_cs', 'contains', 'contains_cs',
  'startswith', 'startswith_cs', 'endswith', 'endswith_cs',
  '!has', '!has_cs', '!hasprefix', '!hasprefix_cs', '!hassuffix', '!hassuffix_cs', '!contains', '!contains_cs',
  '!startswith', '!startswith_cs', '!endswith', '!endswith_cs', 'notcontains', 'notcontainscs', 'nothas',
  '=~', '!~', 'matches regex', 'like', 'notlike', 'likecs', 'notlikecs',
]);

const isNum = (t: ScalarType) => t === 'int' || t === 'long' || t === 'real' || t === 'decimal';
const isInt = (t: ScalarType) => t === 'int' || t === 'long';

/** Numeric promotion: real > long > int. */
export function promoteNumeric(a: ScalarType, b: ScalarType): ScalarType {
  if (a === 'real' || b === 'real' || a === 'decimal' || b === 'decimal') return 'real';
  if (a === 'long' || b === 'long') return 'long';
  return 'int';
}

export function arithmeticType(op: string, l: ScalarType, r: ScalarType): ScalarType | { error: string } {
  // dynamic operands: the result is dynamic-typed at runtime; Kusto types it by the other side when numeric
  if (l === 'dynamic' || r === 'dynamic') {
    const other = l === 'dynamic' ? r : l;
    if (other === 'dynamic') return 'real';
    if (isNum(other)) return other === 'int' ? 'long' : other === 'decimal' ? 'real' : other;
    if (other === 'datetime' || other === 'timespan') return other;
    return { error: `operator '${op}' cannot be applied to dynamic and ${other}` };
  }
  // two integer operands give long (numerical-operators.md; Microsoft's analyzer agrees for int + int)
  if (isNum(l) && isNum(r)) return promoteNumeric(l, r) === 'int' ? 'long' : promoteNumeric(l, r);
  switch (op) {
    case '+':
      if (l === 'datetime' && r === 'timespan') return 'datetime';
      if (l === 'timespan' && r === 'datetime') return 'datetime';
      if (l === 'timespan' && r === 'timespan') return 'timespan';
      break;
    case '-':
      if (l === 'datetime' && r === 'datetime') return 'timespan';
      if (l === 'datetime' && r === 'timespan') return 'datetime';
      if (l === 'timespan' && r === 'timespan') return 'timespan';
      break;
    case '*':
      if (l === 'timespan' && isNum(r)) return 'timespan';
      if (isNum(l) && r === 'timespan') return 'timespan';
      break;
    case '/':
      if (l === 'timespan' && isNum(r)) return 'timespan';
      if (l === 'timespan' && r === 'timespan') return 'real';
      break;
    case '%':
      if (l === 'timespan' && r === 'timespan') return 'timespan';
      if (l === 'timespan' && isInt(r)) return 'timespan';
      break;
  }
  return { error: `operator '${op}' cannot be applied to ${l} and ${r}` };
}

/** Can values of these types be compared with ==, <, …? */
export function comparable(l: ScalarType, r: ScalarType, op: string): boolean {
  if (l === 'dynamic' || r === 'dynamic') return true;
  if (isNum(l) && isNum(r)) return true;
  if (l === r) return op === '==' || op === '!=' || (l !== 'bool' && l !== 'guid') || true;
  if ((l === 'guid' && r === 'string') || (l === 'string' && r === 'guid')) return true;
  // Kusto binds string ==/!= number/bool (`SigninLogs | where ResultType == 0`; but not `s > 1`, KS106) and
  // bool vs number with any comparison (`b == 1`, `b > 0`)
  const scalarish = (t: ScalarType) => isNum(t) || t === 'bool';
  if (((l === 'string' && scalarish(r)) || (r === 'string' && scalarish(l))) && (op === '==' || op === '!=')) return true;
  if ((l === 'bool' && isNum(r)) || (r === 'bool' && isNum(l))) return true;
  return false;
}
