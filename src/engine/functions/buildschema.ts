// buildschema(dynamic): the minimal schema admitting every value — type names ("long", "double", "string",
// "bool"), bags of per-key schemas, arrays as {"`indexer`": element schema}, and a list where types differ.
import type { DynamicValue } from '../../kql/types/index.js';
import type { AggregateKernel } from './kernel.js';

type Schema = DynamicValue;
const INDEXER = '`indexer`';
const isBag = (s: Schema): s is { [k: string]: DynamicValue } => !!s && typeof s === 'object' && !Array.isArray(s);

function schemaOf(v: DynamicValue): Schema {
  if (v === null || v === undefined) return null;
  if (typeof v === 'number') return Number.isInteger(v) ? 'long' : 'double';
  if (typeof v === 'string') return 'string';
  if (typeof v === 'boolean') return 'bool';
  if (Array.isArray(v)) {
    let el: Schema = null;
    for (const x of v) el = merge(el, schemaOf(x));
    return el === null ? { [INDEXER]: null } : { [INDEXER]: el };
  }
  const out: { [k: string]: DynamicValue } = {};
  for (const [k, x] of Object.entries(v)) { const s = schemaOf(x); if (s !== null) out[k] = s; }
  return out;
}

function mergeBags(a: { [k: string]: DynamicValue }, b: { [k: string]: DynamicValue }): Schema {
  const out: { [k: string]: DynamicValue } = { ...a };
  for (const [k, s] of Object.entries(b)) out[k] = k in out ? merge(out[k]!, s) : s;
  return out;
}

function merge(a: Schema, b: Schema): Schema {
  if (a === null) return b;
  if (b === null) return a;
  const alts = [...(Array.isArray(a) ? a : [a])];
  for (const s of Array.isArray(b) ? b : [b]) {
    if (isBag(s)) {
      const at = alts.findIndex(isBag);
      if (at >= 0) { alts[at] = mergeBags(alts[at] as { [k: string]: DynamicValue }, s); continue; }
    } else if (alts.some((x) => x === s)) continue;
    alts.push(s);
  }
  return alts.length === 1 ? alts[0]! : alts;
}

export const buildschemaAggregates: AggregateKernel[] = [{
  name: 'buildschema',
  make: () => () => {
    let acc: Schema = null;
    return {
      add: (v) => { acc = merge(acc, schemaOf(v as DynamicValue)); },
      result: () => acc,
    };
  },
}];
