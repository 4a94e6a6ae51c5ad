// geo_intersection_line_with_polygon: the parts of (multi)lines inside (multi)polygons. Each line edge is split
// where it crosses a polygon boundary; pieces whose midpoint lies inside are kept and consecutive pieces joined.
import type { DynamicValue } from '../../../kql/types/index.js';
import type { Path } from './geo-geojson.js';
import { forEachPair, pathEdges } from './geo-edges.js';
import { anyContains, type Poly } from './geo-polygon.js';
import { add, angle, arcsCross, crossingPoint, normalize, toLonLat, type LonLat, type Vec } from './geo-sphere.js';

interface Pt { v: Vec; ll: LonLat }

export function clipLines(lines: Path[], polys: Poly[]): DynamicValue {
  const ringEdges = polys.flatMap((p) => p.flatMap((r) => pathEdges(r.v, true)));
  const chains: Pt[][] = [];
  lines.forEach((line, li) => {
    const edges = pathEdges(line.v, false, li);
    // crossing points per edge, as distances from the edge's start
    const cuts = edges.map(() => [] as { d: number; p: Vec }[]);
    forEachPair(edges, ringEdges, (e, f) => {
      if (arcsCross(e.a, e.b, f.a, f.b)) {
        const p = crossingPoint(e.a, e.b, f.a, f.b);
        cuts[e.idx]!.push({ d: angle(e.a, p), p });
      }
    });
    let open: Pt[] | null = null;
    edges.forEach((e, i) => {
      const pts: Pt[] = [{ v: e.a, ll: line.ll[i]! }, ...cuts[i]!.sort((x, y) => x.d - y.d).map((c) => ({ v: c.p, ll: toLonLat(c.p) })), { v: e.b, ll: line.ll[i + 1]! }];
      for (let k = 1; k < pts.length; k++) {
        const a = pts[k - 1]!, b = pts[k]!;
        if (angle(a.v, b.v) === 0) continue;
        if (anyContains(polys, normalize(add(a.v, b.v)))) {
          if (!open) { open = [a]; chains.push(open); }
          open.push(b);
        } else open = null;
      }
    });
  });
  const coords = chains.map((c) => c.map((p) => [p.ll[0], p.ll[1]]));
  if (coords.length === 0) return { type: 'GeometryCollection', geometries: [] };
  return coords.length === 1 ? { type: 'LineString', coordinates: coords[0]! } : { type: 'MultiLineString', coordinates: coords };
}
