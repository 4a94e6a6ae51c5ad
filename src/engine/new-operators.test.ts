import { test } from 'node:test';
import assert from 'node:assert/strict';
import { runQuery, analyzeQuery, type TableSource } from './index.js';
import { Table } from '../table/index.js';

const none: TableSource = { tableSchema: () => undefined, tableNames: () => [], load: async () => Table.empty([]) };
const run = async (q: string) => {
  const r = await runQuery(q, none, { now: '2026-01-01T00:00:00Z' });
  return { cols: r.table.columns.map((c) => `${c.name}:${c.type}`), rows: r.table.rows() };
};

test('mv-apply runs the subquery per row and keeps the other columns', async () => {
  const r = await run('datatable(k:string, a:dynamic)["x", dynamic([3,1,2]), "y", dynamic([])] | mv-apply v = a to typeof(long) on (top 2 by v)');
  assert.deepEqual(r.cols, ['k:string', 'a:dynamic', 'v:long']);
  assert.deepEqual(r.rows.map((x) => x[2]), [3n, 2n]);
});

test('make-series fills empty bins with the default and returns the axis', async () => {
  const r = await run('datatable(t:datetime, n:long)[datetime(2024-01-01), 1, datetime(2024-01-03), 5] | make-series s=sum(n) default=-1 on t from datetime(2024-01-01) to datetime(2024-01-04) step 1d');
  assert.deepEqual(r.cols, ['s:dynamic', 't:dynamic']);
  assert.deepEqual(r.rows[0]![0], [1, -1, 5]);
  assert.deepEqual(r.rows[0]![1], ['2024-01-01T00:00:00.0000000Z', '2024-01-02T00:00:00.0000000Z', '2024-01-03T00:00:00.0000000Z']);
});

test('evaluate bag_unpack and pivot take their columns from the data', async () => {
  const b = await run('datatable(d:dynamic)[dynamic({"b":"x","a":1})] | evaluate bag_unpack(d, "p_")');
  assert.deepEqual(b.cols, ['p_a:long', 'p_b:string']);
  const p = await run('datatable(k:string, c:string)["a","x","a","y","a","x"] | evaluate pivot(c)');
  assert.deepEqual(p.cols, ['k:string', 'x:long', 'y:long']);
  assert.deepEqual(p.rows, [['a', 2n, 1n]]);
  const a = analyzeQuery('datatable(d:dynamic)[dynamic({"a":1})] | evaluate bag_unpack(d)', none);
  assert.equal(a.diagnostics[0]?.code, 'KQL2017');
});

test('deep nesting gives a diagnostic, not a stack overflow', () => {
  const a = analyzeQuery('print ' + '('.repeat(5000) + '1', none);
  assert.equal(a.diagnostics[0]?.code, 'KQL1010');
  const b = analyzeQuery('print 1' + '+1'.repeat(30000), none);
  assert.ok(b.diagnostics.some((d) => d.severity === 'error'));
});

test('named arguments and project-by-names', async () => {
  const f = await run('let f = (a:long, b:long = 10, c:long = 0) { a * 100 + b + c }; print f(c=7, a=1)');
  assert.deepEqual(f.rows, [[117n]]);
  const p = await run('datatable(Name:string, City:string, Country:string)["a","b","c"] | project-by-names "C*"');
  assert.deepEqual(p.cols, ['City:string', 'Country:string']);
});

test('scan: cumulative state and match ids across sequences', async () => {
  const c = await run('range x from 1 to 4 step 1 | scan declare (s:long=0) with (step a: true => s = x + a.s;)');
  assert.deepEqual(c.rows.map((r) => r[1]), [1n, 3n, 6n, 10n]);
  const m = await run(`datatable(e:string)["Start","x","Stop","y","Start","Stop"]
    | scan with_match_id=id with (step s1: e == "Start"; step s2: e == "Stop";)`);
  assert.deepEqual(m.rows, [['Start', 0n], ['Stop', 0n], ['Start', 1n], ['Stop', 1n]]);
});

test('partition by runs the subquery per key', async () => {
  const r = await run('range x from 1 to 6 step 1 | extend k = x % 2 | partition by k (summarize n = count(), m = max(x))');
  assert.deepEqual(r.rows, [[3n, 5n], [3n, 6n]]);
});

test('geo: sphere distance, circles, geohash round trip, point in polygon', async () => {
  const r = await run(`print d = geo_distance_2points(-122.407628, 47.578557, -118.275287, 34.019056),
    c = geo_point_in_circle(-122.143564, 47.535677, -122.100896, 47.527351, 3500),
    h = geo_point_to_geohash(-80.195829, 25.802215, 8), bad = geo_point_to_geohash(200, 1, 8),
    p = geo_point_in_polygon(1, 2, dynamic({"type":"Polygon","coordinates":[[[0,0],[10,0],[10,10],[0,10],[0,0]]]}))`);
  const [d, c, h, bad, p] = r.rows[0]!;
  assert.ok(Math.abs((d as number) - 1546754.35197381) < 1e-6);
  assert.deepEqual([c, h, bad, p], [true, 'dhwfz15h', '', true]);
});

test('top-nested keeps the top groups per parent level', async () => {
  const r = await run('datatable(s:string, c:string, n:long)["a","x",1,"a","y",2,"b","x",3,"a","x",5,"c","z",1] | top-nested 2 of s by sum(n), top-nested 1 of c by count()');
  assert.deepEqual(r.cols, ['s:string', 'aggregated_s:long', 'c:string', 'aggregated_c:long']);
  assert.deepEqual(r.rows, [['a', 8n, 'x', 2n], ['b', 3n, 'x', 1n]]);
});

test('evaluate ipv4_lookup picks the containing range; return_unmatched keeps misses', async () => {
  const q = (extra: string) => `let L = datatable(net:string, who:string)["10.0.0.0/8","big","10.1.0.0/16","small"];
    datatable(ip:string)["10.1.2.3","10.9.9.9","8.8.8.8"] | evaluate ipv4_lookup(L, ip, net${extra})`;
  const r = await run(q(''));
  assert.deepEqual(r.rows, [['10.1.2.3', '10.1.0.0/16', 'small'], ['10.9.9.9', '10.0.0.0/8', 'big']]);
  const u = await run(q(', return_unmatched = true'));
  assert.deepEqual(u.rows[2], ['8.8.8.8', '', '']);
});

test('evaluate schema_merge unions getschema outputs and flags contradicting orders', async () => {
  const q = (opt: string) => `let a = datatable(U:string, H:int)[] | getschema; let b = datatable(U:string, R:string, H:int)[] | getschema;
    union a, b | evaluate schema_merge(${opt})`;
  assert.deepEqual((await run(q('PreserveOrder = false'))).rows.map((r) => r.slice(0, 2)), [['U', 0n], ['R', 1n], ['H', 2n]]);
  assert.deepEqual((await run(q(''))).rows.map((r) => r.slice(0, 2)), [['U', 0n], ['R', 1n], ['H', -1n]]);
});

test('multi-value functions expand to columns (series_stats, series_fit_line)', async () => {
  const r = await run('print y = dynamic([2, 4, 6, 8]) | extend (rsq, slope, v, rv, icpt, fit) = series_fit_line(y) | project series_stats(y), slope, icpt');
  assert.deepEqual(r.cols.slice(0, 3), ['series_stats_y_min:real', 'series_stats_y_min_idx:long', 'series_stats_y_max:real']);
  const row = r.rows[0]!;
  assert.deepEqual([row[0], row[1], row[2], row[7], row[8]], [2, 0n, 8, 2, 0]);
});
