// The three hunts from the Nanocore write-up, verbatim, over NDJSON exports of CommonSecurityLog,
// DeviceNetworkEvents and DnsEvents: exactly the rows, order and column types Kusto gives.
// Expected rows are derived by hand from the KQL docs: `in` is an exact, case-sensitive match; `has_any` is a term
// (phrase) match, so "net883.com.evil.org" and "www.NET883.com" hit while "xnet883.com" and "algerium.iox.com" do not.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { openWorkspace } from '../src/index.js';

const dir = new URL('./fixtures/', import.meta.url).pathname;
const hunt = (f: string) => readFileSync(`${dir}nanocore-hunts/${f}`, 'utf8');

test('CommonSecurityLog: both directions, exact IP, newest first', async () => {
  const ws = await openWorkspace([`${dir}nanocore-ws`]);
  const r = await ws.query(hunt('csl-ips.kql'));
  assert.deepEqual(r.columns, [
    { name: 'TimeGenerated', type: 'datetime' }, { name: 'SourceIP', type: 'string' }, { name: 'DestinationIP', type: 'string' },
    { name: 'DestinationPort', type: 'int' }, { name: 'DeviceAction', type: 'string' }, { name: 'Activity', type: 'string' },
  ]);
  assert.deepEqual(r.rows, [
    ['2026-05-23T11:30:00.1234567Z', '68.134.58.120', '10.1.2.3', 3389, 'deny', 'TRAFFIC'],
    ['2026-05-23T10:00:00.0000000Z', '10.1.2.3', '68.134.58.120', 54984, 'allow', 'TRAFFIC'],
    ['2026-05-22T08:15:00.0000000Z', '10.1.2.3', '68.134.58.120', 443, 'allow', 'TRAFFIC'],
  ]);
});

test('DeviceNetworkEvents: RemoteIP only (not LocalIP, not the IPv4-mapped form), 100 ns exact', async () => {
  const ws = await openWorkspace([`${dir}nanocore-ws`]);
  const r = await ws.query(hunt('dne-ips.kql'));
  assert.deepEqual(r.columns.map((c) => `${c.name}:${c.type}`), [
    'Timestamp:datetime', 'DeviceName:string', 'RemoteIP:string', 'RemotePort:int', 'InitiatingProcessFileName:string', 'ActionType:string',
  ]);
  assert.deepEqual(r.rows, [
    ['2026-05-23T10:05:00.0000000Z', 'ws-finance-07.contoso.local', '68.134.58.120', 443, 'svchost.exe', 'ConnectionFailed'],
    ['2026-05-23T10:00:01.5000000Z', 'ws-finance-07.contoso.local', '68.134.58.120', 54984, 'nanocore.exe', 'ConnectionSuccess'],
    ['2026-05-21T23:59:59.9999999Z', 'srv-db-01.contoso.local', '68.134.58.120', 54984, 'nanocore.exe', 'ConnectionSuccess'],
  ]);
});

test('DnsEvents: has_any is a term match, case-insensitive', async () => {
  const ws = await openWorkspace([`${dir}nanocore-ws`]);
  const r = await ws.query(hunt('dns-domains.kql'));
  assert.deepEqual(r.columns.map((c) => `${c.name}:${c.type}`), [
    'TimeGenerated:datetime', 'Computer:string', 'Name:string', 'IPAddresses:string', 'QueryType:string',
  ]);
  assert.deepEqual(r.rows, [
    ['2026-05-23T10:16:00.0000000Z', 'ws-finance-07.contoso.local', 'ALGERIUM.IO', '', 'MX'],
    ['2026-05-23T10:13:00.0000000Z', 'srv-db-01.contoso.local', 'sub.algerium.io.', '198.51.100.20', 'AAAA'],
    ['2026-05-23T10:12:00.0000000Z', 'ws-hr-02.contoso.local', 'net883.com.evil.org', '203.0.113.8', 'A'],
    ['2026-05-23T10:10:00.0000000Z', 'ws-finance-07.contoso.local', 'www.NET883.com', '68.134.58.120', 'A'],
    ['2026-05-23T09:59:58.0000000Z', 'ws-finance-07.contoso.local', 'net883.com', '68.134.58.120', 'A'],
  ]);
});

test('only the columns the hunt reads are loaded', async () => {
  const ws = await openWorkspace([`${dir}nanocore-ws`]);
  const out = await ws.queryTable(hunt('dns-domains.kql'));
  assert.equal(out.table.rowCount, 5);
});
