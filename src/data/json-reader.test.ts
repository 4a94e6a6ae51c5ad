import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { JsonScanner, type Frame } from './json-scan.js';
import { openCatalog } from './index.js';
import { FIXTURES, plainRows } from './test-helpers.js';
import { parseJsonExact } from './json-exact.js';

function scanArray(text: string, chunk: number): { values: [string, number][]; scalars: number[]; broken: string[] } {
  const values: [string, number][] = [], scalars: number[] = [], broken: string[] = [];
  const s = new JsonScanner({
    capture: (stack: readonly Frame[]) => stack.length === 1 && stack[0]!.kind === 'a',
    value: (t, line) => values.push([t, line]),
    scalar: (line) => scalars.push(line),
    broken: (line, m) => broken.push(`${line}: ${m}`),
  });
  for (let i = 0; i < text.length; i += chunk) s.feed(text.slice(i, i + chunk));
  s.end();
  return { values, scalars, broken };
}

test('json scanner: same records and start lines whatever the chunk size', () => {
  const text = '[\n  {"a": "x]}\\"{[", "b": [1, {"c": 2}]},\n  {"a": "y"},\n  7,\n  "s",\n  {"a": "\\\\"}\n]\n';
  const whole = scanArray(text, text.length);
  assert.deepEqual(whole.values.map(([t, l]) => [JSON.parse(t), l]), [[{ a: 'x]}"{[', b: [1, { c: 2 }] }, 2], [{ a: 'y' }, 3], [{ a: '\\' }, 6]]);
  assert.deepEqual(whole.scalars, [4, 5]);
  assert.deepEqual(whole.broken, []);
  for (const n of [1, 2, 3, 7]) assert.deepEqual(scanArray(text, n), whole, `chunk ${n}`);
});

test('json scanner: truncated and mismatched input is reported once with its line', () => {
  assert.deepEqual(scanArray('[\n{"a":1},\n{"a":', 4).broken, ['3: unexpected end of file (unclosed JSON value)']);
  assert.deepEqual(scanArray('[{"a":1}}', 4).broken, ['1: unexpected \'}\'']);
  assert.deepEqual(scanArray('[1]\n[2]', 4).broken, ['2: unexpected text after the end of the JSON value']);
});

test('parseJsonExact keeps big integers exact outside strings only', () => {
  assert.deepEqual(parseJsonExact('{"a":9007199254740993,"s":"9007199254740993","b":[12345678901234567890],"c":1.5}'),
    { a: 9007199254740993n, s: '9007199254740993', b: [12345678901234567890n], c: 1.5 });
  assert.deepEqual(parseJsonExact('{"a":1234567890123456}'), { a: 1234567890123456 });
});

test('json file: Log Analytics API response typed by its own columns, bad values nulled with file:line', async () => {
  const cat = await openCatalog([join(FIXTURES, 'la')]);
  assert.deepEqual(cat.schema('QueryResult'), [
    { name: 'TimeGenerated', type: 'datetime' }, { name: 'Computer', type: 'string' }, { name: 'Count', type: 'long' },
    { name: 'Ratio', type: 'real' }, { name: 'Props', type: 'dynamic' }, { name: 'Ok', type: 'bool' }, { name: 'Small', type: 'int' },
    { name: 'Id', type: 'guid' }, { name: 'Took', type: 'timespan' }, { name: 'Legacy', type: 'long' }]);
  const t = await cat.load('QueryResult');
  assert.deepEqual(plainRows(t), [
    { TimeGenerated: '2026-05-23T10:00:00.0000000Z', Computer: 'host-a', Count: 5, Ratio: 0.25, Props: { a: [1, 2] }, Ok: true, Small: 7,
      Id: '6f1a2b3c-0000-4000-8000-00000000abcd', Took: '00:01:30', Legacy: '9007199254740993' },
    { TimeGenerated: '2026-05-23T11:00:00.1234567Z', Computer: 'host-b', Count: null, Ratio: 1, Props: null, Ok: false, Small: null,
      Id: null, Took: '1.02:00:00', Legacy: 1 },
    { TimeGenerated: null, Computer: 'host-c', Count: 12, Ratio: null, Props: 'plain text', Ok: true, Small: null, Id: null, Took: null, Legacy: 2 },
  ]);
  const [r] = cat.reports();
  assert.equal(r!.format, 'la-response');
  assert.deepEqual([r!.read, r!.loaded, r!.rejected, r!.nulled], [4, 3, 1, 5]);
  assert.match(r!.problems.find((p) => p.kind === 'rejected')!.message, /QueryResult\.json:\d+: row has 2 values, the table has 10 columns$/);
});

test('json file: array of records, one object, broken structure keeps the records before it', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'kqlite-json-'));
  try {
    writeFileSync(join(dir, 'Arr.json'), '[{"a":1,"b":"x"},\n {"a":2,"b":"y"},\n 3,\n {"a":4,"b":{"z":1}}]');
    writeFileSync(join(dir, 'One.json'), '{\n  "a": 1,\n  "b": "only"\n}\n');
    writeFileSync(join(dir, 'Broken.json'), '[\n{"a":1},\n{"a":2},\n{"a":');
    writeFileSync(join(dir, 'Blank.json'), '  \n');
    const cat = await openCatalog([dir]);
    assert.deepEqual(cat.tableNames(), ['Arr', 'Blank', 'Broken', 'One']);
    assert.deepEqual(cat.schema('Arr'), [{ name: 'a', type: 'long' }, { name: 'b', type: 'dynamic' }]);
    assert.deepEqual(plainRows(await cat.load('Arr')), [{ a: 1, b: 'x' }, { a: 2, b: 'y' }, { a: 4, b: { z: 1 } }]);
    assert.deepEqual(plainRows(await cat.load('One')), [{ a: 1, b: 'only' }]);
    assert.deepEqual(plainRows(await cat.load('Broken')), [{ a: 1 }, { a: 2 }]);
    assert.equal((await cat.load('Blank')).rowCount, 0);
    const reps = new Map(cat.reports().map((r) => [r.file.slice(dir.length + 1), r]));
    assert.deepEqual(reps.get('Arr.json')!.problems.map((p) => p.message), [`${join(dir, 'Arr.json')}:3: array element is not a JSON object`]);
    assert.deepEqual(reps.get('Broken.json')!.problems.map((p) => p.message),
      [`${join(dir, 'Broken.json')}:4: invalid JSON: unexpected end of file (unclosed JSON value); the rest of the file is skipped`]);
    for (const r of reps.values()) assert.equal(r.read, r.loaded + r.rejected);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('json shapes: hunting API {Schema, Results}, ADX v1 {Tables}, {"records": [...]} streaming batches', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'kqlite-json-'));
  try {
    writeFileSync(join(dir, 'Hunt.json'), JSON.stringify({
      Stats: { ExecutionTime: 1 }, Schema: [{ Name: 'Timestamp', Type: 'DateTime' }, { Name: 'Count', Type: 'Int64' }, { Name: 'Ok', Type: 'Boolean' }],
      Results: [{ Timestamp: '2026-05-23T10:00:00Z', Count: 3, Ok: true }, { Timestamp: '2026-05-23T11:00:00Z', Count: 4, Ok: false }] }, null, 1));
    writeFileSync(join(dir, 'Adx.json'), JSON.stringify({ Tables: [{ TableName: 'Table_0',
      Columns: [{ ColumnName: 'Name', DataType: 'String' }, { ColumnName: 'N', DataType: 'Int32' }], Rows: [['a', 1], ['b', 2]] }] }));
    const env = (cat: string, p: object) => ({ time: '2026-05-23T10:00:00Z', category: `AdvancedHunting-${cat}`, properties: p });
    writeFileSync(join(dir, 'batch.json'), JSON.stringify({ records: [env('DeviceEvents', { ActionType: 'A' }), env('DeviceLogonEvents', { ActionType: 'L' })] }, null, 2));
    writeFileSync(join(dir, 'lines.ndjson'), JSON.stringify({ records: [env('DeviceEvents', { ActionType: 'B' })] }) + '\n');
    const cat = await openCatalog([dir]);
    assert.deepEqual(cat.tableNames(), ['Adx', 'DeviceEvents', 'DeviceLogonEvents', 'Hunt']);
    assert.deepEqual(cat.schema('Hunt'), [{ name: 'Timestamp', type: 'datetime' }, { name: 'Count', type: 'long' }, { name: 'Ok', type: 'bool' }]);
    assert.deepEqual(plainRows(await cat.load('Hunt')), [
      { Timestamp: '2026-05-23T10:00:00.0000000Z', Count: 3, Ok: true }, { Timestamp: '2026-05-23T11:00:00.0000000Z', Count: 4, Ok: false }]);
    assert.deepEqual(cat.schema('Adx'), [{ name: 'Name', type: 'string' }, { name: 'N', type: 'int' }]);
    assert.deepEqual(plainRows(await cat.load('Adx')), [{ Name: 'a', N: 1 }, { Name: 'b', N: 2 }]);
    assert.deepEqual(plainRows(await cat.load('DeviceEvents', { columns: ['ActionType', 'Timestamp'] })), [
      { ActionType: 'A', Timestamp: '2026-05-23T10:00:00.0000000Z' }, { ActionType: 'B', Timestamp: '2026-05-23T10:00:00.0000000Z' }]);
    assert.deepEqual(plainRows(await cat.load('DeviceLogonEvents', { columns: ['ActionType'] })), [{ ActionType: 'L' }]);
    const labels = Object.fromEntries(cat.reports().map((r) => [r.file.slice(dir.length + 1), r.format]));
    assert.deepEqual(labels, { 'Adx.json': 'la-response', 'Hunt.json': 'hunting-api', 'batch.json': 'defender-stream', 'lines.ndjson': 'defender-stream' });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
