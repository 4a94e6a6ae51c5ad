import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { delimitedRecords, externalFormat, readExternalFile } from './external.js';
import { findExternalFile, readWorkspaceConfig } from './config.js';
import { openWorkspace } from '../index.js';

const dir = () => mkdtempSync(join(tmpdir(), 'kqlite-ext-'));
const S = [{ name: 'ip', type: 'string' as const }, { name: 'n', type: 'long' as const }];

test('delimited records: quotes, embedded delimiters/newlines, CRLF, blank lines, record start lines', () => {
  const recs = [...delimitedRecords('a,b\r\n"x,1","multi\nline"\n\n"q""uote",\n', ',')];
  assert.deepEqual(recs, [
    { fields: ['a', 'b'], line: 1 },
    { fields: ['x,1', 'multi\nline'], line: 2 },
    { fields: ['q"uote', ''], line: 5 },
  ]);
  assert.deepEqual([...delimitedRecords('a\tb', '\t')], [{ fields: ['a', 'b'], line: 1 }]);
});

test('format: with(format=…) wins, else the extension (.gz stripped), else csv', () => {
  assert.equal(externalFormat('x.csv', { format: 'TSV' }), 'tsv');
  assert.equal(externalFormat('x.json.gz', {}), 'json');
  assert.equal(externalFormat('x.dat', {}), 'csv');
});

test('csv by position with ignoreFirstRecord; bad values and extra fields are reported with file:line', () => {
  const d = dir();
  const f = join(d, 'l.csv');
  writeFileSync(f, 'ip,n\n1.1.1.1,5\n2.2.2.2,notanumber\n3.3.3.3\n4.4.4.4,1,extra\n');
  const r = readExternalFile(f, S, { ignoreFirstRecord: 'true' });
  assert.deepEqual(r.table.rows(), [['1.1.1.1', 5n], ['2.2.2.2', null], ['3.3.3.3', null]]);
  assert.deepEqual(r.warnings, [`${f}:3: n: "notanumber" is not a valid long; stored as null`, `${f}:5: 3 fields, the declared schema has 2; record skipped`]);
});

test('json array, multijson (objects over several lines), txt lines and gzip', () => {
  const d = dir();
  writeFileSync(join(d, 'a.json'), '[{"ip":"1.1.1.1","n":1},{"IP":"2.2.2.2"}]');
  assert.deepEqual(readExternalFile(join(d, 'a.json'), S, {}).table.rows(), [['1.1.1.1', 1n], ['2.2.2.2', null]]);
  writeFileSync(join(d, 'm.txt'), '{"ip":"a",\n "n":2}\n{"ip":"b","n":3}');
  assert.deepEqual(readExternalFile(join(d, 'm.txt'), S, { format: 'multijson' }).table.rows(), [['a', 2n], ['b', 3n]]);
  writeFileSync(join(d, 'l.txt'), 'evil.com\nbad.org\n');
  assert.deepEqual(readExternalFile(join(d, 'l.txt'), [{ name: 'd', type: 'string' }], {}).table.rows(), [['evil.com'], ['bad.org']]);
  writeFileSync(join(d, 'g.csv.gz'), gzipSync('x,7\n'));
  assert.deepEqual(readExternalFile(join(d, 'g.csv.gz'), S, {}).table.rows(), [['x', 7n]]);
  assert.throws(() => readExternalFile(join(d, 'a.json'), S, { format: 'parquet' }), /RDR4008|not supported offline/);
});

test('kqlite.json externaldata map: relative paths, SAS query strings ignored on lookup, bad sections rejected', () => {
  const d = dir();
  writeFileSync(join(d, 'kqlite.json'), JSON.stringify({ externaldata: { 'https://h/x.csv?sig=1': 'x.csv' } }));
  const m = readWorkspaceConfig(d).external;
  assert.equal(findExternalFile(m, 'https://h/x.csv?sig=2'), join(d, 'x.csv'));
  assert.equal(findExternalFile(m, 'https://h/y.csv'), undefined);
  writeFileSync(join(d, 'kqlite.json'), JSON.stringify({ externaldata: ['x'] }));
  assert.throws(() => readWorkspaceConfig(d), /must be an object/);
});

test('externaldata end to end: a mapped URL runs, the file is not also a table, an unmapped URL is KQL3015', async () => {
  const d = dir();
  writeFileSync(join(d, 'bad-ips.csv'), '10.0.0.1,3\n10.0.0.9,4\n');
  writeFileSync(join(d, 'kqlite.json'), JSON.stringify({ externaldata: { 'https://intel.example/bad-ips.csv': 'bad-ips.csv' } }));
  const ws = await openWorkspace([d]);
  assert.ok(!ws.dataTables().includes('bad_ips') && !ws.dataTables().includes('bad-ips'));
  const r = await ws.query('externaldata (ip:string, n:long) ["https://intel.example/bad-ips.csv"] | where n > 3');
  assert.deepEqual(r.rows, [['10.0.0.9', 4]]);
  await assert.rejects(ws.query('externaldata (ip:string) ["https://other.example/x.csv"]'), (e: { code?: string; message?: string }) =>
    e.code === 'KQL3015' && /kqlite\.json/.test(e.message ?? ''));
});
