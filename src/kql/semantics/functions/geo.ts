// Signatures of the geospatial functions kqlite implements (distances, azimuth/angle, circles, geohash, point-in-polygon, polygon area/perimeter).
import type { ScalarType } from '../../types/index.js';
import type { ReturnRule, ScalarFunctionSig } from '../function-sig.js';

const NUM: ReadonlySet<ScalarType> = new Set(['int', 'long', 'real', 'decimal']);
const nums = (t: ScalarType, n: number): ReturnRule => (a) => (a.slice(0, n).every((x) => NUM.has(x) || x === 'dynamic') ? t : { error: 'coordinates must be numbers' });
const str = (t: ScalarType): ReturnRule => (a) => (a[0] === 'string' || a[0] === 'dynamic' ? t : { error: 'a geohash string expected' });

export const signatures: ScalarFunctionSig[] = [
  { name: 'geo_distance_2points', minArgs: 4, maxArgs: 4, returns: nums('real', 4) },
  { name: 'geo_point_in_circle', minArgs: 5, maxArgs: 5, returns: nums('bool', 5) },
  { name: 'geo_point_to_geohash', minArgs: 2, maxArgs: 3, returns: nums('string', 3) },
  { name: 'geo_point_to_s2cell', minArgs: 2, maxArgs: 3, returns: nums('string', 3) },
  { name: 'geo_s2cell_to_central_point', minArgs: 1, maxArgs: 1, returns: str('dynamic') },
  { name: 'geo_s2cell_to_polygon', minArgs: 1, maxArgs: 1, returns: str('dynamic') },
  { name: 'geo_geohash_to_central_point', minArgs: 1, maxArgs: 1, returns: str('dynamic') },
  { name: 'geo_geohash_to_polygon', minArgs: 1, maxArgs: 1, returns: str('dynamic') },
  { name: 'geo_geohash_neighbors', minArgs: 1, maxArgs: 1, returns: str('dynamic') },
  { name: 'geo_point_in_polygon', minArgs: 3, maxArgs: 3, returns: nums('bool', 2) },
  { name: 'geo_azimuth', minArgs: 4, maxArgs: 4, returns: nums('real', 4) },
  { name: 'geo_angle', minArgs: 6, maxArgs: 6, returns: nums('real', 6) },
  { name: 'geo_polygon_area', minArgs: 1, maxArgs: 1, returns: (a) => (a[0] === 'dynamic' ? 'real' : { error: 'a GeoJSON polygon (dynamic) expected' }) },
  { name: 'geo_polygon_perimeter', minArgs: 1, maxArgs: 1, returns: (a) => (a[0] === 'dynamic' ? 'real' : { error: 'a GeoJSON polygon (dynamic) expected' }) },
  { name: 'geo_distance_point_to_line', minArgs: 3, maxArgs: 3, returns: nums('real', 2) },
  { name: 'geo_distance_point_to_polygon', minArgs: 3, maxArgs: 3, returns: nums('real', 2) },
  { name: 'geo_line_length', minArgs: 1, maxArgs: 1, returns: (a) => (a[0] === 'dynamic' ? 'real' : { error: 'a GeoJSON line (dynamic) expected' }) },
];
