import { test } from 'node:test';
import assert from 'node:assert/strict';
import { appendFileSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openCatalog } from './index.js';
import { cacheStats } from './column-cache.js';
import { plainRows } from './test-helpers.js';

function withDirs(f: (data: string, cache: string) => Promise<void>): () => Promise<void> {
  return async () => {
    const data = mkdtempSync(join(tmpdir(), 'kqlite-cdata-')), cache = mkdtempSync(join(tmpdir(), 'kqlite-cache-'));
    try { await f(data, cache); } finally { rmSync(data, { recursive: true, force: true }); rmSync(cache, { recursive: true, force: true }); }
  };
}

const LINES = [
  '{"Timestamp":"2024-05-01T00:00:00Z","RemoteIP":"10.0.0.1","RemotePort":443,"DeviceName":"a","AdditionalFields":{"x":9007199254740993}}',
  'not json at all',
  '{"Timestamp":"2024-05-01T00:01:00Z","RemoteIP":"10.0.0.2","RemotePort":"http","DeviceName":"b","AdditionalFields":null}',
  '{"Timestamp":"bad time","RemoteIP":"10.0.0.3","RemotePort":80,"DeviceName":"c","Extra":1}',
];
const COLS = ['Timestamp', 'RemoteIP', 'RemotePort', 'AdditionalFields'];

async function loadOnce(data: string, cacheDir?: string, cols = COLS, opts: Record<string, unknown> = {}) {
  const cat = await openCatalog([data], { ...(cacheDir ? { cacheDir } : {}), ...opts });
  const t = await cat.load('DeviceNetworkEvents', { columns: cols });
  return { rows: plainRows(t), reports: cat.reports() };
}

test('column cache: a second load is served from the cache with the same rows, types and report', withDirs(async (data, cache) => {
  writeFileSync(join(data, 'DeviceNetworkEvents.ndjson'), LINES.join('\n') + '\n');
  const plain = await loadOnce(data);
  const h0 = cacheStats.hits, w0 = cacheStats.writes;
  const first = await loadOnce(data, cache);
  assert.equal(cacheStats.writes, w0 + 1);
  assert.equal(cacheStats.hits, h0);
  const second = await loadOnce(data, cache);
  assert.equal(cacheStats.hits, h0 + 1);
  assert.deepEqual(first, plain);
  assert.deepEqual(second, plain);
  // exact long inside dynamic, nulled values and the rejected line all survive the round trip
  assert.deepEqual(second.rows[0]!.AdditionalFields, { x: 9007199254740993n });
  assert.equal(second.reports[0]!.rejected, 1);
  assert.equal(second.reports[0]!.nulled, 2);
}));

test('column cache: a changed file, other columns or other options are new entries (never stale)', withDirs(async (data, cache) => {
  const f = join(data, 'DeviceNetworkEvents.ndjson');
  writeFileSync(f, LINES.join('\n') + '\n');
  await loadOnce(data, cache);
  appendFileSync(f, '{"Timestamp":"2024-05-01T00:02:00Z","RemoteIP":"10.9.9.9","RemotePort":22}\n');
  const after = await loadOnce(data, cache);
  assert.equal(after.rows.length, 4);
  assert.equal(after.rows[3]!.RemoteIP, '10.9.9.9');
  const h = cacheStats.hits;
  await loadOnce(data, cache, ['RemoteIP']);
  assert.equal(cacheStats.hits, h); // a different column set is not the same entry
  assert.equal(readdirSync(cache).filter((n) => n.endsWith('.bin')).length, 3);
}));

test('column cache: a later pass over a file in the same catalog adds only its nulled values, as without a cache', withDirs(async (data, cache) => {
  writeFileSync(join(data, 'DeviceNetworkEvents.ndjson'), LINES.join('\n') + '\n');
  const run = async (cacheDir?: string) => {
    const cat = await openCatalog([data], cacheDir ? { cacheDir } : {});
    await cat.load('DeviceNetworkEvents', { columns: ['RemoteIP'] });
    await cat.load('DeviceNetworkEvents', { columns: ['RemoteIP', 'RemotePort', 'Timestamp'] });
    return cat.reports();
  };
  const plain = await run();
  assert.deepEqual(await run(cache), plain);
  assert.deepEqual(await run(cache), plain); // now from the cache
}));

test('column cache: a damaged entry is ignored and rewritten; strict mode never uses the cache', withDirs(async (data, cache) => {
  writeFileSync(join(data, 'DeviceNetworkEvents.ndjson'), LINES.slice(0, 1).join('\n') + '\n');
  const plain = await loadOnce(data);
  await loadOnce(data, cache);
  for (const n of readdirSync(cache)) writeFileSync(join(cache, n), 'garbage');
  const w = cacheStats.writes;
  assert.deepEqual(await loadOnce(data, cache), plain);
  assert.equal(cacheStats.writes, w + 1);
  const h = cacheStats.hits;
  assert.deepEqual(await loadOnce(data, cache, COLS, { strict: true }), plain);
  assert.equal(cacheStats.hits, h);
}));

test('column cache: the parallel (worker) load path is cached too', withDirs(async (data, cache) => {
  const rows = Array.from({ length: 3000 }, (_, i) => `{"Timestamp":"2024-05-01T00:00:${String(i % 60).padStart(2, '0')}Z","RemoteIP":"10.0.${i % 256}.${i % 7}","RemotePort":${i}}`);
  writeFileSync(join(data, 'DeviceNetworkEvents.ndjson'), rows.join('\n') + '\n');
  const opts = { workers: 2, minParallelBytes: 1024 };
  const plain = await loadOnce(data, undefined, ['RemoteIP', 'RemotePort'], opts);
  await loadOnce(data, cache, ['RemoteIP', 'RemotePort'], opts);
  const h = cacheStats.hits;
  assert.deepEqual(await loadOnce(data, cache, ['RemoteIP', 'RemotePort'], opts), plain);
  assert.equal(cacheStats.hits, h + 1);
  assert.equal(plain.rows.length, 3000);
}));
