// The shared reader suite: the same logical records written as NDJSON, JSON, CSV and CEF load to the same values.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { openCatalog } from './index.js';
import { FIXTURES, plainRows } from './test-helpers.js';

const COLUMNS = ['TimeGenerated', 'DeviceVendor', 'DeviceProduct', 'DeviceVersion', 'DeviceEventClassID', 'Activity', 'LogSeverity',
  'SourceIP', 'DestinationIP', 'SourcePort', 'DestinationPort', 'ReceivedBytes', 'DeviceAction', 'RequestURL', 'Message',
  'DeviceCustomString1', 'DeviceCustomString1Label', 'Computer'];

const EXPECTED = [
  { TimeGenerated: '2026-05-23T10:00:00.0000000Z', DeviceVendor: 'Palo Alto Networks', DeviceProduct: 'PAN-OS', DeviceVersion: '10.1',
    DeviceEventClassID: 'end', Activity: 'TRAFFIC|end', LogSeverity: '3', SourceIP: '10.0.0.5', DestinationIP: '203.0.113.7',
    SourcePort: 51234, DestinationPort: 443, ReceivedBytes: 1234567890123, DeviceAction: 'allow', RequestURL: 'https://net883.com/a?b=c',
    Message: 'user login ok = yes', DeviceCustomString1: 'Rule 7', DeviceCustomString1Label: 'Rule Name', Computer: 'fw01' },
  { TimeGenerated: '2026-05-23T10:00:01.5000000Z', DeviceVendor: 'Fortinet', DeviceProduct: 'FortiGate', DeviceVersion: '7.2',
    DeviceEventClassID: '13', Activity: 'forward traffic', LogSeverity: '5', SourceIP: '10.0.0.6', DestinationIP: '198.51.100.9',
    SourcePort: 40000, DestinationPort: 80, ReceivedBytes: 0, DeviceAction: 'deny', RequestURL: '',
    Message: 'path C:\\temp\\x', DeviceCustomString1: '', DeviceCustomString1Label: '', Computer: 'fw02' },
  { TimeGenerated: '2026-05-23T10:00:02.0000000Z', DeviceVendor: 'Zscaler', DeviceProduct: 'NSSWeblog', DeviceVersion: '5.0',
    DeviceEventClassID: '1', Activity: 'Blocked', LogSeverity: '8', SourceIP: '10.0.0.7', DestinationIP: '192.0.2.1',
    SourcePort: 1, DestinationPort: 8080, ReceivedBytes: 42, DeviceAction: 'block', RequestURL: 'http://x.example/p q',
    Message: 'multi word message with spaces', DeviceCustomString1: 'a=b', DeviceCustomString1Label: 'Pair', Computer: 'proxy1' },
];

for (const format of ['ndjson', 'json', 'csv', 'cef']) {
  test(`shared suite: ${format} loads the reference records with their schema types`, async () => {
    const cat = await openCatalog([join(FIXTURES, 'shared', format)], { strict: true, year: 2026 });
    assert.deepEqual(cat.tableNames(), ['CommonSecurityLog']);
    const t = await cat.load('CommonSecurityLog', { columns: COLUMNS });
    assert.deepEqual(t.schema.map((c) => c.name), COLUMNS);
    assert.equal(t.column('SourcePort')!.type, 'int');
    assert.equal(t.column('ReceivedBytes')!.type, 'long');
    assert.equal(t.column('ReceivedBytes')!.values[0], 1234567890123n);
    assert.equal(t.column('TimeGenerated')!.values[1], 17795304015000000n);
    assert.deepEqual(plainRows(t), EXPECTED);
    const [r] = cat.reports();
    assert.equal(r!.read, 3);
    assert.equal(r!.loaded, 3);
    assert.equal(r!.rejected + r!.nulled + r!.warnings, 0);
  });

  test(`shared suite: ${format} gives the same rows with projection and without`, async () => {
    const cat = await openCatalog([join(FIXTURES, 'shared', format)], { year: 2026 });
    const some = await cat.load('CommonSecurityLog', { columns: ['DestinationIP', 'Message'] });
    const all = await cat.load('CommonSecurityLog');
    assert.equal(all.columns.length, cat.schema('CommonSecurityLog')!.length);
    assert.deepEqual(plainRows(some), EXPECTED.map((e) => ({ DestinationIP: e.DestinationIP, Message: e.Message })));
    assert.equal(all.rowCount, 3);
    // cached columns are shared, not re-read
    assert.equal(all.column('Message')!.values, some.column('Message')!.values);
    assert.equal(cat.reports()[0]!.read, 3);
  });
}
