// `search` over a workspace: every table with data (not the empty built-in schemas), or the tables `in (…)` names
// with wildcards; each result row is tagged with its table in $table.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { openWorkspace } from '../src/index.js';

const ws = join(new URL('.', import.meta.url).pathname, 'fixtures/nanocore-ws');

test('search over the workspace: tables with data only, wildcard table lists, $table first', async () => {
  const w = await openWorkspace([ws]);
  const all = await w.query('search "68.134.58.120" | summarize n = count() by $table | order by $table asc');
  const tables = all.rows.map((r) => r[0] as string);
  assert.deepEqual(tables, ['CommonSecurityLog', 'DeviceNetworkEvents', 'DnsEvents']);
  for (const t of tables) assert.ok(w.dataTables().includes(t), t);
  const one = await w.query('search in (Dns*) "net883.com" | project $table');
  assert.ok(one.rows.length > 0 && one.rows.every((r) => r[0] === 'DnsEvents'));
  const full = await w.query('search in (DnsEvents) "net883.com" | take 1');
  assert.equal(full.columns[0]!.name, '$table');
  const direct = await w.query('DnsEvents | where * has "net883.com" | count');
  const viaSearch = await w.query('search in (DnsEvents) "net883.com" | count');
  assert.deepEqual(viaSearch.rows, direct.rows);
});
