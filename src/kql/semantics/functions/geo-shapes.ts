// Signatures of the geo-shapes geospatial functions: WKT conversion, line/polygon predicates and intersections,
// points along lines, centroids, closest points, S2 cell neighbors.
import type { ScalarType } from '../../types/index.js';
import type { ReturnRule, ScalarFunctionSig } from '../function-sig.js';

type Arg = 'num' | 'dyn' | 'str' | 'bool';
const NUM: ReadonlySet<ScalarType> = new Set(['int', 'long', 'real', 'decimal']);
const fits = (t: ScalarType | undefined, a: Arg) =>
  t === undefined || t === 'dynamic' || (a === 'num' ? NUM.has(t) : a === 'str' ? t === 'string' : a === 'bool' ? t === 'bool' : false);
const WHAT: Record<Arg, string> = { num: 'a number', dyn: 'a GeoJSON shape (dynamic)', str: 'a string', bool: 'a bool' };

/** Return type `t` when each argument has the kind listed for its position. */
const takes = (t: ScalarType, ...kinds: Arg[]): ReturnRule => (a) => {
  const bad = a.findIndex((x, i) => i < kinds.length && !fits(x, kinds[i]!));
  return bad < 0 ? t : { error: `argument ${bad + 1} must be ${WHAT[kinds[bad]!]}` };
};
const sig = (name: string, minArgs: number, returns: ReturnRule, maxArgs = minArgs): ScalarFunctionSig => ({ name, minArgs, maxArgs, returns });

export const signatures: ScalarFunctionSig[] = [
  sig('geo_from_wkt', 1, takes('dynamic', 'str')),
  sig('geo_intersects_2lines', 2, takes('bool', 'dyn', 'dyn')),
  sig('geo_intersects_2polygons', 2, takes('bool', 'dyn', 'dyn')),
  sig('geo_intersects_line_with_polygon', 2, takes('bool', 'dyn', 'dyn')),
  sig('geo_intersection_2lines', 2, takes('dynamic', 'dyn', 'dyn')),
  sig('geo_line_interpolate_point', 2, takes('dynamic', 'dyn', 'num')),
  sig('geo_line_locate_point', 3, takes('real', 'dyn', 'num', 'num', 'bool'), 4),
  sig('geo_closest_point_on_line', 3, takes('dynamic', 'num', 'num', 'dyn')),
  sig('geo_closest_point_on_polygon', 3, takes('dynamic', 'num', 'num', 'dyn')),
  sig('geo_line_centroid', 1, takes('dynamic', 'dyn')),
  sig('geo_polygon_centroid', 1, takes('dynamic', 'dyn')),
  sig('geo_line_densify', 1, takes('dynamic', 'dyn', 'num', 'bool'), 3),
  sig('geo_polygon_densify', 1, takes('dynamic', 'dyn', 'num', 'bool'), 3),
  sig('geo_line_simplify', 1, takes('dynamic', 'dyn', 'num'), 2),
  sig('geo_polygon_simplify', 1, takes('dynamic', 'dyn', 'num'), 2),
  sig('geo_union_lines_array', 1, takes('dynamic', 'dyn')),
  sig('geo_polygon_to_s2cells', 1, takes('dynamic', 'dyn', 'num'), 2),
  sig('geo_intersection_line_with_polygon', 2, takes('dynamic', 'dyn', 'dyn')),
  sig('geo_union_polygons_array', 1, takes('dynamic', 'dyn')),
  sig('geo_intersection_2polygons', 2, takes('dynamic', 'dyn', 'dyn')),
  sig('geo_point_buffer', 3, takes('dynamic', 'num', 'num', 'num', 'num'), 4),
  sig('geo_line_buffer', 2, takes('dynamic', 'dyn', 'num', 'num'), 3),
  sig('geo_polygon_buffer', 2, takes('dynamic', 'dyn', 'num', 'num'), 3),
  sig('geo_line_to_s2cells', 1, takes('dynamic', 'dyn', 'num', 'num'), 3),
  sig('geo_simplify_polygons_array', 1, takes('dynamic', 'dyn', 'num'), 2),
  sig('geo_s2cell_neighbors', 1, takes('dynamic', 'str')),
];
