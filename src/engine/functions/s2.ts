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

/** The leaf cell id of a point, as an unsigned 64-bit bigint. */
function leafId(lon: number, lat: number): bigint {
  const la = (lat * Math.PI) / 180, lo = (lon * Math.PI) / 180;
  const [face, u, v] = faceUv(Math.cos(la) * Math.cos(lo), Math.cos(la) * Math.sin(lo), Math.sin(la));
  const i = ijFromSt(stFromUv(u)), j = ijFromSt(stFromUv(v));
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

const U64 = (1n << 64n) - 1n;

/** Token of the cell containing (lon, lat) at `level` (0..30). */
export function s2Token(lon: number, lat: number, level: number): string {
  const lsb = 1n << BigInt(2 * (MAX_LEVEL - level));
  const id = ((leafId(lon, lat) & (-lsb & U64)) | lsb) & U64;
  return id.toString(16).padStart(16, '0').replace(/0+$/, '') || 'X';
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

function uvToLonLat(face: number, u: number, v: number): [number, number] {
  const [x, y, z] = [[1, u, v], [-u, 1, v], [-u, -v, 1], [-1, -v, -u], [v, -1, -u], [v, u, -1]][face]!;
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
