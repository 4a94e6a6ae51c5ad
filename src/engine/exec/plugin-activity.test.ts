import { test } from 'node:test';
import assert from 'node:assert/strict';
import { runQuery, type TableSource } from '../index.js';
import { Table } from '../../table/index.js';
import { formatDatetime } from '../../kql/types/index.js';
import { Timeline } from './plugin-timeline.js';
import { activityCountsMetrics, activityEngagement, activeUsersCount, MAX_OUTPUT_ROWS, slidingWindowCounts, type ActRow } from './plugin-activity.js';

const none: TableSource = { tableSchema: () => undefined, tableNames: () => [], load: async () => Table.empty([]) };
const run = async (q: string) => {
  const r = await runQuery(q, none, { now: '2026-01-01T00:00:00Z', timeoutMs: 5000 });
  return { cols: r.table.columns.map((c) => `${c.name}:${c.type}`), rows: r.table.rows() };
};
const code = async (q: string) => {
  try { await run(q); } catch (e) { return (e as { code?: string }).code; }
  return 'no error';
};
const D = 864_000_000_000;
const days = (rows: unknown[][]) => rows.map((r) => formatDatetime(r[0] as bigint).slice(0, 10));

test('calendar steps: month windows follow startofmonth, week windows start on Sunday', () => {
  const origin = 15_000n * BigInt(D); // 2011-01-26, a Wednesday
  const months = new Timeline('datetime', origin, 'month', 70 * D, 't');
  assert.deepEqual(months.starts.map((s) => formatDatetime(origin + BigInt(s)).slice(0, 10)), ['2011-01-01', '2011-02-01', '2011-03-01', '2011-04-01']);
  const weeks = new Timeline('datetime', origin, 'week', 10 * D, 't');
  assert.deepEqual(weeks.starts.map((s) => formatDatetime(origin + BigInt(s)).slice(0, 10)), ['2011-01-23', '2011-01-30']);
  assert.equal(weeks.window(8 * D), 1);
  assert.equal(weeks.window(11 * D), -1);
});

test('activity plugins accept week/month steps on datetime timelines', async () => {
  const r = await run(`datatable(u:string, t:datetime)['a', datetime(2024-01-03), 'b', datetime(2024-02-10), 'a', datetime(2024-02-20)]
    | evaluate activity_counts_metrics(u, t, datetime(2024-01-01), datetime(2024-02-29), 'month')`);
  assert.deepEqual(days(r.rows), ['2024-01-01', '2024-02-01']);
  assert.deepEqual(r.rows.map((x) => x.slice(1)), [[1n, 1n, 1n, 1n], [2n, 2n, 1n, 2n]]);
});

test('bad or unbounded windows raise coded runtime errors instead of hanging', async () => {
  const t = `datatable(u:string, t:datetime)['a', datetime(2024-01-03)]`;
  assert.equal(await code(`${t} | evaluate activity_counts_metrics(u, t, datetime(2024-01-01), datetime(2024-02-01), 0d)`), 'KQL3014');
  assert.equal(await code(`${t} | evaluate activity_counts_metrics(u, t, datetime(2024-01-01), datetime(2024-02-01), 'fortnight')`), 'KQL3014');
  assert.equal(await code(`${t} | evaluate sliding_window_counts(u, t, datetime(1900-01-01), datetime(2200-01-01), 7d, 1s)`), 'KQL3011');
  assert.equal(await code(`${t} | evaluate rolling_percentile(u, 50, t, 1d, 0)`), 'KQL2005');
  assert.equal(await code(`datatable(v:long, t:datetime)[1, datetime(2024-01-03)] | evaluate rolling_percentile(v, 50, t, 1d, 0)`), 'KQL3014');
  assert.equal(await code(`datatable(v:long, t:datetime)[1, datetime(2024-01-03)] | evaluate rolling_percentile(v, 150, t, 1d, 2)`), 'KQL3014');
  assert.equal(await code(`${t} | evaluate activity_counts_metrics(u, t, datetime(2024-01-01))`), 'KQL2004');
  assert.equal(await code(`${t} | evaluate active_users_count(u, t, datetime(2024-01-01), datetime(2024-01-09), 0d, 1d, 2, 7d)`), 'KQL3014');
});

test('activity_metrics without Start/End takes the range from the data; empty input gives no rows', async () => {
  const r = await run(`datatable(u:long, t:datetime)[1, datetime(2024-01-02), 2, datetime(2024-01-02), 2, datetime(2024-01-03)]
    | evaluate activity_metrics(u, t, 1d)`);
  assert.deepEqual(r.cols, ['t:datetime', 'dcount_values:long', 'dcount_newvalues:long', 'retention_rate:real', 'churn_rate:real']);
  assert.deepEqual(r.rows.map((x) => x.slice(1)), [[2n, 2n, NaN, NaN], [1n, 0n, 0.5, 0.5]]);
  const e = await run(`datatable(u:long, t:datetime)[] | evaluate activity_metrics(u, t, 1d)`);
  assert.equal(e.rows.length, 0);
});

test('rolling_percentile keeps the value type and slices by dimensions', async () => {
  const r = await run(`datatable(v:real, i:long, k:string)[1.5, 0, 'a', 2.5, 1, 'a', 9.0, 10, 'a', 4.0, 0, 'b']
    | evaluate rolling_percentile(v, 100, i, 5, 2, k)`);
  assert.deepEqual(r.cols, ['i:long', 'k:string', 'rolling_2_percentile_v_100:real']);
  assert.deepEqual(r.rows, [[0n, 'a', 2.5], [10n, 'a', 9], [0n, 'b', 4]]);
});

test('active_users_count counts an appearance when the lookback (t - window, t] holds enough periods', () => {
  const tl = new Timeline('number', 0, 10, 29, 't');
  const row = (id: string, t: number): ActRow => ({ id, t, n: 1, dims: [], dimKey: '' });
  // x: 0, 4, 8 → three periods of 4 within (8 - 9, 8]; y: 0, 9 → 9 - 9 excludes 0
  const rows = [row('x', 0), row('x', 4), row('x', 8), row('y', 0), row('y', 9), row('y', 21)];
  assert.deepEqual(activeUsersCount(tl, rows, 9, 4, 2), [[0, 1]]);
  assert.deepEqual(activeUsersCount(tl, rows, 13, 4, 2), [[0, 2], [20, 1]]);
});

test('activity_engagement: inner distinct ids over the outer window ending with it', () => {
  const tl = new Timeline('number', 0, 1, 2.5, 't');
  const row = (id: string, t: number): ActRow => ({ id, t, n: 1, dims: [], dimKey: '' });
  const rows = [row('a', 0), row('b', 0), row('a', 1), row('c', 2.5)];
  assert.deepEqual(activityEngagement(tl, rows, 1, 2), [[0, 2, 2, 1], [1, 1, 2, 0.5], [2, 1, 2, 0.5]]);
});

test('rows outside Start..End are left out; windows bin rows by time of day (sliding_window_counts)', async () => {
  const r = await run(`datatable(u:string, t:datetime)['z', datetime(2017-07-31 12:00), 'a', datetime(2017-08-01 10:00),
      'b', datetime(2017-08-02 23:00), 'c', datetime(2017-08-04 05:00)]
    | evaluate sliding_window_counts(u, t, datetime(2017-08-01), datetime(2017-08-04), 2d, 1d)`);
  assert.deepEqual(days(r.rows), ['2017-08-01', '2017-08-02', '2017-08-03']);
  assert.deepEqual(r.rows.map((x) => x.slice(1)), [[1n, 1n], [2n, 2n], [1n, 1n]]);
});

test('numeric timelines work like time ones (windows Start, Start + step, …)', async () => {
  const r = await run(`datatable(u:string, t:long)['a', 0, 'b', 3, 'a', 6, 'c', 9, 'd', 12]
    | evaluate activity_counts_metrics(u, t, 0, 9, 5)`);
  assert.deepEqual(r.cols, ['t:long', 'count:long', 'dcount:long', 'new_dcount:long', 'aggregated_dcount:long']);
  assert.deepEqual(r.rows, [[0n, 2n, 2n, 2n, 2n], [5n, 2n, 2n, 1n, 3n]]);
});

test('binding errors: columns must exist and not be dynamic; the scalar count is checked', async () => {
  assert.equal(await code(`datatable(u:dynamic, t:datetime)[dynamic(1), datetime(2024-01-01)] | evaluate activity_metrics(u, t, 1d)`), 'KQL2005');
  assert.equal(await code(`datatable(u:string, t:string)['a', 'b'] | evaluate activity_metrics(u, t, 1d)`), 'KQL2005');
  assert.equal(await code(`datatable(u:string, t:datetime)['a', datetime(2024-01-01)] | evaluate activity_metrics(nope, t, 1d)`), 'KQL2005');
  assert.equal(await code(`datatable(u:string, t:datetime)['a', datetime(2024-01-01)] | evaluate sliding_window_counts(u, t, 1d)`), 'KQL2004');
});

test('sliding_window_counts jumps over empty stretches and matches a window-by-window count', () => {
  const tl = new Timeline('number', 0, 1, 999, 't');
  const row = (id: string, t: number): ActRow => ({ id, t, n: 1, dims: [], dimKey: '' });
  const rows = [row('a', 0), row('b', 1), row('a', 500), row('c', 502), row('a', 998)];
  const got = slidingWindowCounts(tl, rows, 3);
  const want: unknown[][] = [];
  for (let w = 0; w <= 999; w++) {
    const inWin = rows.filter((r) => r.t > w - 3 && r.t <= w);
    if (inWin.length) want.push([w, inWin.length, new Set(inWin.map((r) => r.id)).size]);
  }
  assert.deepEqual(got, want);
});

test('many dimension combinations over many windows stay cheap (sparse windows) and output is bounded', () => {
  const tl = new Timeline('number', 0, 1, 99_999, 't');
  const rows: ActRow[] = Array.from({ length: 20_000 }, (_, i) => ({ id: `u${i % 7}`, t: i * 5, n: 1, dims: [i], dimKey: String(i) }));
  assert.equal(activityCountsMetrics(tl, rows).length, 20_000);
  assert.equal(activeUsersCount(tl, rows, 10, 1, 1).length, 20_000);
  assert.ok(MAX_OUTPUT_ROWS >= 1_000_000);
});
