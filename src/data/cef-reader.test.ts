import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { formatDatetime } from '../kql/types/index.js';
import { parseCefLine, parseExtension, parseSyslogHeader } from './cef-reader.js';
import { openCatalog } from './index.js';
import { FIXTURES, plainRows } from './test-helpers.js';

const time = (t: unknown) => formatDatetime(t as bigint);

test('cef: extension values run to the next key, keep spaces, and unescape \\= \\\\ \\n \\r', () => {
  assert.deepEqual(parseExtension('src=10.0.0.1 msg=hello big world act=drop'), [['src', '10.0.0.1'], ['msg', 'hello big world'], ['act', 'drop']]);
  assert.deepEqual(parseExtension('request=http://a/?x=1&y=2 cs1=a\\=b fname=C:\\\\t\\\\a b.exe msg=l1\\nl2\\r  '),
    [['request', 'http://a/?x=1&y=2'], ['cs1', 'a=b'], ['fname', 'C:\\t\\a b.exe'], ['msg', 'l1\nl2\r']]);
  assert.deepEqual(parseExtension(''), []);
});

test('cef: header fields with \\| and \\\\ map to the CommonSecurityLog columns', () => {
  const r = parseCefLine('CEF:0|Check Point|VPN-1 \\| FW|R81|100|Drop\\\\Reject|7|src=1.2.3.4', 2026);
  assert.ok(typeof r !== 'string');
  assert.equal(r['DeviceVendor'], 'Check Point');
  assert.equal(r['DeviceProduct'], 'VPN-1 | FW');
  assert.equal(r['DeviceVersion'], 'R81');
  assert.equal(r['DeviceEventClassID'], '100');
  assert.equal(r['Activity'], 'Drop\\Reject');
  assert.equal(r['LogSeverity'], '7');
  assert.equal(r['SourceIP'], '1.2.3.4');
  assert.equal(r['TimeGenerated'], null);
});

test('cef: documented key mapping, unknown keys to AdditionalExtensions', () => {
  const r = parseCefLine('CEF:0|V|P|1|2|N|3|src=1.1.1.1 dst=2.2.2.2 spt=1 dpt=2 act=a app=HTTPS request=u requestMethod=GET '
    + 'requestClientApplication=curl dhost=d shost=s suser=su duser=du msg=m proto=TCP cs1=v1 cs1Label=L1 cs6=v6 cn2=5 cn2Label=N2 '
    + 'fname=f fileHash=h filePath=p in=10 out=20 dvchost=dh dvc=9.9.9.9 deviceExternalId=X cat=c outcome=o smac=sm dmac=dm '
    + 'sntdom=sd dntdom=dd spriv=sp dpriv=dp sproc=sp.exe dproc=dp.exe suid=1 duid=2 deviceDirection=1 reason=r externalId=77 '
    + 'flexString1=fs1 deviceInboundInterface=eth0 deviceOutboundInterface=eth1 sourceTranslatedAddress=3.3.3.3 sourceTranslatedPort=33 '
    + 'destinationTranslatedAddress=4.4.4.4 destinationTranslatedPort=44 vendorThing=x y otherKey=z', 2026);
  assert.ok(typeof r !== 'string');
  const expect: Record<string, string> = {
    SourceIP: '1.1.1.1', DestinationIP: '2.2.2.2', SourcePort: '1', DestinationPort: '2', DeviceAction: 'a', ApplicationProtocol: 'HTTPS',
    RequestURL: 'u', RequestMethod: 'GET', RequestClientApplication: 'curl', DestinationHostName: 'd', SourceHostName: 's',
    SourceUserName: 'su', DestinationUserName: 'du', Message: 'm', Protocol: 'TCP', DeviceCustomString1: 'v1', DeviceCustomString1Label: 'L1',
    DeviceCustomString6: 'v6', DeviceCustomNumber2: '5', DeviceCustomNumber2Label: 'N2', FileName: 'f', FileHash: 'h', FilePath: 'p',
    ReceivedBytes: '10', SentBytes: '20', DeviceName: 'dh', DeviceAddress: '9.9.9.9', DeviceExternalID: 'X', DeviceEventCategory: 'c',
    EventOutcome: 'o', SourceMACAddress: 'sm', DestinationMACAddress: 'dm', SourceNTDomain: 'sd', DestinationNTDomain: 'dd',
    SourceUserPrivileges: 'sp', DestinationUserPrivileges: 'dp', SourceProcessName: 'sp.exe', DestinationProcessName: 'dp.exe',
    SourceUserID: '1', DestinationUserID: '2', CommunicationDirection: '1', Reason: 'r', ExtID: '77', FlexString1: 'fs1',
    DeviceInboundInterface: 'eth0', DeviceOutboundInterface: 'eth1', SourceTranslatedAddress: '3.3.3.3', SourceTranslatedPort: '33',
    DestinationTranslatedAddress: '4.4.4.4', DestinationTranslatedPort: '44', AdditionalExtensions: 'vendorThing=x y;otherKey=z;',
  };
  for (const [k, v] of Object.entries(expect)) assert.equal(r[k], v, k);
});

test('cef: TimeGenerated from rt (epoch ms or text), else the syslog time; start/end parsed', () => {
  const a = parseCefLine('<134>May 23 10:00:00 h CEF:0|V|P|1|2|N|3|rt=1779530400123 start=May 23 2026 09:00:00 end=1779530400000', 2026);
  assert.ok(typeof a !== 'string');
  assert.equal(time(a['TimeGenerated']), '2026-05-23T10:00:00.1230000Z');
  assert.equal(a['ReceiptTime'], '1779530400123');
  assert.equal(time(a['StartTime']), '2026-05-23T09:00:00.0000000Z');
  assert.equal(time(a['EndTime']), '2026-05-23T10:00:00.0000000Z');
  const b = parseCefLine('<134>May 23 10:00:00 h CEF:0|V|P|1|2|N|3|src=1.1.1.1', 2025);
  assert.ok(typeof b !== 'string');
  assert.equal(time(b['TimeGenerated']), '2025-05-23T10:00:00.0000000Z');
});

test('syslog headers: RFC 5424, RFC 3164 (with and without tag), ISO, bare host', () => {
  assert.deepEqual(parseSyslogHeader('<134>1 2026-05-23T10:00:00.123Z fw1 CEF - - -', 2026), { time: 17795304001230000n, host: 'fw1' });
  assert.deepEqual(parseSyslogHeader('<134>1 - fw1 app - - [x@1 a="b"]', 2026), { host: 'fw1' });
  assert.deepEqual(parseSyslogHeader('<13>May 23 10:00:00 fw2', 2026), { time: 17795304000000000n, host: 'fw2' });
  assert.deepEqual(parseSyslogHeader('May  3 10:00:00 fw3 asa[12]:', 2026), { time: 17778024000000000n, host: 'fw3' });
  assert.deepEqual(parseSyslogHeader('May 23 10:00:00 tag:', 2026), { time: 17795304000000000n });
  assert.deepEqual(parseSyslogHeader('2026-05-23T10:00:00Z fw4', 2026), { time: 17795304000000000n, host: 'fw4' });
  assert.deepEqual(parseSyslogHeader('fw5', 2026), { host: 'fw5' });
  assert.deepEqual(parseSyslogHeader('', 2026), {});
});

test('cef: not-CEF and short-header lines are reasons, not crashes', () => {
  assert.match(parseCefLine('plain syslog text', 2026) as string, /not a CEF record/);
  assert.match(parseCefLine('CEF:0|a|b|c', 2026) as string, /CEF header has 4 of 8/);
  assert.match(parseCefLine('CEF:x|a|b|c|d|e|f|', 2026) as string, /bad CEF version/);
});

test('cef file: RFC 5424 + RFC 3164 + bare lines, every bad line reported with file:line', async () => {
  const cat = await openCatalog([join(FIXTURES, 'cef')], { year: 2026 });
  const t = await cat.load('CommonSecurityLog', { columns: ['TimeGenerated', 'Computer', 'DeviceProduct', 'Activity', 'SourceIP', 'DestinationPort', 'Message', 'DeviceCustomString2', 'SourceUserName', 'RequestURL', 'AdditionalExtensions', 'DeviceCustomNumber1', 'FilePath', 'ReceivedBytes'] });
  const rows = plainRows(t);
  assert.equal(rows.length, 4);
  assert.deepEqual(rows[0], { TimeGenerated: '2026-05-23T10:00:00.1230000Z', Computer: 'fw-5424', DeviceProduct: 'VPN-1 | FireWall-1', Activity: 'Drop\\Reject',
    SourceIP: '10.1.1.1', DestinationPort: 443, Message: 'hello world with spaces', DeviceCustomString2: 'x=y', SourceUserName: '', RequestURL: '',
    AdditionalExtensions: 'customKey=custom value;', DeviceCustomNumber1: null, FilePath: '', ReceivedBytes: null });
  assert.equal(rows[1]!['TimeGenerated'], '2026-05-23T10:04:59.0000000Z');
  assert.equal(rows[1]!['Computer'], 'fw-3164');
  assert.equal(rows[1]!['SourceUserName'], 'CONTOSO\\alice');
  assert.equal(rows[1]!['RequestURL'], 'http://a.example/?x=1&y=2');
  assert.equal(rows[2]!['Computer'], '');
  assert.equal(rows[2]!['DeviceCustomNumber1'], 42);
  assert.equal(rows[2]!['FilePath'], 'C:\\x\\a b.exe');
  assert.equal(rows[2]!['ReceivedBytes'], 100);
  assert.equal(rows[3]!['Message'], 'line1\nline2');
  assert.equal(rows[3]!['DestinationPort'], null);
  const [r] = cat.reports();
  assert.equal(r!.read, 6);
  assert.equal(r!.loaded, 4);
  assert.equal(r!.rejected, 2);
  assert.equal(r!.nulled, 1);
  const file = join(FIXTURES, 'cef', 'firewall.log');
  assert.deepEqual(r!.problems.map((p) => [p.kind, p.line]), [['rejected', 4], ['rejected', 5], ['nulled', 6]]);
  assert.ok(r!.problems[0]!.message.startsWith(`${file}:4: not a CEF record`));
  assert.ok(r!.problems[2]!.message.startsWith(`${file}:6: column DestinationPort: cannot convert "notaport" to int`));
});
