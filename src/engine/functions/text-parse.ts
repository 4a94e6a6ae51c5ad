// Parsing and encoding kernels: parse_url, parse_urlquery, parse_path, parse_command_line, url_encode/decode,
// base64 (text, byte arrays, guids) and extract_json. Malformed input gives "" / null, never an exception.
import { jsonText } from '../../kql/types/index.js';
import { deflateSync, gunzipSync, gzipSync, inflateSync } from 'node:zlib';
import type { DynamicValue, Value } from '../../kql/types/index.js';
import type { ScalarKernel } from './kernel.js';
import { guidBytes } from './hashing.js';
import { convertText, kernel, text, typeFromConst } from './strings.js';

type Bag = { [key: string]: DynamicValue };

/** Decodes runs of %xx escapes as UTF-8 (and `+` as space when plus is set); bad escapes stay as written. */
export function urlDecode(s: string, plus = true): string {
  const t = plus ? s.replace(/\+/g, ' ') : s;
  return t.replace(/(?:%[0-9a-fA-F]{2})+/g, (run) => Buffer.from(run.replace(/%/g, ''), 'hex').toString('utf8'));
}

/** .NET HttpUtility.UrlEncode: unreserved ASCII kept, space as `+` (or %20), the rest as lower-case %xx of UTF-8. */
export function urlEncode(s: string, spaceAsPlus: boolean): string {
  let out = '';
  for (const b of Buffer.from(s, 'utf8')) {
    const c = String.fromCharCode(b);
    if (/[A-Za-z0-9\-_.!*()]/.test(c)) out += c;
    else if (b === 32 && spaceAsPlus) out += '+';
    else out += '%' + b.toString(16).padStart(2, '0');
  }
  return out;
}

function parseQuery(q: string): Bag {
  const bag: Bag = {};
  for (const part of q.replace(/^\?/, '').split('&')) {
    if (part === '') continue;
    const eq = part.indexOf('=');
    const k = urlDecode(eq < 0 ? part : part.slice(0, eq));
    bag[k] = urlDecode(eq < 0 ? '' : part.slice(eq + 1));
  }
  return bag;
}

const URL_RE = /^([A-Za-z][A-Za-z0-9+.-]*):\/\/(?:([^:@/?#]*)(?::([^@/?#]*))?@)?(\[[^\]]*\]|[^:/?#]*)(?::(\d*))?([^?#]*)(?:\?([^#]*))?(?:#(.*))?$/s;

/** parse_url(): the parts of an absolute URL; a string that is not one gives an empty bag. */
export function parseUrl(s: string): Bag {
  const m = URL_RE.exec(s.trim());
  if (!m) return {};
  return {
    Scheme: m[1]!, Host: m[4]!, Port: m[5] ?? '', Path: m[6]!, Username: m[2] ?? '', Password: m[3] ?? '',
    'Query Parameters': parseQuery(m[7] ?? ''), Fragment: m[8] ?? '',
  };
}

/** parse_path(): Windows, UNC, Unix and file:// paths. */
export function parsePath(input: string): Bag {
  let s = input;
  let scheme = '';
  const sm = /^([A-Za-z][A-Za-z0-9+.-]+):\/\//.exec(s);
  if (sm) { scheme = sm[1]!; s = s.slice(sm[0].length); }
  const root = /^[A-Za-z]:/.exec(s)?.[0] ?? '';
  const cut = Math.max(s.lastIndexOf('/'), s.lastIndexOf('\\'));
  const dir = cut < 0 ? '' : s.slice(0, cut);
  let file = cut < 0 ? s.slice(root.length) : s.slice(cut + 1);
  let ads = '';
  const colon = file.indexOf(':');
  if (colon >= 0) { ads = file.slice(colon + 1); file = file.slice(0, colon); }
  const dot = file.lastIndexOf('.');
  const dirName = dir.slice(Math.max(dir.lastIndexOf('/'), dir.lastIndexOf('\\')) + 1);
  return {
    Scheme: scheme, RootPath: root, DirectoryPath: dir, DirectoryName: dirName, Filename: file,
    Extension: dot < 0 ? '' : file.slice(dot + 1), AlternateDataStreamName: ads,
  };
}

/** Splits a command line with the Windows (CommandLineToArgvW) rules. */
export function parseWindowsCommandLine(cmd: string): string[] {
  const args: string[] = [];
  const n = cmd.length;
  let i = 0;
  while (i < n && /\s/.test(cmd[i]!)) i++;
  if (i >= n) return args;
  // The program name: quoted up to the next quote, else up to white space; backslashes are literal.
  let prog = '';
  if (cmd[i] === '"') { i++; while (i < n && cmd[i] !== '"') prog += cmd[i++]; i++; }
  else while (i < n && !/\s/.test(cmd[i]!)) prog += cmd[i++];
  args.push(prog);
  for (;;) {
    while (i < n && /\s/.test(cmd[i]!)) i++;
    if (i >= n) return args;
    let arg = '';
    let quoted = false;
    while (i < n && (quoted || !/\s/.test(cmd[i]!))) {
      let slashes = 0;
      while (cmd[i] === '\\') { slashes++; i++; }
      if (cmd[i] === '"') {
        arg += '\\'.repeat(slashes >> 1);
        if (slashes % 2 === 1) { arg += '"'; i++; continue; }
        if (quoted && cmd[i + 1] === '"') { arg += '"'; i += 2; continue; }
        quoted = !quoted; i++;
        continue;
      }
      arg += '\\'.repeat(slashes);
      if (i < n && (quoted || !/\s/.test(cmd[i]!))) arg += cmd[i++];
    }
    args.push(arg);
  }
}

/** Strict base64 (standard alphabet, padded); null when malformed. */
export function base64Bytes(s: string): Buffer | null {
  const t = s.trim();
  if (t.length % 4 !== 0 || !/^[A-Za-z0-9+/]*={0,2}$/.test(t)) return null;
  return Buffer.from(t, 'base64');
}

const utf8Strict = new TextDecoder('utf-8', { fatal: true });

function guidFromBytes(b: Uint8Array): string {
  const o = [b[3], b[2], b[1], b[0], b[5], b[4], b[7], b[6], ...b.subarray(8)].map((x) => x!.toString(16).padStart(2, '0')).join('');
  return `${o.slice(0, 8)}-${o.slice(8, 12)}-${o.slice(12, 16)}-${o.slice(16, 20)}-${o.slice(20)}`;
}

/** A small JSONPath: $, .name, ['name'], ["name"], [index] (negative counts from the end). */
export function jsonPathSelect(root: DynamicValue, path: string): DynamicValue | undefined {
  const p = path.trim();
  if (!p.startsWith('$')) return undefined;
  let cur: DynamicValue | undefined = root;
  const step = /\.([^.[\]]+)|\[\s*(?:'((?:[^'\\]|\\.)*)'|"((?:[^"\\]|\\.)*)"|(-?\d+))\s*\]/y;
  step.lastIndex = 1;
  while (step.lastIndex < p.length) {
    const m = step.exec(p);
    if (!m || cur === undefined || cur === null || typeof cur !== 'object') return undefined;
    if (m[4] !== undefined) {
      if (!Array.isArray(cur)) return undefined;
      const k = Number(m[4]);
      cur = cur[k < 0 ? cur.length + k : k];
    } else {
      if (Array.isArray(cur)) return undefined;
      const key = m[1] ?? (m[2] ?? m[3]!).replace(/\\(.)/g, '$1');
      cur = Object.prototype.hasOwnProperty.call(cur, key) ? cur[key] : undefined;
    }
  }
  return cur;
}

const extractJson = (name: string): ScalarKernel => kernel(name, (t, consts) => {
  const type = t.length > 2 ? typeFromConst(consts[2]) ?? 'string' : 'string';
  return (path, json) => {
    let doc: DynamicValue;
    const src = text(json, t[1]);
    try { doc = JSON.parse(src) as DynamicValue; } catch { return type === 'string' ? '' : null; }
    const v = jsonPathSelect(doc, text(path, t[0]));
    if (v === undefined || v === null) return type === 'string' ? '' : null;
    if (type === 'dynamic') return v;
    const s = typeof v === 'string' ? v : jsonText(v);
    return type === 'string' ? s : convertText(s, type);
  };
});

export const kernels: ScalarKernel[] = [
  kernel('parse_url', (t) => (s) => parseUrl(text(s, t[0]))),
  kernel('parse_urlquery', (t) => (s) => ({ 'Query Parameters': parseQuery(text(s, t[0])) })),
  kernel('parse_path', (t) => (s) => parsePath(text(s, t[0]))),
  kernel('parse_command_line', (t) => (s, kind) =>
    (text(kind, t[1]).toLowerCase() === 'windows' ? parseWindowsCommandLine(text(s, t[0])) : null)),
  kernel('url_encode', (t) => (s) => urlEncode(text(s, t[0]), true)),
  kernel('url_encode_component', (t) => (s) => urlEncode(text(s, t[0]), false)),
  kernel('url_decode', (t) => (s) => urlDecode(text(s, t[0]))),
  kernel('base64_encode_tostring', (t) => (s) => Buffer.from(text(s, t[0]), 'utf8').toString('base64')),
  kernel('base64_decode_tostring', (t) => (s) => {
    const b = base64Bytes(text(s, t[0]));
    if (!b) return '';
    try { return utf8Strict.decode(b); } catch { return ''; }
  }),
  kernel('base64_decode_toarray', (t) => (s) => {
    const b = base64Bytes(text(s, t[0]));
    return b ? Array.from(b) : null;
  }),
  kernel('base64_encode_fromarray', () => (arr) => {
    if (!Array.isArray(arr)) return '';
    const bytes = arr.map((x) => (typeof x === 'number' ? x : NaN));
    if (bytes.some((x) => !Number.isInteger(x) || x < 0 || x > 255)) return '';
    return Buffer.from(bytes).toString('base64');
  }),
  kernel('base64_decode_toguid', (t) => (s) => {
    const b = base64Bytes(text(s, t[0]));
    return b && b.length === 16 ? guidFromBytes(b) : null;
  }),
  kernel('base64_encode_fromguid', () => (g: Value) =>
    (typeof g === 'string' && g !== '' ? Buffer.from(guidBytes(g)).toString('base64') : '')),
  extractJson('extract_json'),
];

// ---- Punycode (RFC 3492) ---------------------------------------------------------------------------------

const BASE = 36, TMIN = 1, TMAX = 26, SKEW = 38, DAMP = 700;

function adapt(delta: number, points: number, first: boolean): number {
  let d = first ? Math.floor(delta / DAMP) : delta >> 1;
  d += Math.floor(d / points);
  let k = 0;
  while (d > ((BASE - TMIN) * TMAX) >> 1) { d = Math.floor(d / (BASE - TMIN)); k += BASE; }
  return k + Math.floor(((BASE - TMIN + 1) * d) / (d + SKEW));
}

const digit = (d: number): string => String.fromCharCode(d < 26 ? 97 + d : 22 + d);

/** Punycode of a label (no xn-- prefix); '' when it cannot be encoded. */
export function punycodeEncode(input: string): string {
  const cps = Array.from(input, (c) => c.codePointAt(0)!);
  let out = cps.filter((c) => c < 0x80).map((c) => String.fromCharCode(c)).join('');
  const basic = out.length;
  let h = basic;
  if (basic > 0) out += '-';
  let n = 0x80, delta = 0, bias = 72;
  while (h < cps.length) {
    const m = Math.min(...cps.filter((c) => c >= n));
    if ((m - n) * (h + 1) > Number.MAX_SAFE_INTEGER - delta) return '';
    delta += (m - n) * (h + 1);
    n = m;
    for (const c of cps) {
      if (c < n) delta++;
      if (c !== n) continue;
      let q = delta;
      for (let k = BASE; ; k += BASE) {
        const t = k <= bias ? TMIN : k >= bias + TMAX ? TMAX : k - bias;
        if (q < t) break;
        out += digit(t + ((q - t) % (BASE - t)));
        q = Math.floor((q - t) / (BASE - t));
      }
      out += digit(q);
      bias = adapt(delta, h + 1, h === basic);
      delta = 0;
      h++;
    }
    delta++; n++;
  }
  return out;
}

/** Decodes a punycode label (no xn-- prefix); null when malformed. */
export function punycodeDecode(input: string): string | null {
  const cut = input.lastIndexOf('-');
  const out: number[] = [];
  for (const ch of cut > 0 ? input.slice(0, cut) : '') {
    if (ch.charCodeAt(0) >= 0x80) return null;
    out.push(ch.charCodeAt(0));
  }
  let n = 0x80, i = 0, bias = 72;
  for (let pos = cut > 0 ? cut + 1 : 0; pos < input.length;) {
    const oldi = i;
    let w = 1;
    for (let k = BASE; ; k += BASE) {
      if (pos >= input.length) return null;
      const c = input.charCodeAt(pos++);
      const d = c >= 48 && c <= 57 ? c - 22 : c >= 65 && c <= 90 ? c - 65 : c >= 97 && c <= 122 ? c - 97 : -1;
      if (d < 0) return null;
      i += d * w;
      const t = k <= bias ? TMIN : k >= bias + TMAX ? TMAX : k - bias;
      if (d < t) break;
      w *= BASE - t;
      if (i > 0x10ffff * (out.length + 1)) return null;
    }
    bias = adapt(i - oldi, out.length + 1, oldi === 0);
    n += Math.floor(i / (out.length + 1));
    i %= out.length + 1;
    if (n > 0x10ffff || (n >= 0xd800 && n <= 0xdfff)) return null;
    out.splice(i++, 0, n);
  }
  return String.fromCodePoint(...out);
}

/** Applies label() to each label of a domain (IDNA separators . 。 ． ｡); '' when a label fails. */
const domainMap = (s: string, label: (l: string) => string | null): string => {
  const labels = s.split(/[.\u3002\uff0e\uff61]/).map(label);
  return labels.some((l) => l === null) ? '' : labels.join('.');
};

// ---- gzip / zlib over base64 ------------------------------------------------------------------------------

/** Decompressed output is capped so a small "zip bomb" argument cannot exhaust memory. */
const MAX_INFLATED = 64 * 1024 * 1024;

function decompressBase64(s: string, inflate: typeof gunzipSync): string {
  const b = base64Bytes(s);
  if (!b || b.length === 0) return '';
  try { return utf8Strict.decode(inflate(b, { maxOutputLength: MAX_INFLATED })); } catch { return ''; }
}

/** Fastest compression, but a stored (uncompressed) block when compressing would not shrink the input — what
 *  Kusto emits for short inputs (docs: gzip/zlib_compress_to_base64_string of "1234567890qwertyuiop"). */
function compressed(data: Buffer, compress: typeof gzipSync, overhead: number): Buffer {
  const fast = compress(data, { level: 1 });
  return fast.length - overhead >= data.length ? compress(data, { level: 0 }) : fast;
}

function gzipBase64(s: string): string {
  const out = compressed(Buffer.from(s, 'utf8'), gzipSync, 18);
  out[8] = 0; out[9] = 0xff; // header as .NET writes it: no XFL hint, OS "unknown"
  return out.toString('base64');
}

kernels.push(
  kernel('gzip_compress_to_base64_string', (t) => (s) => gzipBase64(text(s, t[0]))),
  kernel('gzip_decompress_from_base64_string', (t) => (s) => decompressBase64(text(s, t[0]), gunzipSync)),
  kernel('zlib_compress_to_base64_string', (t) => (s) => compressed(Buffer.from(text(s, t[0]), 'utf8'), deflateSync, 6).toString('base64')),
  kernel('zlib_decompress_from_base64_string', (t) => (s) => decompressBase64(text(s, t[0]), inflateSync)),
);

// Kusto's naming: punycode_domain_from_string decodes an xn-- domain, punycode_domain_to_string encodes one.
kernels.push(
  kernel('punycode_from_string', (t) => (s) => punycodeEncode(text(s, t[0]))),
  kernel('punycode_to_string', (t) => (s) => punycodeDecode(text(s, t[0])) ?? ''),
  kernel('punycode_domain_from_string', (t) => (s) => domainMap(text(s, t[0]), (l) =>
    (/^xn--/i.test(l) ? punycodeDecode(l.slice(4)) : l))),
  kernel('punycode_domain_to_string', (t) => (s) => domainMap(text(s, t[0]), (l) =>
    (/^[\x00-\x7f]*$/.test(l) ? l : 'xn--' + punycodeEncode(l)))),
);
