// Dictionary codes of a string column, kept beside its values array (never inside it): values[i] is
// strings[codes[i]]. Loaders attach one when a column has few distinct values, so a string predicate can be
// evaluated once per distinct value instead of once per row. A WeakMap keyed by the values array means a dict
// can only ever describe the exact array it was built for; a sliced or filtered column simply has none.
import type { Value } from '../kql/types/index.js';

export interface StringDict {
  readonly codes: Int32Array;
  readonly strings: readonly string[];
}

const dicts = new WeakMap<readonly Value[], StringDict>();

export function attachDict(values: readonly Value[], dict: StringDict): void {
  if (dict.codes.length === values.length) dicts.set(values, dict);
}

export function dictOf(values: readonly Value[]): StringDict | undefined {
  return dicts.get(values);
}

/** A per-row predicate over a dict column that evaluates f once per distinct string. */
export function perDistinct(dict: StringDict, f: (s: string) => boolean): (i: number) => boolean {
  const { codes, strings } = dict;
  const memo = new Int8Array(strings.length); // 0 = not yet, 1 = true, 2 = false
  return (i) => {
    const k = codes[i]!;
    let r = memo[k]!;
    if (r === 0) { r = f(strings[k]!) ? 1 : 2; memo[k] = r; }
    return r === 1;
  };
}
