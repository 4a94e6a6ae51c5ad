// has_any / has_all / in / in~ / !in over loaded string columns (evaluated once per distinct value through the
// loader's dictionary codes) give exactly the rows the same query gives over an inline datatable (no codes).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openWorkspace } from '../src/index.js';

const URLS = ['https://net883.com/a', 'http://x.NET883.com', 'https://xnet883.com', 'algerium.io', 'ALGERIUM.IO', '', 'https://ok.org/net883'];

test('dictionary-coded columns: list predicates match the datatable answers', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'kqlite-dict-'));
  try {
    const rows = Array.from({ length: 3000 }, (_, i) => ({ RemoteUrl: URLS[i % URLS.length], RemoteIP: `10.0.0.${i % 5}` }));
    writeFileSync(join(dir, 'DeviceNetworkEvents.ndjson'), rows.map((r) => JSON.stringify(r)).join('\n') + '\n');
    const ws = await openWorkspace([dir]);
    const inline = `datatable(RemoteUrl:string, RemoteIP:string) [${rows.map((r) => `${JSON.stringify(r.RemoteUrl)}, ${JSON.stringify(r.RemoteIP)}`).join(', ')}]`;
    const preds = [
      'RemoteUrl has_any ("net883.com", "algerium.io")',
      'RemoteUrl has_all ("net883", "com")',
      'RemoteIP in ("10.0.0.1", "10.0.0.3")',
      'RemoteIP !in ("10.0.0.1")',
      'RemoteUrl in~ ("algerium.io", "HTTPS://XNET883.COM")',
      'RemoteUrl !in~ ("algerium.io")',
    ];
    for (const p of preds) {
      const q = (src: string) => `${src} | where ${p} | summarize n = count() by RemoteUrl, RemoteIP | order by RemoteUrl asc, RemoteIP asc`;
      const a = await ws.query(q('DeviceNetworkEvents'));
      const b = await ws.query(q(inline));
      assert.deepEqual(a.rows, b.rows, p);
      assert.ok(a.rows.length > 0, p);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('a mostly-unique string column over 65,536 rows loads every value (the dictionary is dropped, nothing is lost)', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'kqlite-dict-'));
  try {
    const n = 140_000;
    writeFileSync(join(dir, 'DnsEvents.ndjson'), Array.from({ length: n }, (_, i) => `{"Name":"host${i}.example.org","IPAddresses":"10.${i % 250}.0.1"}`).join('\n') + '\n');
    const ws = await openWorkspace([dir]);
    const r = await ws.query('DnsEvents | summarize total = count(), empty = countif(isempty(Name)), hit = countif(Name has "host99999.example.org"), ips = dcount(IPAddresses)');
    assert.deepEqual(r.rows, [[n, 0, 1, 250]]);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
