// The built-in function catalog: every family's signatures, indexed by name and alias.
import type { AggregateSig, ScalarFunctionSig } from '../function-sig.js';
import { signatures as strings } from './strings.js';
import { signatures as datetime } from './datetime.js';
import { signatures as math } from './math.js';
import { signatures as conversion } from './conversion.js';
import { signatures as ip } from './ip.js';
import { signatures as dynamic } from './dynamic.js';
import { signatures as logic } from './logic.js';
import { signatures as rowFunctions } from './row.js';
import { signatures as series } from './series.js';
import { signatures as extras } from './extras.js';
import { signatures as geo } from './geo.js';
import { signatures as geoH3 } from './geo-h3.js';
import { signatures as environment } from './environment.js';
import { signatures as geoShapes } from './geo-shapes.js';
import { sketchAggregateSignatures, sketchSignatures } from './sketches.js';
import { aggregateSignatures } from './aggregates.js';

export const ALL_SCALAR_SIGNATURES: readonly ScalarFunctionSig[] = [
  ...strings, ...datetime, ...math, ...conversion, ...ip, ...dynamic, ...logic, ...rowFunctions, ...series, ...sketchSignatures, ...extras, ...geo, ...geoH3, ...geoShapes, ...environment,
];
export const ALL_AGGREGATE_SIGNATURES: readonly AggregateSig[] = [...aggregateSignatures, ...sketchAggregateSignatures];

const scalarIndex = new Map<string, ScalarFunctionSig>();
for (const s of ALL_SCALAR_SIGNATURES) {
  scalarIndex.set(s.name, s);
  for (const a of s.aliases ?? []) scalarIndex.set(a, s);
}
const aggIndex = new Map<string, AggregateSig>();
for (const s of ALL_AGGREGATE_SIGNATURES) {
  aggIndex.set(s.name, s);
  for (const a of s.aliases ?? []) aggIndex.set(a, s);
}

export function lookupScalarFunction(name: string): ScalarFunctionSig | undefined {
  return scalarIndex.get(name);
}

export function lookupAggregate(name: string): AggregateSig | undefined {
  return aggIndex.get(name);
}
