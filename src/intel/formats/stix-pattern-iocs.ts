// Meaning of a parsed STIX pattern for kqlite: the set of single values (optionally IP+port) that each indicate the threat.
// Anything that is not "any of these values" (NOT, !=, LIKE, MATCHES, REPEATS, FOLLOWEDBY, AND across observations,
// AND of different properties) is rejected with the reason — never guessed.
import type { ValueHint } from '../canonical/index.js';
import { pathText, type Comparison, type Literal, type Observation, type ObjectPath } from './stix-pattern.js';

export interface PatternValue { hint: ValueHint; value: string; port?: number; text: string; objectType: string }
export interface PatternRejection { input: string; reason: string }
export interface PatternMeaning { values: PatternValue[]; rejected: PatternRejection[]; start?: string; stop?: string }

type Test = Extract<Comparison, { kind: 'test' }>;
const MAX_ALTERNATIVES = 1024;

class Unsupported extends Error {}

export function patternValues(ast: Observation): PatternMeaning {
  const out: PatternMeaning = { values: [], rejected: [] };
  walkObservation(ast, out);
  return out;
}

function walkObservation(o: Observation, out: PatternMeaning): void {
  for (const q of o.qualifiers) {
    if (q.kind === 'repeats') throw new Unsupported(`REPEATS ${q.times} TIMES requires repeated sightings; cannot be expressed as single IOCs`);
    if (q.kind === 'startstop') { out.start = q.start; out.stop = q.stop; }
  }
  if (o.kind === 'obs') { comparisonValues(o.cmp, out); return; }
  if (o.kind === 'or') { for (const i of o.items) walkObservation(i, out); return; }
  if (o.kind === 'and') throw new Unsupported('observations joined by AND must all be seen together; cannot be expressed as independent IOCs');
  throw new Unsupported('FOLLOWEDBY requires an ordered sequence of observations; cannot be expressed as independent IOCs');
}

/** Disjunctive normal form: a list of conjunctions; IN expands into alternatives. */
function dnf(c: Comparison): Test[][] {
  if (c.kind === 'test') {
    if (c.op === 'IN' && Array.isArray(c.value) && !c.negated) {
      return c.value.map((v) => [{ ...c, op: '=', value: v, text: `${pathText(c.path)} = ${literalText(v)}` }]);
    }
    return [[c]];
  }
  if (c.kind === 'or') return c.items.flatMap(dnf);
  let acc: Test[][] = [[]];
  for (const item of c.items) {
    const alts = dnf(item);
    if (acc.length * alts.length > MAX_ALTERNATIVES) throw new Unsupported(`pattern expands to more than ${MAX_ALTERNATIVES} alternatives`);
    acc = acc.flatMap((a) => alts.map((b) => [...a, ...b]));
  }
  return acc;
}

function literalText(l: Literal): string {
  return l.kind === 'string' ? `'${l.value.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'` : String(l.value);
}

function comparisonValues(c: Comparison, out: PatternMeaning): void {
  for (const conj of dnf(c)) {
    try {
      out.values.push(...conjunctionValues(conj));
    } catch (e) {
      if (!(e instanceof Unsupported)) throw e;
      out.rejected.push({ input: conj.map((t) => t.text).join(' AND '), reason: e.message });
    }
  }
}

const HASH_KEYS: Record<string, ValueHint> = { md5: 'md5', sha1: 'sha1', sha256: 'sha256' };
const SIMPLE: Record<string, ValueHint> = {
  'ipv4-addr:value': 'ip', 'ipv6-addr:value': 'ip', 'domain-name:value': 'domain', 'url:value': 'url',
  'email-addr:value': 'email', 'email-message:from_ref.value': 'email', 'email-message:sender_ref.value': 'email',
};

function stringValue(t: Test): string {
  const v = t.value as Literal;
  if (v.kind !== 'string') throw new Unsupported(`${pathText(t.path)} needs a string value`);
  return v.value;
}

function checkOperator(t: Test): void {
  if (t.negated) throw new Unsupported('NOT cannot be expressed as an IOC');
  if (t.op === '=') return;
  if (t.op === 'ISSUBSET' && (t.path.objectType === 'ipv4-addr' || t.path.objectType === 'ipv6-addr')) return;
  const why: Record<string, string> = {
    '!=': "'!=' matches everything except a value", LIKE: 'LIKE is a wildcard match', MATCHES: 'MATCHES is a regular expression',
    ISSUPERSET: 'ISSUPERSET is a range containment test', EXISTS: 'EXISTS tests presence, not a value',
  };
  throw new Unsupported(`${why[t.op] ?? `operator ${t.op} compares ranges`}; cannot be expressed as an IOC`);
}

function simpleKey(p: ObjectPath): string {
  return pathText(p);
}

function conjunctionValues(conj: Test[]): PatternValue[] {
  conj.forEach(checkOperator);
  const types = new Set(conj.map((t) => t.path.objectType));
  if (types.size > 1) throw new Unsupported(`AND of different objects (${[...types].join(', ')}) is a conjunction; cannot be expressed as one IOC`);
  const objectType = conj[0]!.path.objectType;
  if (objectType === 'file') return fileHashes(conj);
  if (objectType === 'network-traffic') return [networkTraffic(conj)];
  const keys = new Set(conj.map((t) => simpleKey(t.path)));
  const key = [...keys][0]!;
  const hint = SIMPLE[key];
  if (!hint || keys.size > 1) throw new Unsupported(`comparison on ${[...keys].join(', ')} cannot be expressed as an IOC`);
  const values = new Set(conj.map(stringValue));
  if (values.size > 1) throw new Unsupported(`AND of different values of ${key} can never match`);
  return [{ hint, value: [...values][0]!, text: conj[0]!.text, objectType }];
}

/** `file:hashes.'SHA-256' = … AND file:hashes.MD5 = …` describes one file: each hash identifies it. */
function fileHashes(conj: Test[]): PatternValue[] {
  return conj.map((t) => {
    const [first, second, ...rest] = t.path.steps;
    const algo = typeof second === 'string' ? second.toLowerCase().replace(/[-_]/g, '') : '';
    const hint = HASH_KEYS[algo];
    if (first !== 'hashes' || !hint || rest.length) {
      throw new Unsupported(first === 'hashes' ? `hash algorithm ${String(second)} is not supported (MD5, SHA-1, SHA-256)` : `comparison on ${pathText(t.path)} cannot be expressed as an IOC`);
    }
    return { hint, value: stringValue(t), text: t.text, objectType: 'file' };
  });
}

/** network-traffic: one address (dst_ref or src_ref), optionally its type and the port on the same side. */
function networkTraffic(conj: Test[]): PatternValue {
  let side: 'dst' | 'src' | undefined;
  let value: string | undefined;
  let refType: string | undefined;
  let port: number | undefined;
  for (const t of conj) {
    const k = pathText(t.path).slice('network-traffic:'.length);
    const m = /^(dst|src)_(ref\.value|ref\.type|port)$/.exec(k);
    if (!m) throw new Unsupported(`comparison on ${pathText(t.path)} cannot be expressed as an IOC`);
    const s = m[1] as 'dst' | 'src';
    if (side && side !== s) throw new Unsupported('AND of source and destination properties is a conjunction; cannot be expressed as one IOC');
    side = s;
    if (m[2] === 'port') {
      const v = t.value as Literal;
      if (v.kind !== 'int') throw new Unsupported(`${s}_port needs an integer`);
      if (port !== undefined && port !== v.value) throw new Unsupported(`AND of different ${s}_port values can never match`);
      port = v.value;
    } else if (m[2] === 'ref.type') {
      refType = stringValue(t);
    } else {
      const v = stringValue(t);
      if (value !== undefined && value !== v) throw new Unsupported(`AND of different ${s}_ref.value values can never match`);
      value = v;
    }
  }
  if (value === undefined) throw new Unsupported('network-traffic without an address value cannot be expressed as an IOC');
  if (refType !== undefined && !['ipv4-addr', 'ipv6-addr', 'domain-name'].includes(refType)) {
    throw new Unsupported(`network-traffic ${side}_ref.type '${refType}' is not an address type`);
  }
  const hint: ValueHint = refType === 'domain-name' ? 'domain' : refType ? 'ip' : 'host';
  const text = conj.map((t) => t.text).join(' AND ');
  const pv: PatternValue = { hint, value, text, objectType: refType ?? 'network-traffic' };
  if (port !== undefined) {
    if (!Number.isInteger(port) || port < 1 || port > 65535) throw new Unsupported(`port ${port} is out of range 1-65535`);
    pv.port = port;
  }
  return pv;
}

/** Run the interpretation, turning a whole-pattern limitation into one rejection. */
export function interpretPattern(ast: Observation, source: string): PatternMeaning {
  try {
    return patternValues(ast);
  } catch (e) {
    if (!(e instanceof Unsupported)) throw e;
    return { values: [], rejected: [{ input: source, reason: e.message }] };
  }
}
