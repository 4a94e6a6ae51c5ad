import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { ScalarType, Value } from '../../types/index.js';
import { signatures, typeOfConst } from './strings.js';
import { kernels as stringKernels } from '../../../engine/functions/strings.js';
import { kernels as parseKernels } from '../../../engine/functions/text-parse.js';
import { kernels as hashKernels } from '../../../engine/functions/hashing.js';

const byName = new Map(signatures.map((s) => [s.name, s]));
function typeOf(name: string, args: ScalarType[], consts: (Value | undefined)[] = []) {
  const s = byName.get(name);
  assert.ok(s, name);
  assert.ok(args.length >= s.minArgs && args.length <= s.maxArgs, `${name} arity ${args.length}`);
  return s.returns(args, consts);
}

test('every string signature has exactly one kernel and every kernel a signature', () => {
  const kernelNames = [...stringKernels, ...parseKernels, ...hashKernels].map((k) => k.name);
  assert.equal(new Set(kernelNames).size, kernelNames.length, 'duplicate kernel');
  assert.equal(byName.size, signatures.length, 'duplicate signature');
  assert.deepEqual([...kernelNames].sort(), [...byName.keys()].sort());
});

test('return types match Microsoft analyzer results', () => {
  assert.equal(typeOf('strlen', ['string']), 'long');
  assert.equal(typeOf('substring', ['string', 'int']), 'string');
  assert.equal(typeOf('split', ['string', 'string', 'int']), 'dynamic');
  assert.equal(typeOf('indexof_regex', ['string', 'string']), 'long');
  assert.equal(typeOf('extract', ['string', 'long', 'string']), 'string');
  assert.equal(typeOf('extract', ['string', 'long', 'string', 'string'], [undefined, undefined, undefined, 'int']), 'int');
  assert.equal(typeOf('extract', ['string', 'int', 'string', 'string'], [undefined, undefined, undefined, 'typeof(datetime)']), 'datetime');
  assert.equal(typeOf('extract_json', ['string', 'string', 'string'], [undefined, undefined, 'long']), 'long');
  assert.equal(typeOf('extract_all', ['string', 'string']), 'dynamic');
  assert.equal(typeOf('extract_all', ['string', 'dynamic', 'string']), 'dynamic');
  assert.equal(typeOf('has_any_index', ['string', 'dynamic']), 'long');
  assert.equal(typeOf('base64_decode_toguid', ['string']), 'guid');
  assert.equal(typeOf('hash', ['datetime', 'int']), 'long');
  assert.equal(typeOf('hash_sha256', ['string']), 'string');
  assert.equal(typeOf('isascii', ['string']), 'bool');
  assert.equal(typeOf('to_utf8', ['string']), 'dynamic');
  assert.equal(typeOf('unicode_codepoints_to_string', ['int', 'dynamic', 'long']), 'string');
  assert.equal(byName.get('strcat')!.maxArgs, 64);
  assert.equal(byName.get('strcat_delim')!.minArgs, 3);
});

test('argument type errors as the analyzer reports them', () => {
  const err = (r: unknown) => typeof r === 'object' && r !== null && 'error' in r;
  assert.ok(err(typeOf('strlen', ['int'])));
  assert.ok(err(typeOf('replace_string', ['int', 'string', 'string'])));
  assert.ok(err(typeOf('substring', ['string', 'real'])));
  assert.ok(err(typeOf('extract', ['string', 'real', 'string'])));
  assert.ok(err(typeOf('extract_all', ['string', 'string', 'string'])));
  assert.ok(err(typeOf('extract_all', ['string', 'int'])));
  assert.ok(err(typeOf('hash', ['dynamic'])));
  assert.ok(err(typeOf('countof', ['string', 'string', 'string'], [undefined, undefined, 'fuzzy'])));
  assert.ok(err(typeOf('unicode_codepoints_to_string', ['string'])));
  assert.ok(err(typeOf('format_bytes', ['string'])));
  assert.ok(err(typeOf('extract', ['string', 'long', 'string', 'string'], [])));
  assert.equal(typeOf('countof', ['string', 'string', 'string'], [undefined, undefined, 'Regex']), 'long');
  assert.equal(typeOf('split', ['long', 'string']), 'dynamic');
  assert.equal(typeOf('tolower', ['dynamic']), 'string');
});

test('aliases and typeof constants', () => {
  assert.deepEqual(byName.get('parse_url')!.aliases, ['parseurl']);
  assert.deepEqual(byName.get('extract_json')!.aliases, ['extractjson']);
  assert.equal(typeOfConst('typeof(real)'), 'real');
  assert.equal(typeOfConst('bool'), 'bool');
  assert.equal(typeOfConst(3), undefined);
});
