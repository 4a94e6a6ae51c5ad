#!/usr/bin/env node
// Load benchmark for src/data: opens a workspace and loads a few (or all) columns of one table.
// Usage: node --import tsx bench/load-bench.mjs DIR TABLE [COL,COL,...|all] [WORKERS] (WORKERS=1: single-threaded)
// Data: node /work/shared/bench/gen-network-events.mjs --out /tmp/kqb/data/DeviceNetworkEvents.ndjson (≈1.1 GB, 2M rows);
// CSV: add --csv OUT.csv to convert the NDJSON first (one-off, not timed). Prints rows/s, MB/s, peak RSS.
import { statSync, readdirSync, createReadStream, createWriteStream } from 'node:fs';
import { join } from 'node:path';
import readline from 'node:readline';
import { openCatalog } from '../src/data/index.ts';

const args = process.argv.slice(2);
if (args[0] === '--csv') {
  const [, src, out] = args;
  const rl = readline.createInterface({ input: createReadStream(src), crlfDelay: Infinity });
  const ws = createWriteStream(out);
  let header;
  const q = (v) => { const s = v === null || v === undefined ? '' : String(v); return /[",\r\n]/.test(s) ? '"' + s.replace(/"/g, '""') + '"' : s; };
  for await (const line of rl) {
    const o = JSON.parse(line);
    if (!header) { header = Object.keys(o); ws.write(header.join(',') + '\r\n'); }
    if (!ws.write(header.map((k) => q(o[k])).join(',') + '\r\n')) await new Promise((r) => ws.once('drain', r));
  }
  ws.end();
  await new Promise((r) => ws.on('finish', r));
  process.exit(0);
}
const [dir, table, colsArg = 'Timestamp,RemoteIP,RemoteUrl', workersArg] = args;
const bytes = readdirSync(dir).reduce((a, f) => a + statSync(join(dir, f)).size, 0);
const t0 = performance.now();
const cat = await openCatalog([dir], { onProgress: (m) => process.stderr.write(m + '\n'), ...(workersArg ? { workers: Number(workersArg) } : {}) });
const t1 = performance.now();
const c1 = process.cpuUsage();
const columns = colsArg === 'all' ? undefined : colsArg.split(',');
const t = await cat.load(table, columns ? { columns } : undefined);
const t2 = performance.now();
const c2 = process.cpuUsage(c1);
const secs = (t2 - t1) / 1000;
const r = cat.reports().reduce((a, x) => ({ read: a.read + x.read, rejected: a.rejected + x.rejected, nulled: a.nulled + x.nulled }), { read: 0, rejected: 0, nulled: 0 });
console.log(JSON.stringify({
  table, columns: columns ?? 'all', workers: workersArg ?? 'default', rows: t.rowCount, openMs: Math.round(t1 - t0), loadMs: Math.round(t2 - t1),
  cpuMs: Math.round((c2.user + c2.system) / 1000), rowsPerSec: Math.round(t.rowCount / secs), mbPerSec: +(bytes / 1e6 / secs).toFixed(1), fileMB: +(bytes / 1e6).toFixed(1),
  maxRssMB: Math.round(process.resourceUsage().maxRSS / 1024), ...r,
}));
