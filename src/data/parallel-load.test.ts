// The parallel NDJSON path (forced on small files) must give exactly what the single-threaded path gives.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync, rmSync, readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openCatalog, type Catalog, type FileReport, type LoadOptions } from './index.js';
import { parallelStats, plannedWorkers, splitRanges } from './parallel-load.js';
import { FIXTURES } from './test-helpers.js';

const PAR: LoadOptions = { workers: 3, minParallelBytes: 0 };
const COLS = ['Timestamp', 'DeviceName', 'RemoteIP', 'RemotePort', 'RemoteUrl', 'ReportId', 'LocalIP'];

function withDir(f: (dir: string) => Promise<void>): () => Promise<void> {
  return async () => {
    const dir = mkdtempSync(join(tmpdir(), 'kqlite-par-'));
    try { await f(dir); } finally { rmSync(dir, { recursive: true, force: true }); }
  };
}

/** Line i (1-based) of a deterministic DeviceNetworkEvents file, padded to `width` bytes (without the line end). */
function record(i: number, width: number): string {
  const o: Record<string, unknown> = {
    Timestamp: `2026-05-23T10:${String(Math.floor(i / 60) % 60).padStart(2, '0')}:${String(i % 60).padStart(2, '0')}.${i % 1000}Z`,
    DeviceName: `wks-${i % 17}`, RemoteIP: `10.0.${i % 7}.${i % 251}`, RemotePort: i % 131 === 0 ? 'abc' : 443 + (i % 3),
    RemoteUrl: i % 5 === 0 ? `https://ex${i % 11}.example/p?q="${i}"` : '', ReportId: i,
  };
  if (i >= 1500 && i % 500 === 0) o['LateField'] = i; // first seen after the open-time sample: one warning per file
  const s = JSON.stringify(o);
  return s.slice(0, -1) + ' '.repeat(Math.max(0, width - s.length)) + '}';
}

async function loadBoth(dir: string, extra: LoadOptions = {}, cols = COLS): Promise<[Catalog, Catalog]> {
  const serial = await openCatalog([dir], { ...extra, workers: 1 });
  const par = await openCatalog([dir], { ...extra, ...PAR });
  await serial.load('DeviceNetworkEvents', { columns: cols });
  return [serial, par];
}

async function assertSame(serial: Catalog, par: Catalog, cols = COLS): Promise<void> {
  const before = parallelStats.files;
  const a = await serial.load('DeviceNetworkEvents', { columns: cols });
  const b = await par.load('DeviceNetworkEvents', { columns: cols });
  assert.equal(parallelStats.files, before + 1, 'the parallel path ran');
  assert.equal(b.rowCount, a.rowCount);
  for (const c of cols) assert.deepEqual(b.column(c)!.values, a.column(c)!.values, c);
  assert.deepEqual(sorted(par.reports()), sorted(serial.reports()));
}

/** Reports with problems in line order (within a read batch, unknown-field warnings come before the records). */
function sorted(reports: FileReport[]): FileReport[] {
  return reports.map((r) => ({ ...r, problems: [...r.problems].sort((a, b) => a.line - b.line || (a.message < b.message ? -1 : 1)) }));
}

test('parallel: same values, counts and problems (rejected, nulled, unknown field, CRLF, blank, no final newline)', withDir(async (dir) => {
  const lines: string[] = [];
  for (let i = 1; i <= 3000; i++) {
    if (i % 97 === 0) lines.push(`{"Timestamp": broken ${i}`);
    else if (i % 211 === 0) lines.push('');
    else if (i % 301 === 0) lines.push('[1,2]');
    else if (i % 401 === 0) lines.push(record(i, 0).replace('wks-', 'wks-@')); // '@' becomes an invalid UTF-8 byte
    else lines.push(record(i, 0) + (i % 3 === 0 ? '\r' : ''));
  }
  const bytes = Buffer.from(lines.join('\n'));
  for (let k = bytes.indexOf(0x40); k >= 0; k = bytes.indexOf(0x40, k + 1)) bytes[k] = 0xff;
  writeFileSync(join(dir, 'DeviceNetworkEvents.ndjson'), bytes);
  const [serial, par] = await loadBoth(dir);
  await assertSame(serial, par);
  const r = par.reports()[0]!;
  assert.ok(r.problems.length < 100, 'all problems kept (which 100 are kept first depends on read batches)');
  assert.equal(r.nulled, 22);
  assert.equal(r.read, 3000 - 14);
  assert.equal(r.rejected, 30 + 9);
  assert.ok(r.problems.some((p) => p.kind === 'warning' && p.line === 1500 && /"LateField"/.test(p.message)));
  assert.equal(r.problems.filter((p) => /LateField/.test(p.message)).length, 1);
  assert.deepEqual(r.problems.filter((p) => /invalid UTF-8/.test(p.message)).map((p) => p.line), [401, 802, 1203, 1604, 2005, 2406, 2807]);
  const names = (await par.load('DeviceNetworkEvents', { columns: ['DeviceName'] })).column('DeviceName')!.values;
  assert.equal(names.filter((v) => String(v).includes('\ufffd')).length, 7);
  // a second pass over new columns adds their problems only
  await assertSame(serial, par, ['TimeGenerated', 'RemotePort']);
}));

test('parallel: rejected lines on both sides of every range boundary keep their exact line numbers', withDir(async (dir) => {
  const W = 200, N = 2400;
  const path = join(dir, 'DeviceNetworkEvents.ndjson');
  const lines = Array.from({ length: N }, (_, k) => record(k + 1, W));
  writeFileSync(path, lines.join('\n') + '\n');
  const ranges = await splitRanges(path, 3);
  assert.equal(ranges.length, 3);
  assert.deepEqual(ranges.map((g) => g.end), [ranges[1]!.start, ranges[2]!.start, undefined]);
  const firstLines = ranges.map((g) => g.start / (W + 1) + 1);
  assert.ok(firstLines.every(Number.isInteger), 'ranges start at line starts');
  const bad = firstLines.slice(1).flatMap((l) => [l - 1, l]);
  for (const l of bad) lines[l - 1] = `{"oops":${'x'.repeat(W - 9)}}`;
  writeFileSync(path, lines.join('\n') + '\n');
  const cols = ['Timestamp', 'RemoteIP', 'ReportId']; // no nulled values: every rejected line is among the kept problems
  const [serial, par] = await loadBoth(dir, { sampleRows: 10 }, cols);
  await assertSame(serial, par, cols);
  const rejected = par.reports()[0]!.problems.filter((p) => p.kind === 'rejected').map((p) => p.line);
  assert.deepEqual(rejected, bad);
  for (const l of bad) assert.ok(par.reports()[0]!.problems.some((p) => p.message.startsWith(`${path}:${l}: invalid JSON`)));
}));

test('parallel: strict mode throws the same first problem; Defender streaming files route the same', withDir(async (dir) => {
  writeFileSync(join(dir, 'DeviceNetworkEvents.ndjson'), [record(1, 0), record(2, 0), '{bad', record(4, 0)].join('\n'));
  const msg = async (o: LoadOptions) => {
    const c = await openCatalog([dir], { ...o, strict: true });
    return c.load('DeviceNetworkEvents', { columns: COLS }).then(() => 'no error', (e: Error) => e.message);
  };
  assert.match(await msg(PAR), /DeviceNetworkEvents\.ndjson:3: invalid JSON/);
  assert.equal(await msg(PAR), await msg({ workers: 1 }));

  const stream = join(FIXTURES, 'stream');
  const a = await openCatalog([stream], { workers: 1 }), b = await openCatalog([stream], PAR);
  const before = parallelStats.files;
  for (const c of [a, b]) {
    await c.load('DeviceNetworkEvents', { columns: ['Timestamp', 'RemoteIP', 'RemotePort', 'TenantId'] });
    await c.load('DeviceProcessEvents', { columns: ['FileName', 'AdditionalFields'] });
  }
  assert.equal(parallelStats.files, before + 2, 'both tables of the streaming file loaded in parallel');
  assert.deepEqual(sorted(b.reports()), sorted(a.reports()));
  assert.deepEqual((await b.load('DeviceNetworkEvents', { columns: ['RemoteIP'] })).column('RemoteIP')!.values, ['203.0.113.7', '198.51.100.1']);
}));

test('parallel: gzip, small files and one worker stay on the main thread', withDir(async (dir) => {
  const text = Array.from({ length: 50 }, (_, k) => record(k + 1, 0)).join('\n');
  writeFileSync(join(dir, 'DeviceNetworkEvents.ndjson.gz'), gzipSync(text));
  const file = (name: string, size: number) => ({ path: join(dir, name), display: name, format: 'ndjson' as const, label: 'ndjson', tables: ['DeviceNetworkEvents'], routing: false, renames: {}, size });
  const gz = file('DeviceNetworkEvents.ndjson.gz', readFileSync(join(dir, 'DeviceNetworkEvents.ndjson.gz')).length);
  assert.equal(await plannedWorkers(gz, PAR), 1);
  const utf16 = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]);
  writeFileSync(join(dir, 'utf16.ndjson'), utf16);
  assert.equal(await plannedWorkers(file('utf16.ndjson', utf16.length), PAR), 1);
  writeFileSync(join(dir, 'nul.ndjson'), text.replace('wks-', 'wks\u0000'));
  assert.equal(await plannedWorkers(file('nul.ndjson', text.length), PAR), 1);
  writeFileSync(join(dir, 'plain.ndjson'), text);
  const plain = file('plain.ndjson', text.length);
  assert.equal(await plannedWorkers(plain, PAR), 3);
  assert.equal(await plannedWorkers(plain, { workers: 1, minParallelBytes: 0 }), 1);
  assert.equal(await plannedWorkers(plain, { workers: 4 }), 1); // under the default 64 MiB
  assert.equal(await plannedWorkers(plain, { workers: 4, minParallelBytes: text.length / 2 }), 2);
}));
