// The kernel catalog: every family's scalar and aggregate kernels by name (names match kql/semantics/functions).
import type { AggregateKernel, ScalarKernel } from './kernel.js';
import { kernels as strings } from './strings.js';
import { kernels as textParse } from './text-parse.js';
import { kernels as hashing } from './hashing.js';
import { kernels as datetime } from './datetime.js';
import { kernels as formatDatetime } from './format-datetime.js';
import { kernels as math } from './math.js';
import { kernels as conversion } from './conversion.js';
import { kernels as ip } from './ip.js';
import { kernels as dynamic } from './dynamic.js';
import { kernels as logic } from './logic.js';
import { kernels as row } from './row.js';
import { kernels as series } from './series.js';
import { kernels as extras } from './extras.js';
import { kernels as geo } from './geo/geo.js';
import { kernels as geoH3 } from './geo/geo-h3.js';
import { kernels as environment } from './environment.js';
import { kernels as geoShapes } from './geo/geo-shapes.js';
import { kernels as units } from './units.js';
import { kernels as beta } from './beta.js';
import { buildschemaAggregates } from './buildschema.js';
import { sketchAggregates, sketchKernels } from './sketches.js';
import { aggregateKernels as aggregates } from './aggregates.js';
import { aggregateKernels as stats } from './aggregates-stats.js';

export const ALL_SCALAR_KERNELS: readonly ScalarKernel[] = [
  ...strings, ...textParse, ...hashing, ...datetime, ...formatDatetime, ...math, ...conversion, ...ip, ...dynamic, ...logic, ...row, ...series, ...sketchKernels, ...extras, ...geo, ...geoH3, ...geoShapes, ...environment, ...units, ...beta,
];
export const ALL_AGGREGATE_KERNELS: readonly AggregateKernel[] = [...aggregates, ...stats, ...sketchAggregates, ...buildschemaAggregates];

const scalar = new Map<string, ScalarKernel>(ALL_SCALAR_KERNELS.map((k) => [k.name, k]));
const aggregate = new Map<string, AggregateKernel>(ALL_AGGREGATE_KERNELS.map((k) => [k.name, k]));

export function scalarKernel(name: string): ScalarKernel | undefined {
  return scalar.get(name);
}

export function aggregateKernel(name: string): AggregateKernel | undefined {
  return aggregate.get(name);
}

export type { AggregateKernel, ScalarKernel, KernelContext, Kernel, AggState } from './kernel.js';
export { KernelError, checkKernelDeadline, withKernelDeadline } from './kernel.js';
