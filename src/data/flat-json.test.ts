import { test } from 'node:test';
import assert from 'node:assert/strict';
import { FlatJsonExtractor, latin1 } from './flat-json.js';
import { parseLine } from './ndjson-reader.js';

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

test('flat-json: fields not requested are validated too (escapes, numbers, literals)', () => {
  const ex = new FlatJsonExtractor(new Set(['a']));
  for (const other of ['"bad \\x escape"', '"bad \\u12G4"', '"trailing \\"', '1.2.3', '01', '-', '1.', '1e', '+1', '.5', 'nul', 'truee', 'True'])
    assert.equal(run(ex, `{"a":1,"b":${other}}`), false, other);
  for (const other of ['"ok \\" \\\\ \\/ \\b \\f \\n \\r \\t \\u00e9"', '-0', '0.5', '1e5', '-1.25E-3', 'true', 'false', 'null', '""'])
    assert.deepEqual(run(ex, `{"a":1,"b":${other}}`), { a: 1 }, other);
});

test('flat-json: the key template adapts to lines with other keys, order or spacing', () => {
  const ex = new FlatJsonExtractor(new Set(['a', 'c']));
  assert.deepEqual(run(ex, '{"a":"x","b":2,"c":3}'), { a: 'x', c: 3 });
  assert.deepEqual(run(ex, '{"a":"y","b":2,"c":4}'), { a: 'y', c: 4 });
  assert.deepEqual(run(ex, '{"a":"z", "b" : 2 ,"c":5 }'), { a: 'z', c: 5 });
  assert.deepEqual(run(ex, '{"a":"w","c":6}'), { a: 'w', c: 6 });
  assert.deepEqual(run(ex, '{"a":"v","b":2,"c":7,"d":8}'), { a: 'v', c: 7 });
  assert.equal(run(ex, '{"a":"v","b":2,"c":7,}'), false);
  assert.equal(run(ex, '{"a":"v","b":2,"c":7'), false);
});

test('raw control characters inside strings: taken as they are on both paths (fast path and JSON.parse)', () => {
  const ex = new FlatJsonExtractor(new Set(['a']));
  assert.deepEqual(run(ex, '{"a":"tab\there","b":1}'), { a: 'tab\there' });
  assert.deepEqual(parseLine('{"a":"tab\there","n":{"x":"cr\rlf"}}', 7), { line: 7, record: { a: 'tab\there', n: { x: 'cr\rlf' } } });
  assert.deepEqual(parseLine('{"a":\t"tab outside strings is whitespace"}', 8), { line: 8, record: { a: 'tab outside strings is whitespace' } });
  const bad = parseLine('{"a":"x\t", oops}', 9);
  assert.ok('error' in bad && /^invalid JSON: /.test(bad.error), JSON.stringify(bad));
});
