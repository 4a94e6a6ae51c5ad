import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseSyslog } from './syslog.js';
import { openCatalog } from './index.js';
import { plainRows } from './test-helpers.js';

test('syslog: RFC 5424 with structured data, RFC 3164 with and without host/pid, ISO, none', () => {
  assert.deepEqual(parseSyslog('<165>1 2026-05-23T10:00:00.5Z host1 sshd 4242 ID47 [ex@1 a="b\\]"][x@2] \uFEFFAccepted key', 2026),
    { pri: 165, time: 17795304005000000n, host: 'host1', app: 'sshd', pid: '4242', msg: 'Accepted key' });
  assert.deepEqual(parseSyslog('<38>May  3 10:00:00 web2 sudo[77]: alice : TTY=pts/0', 2026),
    { pri: 38, time: 17778024000000000n, host: 'web2', app: 'sudo', pid: '77', msg: 'alice : TTY=pts/0' });
  assert.deepEqual(parseSyslog('May 23 10:00:00 kernel: eth0 up', 2026), { time: 17795304000000000n, app: 'kernel', msg: 'eth0 up' });
  assert.deepEqual(parseSyslog('2026-05-23T10:00:00Z h1 cron[1]: job', 2026), { time: 17795304000000000n, host: 'h1', app: 'cron', pid: '1', msg: 'job' });
  assert.deepEqual(parseSyslog('free text only', 2026), { msg: 'free text only' });
});

test('syslog file: a .log without CEF goes to Syslog with facility and severity from PRI', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'kqlite-syslog-'));
  try {
    writeFileSync(join(dir, 'messages.log'), '<38>May 23 10:00:00 web2 sudo[77]: alice ran id\n\n<165>1 2026-05-23T10:00:01Z h1 app - - - hi\nno header at all\n');
    const cat = await openCatalog([dir], { year: 2026 });
    assert.deepEqual(cat.tableNames(), ['Syslog']);
    const t = await cat.load('Syslog', { columns: ['TimeGenerated', 'Computer', 'Facility', 'SeverityLevel', 'ProcessName', 'ProcessID', 'SyslogMessage'] });
    assert.deepEqual(plainRows(t), [
      { TimeGenerated: '2026-05-23T10:00:00.0000000Z', Computer: 'web2', Facility: 'auth', SeverityLevel: 'info', ProcessName: 'sudo', ProcessID: 77, SyslogMessage: 'alice ran id' },
      { TimeGenerated: '2026-05-23T10:00:01.0000000Z', Computer: 'h1', Facility: 'local4', SeverityLevel: 'notice', ProcessName: 'app', ProcessID: null, SyslogMessage: 'hi' },
      { TimeGenerated: null, Computer: '', Facility: '', SeverityLevel: '', ProcessName: '', ProcessID: null, SyslogMessage: 'no header at all' },
    ]);
    const [r] = cat.reports();
    assert.deepEqual([r!.format, r!.read, r!.loaded, r!.rejected], ['syslog', 3, 3, 0]);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
