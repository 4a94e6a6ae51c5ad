import { test } from 'node:test';
import assert from 'node:assert/strict';
import { FlatJsonExtractor, latin1 } from './flat-json.js';

function run(ex: FlatJsonExtractor, line: string): Record<string, unknown> | false {
  const buf = Buffer.from(line, 'utf8');
  const out: Record<string, unknown> = {};
  return ex.extract(latin1(buf, 0, buf.length), buf, 0, buf.length, out) ? out : false;
}

const VALID = [
  '{"a":"x","b":1,"c":true}',
  '{ "a" : "sp aced" , "b" : -1.5e3 , "c" : null }',
  '{"a":"esc \\"quoted\\" \\\\ back \\n nl \\u00e9","b":0}',
  '{"a":"café ☕ 𝄞","b":2}',
  '{"a":"ends with backslash \\\\","b":3}',
  '{"b":9007199254740993,"a":"big"}',
  '{}',
  '{"a":"dup","a":"last wins"}',
  '{"other":"x\\"y","a":"after escaped quote"}\r',
];

test('flat-json: wanted fields equal JSON.parse on flat lines, whatever the key order', () => {
  const ex = new FlatJsonExtractor(new Set(['a', 'b']));
  for (const line of VALID) {
    const got = run(ex, line);
    assert.notEqual(got, false, line);
    const full = JSON.parse(line.replace(/9007199254740993/, '"BIG"')) as Record<string, unknown>;
    const want: Record<string, unknown> = {};
    for (const k of ['a', 'b']) if (k in full) want[k] = full[k] === 'BIG' ? 9007199254740993n : full[k];
    assert.deepEqual(got, want, line);
  }
});

test('flat-json: all fields when no projection is given', () => {
  const ex = new FlatJsonExtractor(undefined);
  assert.deepEqual(run(ex, '{"x":1,"y":"two","z":false}'), { x: 1, y: 'two', z: false });
});

test('flat-json: anything but a well-formed flat object goes to JSON.parse', () => {
  const ex = new FlatJsonExtractor(new Set(['a']));
  for (const line of [
    '{"a":1,"n":{"x":1}}', '{"a":[1,2]}', '{"a":1,}', '{"a":1', '{not json}', '{"a":1}{"a":2}', '[1,2]', '"str"',
    '{"a":tru}', '{"a":01x}', '{"a" 1}', '{"a":"unterminated}', '{"k\\"ey":1}', 'garbage', '{"a":1} trailing',
  ]) assert.equal(run(ex, line), false, line);
});

test('flat-json: key order memo survives lines with different key orders', () => {
  const ex = new FlatJsonExtractor(new Set(['a', 'b']));
  assert.deepEqual(run(ex, '{"a":1,"b":2}'), { a: 1, b: 2 });
  assert.deepEqual(run(ex, '{"b":3,"a":4}'), { a: 4, b: 3 });
  assert.deepEqual(run(ex, '{"ab":5,"b":6}'), { b: 6 });
  assert.deepEqual(run(ex, '{"a":7}'), { a: 7 });
});
