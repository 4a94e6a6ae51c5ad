// geo_intersection_2lines: the shared points and shared stretches of two (multi)lines on the sphere, as GeoJSON
// (Point/MultiPoint, LineString/MultiLineString, a GeometryCollection of both, or an empty GeometryCollection).
import type { DynamicValue } from '../../../kql/types/index.js';
import type { Path } from './geo-geojson.js';
import { forEachPair, makeEdge, pathEdges, type Edge } from './geo-edges.js';
import { angle, arcsCross, crossingPoint, dot, onArc, ON_ARC_EPS, robustNormal, toLonLat, type LonLat, type Vec } from './geo-sphere.js';

interface Pt { v: Vec; ll: LonLat }
interface Seg { from: Pt; to: Pt; key: number }

const same = (a: Vec, b: Vec) => angle(a, b) <= ON_ARC_EPS;

function edgeList(lines: Path[]): { edges: Edge[]; pts: Pt[][] } {
  const pts = lines.map((l) => l.v.map((v, i) => ({ v, ll: l.ll[i]! })));
  return { edges: lines.flatMap((l, i) => pathEdges(l.v, false, i)), pts };
}

/** Intersection of edge e (of line 1) with edge f (of line 2): a point, a shared stretch, or nothing. */
function meet(e: Edge, f: Edge, p1: Pt[], p2: Pt[]): { pt?: Pt; seg?: [Pt, Pt] } {
  const ends1 = [p1[e.idx]!, p1[e.idx + 1]!], ends2 = [p2[f.idx]!, p2[f.idx + 1]!];
  const n1 = robustNormal(e.a, e.b);
  // both ends of f on e's great circle: the edges can only share a stretch, not cross
  const collinear = Math.abs(dot(f.a, n1)) <= ON_ARC_EPS && Math.abs(dot(f.b, n1)) <= ON_ARC_EPS;
  const on1 = ends2.filter((p) => onArc(p.v, e.a, e.b)), on2 = ends1.filter((p) => onArc(p.v, f.a, f.b));
  if (collinear) {
    // shared stretch: the endpoints of either edge lying on the other, ordered along edge e
    const cand = [...on2, ...on1].sort((p, q) => angle(e.a, p.v) - angle(e.a, q.v));
    const uniq = cand.filter((p, i) => i === 0 || !same(p.v, cand[i - 1]!.v));
    if (uniq.length >= 2) return { seg: [uniq[0]!, uniq[uniq.length - 1]!] };
    return uniq.length === 1 ? { pt: uniq[0]! } : {};
  }
  if (on2.length) return { pt: on2[0]! };
  if (on1.length) return { pt: on1[0]! };
  if (arcsCross(e.a, e.b, f.a, f.b)) {
    const v = crossingPoint(e.a, e.b, f.a, f.b);
    return { pt: { v, ll: toLonLat(v) } };
  }
  return {};
}

const coords = (pts: Pt[]) => pts.map((p) => [p.ll[0], p.ll[1]]);

export function intersectLines(l1: Path[], l2: Path[]): DynamicValue {
  const A = edgeList(l1), B = edgeList(l2);
  const points: Pt[] = [], segs: Seg[] = [];
  forEachPair(A.edges, B.edges, (e, f) => {
    const r = meet(e, f, A.pts[e.tag]!, B.pts[f.tag]!);
    if (r.pt) points.push(r.pt);
    // order shared stretches along line 1 so consecutive ones chain into one LineString
    if (r.seg) segs.push({ from: r.seg[0], to: r.seg[1], key: e.tag * 1e9 + e.idx + angle(e.a, r.seg[0].v) / Math.PI });
  });
  segs.sort((p, q) => p.key - q.key);
  const chains: Pt[][] = [];
  for (const s of segs) {
    const last = chains[chains.length - 1];
    if (last && same(last[last.length - 1]!.v, s.from.v)) last.push(s.to);
    else chains.push([s.from, s.to]);
  }
  // points on a shared stretch are part of it; the rest are reported once each
  const covered = new Set<number>();
  const chainEdges = chains.flatMap((c) => c.slice(1).map((q, i) => makeEdge(c[i]!.v, q.v)));
  forEachPair(points.map((p, i) => makeEdge(p.v, p.v, 0, i)), chainEdges, (pe, ce) => { if (onArc(pe.a, ce.a, ce.b)) covered.add(pe.idx); });
  const lone: Pt[] = [], seen = new Set<string>();
  points.forEach((p, i) => {
    // identical points come from the same input vertex or the same crossing, so their lon/lat are equal
    const key = `${p.ll[0]},${p.ll[1]}`;
    if (!covered.has(i) && !seen.has(key)) { seen.add(key); lone.push(p); }
  });
  const ptGeom = lone.length === 1 ? { type: 'Point', coordinates: coords(lone)[0]! } : { type: 'MultiPoint', coordinates: coords(lone) };
  const lnGeom = chains.length === 1 ? { type: 'LineString', coordinates: coords(chains[0]!) } : { type: 'MultiLineString', coordinates: chains.map(coords) };
  if (lone.length && chains.length) return { type: 'GeometryCollection', geometries: [ptGeom, lnGeom] };
  if (lone.length) return ptGeom;
  if (chains.length) return lnGeom;
  return { type: 'GeometryCollection', geometries: [] };
}
