#!/usr/bin/env node
// kqlite side of the IOC-sweep benchmark: loads the workspace and runs one KQL query, printing rows/s, MB/s and
// peak RSS. Usage: node bench/query-bench.mjs --data DIR --iocs DIR [--query sweep|ip|count] [--workers N] [--cache DIR] (after
// `npm run build`). cpuSec is the whole process (main thread, load workers, GC threads): compare it on a busy machine.
import { statSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { openWorkspace } from '../dist/index.js';

const args = Object.fromEntries(process.argv.slice(2).reduce((a, v, i, arr) => (v.startsWith('--') && a.push([v.slice(2), arr[i + 1]]), a), []));
const data = args.data ?? '/tmp/kqb/data';
const iocs = args.iocs ?? data;
const kind = args.query ?? 'sweep';
const list = (f) => readFileSync(join(iocs, f), 'utf8').split('\n').filter(Boolean);
const lit = (xs) => xs.map((x) => JSON.stringify(x)).join(', ');
const queries = {
  count: 'DeviceNetworkEvents | count',
  ip: `DeviceNetworkEvents | where RemoteIP in (${lit(list('ioc-ips-10000.txt'))}) | count`,
  sweep: `DeviceNetworkEvents | where RemoteIP in (${lit(list('ioc-ips-10000.txt'))}) or RemoteUrl has_any (${lit(list('ioc-domains-10000.txt'))}) | count`,
};
const q = queries[kind];
if (!q) throw new Error(`unknown --query ${kind}`);
const bytes = readdirSync(data).filter((f) => /\.(ndjson|jsonl|json|csv)$/.test(f)).reduce((s, f) => s + statSync(join(data, f)).size, 0);
const workers = { ...(args.workers !== undefined ? { workers: Number(args.workers) } : {}), ...(args.cache ? { cacheDir: args.cache } : {}) };
const t0 = process.hrtime.bigint();
const c0 = process.cpuUsage();
const ws = await openWorkspace([data], workers);
const t1 = process.hrtime.bigint();
const r = await ws.query(q, { maxRows: 10 });
const t2 = process.hrtime.bigint();
const cpu = process.cpuUsage(c0);
const rows = ws.reports().reduce((s, x) => s + x.loaded, 0);
const sec = Number(t2 - t0) / 1e9;
console.log(JSON.stringify({
  query: kind, result: r.rows[0]?.[0], rows, MB: +(bytes / 1e6).toFixed(1), openSec: +(Number(t1 - t0) / 1e9).toFixed(2),
  totalSec: +sec.toFixed(2), cpuSec: +((cpu.user + cpu.system) / 1e6).toFixed(2), ...workers, rowsPerSec: Math.round(rows / sec), MBPerSec: +(bytes / 1e6 / sec).toFixed(1),
  peakRssMiB: Math.round(process.resourceUsage().maxRSS / 1024),
}));
