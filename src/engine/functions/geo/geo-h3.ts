// Kernels of the H3 geospatial functions, on top of h3-js. Kusto's documented limits are enforced so untrusted
// arguments never ask for billions of cells: children at most 5 levels down, rings up to distance 142,
// polygon cover at most 61,680 cells; beyond them (and for invalid tokens/resolutions) the result is null,
// or "" for the string-returning geo_point_to_h3cell / geo_h3cell_parent.
import { cellToBoundary, cellToChildren, cellToLatLng, cellToParent, getResolution, gridDiskDistances, isValidCell, latLngToCell } from 'h3-js';
import type { Value } from '../../../kql/types/index.js';
import type { ScalarKernel } from '../kernel.js';
import { parsePolygons, polygonToH3Cells } from './geo-h3-polyfill.js';

const MAX_CHILD_DEPTH = 5;
const MAX_RING_DISTANCE = 142;

/** A valid H3 cell token (lower-case), or null. */
export function h3Cell(v: Value): string | null {
  if (typeof v !== 'string' || v.length !== 15) return null;
  const t = v.toLowerCase();
  if (!/^[0-9a-f]{15}$/.test(t)) return null;
  try {
    return isValidCell(t) ? t : null;
  } catch {
    return null;
  }
}

/** An integral argument: `dflt` when omitted, null when null, fractional or not a number. */
function intArg(v: Value | undefined, dflt: number): number | null {
  if (v === undefined) return dflt;
  const n = typeof v === 'bigint' ? Number(v) : typeof v === 'number' ? v : NaN;
  return Number.isInteger(n) ? n : null;
}

function realArg(v: Value | undefined, dflt: number): number | null {
  if (v === undefined) return dflt;
  const n = typeof v === 'bigint' ? Number(v) : typeof v === 'number' ? v : NaN;
  return Number.isFinite(n) ? n : null;
}

function pointToCell(lon: Value, lat: Value, res: Value | undefined): string {
  const r = intArg(res, 6), x = realArg(lon, NaN), y = realArg(lat, NaN);
  if (r === null || r < 0 || r > 15 || x === null || y === null || !(x >= -180 && x <= 180 && y >= -90 && y <= 90)) return '';
  return latLngToCell(y, x, r);
}

function children(t: Value, res: Value | undefined): string[] | null {
  const c = h3Cell(t);
  if (!c) return null;
  const level = getResolution(c);
  const r = intArg(res, level + 1);
  if (r === null || r < 1 || r > 15 || r < level || r - level > MAX_CHILD_DEPTH) return null;
  return cellToChildren(c, r);
}

function parent(t: Value, res: Value | undefined): string {
  const c = h3Cell(t);
  if (!c) return '';
  const level = getResolution(c);
  const r = intArg(res, level - 1);
  if (r === null || r < 0 || r > 14 || r > level) return '';
  return cellToParent(c, r);
}

function rings(t: Value, distance: Value | undefined): string[][] | null {
  const c = h3Cell(t);
  const k = intArg(distance ?? null, 0);
  if (!c || k === null || k < 0 || k > MAX_RING_DISTANCE) return null;
  // pentagon distortion can leave rings shorter (as Kusto documents), never wrong
  return gridDiskDistances(c, k);
}

function neighbors(t: Value): string[] | null {
  const c = h3Cell(t);
  return c ? gridDiskDistances(c, 1)[1] ?? [] : null;
}

function polygonCells(g: Value, res: Value | undefined, radius: Value | undefined): string[] | null {
  const polys = parsePolygons(g);
  const r = intArg(res, 6), m = realArg(radius, 0);
  if (!polys || r === null || r < 0 || r > 15 || m === null || m < 0) return null;
  return polygonToH3Cells(polys, r, m);
}

const k = (name: string, f: (...a: Value[]) => Value): ScalarKernel => ({ name, make: () => f });

export const kernels: ScalarKernel[] = [
  k('geo_point_to_h3cell', (lon, lat, res) => pointToCell(lon, lat, res)),
  k('geo_h3cell_to_central_point', (t) => {
    const c = h3Cell(t);
    if (!c) return null;
    const [lat, lon] = cellToLatLng(c);
    return { type: 'Point', coordinates: [lon, lat] };
  }),
  k('geo_h3cell_to_polygon', (t) => {
    const c = h3Cell(t);
    // GeoJSON order ([lon, lat]) and a closed ring, as h3's GeoJSON mode produces
    return c ? { type: 'Polygon', coordinates: [cellToBoundary(c, true)] } : null;
  }),
  k('geo_h3cell_children', (t, res) => children(t, res)),
  k('geo_h3cell_parent', (t, res) => parent(t, res)),
  k('geo_h3cell_level', (t) => {
    const c = h3Cell(t);
    return c ? getResolution(c) : null;
  }),
  k('geo_h3cell_neighbors', (t) => neighbors(t)),
  k('geo_h3cell_rings', (t, d) => rings(t, d)),
  {
    name: 'geo_polygon_to_h3cells',
    make: (_types, consts) => {
      // a constant polygon (the usual geofence) is covered once per call site, not once per row
      if (consts.length > 0 && consts.every((c) => c !== undefined)) {
        const cells = polygonCells(consts[0]!, consts[1], consts[2]);
        return () => cells; // shared like any constant dynamic value
      }
      return (g, res, radius) => polygonCells(g, res, radius);
    },
  },
];
