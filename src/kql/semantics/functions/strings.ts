// Signatures of the string, regex, parsing/encoding and hashing functions (kernels in engine/functions/
// strings.ts, regex.ts, text-parse.ts, hashing.ts). Parameter kinds mirror Microsoft's analyzer.
import { parseTypeName } from '../../types/index.js';
import type { ScalarType, Value } from '../../types/index.js';
import type { ReturnRule, ScalarFunctionSig } from '../function-sig.js';

/** What an argument position accepts. */
type Param =
  | 'scalar'   // any scalar (converted with tostring where text is needed)
  | 'string'   // string only
  | 'strdyn'   // string or dynamic
  | 'int'      // int or long
  | 'number'   // int, long, real or decimal
  | 'notdyn'   // any scalar but dynamic
  | 'dynarr'   // a dynamic (array)
  | 'intarr'   // int, long or dynamic array of them
  | 'guid'
  | 'type';    // a typeof(...) literal

const INT: readonly ScalarType[] = ['int', 'long'];
const NUM: readonly ScalarType[] = ['int', 'long', 'real', 'decimal'];

function check(kind: Param, t: ScalarType): string | undefined {
  switch (kind) {
    case 'string': return t === 'string' ? undefined : 'a value of type string expected';
    case 'strdyn': return t === 'string' || t === 'dynamic' ? undefined : 'the expression must have one of the types: string or dynamic';
    case 'int': return INT.includes(t) ? undefined : 'the expression value must be an integer';
    case 'number': return NUM.includes(t) ? undefined : 'the expression value must be a number';
    case 'notdyn': return t === 'dynamic' ? 'the value of type dynamic is not allowed in this context' : undefined;
    case 'dynarr': return t === 'dynamic' ? undefined : 'the expression value must be a dynamic array';
    case 'intarr': return INT.includes(t) || t === 'dynamic' ? undefined : 'the expression value must be an integer or a dynamic array of integers';
    case 'guid': return t === 'guid' ? undefined : 'a value of type guid expected';
    default: return undefined;
  }
}

/** Type name of a typeof() constant argument, as the binder passes it ('int' or 'typeof(int)'). */
export function typeOfConst(v: Value | undefined): ScalarType | undefined {
  if (typeof v !== 'string') return undefined;
  const m = /^\s*typeof\s*\(\s*(\w+)\s*\)\s*$/i.exec(v);
  return parseTypeName(m ? m[1]! : v.trim());
}

/** A signature whose arguments are checked against `params` (the last one repeats for variadic functions;
 *  a function picks the list by argument count). */
function sig(name: string, paramsFor: readonly Param[] | ((n: number) => readonly Param[]), minArgs: number, maxArgs: number,
  result: ScalarType | ((args: readonly ScalarType[], consts: readonly (Value | undefined)[]) => ScalarType | { error: string }),
  extra: Partial<ScalarFunctionSig> = {}): ScalarFunctionSig {
  const returns: ReturnRule = (args, consts) => {
    const params = typeof paramsFor === 'function' ? paramsFor(args.length) : paramsFor;
    for (let i = 0; i < args.length; i++) {
      const why = check(params[Math.min(i, params.length - 1)]!, args[i]!);
      if (why) return { error: `argument ${i + 1}: ${why}` };
    }
    return typeof result === 'string' ? result : result(args, consts);
  };
  return { name, minArgs, maxArgs, returns, derivesName: true, ...extra };
}

/** extract()/extract_json() with an optional typeof() argument at index i. */
const typedBy = (i: number) => (args: readonly ScalarType[], consts: readonly (Value | undefined)[]): ScalarType | { error: string } => {
  if (args.length <= i) return 'string';
  return typeOfConst(consts[i]) ?? { error: 'the last argument must be a typeof() literal' };
};

const countofKind = (args: readonly ScalarType[], consts: readonly (Value | undefined)[]): ScalarType | { error: string } => {
  if (args.length < 3 || consts[2] === undefined) return 'long';
  const k = String(consts[2]).toLowerCase();
  return k === 'normal' || k === 'regex' ? 'long' : { error: 'kind must be one of the values: normal or regex' };
};

export const signatures: ScalarFunctionSig[] = [
  sig('strlen', ['strdyn'], 1, 1, 'long'),
  sig('substring', ['scalar', 'int', 'int'], 2, 3, 'string'),
  sig('strcat', ['scalar'], 1, 64, 'string'),
  sig('strcat_delim', ['scalar'], 3, 65, 'string'),
  sig('split', ['scalar', 'string', 'int'], 2, 3, 'dynamic'),
  sig('replace_string', ['string', 'string', 'string'], 3, 3, 'string'),
  sig('replace_strings', ['string', 'dynarr', 'dynarr'], 3, 3, 'string'),
  sig('replace_regex', ['string', 'string', 'string'], 3, 3, 'string'),
  sig('replace', ['string', 'string', 'string'], 3, 3, 'string'),
  sig('trim', ['string', 'string'], 2, 2, 'string'),
  sig('trim_start', ['string', 'string'], 2, 2, 'string'),
  sig('trim_end', ['string', 'string'], 2, 2, 'string'),
  sig('indexof', ['scalar', 'scalar', 'int', 'int', 'int'], 2, 5, 'long'),
  sig('indexof_regex', ['scalar', 'scalar', 'int', 'int', 'int'], 2, 5, 'long'),
  sig('countof', ['string', 'string', 'string'], 2, 3, countofKind),
  sig('extract', ['string', 'int', 'string', 'type'], 3, 4, typedBy(3)),
  sig('extract_all', (n) => (n === 2 ? ['string', 'string'] : ['string', 'dynarr', 'string']), 2, 3, 'dynamic'),
  sig('extract_json', ['string', 'strdyn', 'type'], 2, 3, typedBy(2), { aliases: ['extractjson'] }),
  sig('regex_quote', ['scalar'], 1, 1, 'string'),
  sig('tolower', ['scalar'], 1, 1, 'string'),
  sig('toupper', ['scalar'], 1, 1, 'string'),
  sig('strrep', ['scalar', 'int', 'scalar'], 2, 3, 'string'),
  sig('reverse', ['scalar'], 1, 1, 'string'),
  sig('strcmp', ['scalar', 'scalar'], 2, 2, 'long'),
  sig('string_size', ['strdyn'], 1, 1, 'long'),
  sig('translate', ['string', 'string', 'string'], 3, 3, 'string'),
  sig('isascii', ['scalar'], 1, 1, 'bool'),
  sig('isutf8', ['scalar'], 1, 1, 'bool'),
  sig('has_any_index', ['strdyn', 'dynarr'], 2, 2, 'long'),
  sig('unicode_codepoints_from_string', ['scalar'], 1, 1, 'dynamic'),
  sig('unicode_codepoints_to_string', ['intarr'], 1, Infinity, 'string'),
  sig('make_string', ['intarr'], 1, Infinity, 'string'),
  sig('to_utf8', ['scalar'], 1, 1, 'dynamic'),
  sig('format_bytes', ['number', 'number', 'string'], 1, 3, 'string'),
  sig('punycode_from_string', ['string'], 1, 1, 'string'),
  sig('punycode_to_string', ['string'], 1, 1, 'string'),
  sig('punycode_domain_from_string', ['string'], 1, 1, 'string'),
  sig('punycode_domain_to_string', ['string'], 1, 1, 'string'),
  sig('parse_url', ['string'], 1, 1, 'dynamic', { aliases: ['parseurl'] }),
  sig('parse_urlquery', ['string'], 1, 1, 'dynamic', { aliases: ['parseurlquery'] }),
  sig('parse_path', ['string'], 1, 1, 'dynamic'),
  sig('parse_command_line', ['scalar', 'string'], 2, 2, 'dynamic'),
  sig('url_encode', ['string'], 1, 1, 'string'),
  sig('url_encode_component', ['string'], 1, 1, 'string'),
  sig('url_decode', ['string'], 1, 1, 'string'),
  sig('base64_encode_tostring', ['string'], 1, 1, 'string', { aliases: ['base64_encodestring'] }),
  sig('base64_decode_tostring', ['string'], 1, 1, 'string', { aliases: ['base64_decodestring'] }),
  sig('base64_decode_toarray', ['string'], 1, 1, 'dynamic'),
  sig('base64_encode_fromarray', ['dynarr'], 1, 1, 'string'),
  sig('base64_decode_toguid', ['string'], 1, 1, 'guid'),
  sig('base64_encode_fromguid', ['guid'], 1, 1, 'string'),
  sig('gzip_compress_to_base64_string', ['string'], 1, 1, 'string'),
  sig('gzip_decompress_from_base64_string', ['string'], 1, 1, 'string'),
  sig('zlib_compress_to_base64_string', ['string'], 1, 1, 'string'),
  sig('zlib_decompress_from_base64_string', ['string'], 1, 1, 'string'),
  sig('hash', ['notdyn', 'int'], 1, 2, 'long'),
  sig('hash_xxhash64', ['notdyn', 'int'], 1, 2, 'long'),
  sig('hash_sha256', ['notdyn'], 1, 1, 'string'),
  sig('hash_sha1', ['notdyn'], 1, 1, 'string'),
  sig('hash_md5', ['notdyn'], 1, 1, 'string'),
];
