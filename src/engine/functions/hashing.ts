// Hash kernels: hash()/hash_xxhash64() (xxHash64, seed 0, as Kusto), hash_sha256/sha1/md5 (hex digests).
// Values are hashed as Kusto lays them out: strings as UTF-8, numbers and ticks as little-endian bytes.
import { createHash } from 'node:crypto';
import { formatDatetime } from '../../kql/types/index.js';
import type { ScalarType, Value } from '../../kql/types/index.js';
import type { ScalarKernel } from './kernel.js';
import { intArg, kernel, text } from './strings.js';

const M64 = (1n << 64n) - 1n;
const P1 = 0x9e3779b185ebca87n;
const P2 = 0xc2b2ae3d27d4eb4fn;
const P3 = 0x165667b19e3779f9n;
const P4 = 0x85ebca77c2b2ae63n;
const P5 = 0x27d4eb2f165667c5n;
/** .NET DateTime ticks of the Unix epoch (Kusto stores datetimes as .NET ticks). */
const EPOCH_TICKS = 621355968000000000n;

const rotl = (x: bigint, r: bigint): bigint => ((x << r) | (x >> (64n - r))) & M64;
const round = (acc: bigint, input: bigint): bigint => (rotl((acc + input * P2) & M64, 31n) * P1) & M64;
const merge = (acc: bigint, v: bigint): bigint => (((acc ^ round(0n, v)) * P1) + P4) & M64;

/** xxHash64 of the bytes (unsigned 64-bit result). */
export function xxhash64(data: Uint8Array, seed = 0n): bigint {
  const view = new DataView(data.buffer, data.byteOffset, data.byteLength);
  const len = data.length;
  let i = 0;
  let h: bigint;
  if (len >= 32) {
    let v1 = (seed + P1 + P2) & M64;
    let v2 = (seed + P2) & M64;
    let v3 = seed;
    let v4 = (seed - P1) & M64;
    for (; i + 32 <= len; i += 32) {
      v1 = round(v1, view.getBigUint64(i, true));
      v2 = round(v2, view.getBigUint64(i + 8, true));
      v3 = round(v3, view.getBigUint64(i + 16, true));
      v4 = round(v4, view.getBigUint64(i + 24, true));
    }
    h = (rotl(v1, 1n) + rotl(v2, 7n) + rotl(v3, 12n) + rotl(v4, 18n)) & M64;
    h = merge(merge(merge(merge(h, v1), v2), v3), v4);
  } else {
    h = (seed + P5) & M64;
  }
  h = (h + BigInt(len)) & M64;
  for (; i + 8 <= len; i += 8) {
    h ^= round(0n, view.getBigUint64(i, true));
    h = (rotl(h, 27n) * P1 + P4) & M64;
  }
  if (i + 4 <= len) {
    h ^= (BigInt(view.getUint32(i, true)) * P1) & M64;
    h = (rotl(h, 23n) * P2 + P3) & M64;
    i += 4;
  }
  for (; i < len; i++) {
    h ^= (BigInt(data[i]!) * P5) & M64;
    h = (rotl(h, 11n) * P1) & M64;
  }
  h ^= h >> 33n;
  h = (h * P2) & M64;
  h ^= h >> 29n;
  h = (h * P3) & M64;
  h ^= h >> 32n;
  return h;
}

function le64(v: bigint): Uint8Array {
  const b = new Uint8Array(8);
  new DataView(b.buffer).setBigInt64(0, BigInt.asIntN(64, v), true);
  return b;
}

/** The bytes Kusto feeds to hash() for a value of the given type. */
export function hashBytes(v: Value, type: ScalarType): Uint8Array {
  switch (type) {
    case 'int': case 'long': return le64(typeof v === 'bigint' ? v : BigInt(Math.trunc(Number(v))));
    case 'real': case 'decimal': {
      const b = new Uint8Array(8);
      new DataView(b.buffer).setFloat64(0, Number(v), true);
      return b;
    }
    case 'bool': return new Uint8Array([v ? 1 : 0]);
    case 'datetime': return le64((v as bigint) + EPOCH_TICKS);
    case 'timespan': return le64(v as bigint);
    case 'guid': return guidBytes(v as string);
    default: return Buffer.from(text(v, type), 'utf8');
  }
}

/** .NET Guid byte order: the first three fields little-endian. */
export function guidBytes(g: string): Uint8Array {
  const hex = g.replace(/-/g, '');
  const b = Buffer.from(hex, 'hex');
  if (b.length !== 16) return Buffer.from(g, 'utf8');
  return Uint8Array.from([b[3]!, b[2]!, b[1]!, b[0]!, b[5]!, b[4]!, b[7]!, b[6]!, ...b.subarray(8)]);
}

function xxKernel(name: string): ScalarKernel {
  return kernel(name, (t) => (v, mod) => {
    if (v === null || v === undefined) return null;
    const h = xxhash64(hashBytes(v, t[0] ?? 'string'));
    if (mod === undefined) return BigInt.asIntN(64, h);
    const m = intArg(mod);
    if (m === null || m <= 0) return null;
    return h % BigInt(m); // the unsigned hash modulo, so always in [0, mod)
  });
}

/** Digest input: strings as UTF-8, other values as their Kusto text form. */
function digestInput(v: Value, type: ScalarType | undefined): string {
  if (type === 'datetime' && typeof v === 'bigint') return formatDatetime(v);
  return text(v, type);
}

function digestKernel(name: string, algo: string): ScalarKernel {
  return kernel(name, (t) => (v) => {
    if (v === null || v === undefined) return '';
    return createHash(algo).update(digestInput(v, t[0]), 'utf8').digest('hex');
  });
}

export const kernels: ScalarKernel[] = [
  xxKernel('hash'),
  xxKernel('hash_xxhash64'),
  digestKernel('hash_sha256', 'sha256'),
  digestKernel('hash_sha1', 'sha1'),
  digestKernel('hash_md5', 'md5'),
];
