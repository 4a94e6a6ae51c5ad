// S2 cells (the S2 geometry library's cell ids, as Kusto's geo_*s2cell* functions use): point → face, quadratic
// (u,v) → (s,t) projection, (i,j) on a 2^30 grid, then the Hilbert-curve position from 4-bit lookup tables.
// Tokens are the 64-bit id in hex without trailing zeros.
const MAX_LEVEL = 30;
const LOOKUP_BITS = 4;
const SWAP = 1, INVERT = 2;
const POS_TO_IJ = [[0, 1, 3, 2], [0, 2, 3, 1], [3, 2, 0, 1], [3, 1, 0, 2]];
const POS_TO_ORIENTATION = [SWAP, 0, 0, INVERT | SWAP];
const lookupPos = new Int32Array(1 << (2 * LOOKUP_BITS + 2));

function initCell(level: number, i: number, j: number, orig: number, pos: number, orientation: number): void {
  if (level === LOOKUP_BITS) {
    const ij = (i << LOOKUP_BITS) + j;
    lookupPos[(ij << 2) + orig] = (pos << 2) + orientation;
    return;
  }
  const r = POS_TO_IJ[orientation]!;
  for (let index = 0; index < 4; index++) {
    initCell(level + 1, (i << 1) + (r[index]! >> 1), (j << 1) + (r[index]! & 1), orig, (pos << 2) + index, orientation ^ POS_TO_ORIENTATION[index]!);
  }
}
for (const o of [0, SWAP, INVERT, SWAP | INVERT]) initCell(0, 0, 0, o, 0, o);

const stFromUv = (u: number) => (u >= 0 ? 0.5 * Math.sqrt(1 + 3 * u) : 1 - 0.5 * Math.sqrt(1 - 3 * u));
const ijFromSt = (s: number) => Math.max(0, Math.min((1 << MAX_LEVEL) - 1, Math.floor(s * (1 << MAX_LEVEL))));

function faceUv(x: number, y: number, z: number): [number, number, number] {
  const ax = Math.abs(x), ay = Math.abs(y), az = Math.abs(z);
  let face = ax > ay ? (ax > az ? 0 : 2) : ay > az ? 1 : 2;
  if ((face === 0 ? x : face === 1 ? y : z) < 0) face += 3;
  switch (face) {
    case 0: return [0, y / x, z / x];
    case 1: return [1, -x / y, z / y];
    case 2: return [2, -x / z, -y / z];
    case 3: return [3, z / x, y / x];
    case 4: return [4, z / y, -x / y];
    default: return [5, -y / z, -x / z];
  }
}

/** The leaf cell id at (i, j) of a face, as an unsigned 64-bit bigint. */
function fromFaceIj(face: number, i: number, j: number): bigint {
  let n = BigInt(face) << 60n;
  let bits = face & SWAP;
  const mask = (1 << LOOKUP_BITS) - 1;
  for (let k = 7; k >= 0; k--) {
    bits += ((i >> (k * LOOKUP_BITS)) & mask) << (LOOKUP_BITS + 2);
    bits += ((j >> (k * LOOKUP_BITS)) & mask) << 2;
    bits = lookupPos[bits]!;
    n |= BigInt(bits >> 2) << BigInt(k * 2 * LOOKUP_BITS);
    bits &= SWAP | INVERT;
  }
  return (n << 1n) | 1n;
}

/** The leaf cell id of a point. */
function leafId(lon: number, lat: number): bigint {
  const la = (lat * Math.PI) / 180, lo = (lon * Math.PI) / 180;
  const [face, u, v] = faceUv(Math.cos(la) * Math.cos(lo), Math.cos(la) * Math.sin(lo), Math.sin(la));
  return fromFaceIj(face, ijFromSt(stFromUv(u)), ijFromSt(stFromUv(v)));
}

const U64 = (1n << 64n) - 1n;

/** The ancestor of a cell at `level` (≤ the cell's level). */
function parent(id: bigint, level: number): bigint {
  const lsb = 1n << BigInt(2 * (MAX_LEVEL - level));
  return ((id & (-lsb & U64)) | lsb) & U64;
}

const toToken = (id: bigint) => id.toString(16).padStart(16, '0').replace(/0+$/, '') || 'X';

/** Token of the cell containing (lon, lat) at `level` (0..30). */
export function s2Token(lon: number, lat: number, level: number): string {
  return toToken(parent(leafId(lon, lat), level));
}

const lookupIj = new Int32Array(1 << (2 * LOOKUP_BITS + 2));
for (let k = 0; k < lookupPos.length; k++) {
  const v = lookupPos[k]!;
  // lookupPos[(ij << 2) + orig] = (pos << 2) + orientation  ⇒  lookupIj[(pos << 2) + orig] = (ij << 2) + orientation
  lookupIj[((v >> 2) << 2) + (k & 3)] = ((k >> 2) << 2) + (v & 3);
}

/** Cell id of a token, or null when it is not a valid cell. */
export function s2FromToken(token: string): bigint | null {
  if (!/^[0-9a-fA-F]{1,16}$/.test(token)) return null;
  const id = BigInt('0x' + token) << BigInt(4 * (16 - token.length));
  if (id === 0n || id >> 61n > 5n) return null;
  const lsb = id & -id;
  return (lsb & 0x1555555555555555n) !== 0n ? id : null;
}

function stToUv(s: number): number {
  return s >= 0.5 ? (1 / 3) * (4 * s * s - 1) : (1 / 3) * (1 - 4 * (1 - s) * (1 - s));
}

const faceUvToXyz = (face: number, u: number, v: number): number[] => [[1, u, v], [-u, 1, v], [-u, -v, 1], [-1, -v, -u], [v, -1, -u], [v, u, -1]][face]!;

function uvToLonLat(face: number, u: number, v: number): [number, number] {
  const [x, y, z] = faceUvToXyz(face, u, v);
  return [(Math.atan2(y!, x!) * 180) / Math.PI, (Math.atan2(z!, Math.hypot(x!, y!)) * 180) / Math.PI];
}

/** Face, leaf (i, j) and level of a cell id. */
function faceIj(id: bigint): { face: number; i: number; j: number; level: number } {
  const face = Number(id >> 61n);
  let bits = face & SWAP, i = 0, j = 0;
  for (let k = 7; k >= 0; k--) {
    const nbits = k === 7 ? MAX_LEVEL - 7 * LOOKUP_BITS : LOOKUP_BITS;
    bits += (Number((id >> BigInt(k * 2 * LOOKUP_BITS + 1)) & BigInt((1 << (2 * nbits)) - 1))) << 2;
    bits = lookupIj[bits]!;
    i += (bits >> (LOOKUP_BITS + 2)) * 2 ** (k * LOOKUP_BITS);
    j += ((bits >> 2) & ((1 << LOOKUP_BITS) - 1)) * 2 ** (k * LOOKUP_BITS);
    bits &= SWAP | INVERT;
  }
  let tz = 0;
  while (((id >> BigInt(tz)) & 1n) === 0n) tz++;
  return { face, i, j, level: MAX_LEVEL - tz / 2 };
}

/** [lon, lat] of the centre and the four corners (counter-clockwise) of a cell. */
export function s2Cell(id: bigint): { center: [number, number]; corners: [number, number][] } {
  const { face, i, j, level } = faceIj(id);
  const size = 2 ** (MAX_LEVEL - level);
  const i0 = Math.floor(i / size) * size, j0 = Math.floor(j / size) * size;
  const st = (x: number) => x / 2 ** MAX_LEVEL;
  const u0 = stToUv(st(i0)), u1 = stToUv(st(i0 + size)), v0 = stToUv(st(j0)), v1 = stToUv(st(j0 + size));
  return {
    center: uvToLonLat(face, stToUv(st(i0 + size / 2)), stToUv(st(j0 + size / 2))),
    corners: [[u0, v0], [u1, v0], [u1, v1], [u0, v1]].map(([u, v]) => uvToLonLat(face, u!, v!)),
  };
}

const MAX_SIZE = 2 ** MAX_LEVEL;

/** Leaf cell at (i, j) just beyond a face's edge, found on the adjacent face (linear u = 2s − 1 projection). */
function fromFaceIjWrap(face: number, i: number, j: number): bigint {
  const lim = 1 + Number.EPSILON;
  const uv = (k: number) => Math.max(-lim, Math.min(lim, (2 * (Math.max(-1, Math.min(MAX_SIZE, k)) - MAX_SIZE / 2) + 1) / MAX_SIZE));
  const [x, y, z] = faceUvToXyz(face, uv(i), uv(j));
  const [f, u, v] = faceUv(x!, y!, z!);
  return fromFaceIj(f, ijFromSt(0.5 * (u + 1)), ijFromSt(0.5 * (v + 1)));
}

/** The 8 cells of the same level around a cell, in the S2 library's AppendAllNeighbors order. */
export function s2Neighbors(token: string): string[] | null {
  const id = s2FromToken(token);
  if (id === null) return null;
  const { face, i: li, j: lj, level } = faceIj(id);
  const size = 2 ** (MAX_LEVEL - level);
  const i = Math.floor(li / size) * size, j = Math.floor(lj / size) * size;
  const at = (ii: number, jj: number, sameFace: boolean) => toToken(parent(sameFace ? fromFaceIj(face, ii, jj) : fromFaceIjWrap(face, ii, jj), level));
  const out: string[] = [];
  for (const k of [-size, 0, size]) {
    const sameFace = k < 0 ? j + k >= 0 : k >= size ? j + k < MAX_SIZE : true;
    if (k === 0) {
      out.push(at(i, j - size, j - size >= 0), at(i, j + size, j + size < MAX_SIZE));
    }
    out.push(at(i - size, j + k, sameFace && i - size >= 0), at(i + size, j + k, sameFace && i + size < MAX_SIZE));
  }
  return out;
}


/** Unit-vector corners (counter-clockwise) of a cell. */
export function s2CellCorners(id: bigint): [number, number, number][] {
  const { face, i, j, level } = faceIj(id);
  const size = 2 ** (MAX_LEVEL - level);
  const i0 = Math.floor(i / size) * size, j0 = Math.floor(j / size) * size;
  const uv = (x: number) => stToUv(x / MAX_SIZE);
  return [[i0, j0], [i0 + size, j0], [i0 + size, j0 + size], [i0, j0 + size]].map(([a, b]) => {
    const [x, y, z] = faceUvToXyz(face, uv(a!), uv(b!));
    const n = Math.sqrt(x! * x! + y! * y! + z! * z!);
    return [x! / n, y! / n, z! / n];
  });
}

export const s2Level = (id: bigint): number => { let tz = 0; while (((id >> BigInt(tz)) & 1n) === 0n) tz++; return MAX_LEVEL - tz / 2; };
export const s2FaceCell = (face: number): bigint => (BigInt(face) << 61n) | (1n << 60n);
export const s2Children = (id: bigint): bigint[] => { const lsb = id & -id, q = lsb >> 2n; return [0n, 1n, 2n, 3n].map((k) => id - lsb + q * (2n * k + 1n)); };
/** The first descendant at `level` and the step between consecutive ones. */
export function s2DescendantRange(id: bigint, level: number): { first: bigint; step: bigint; count: number } {
  const lsb = id & -id, l = 1n << BigInt(2 * (MAX_LEVEL - level));
  return { first: id - lsb + l, step: 2n * l, count: 4 ** (level - s2Level(id)) };
}
export const s2TokenOf = toToken;
