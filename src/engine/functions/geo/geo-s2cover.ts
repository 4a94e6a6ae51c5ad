// geo_polygon_to_s2cells: every S2 cell of one level that intersects a (multi)polygon. Descends from the six face
// cells, keeping only polygon edges near each cell; a cell wholly inside the polygon contributes all its
// descendants at once. More than MAX_COVER_CELLS cells gives null, as the docs say.
import { makeEdge, pathEdges, type Edge } from './geo-edges.js';
import { checkKernelDeadline, KernelError } from '../kernel.js';
import { anyContains, polysArea, prepare, ringContains, type Poly } from './geo-polygon.js';
import { add, angle, arcsIntersect, normalize, type Vec } from './geo-sphere.js';
import { s2CellCorners, s2Children, s2DescendantRange, s2FaceCell, s2Level, s2TokenOf } from './s2.js';

export const MAX_COVER_CELLS = 65536;

const boxOverlap = (e: Edge, lo: Vec, hi: Vec) =>
  e.lo[0] <= hi[0] && lo[0] <= e.hi[0] && e.lo[1] <= hi[1] && lo[1] <= e.hi[1] && e.lo[2] <= hi[2] && lo[2] <= e.hi[2];

class TooMany extends Error {}

/** Upper bound on the area of any cell of a level (the largest S2 cells are about 2.1× the mean 4π / (6·4^level)). */
const maxCellArea = (level: number) => (2.2 * 4 * Math.PI) / (6 * 4 ** level);
/** Cells examined per call before giving up on a pathological boundary. */
const MAX_VISITS = 2_000_000;

/** Largest diagonal of a cell of a level, in radians (S2's kMaxDiag for the quadratic projection). */
const maxDiag = (level: number) => 2.438654594434021 / 2 ** level;

/** A connected path from a to b crosses at least angle(a, b) / maxDiag cells: a lower bound on the covering. */
const tooLong = (paths: Vec[][], level: number) =>
  paths.some((v) => v.reduce((m, p) => Math.max(m, angle(v[0]!, p)), 0) / maxDiag(level) > MAX_COVER_CELLS);

/** A shape to cover: its edges, a few of its points (one per ring or line), and interior membership. */
interface Region { edges: Edge[]; starts: Vec[]; contains: (p: Vec) => boolean }

export function coverPolygons(polys: Poly[], level: number): string[] | null {
  // a covering needs at least area / (largest cell area) cells: refuse early rather than enumerate
  if (polysArea(polys) > MAX_COVER_CELLS * maxCellArea(level) || tooLong(polys.flatMap((p) => p.map((r) => r.v)), level)) return null;
  return cover({
    edges: polys.flatMap((p) => p.flatMap((r) => pathEdges(r.v, true))),
    starts: polys.flatMap((p) => p.map((r) => r.v[0]!)),
    contains: (p) => anyContains(polys, p),
  }, level);
}

export function coverLines(lines: Vec[][], level: number): string[] | null {
  if (tooLong(lines, level)) return null;
  return cover({ edges: lines.flatMap((l) => pathEdges(l, false)), starts: lines.map((l) => l[0]!), contains: () => false }, level);
}

function cover(region: Region, level: number): string[] | null {
  const out: bigint[] = [];
  let visits = 0;
  const push = (id: bigint) => { if (out.length >= MAX_COVER_CELLS) throw new TooMany(); out.push(id); };
  const starts = region.starts;

  const visit = (id: bigint, edges: Edge[]): void => {
    if (++visits > MAX_VISITS) throw new KernelError('KQL3011', 'polygon is too complex to cover with S2 cells at this level');
    if ((visits & 1023) === 0) checkKernelDeadline();
    const corners = s2CellCorners(id) as Vec[];
    const cellEdges = corners.map((c, i) => makeEdge(c, corners[(i + 1) % 4]!));
    // the cell lies in the cap around its centre through its farthest corner: box that cap by its chord length
    const c = normalize(corners.reduce((a, b) => add(a, b), [0, 0, 0] as Vec));
    const chord = 2 * Math.sin(Math.max(...corners.map((k) => angle(c, k))) / 2) + 1e-12;
    const lo: Vec = [c[0] - chord, c[1] - chord, c[2] - chord], hi: Vec = [c[0] + chord, c[1] + chord, c[2] + chord];
    const near = edges.filter((e) => boxOverlap(e, lo, hi));
    const crosses = near.some((e) => cellEdges.some((c) => arcsIntersect(c.a, c.b, e.a, e.b)));
    if (!crosses) {
      // no boundary contact: the cell lies wholly inside or outside the polygon, or holds whole rings
      const cell = prepare([[{ ll: [], v: corners }]])[0]![0]!;
      const holdsRing = near.length > 0 && starts.some((p) => ringContains(cell, p));
      const inside = region.contains(corners[0]!);
      if (!inside && !holdsRing) return;
      if (inside && !holdsRing) {
        const { first, step, count } = s2DescendantRange(id, level);
        if (out.length + count > MAX_COVER_CELLS) throw new TooMany();
        for (let k = 0, c = first; k < count; k++, c += step) out.push(c);
        return;
      }
    }
    if (s2Level(id) === level) { push(id); return; }
    for (const child of s2Children(id)) visit(child, near);
  };

  try {
    for (let f = 0; f < 6; f++) visit(s2FaceCell(f), region.edges);
  } catch (e) {
    if (e instanceof TooMany) return null;
    throw e;
  }
  return out.map(s2TokenOf);
}
