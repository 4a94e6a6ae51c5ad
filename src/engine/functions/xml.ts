// parse_xml(): XML text → dynamic with the documented mapping (`@attr`, `#text`, repeated elements → arrays).
// Only elements, attributes and text are kept; comments, processing instructions and DOCTYPE are skipped, and no
// entity other than the five predefined ones and character references is expanded (no entity-expansion bombs).
// The parser is a single loop with an explicit stack, so deep nesting cannot overflow; invalid XML gives null.
import type { DynamicValue, Value } from '../../kql/types/index.js';
import type { ScalarKernel } from './kernel.js';

/** Longer input gives null (parse-xml-function.md: 1 MB limit). */
export const MAX_XML_BYTES = 1_048_576;

interface Elem {
  name: string;
  attrs: [string, string][];
  children: [string, DynamicValue][];
  texts: string[];
}

const NAME = /[^\s/>=]+/y;
const ATTR = /\s*([^\s/>=]+)\s*=\s*(?:"([^"]*)"|'([^']*)')/y;
const ENTITY = /&(?:(lt|gt|amp|quot|apos)|#(\d{1,7})|#x([0-9a-fA-F]{1,6}));/g;
const NAMED: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };

function decode(s: string): string | null {
  if (!s.includes('&')) return s;
  if (s.replace(ENTITY, '').includes('&')) return null; // an undefined entity is invalid XML
  return s.replace(ENTITY, (_m, named: string | undefined, dec: string | undefined, hex: string | undefined) => {
    if (named) return NAMED[named]!;
    const cp = dec !== undefined ? Number(dec) : parseInt(hex!, 16);
    return cp <= 0x10ffff && (cp < 0xd800 || cp > 0xdfff) && cp !== 0 ? String.fromCodePoint(cp) : '\uFFFD';
  });
}

/** The JSON form of one finished element (see the docs' conversion table). */
function toJson(e: Elem): DynamicValue {
  const text = e.texts.length ? e.texts.join('') : undefined;
  if (!e.attrs.length && !e.children.length) return text ?? null;
  const o: Record<string, DynamicValue> = {};
  // element values are never arrays, so an array here is a repeated name; defineProperty keeps `__proto__` data
  const put = (k: string, v: DynamicValue) => {
    if (!Object.hasOwn(o, k)) { Object.defineProperty(o, k, { value: v, enumerable: true, writable: true, configurable: true }); return; }
    const cur = o[k]!;
    if (Array.isArray(cur)) cur.push(v);
    else o[k] = [cur, v];
  };
  for (const [k, v] of e.attrs) put(`@${k}`, v);
  if (text !== undefined) put('#text', text);
  for (const [k, v] of e.children) put(k, v);
  return o;
}

export function parseXml(s: string): DynamicValue {
  if (Buffer.byteLength(s, 'utf8') > MAX_XML_BYTES) return null;
  const stack: Elem[] = [];
  let root: [string, DynamicValue] | undefined;
  let i = 0;
  const n = s.length;
  while (i < n) {
    const lt = s.indexOf('<', i);
    const textEnd = lt < 0 ? n : lt;
    if (textEnd > i) {
      const raw = s.slice(i, textEnd);
      if (raw.trim() !== '') {
        const top = stack[stack.length - 1];
        const t = decode(raw.trim());
        if (!top || t === null) return null; // text outside the root element, or a bad entity
        top.texts.push(t);
      }
    }
    if (lt < 0) break;
    i = lt;
    if (s.startsWith('<!--', i)) {
      const end = s.indexOf('-->', i + 4);
      if (end < 0) return null;
      i = end + 3;
    } else if (s.startsWith('<![CDATA[', i)) {
      const end = s.indexOf(']]>', i + 9);
      const top = stack[stack.length - 1];
      if (end < 0 || !top) return null;
      top.texts.push(s.slice(i + 9, end));
      i = end + 3;
    } else if (s.startsWith('<?', i)) {
      const end = s.indexOf('?>', i + 2);
      if (end < 0) return null;
      i = end + 2;
    } else if (s.startsWith('<!', i)) {
      // DOCTYPE (internal subsets included) is skipped, never interpreted
      let depth = 0, k = i + 2;
      for (; k < n; k++) {
        const c = s[k];
        if (c === '[') depth++;
        else if (c === ']') depth--;
        else if (c === '>' && depth <= 0) break;
      }
      if (k >= n) return null;
      i = k + 1;
    } else if (s[i + 1] === '/') {
      const gt = s.indexOf('>', i + 2);
      if (gt < 0) return null;
      const name = s.slice(i + 2, gt).trim();
      const top = stack.pop();
      if (!top || top.name !== name) return null;
      const v = toJson(top);
      if (stack.length) stack[stack.length - 1]!.children.push([name, v]);
      else if (root) return null;
      else root = [name, v];
      i = gt + 1;
    } else {
      NAME.lastIndex = i + 1;
      const m = NAME.exec(s);
      if (!m) return null;
      const el: Elem = { name: m[0], attrs: [], children: [], texts: [] };
      let k = NAME.lastIndex;
      for (;;) {
        ATTR.lastIndex = k;
        const a = ATTR.exec(s);
        if (!a) break;
        const v = decode(a[2] ?? a[3] ?? '');
        if (v === null) return null;
        el.attrs.push([a[1]!, v]);
        k = ATTR.lastIndex;
      }
      while (k < n && /\s/.test(s[k]!)) k++;
      if (s.startsWith('/>', k)) {
        const v = toJson(el);
        if (stack.length) stack[stack.length - 1]!.children.push([el.name, v]);
        else if (root) return null;
        else root = [el.name, v];
        i = k + 2;
      } else if (s[k] === '>') {
        if (!stack.length && root) return null; // a second root element
        stack.push(el);
        i = k + 1;
      } else return null;
    }
  }
  if (stack.length || !root) return null;
  return { [root[0]]: root[1] };
}

export const kernels: ScalarKernel[] = [
  { name: 'parse_xml', make: () => (s: Value) => (typeof s === 'string' ? parseXml(s) : null) },
];
