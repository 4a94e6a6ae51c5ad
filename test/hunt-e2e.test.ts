// End to end: generated workspaces of several sizes and seeds with the Nanocore IOCs planted; every planted hit
// must be found (and carry the expected tier where the IOC defines one) and no decoy may be reported.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { writeSample } from '../src/hunt/sample/generate.js';
import { runHunt } from '../src/hunt/run-hunts.js';
import { importIntel } from '../src/intel/index.js';
import { run } from '../src/cli/main.js';

const root = new URL('..', import.meta.url).pathname;
const intel = join(root, 'samples/intel/nanocore-writeup.txt');

function capture() {
  let out = '', err = '';
  return {
    io: { stdout: { write: (s: string) => { out += s; return true; } }, stderr: { write: (s: string) => { err += s; return true; } }, cwd: root },
    out: () => out, err: () => err,
  };
}

for (const [rows, seed] of [[1500, 1], [6000, 2], [3000, 99]] as const) {
  test(`planted hits found, decoys not (rows=${rows}, seed=${seed})`, async () => {
    const dir = mkdtempSync(join(tmpdir(), 'kqlite-e2e-'));
    try {
      const set = await importIntel([intel]);
      const families = [...new Set(set.iocs.map((i) => i.family).filter((f): f is string => !!f))];
      const m = await writeSample(dir, { rows, seed, iocs: set.iocs, families });
      const r = await runHunt({ intel: [intel], data: [dir] });
      assert.equal(r.runs.filter((x) => x.error).length, 0, JSON.stringify(r.runs.filter((x) => x.error)));
      const hits = m.planted.filter((p) => p.kind === 'hit');
      const decoys = m.planted.filter((p) => p.kind === 'decoy');
      assert.ok(hits.length >= 20 && decoys.length >= 10);
      for (const p of hits) {
        const f = r.findings.find((x) => x.table === p.table && x.time === p.time);
        assert.ok(f, `planted hit not found: ${p.table} ${p.column}=${p.value} (${p.note})`);
        assert.equal(f.ioc.value, p.ioc.value);
        if (p.ioc.port !== undefined && p.note.includes('with its port')) assert.equal(f.tier, 'high', `${p.note}`);
        if (p.ioc.port !== undefined && p.note.includes('another port')) assert.equal(f.tier, 'medium', `${p.note}`);
      }
      for (const p of decoys) {
        const f = r.findings.find((x) => x.table === p.table && x.time === p.time);
        assert.equal(f, undefined, `decoy reported: ${p.table} ${p.column}=${p.value} (${p.note})`);
      }
      assert.equal(r.findings.length, hits.length, 'no finding beyond the planted hits');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
}

test('the README main job: findings on the bundled workspace, exit 1, report written', async () => {
  const out = mkdtempSync(join(tmpdir(), 'kqlite-out-'));
  try {
    const c = capture();
    const code = await run(['hunt', '--intel', 'samples/intel/nanocore-writeup.txt', '--data', 'samples/workspace', '--out', out], c.io);
    assert.equal(code, 1, c.err());
    assert.match(c.out(), /FINDINGS: \d+ matching event/);
    assert.match(c.out(), /68\.134\.58\.120:54984/);
    const report = readFileSync(join(out, 'report.md'), 'utf8');
    assert.match(report, /# Hunt findings/);
    assert.match(report, /## Next steps/);
    const findings = JSON.parse(readFileSync(join(out, 'findings.json'), 'utf8'));
    assert.ok(findings.findings.length > 0);
    assert.match(readFileSync(join(out, 'findings.csv'), 'utf8'), /^time,tier,ioc_type,ioc,port,table/);
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
});

test('hunt exits 0 when nothing is found and 2 on usage errors', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'kqlite-clean-'));
  try {
    await writeSample(dir, { rows: 500, seed: 5 });
    const c = capture();
    assert.equal(await run(['hunt', '--intel', intel, '--data', dir], c.io), 0, c.err());
    assert.match(c.out(), /No findings/);
    const u = capture();
    assert.equal(await run(['hunt', '--data', dir], u.io), 2);
    assert.match(u.err(), /--intel FILE is required/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('sample is deterministic for a seed', async () => {
  const a = mkdtempSync(join(tmpdir(), 'kqlite-a-'));
  const b = mkdtempSync(join(tmpdir(), 'kqlite-b-'));
  try {
    await writeSample(a, { rows: 800, seed: 3 });
    await writeSample(b, { rows: 800, seed: 3 });
    for (const f of ['DnsEvents.ndjson', 'DeviceNetworkEvents.ndjson', 'sample-manifest.json']) {
      assert.equal(readFileSync(join(a, f), 'utf8'), readFileSync(join(b, f), 'utf8'), f);
    }
  } finally {
    rmSync(a, { recursive: true, force: true });
    rmSync(b, { recursive: true, force: true });
  }
});

test('a full Markdown write-up (IOC table, KQL examples, references) hunts exactly the three Nanocore IOCs', async () => {
  const full = join(root, 'test/fixtures/writeup/nanocore-full.md');
  const set = await importIntel([full]);
  assert.deepEqual(set.iocs.map((i) => `${i.type} ${i.value}${i.port ? ':' + i.port : ''} ${i.family} ${i.confidence}`), [
    'ipv4 68.134.58.120:54984 Nanocore RAT 75', 'domain algerium.io Nanocore RAT 75', 'domain net883.com Nanocore RAT 75',
  ]);
  const a = await runHunt({ intel: [full], data: [join(root, 'samples/workspace')] });
  const b = await runHunt({ intel: [intel], data: [join(root, 'samples/workspace')] });
  assert.ok(a.findings.length > 0);
  assert.deepEqual(a.findings.map((f) => [f.time, f.table, f.ioc.value]), b.findings.map((f) => [f.time, f.table, f.ioc.value]));
});

test('hunt takes several intel files after one --intel', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'kqlite-multi-'));
  try {
    const csv = join(dir, 'more.csv');
    writeFileSync(csv, 'value,type\nevil-extra.example.org,domain\n');
    const c = capture();
    const code = await run(['hunt', '--intel', intel, csv, '--data', 'samples/workspace', '--format', 'json'], c.io);
    assert.equal(code, 1, c.err());
    assert.equal(JSON.parse(c.out()).summary.iocsHunted, 4);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
