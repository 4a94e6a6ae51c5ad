#!/usr/bin/env node
// DuckDB side of the same benchmark, on the same NDJSON file. DuckDB is not a kqlite dependency: install it into a
// scratch folder (`npm install --prefix $DUCK_DIR @duckdb/node-api`) and pass DUCK_DIR.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';

const args = Object.fromEntries(process.argv.slice(2).reduce((a, v, i, arr) => (v.startsWith('--') && a.push([v.slice(2), arr[i + 1]]), a), []));
const file = args.file ?? '/tmp/kqb/data/DeviceNetworkEvents.ndjson';
const iocs = args.iocs ?? '/tmp/kqb/data';
const dir = process.env.DUCK_DIR ?? '/tmp/kqb/duck';
const req = createRequire(dir + '/');
const { DuckDBInstance } = await import(pathToFileURL(req.resolve('@duckdb/node-api')).href);
const list = (f) => readFileSync(join(iocs, f), 'utf8').split('\n').filter(Boolean).map((x) => `'${x.replace(/'/g, "''")}'`).join(',');
const J = `read_json_auto('${file}', format='newline_delimited')`;
const host = "lower(regexp_extract(RemoteUrl, '^(?:[a-z]+://)?([^/:?#]+)', 1))";
const queries = {
  count: `SELECT count(*) FROM ${J}`,
  ip: `SELECT count(*) FROM ${J} WHERE RemoteIP IN (${list('ioc-ips-10000.txt')})`,
  sweep: `SELECT count(*) FROM ${J} WHERE RemoteIP IN (${list('ioc-ips-10000.txt')}) OR ${host} IN (${list('ioc-domains-10000.txt')})`,
};
const kind = args.query ?? 'sweep';
const t0 = process.hrtime.bigint();
const inst = await DuckDBInstance.create(':memory:');
const conn = await inst.connect();
const r = await conn.runAndReadAll(queries[kind]);
const sec = Number(process.hrtime.bigint() - t0) / 1e9;
console.log(JSON.stringify({ engine: 'duckdb', query: kind, result: String(r.getRows()[0][0]), totalSec: +sec.toFixed(2), peakRssMiB: Math.round(process.resourceUsage().maxRSS / 1024) }));
