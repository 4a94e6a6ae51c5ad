// Signatures of the H3 geospatial functions (Uber's hexagonal grid): point → cell token, cell → point/polygon,
// hierarchy (parent/children/level), neighborhoods (neighbors/rings) and polygon → cells.
import type { ScalarType } from '../../types/index.js';
import type { ReturnRule, ScalarFunctionSig } from '../function-sig.js';

const NUM: ReadonlySet<ScalarType> = new Set(['int', 'long', 'real', 'decimal', 'dynamic']);
const isNum = (t: ScalarType | undefined) => t === undefined || NUM.has(t);
const isToken = (t: ScalarType | undefined) => t === 'string' || t === 'dynamic';

/** H3 cell token first, then numeric arguments (resolution, distance). */
const token = (t: ScalarType): ReturnRule => (a) =>
  !isToken(a[0]) ? { error: 'an H3 cell token (string) expected' } : a.slice(1).every(isNum) ? t : { error: 'a numeric resolution expected' };

export const signatures: ScalarFunctionSig[] = [
  {
    name: 'geo_point_to_h3cell', minArgs: 2, maxArgs: 3,
    returns: (a) => (a.every(isNum) ? 'string' : { error: 'longitude, latitude and resolution must be numbers' }),
  },
  { name: 'geo_h3cell_to_central_point', minArgs: 1, maxArgs: 1, returns: token('dynamic') },
  { name: 'geo_h3cell_to_polygon', minArgs: 1, maxArgs: 1, returns: token('dynamic') },
  { name: 'geo_h3cell_children', minArgs: 1, maxArgs: 2, returns: token('dynamic') },
  { name: 'geo_h3cell_parent', minArgs: 1, maxArgs: 2, returns: token('string') },
  { name: 'geo_h3cell_level', minArgs: 1, maxArgs: 1, returns: token('int') },
  { name: 'geo_h3cell_neighbors', minArgs: 1, maxArgs: 1, returns: token('dynamic') },
  { name: 'geo_h3cell_rings', minArgs: 2, maxArgs: 2, returns: token('dynamic') },
  {
    name: 'geo_polygon_to_h3cells', minArgs: 1, maxArgs: 3,
    returns: (a) => (a[0] !== 'dynamic' ? { error: 'a GeoJSON polygon (dynamic) expected' } : a.slice(1).every(isNum) ? 'dynamic' : { error: 'resolution and radius must be numbers' }),
  },
];
