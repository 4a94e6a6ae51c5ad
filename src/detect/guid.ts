// Name-based UUIDs (RFC 4122 version 5): the same content always gets the same id.
import { createHash } from 'node:crypto';

/** kqlite's namespace for generated content ids (a fixed random UUID). */
export const KQLITE_NAMESPACE = '5f0c6a2e-8d7b-4c1e-9a3f-2b6d4e8f1a07';

export function uuidV5(name: string, namespace = KQLITE_NAMESPACE): string {
  const ns = Buffer.from(namespace.replace(/-/g, ''), 'hex');
  const h = createHash('sha1').update(ns).update(name, 'utf8').digest();
  h[6] = (h[6]! & 0x0f) | 0x50;
  h[8] = (h[8]! & 0x3f) | 0x80;
  const x = h.subarray(0, 16).toString('hex');
  return `${x.slice(0, 8)}-${x.slice(8, 12)}-${x.slice(12, 16)}-${x.slice(16, 20)}-${x.slice(20, 32)}`;
}

export function sha256Hex(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}
