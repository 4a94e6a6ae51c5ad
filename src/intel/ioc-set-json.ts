// Serializes an IOC set as pretty JSON in chunks (identical to JSON.stringify(set, null, 2)) so a million-IOC set
// never becomes one giant string; and reads/validates an IOC-set file for `intel show`.
import type { Ioc, IocSet, RejectedIoc } from './model.js';
import { IOC_TYPES } from './model.js';
import { IntelErrors, intelError } from './errors.js';

/** Items per JSON.stringify call: ~1 MB of text for typical IOCs. */
const BATCH = 2000;
const HEAD = '{\n  "x": [\n';
const TAIL = '\n  ]\n}';

/**
 * A batch wrapped as `{"x": batch}` and stringified with indent 2 comes out with exactly the nesting (and bytes) the
 * items have inside the whole set; cutting the wrapper off leaves the items' text. One native call per batch.
 */
function* arrayChunks(name: string, items: readonly unknown[], last: boolean): Generator<string> {
  if (items.length === 0) { yield `  "${name}": []${last ? '' : ','}\n`; return; }
  yield `  "${name}": [\n`;
  for (let i = 0; i < items.length; i += BATCH) {
    const text = JSON.stringify({ x: items.slice(i, i + BATCH) }, null, 2);
    const body = text.slice(HEAD.length, text.length - TAIL.length);
    yield i + BATCH < items.length ? `${body},\n` : `${body}\n`;
  }
  yield `  ]${last ? '' : ','}\n`;
}

/** `{"iocs":[...],"rejected":[...]}` pretty-printed, yielded in ~1 MB chunks. */
export function* iocSetJsonChunks(set: IocSet): Generator<string> {
  yield '{\n';
  yield* arrayChunks('iocs', set.iocs, false);
  yield* arrayChunks('rejected', set.rejected.map((r) => ({ source: r.source, location: r.location, input: r.input, reason: r.reason })), true);
  yield '}\n';
}

const isObj = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Parses an IOC-set file, checking the shape `intel show` (and detect/hunt) rely on. */
export function parseIocSet(text: string, source: string): IocSet {
  let doc: unknown;
  try { doc = JSON.parse(text); } catch (e) {
    throw intelError(IntelErrors.badIocSet, `${source}: invalid JSON: ${(e as Error).message}`, e);
  }
  if (!isObj(doc) || !Array.isArray(doc.iocs)) throw intelError(IntelErrors.badIocSet, `${source}: not an IOC set (expected {"iocs": [...], "rejected": [...]})`);
  const iocs: Ioc[] = [];
  doc.iocs.forEach((i, n) => {
    if (!isObj(i) || typeof i.value !== 'string' || !IOC_TYPES.includes(i.type as Ioc['type'])) {
      throw intelError(IntelErrors.badIocSet, `${source}: iocs[${n}] is not an IOC (needs a known type and a string value)`);
    }
    iocs.push({ ...i, tags: Array.isArray(i.tags) ? i.tags.map(String) : [], sources: Array.isArray(i.sources) ? i.sources.map(String) : [] } as Ioc);
  });
  const rejected: RejectedIoc[] = Array.isArray(doc.rejected)
    ? doc.rejected.filter(isObj).map((r) => ({ source: String(r.source ?? ''), location: String(r.location ?? ''), input: String(r.input ?? ''), reason: String(r.reason ?? '') }))
    : [];
  return { iocs, rejected };
}
